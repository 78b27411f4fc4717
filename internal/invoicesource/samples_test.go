package invoicesource

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// samplesDir holds real files published by others (see SOURCES.md there).
const samplesDir = "../../../shared/samples"

// sampleNames lists the files of one sample directory, skipping the test
// when the shared samples are not checked out.
func sampleNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(samplesDir, dir))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("samples not available: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func readSample(t testing.TB, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("sample not available: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// requireAllCovered fails when a sample directory holds a file the
// expectations do not mention: every sample must be parsed and checked.
func requireAllCovered[V any](t *testing.T, dir string, expected map[string]V) {
	t.Helper()
	for _, name := range sampleNames(t, dir) {
		if _, ok := expected[name]; !ok {
			t.Errorf("sample %s/%s has no expectations in the tests", dir, name)
		}
	}
}

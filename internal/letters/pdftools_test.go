package letters

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The PDF tests read the output back with poppler-utils, as a reader would.
// Without the tools they skip on a developer machine, but fail in CI, where
// skipping would hide a broken letter.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI (apt-get install poppler-utils): %v", name, err)
		}
		t.Skipf("%s not installed (poppler-utils); set CI=true to make this a failure", name)
	}
	return path
}

func writePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(requireTool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// spaces folds the no-break spaces poppler may or may not keep, and runs of
// layout spaces, into one plain space, so tests can compare words.
var spaces = regexp.MustCompile(`[ \x{00a0}\x{202f}]+`)

func normalize(s string) string { return spaces.ReplaceAllString(s, " ") }

// pdfText is the text of pages first to last (0 for all) of pdf.
func pdfText(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	args := []string{"-layout", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return normalize(runTool(t, "pdftotext", append(args, writePDF(t, pdf), "-")...))
}

func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	info := runTool(t, "pdfinfo", writePDF(t, pdf))
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pdfFonts lists the base font names used by pdf.
func pdfFonts(t *testing.T, pdf []byte) string {
	t.Helper()
	return runTool(t, "pdffonts", writePDF(t, pdf))
}

func assertContains(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, normalize(w)) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}

func assertLacks(t *testing.T, text string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(text, normalize(u)) {
			t.Errorf("PDF text has %q, which it must not", u)
		}
	}
}

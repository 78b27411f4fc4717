package bankstatement

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

// samplesDir holds real files published by others (see SOURCES.md there).
const samplesDir = "../../../shared/samples"

// readSample returns a sample file, skipping the test when the shared
// directory is not mounted (e.g. on a developer machine without it).
func readSample(t testing.TB, rel string) []byte {
	t.Helper()
	if _, err := os.Stat(samplesDir); os.IsNotExist(err) {
		t.Skipf("shared samples not available at %s", samplesDir)
	}
	data, err := os.ReadFile(filepath.Join(samplesDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sampleFiles lists the files of a sample sub-directory.
func sampleFiles(t testing.TB, dir string) []string {
	t.Helper()
	if _, err := os.Stat(samplesDir); os.IsNotExist(err) {
		t.Skipf("shared samples not available at %s", samplesDir)
	}
	entries, err := os.ReadDir(filepath.Join(samplesDir, dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

func day(s string) civil.Date { return civil.MustParse(s) }

// wantStatement compares the statement header (everything but the entries)
// and the number of entries.
func wantStatement(t *testing.T, got Statement, want Statement, entries int) {
	t.Helper()
	g := got
	g.Entries = nil
	want.Entries = nil
	if g.AccountID != want.AccountID || g.Currency != want.Currency || g.ClosingCurrency != want.ClosingCurrency ||
		g.OpeningCents != want.OpeningCents || g.ClosingCents != want.ClosingCents ||
		!g.OpeningDate.Equal(want.OpeningDate) || !g.ClosingDate.Equal(want.ClosingDate) || g.Source != want.Source {
		t.Errorf("statement header\n got %+v\nwant %+v", g, want)
	}
	if len(got.Entries) != entries {
		t.Errorf("statement at %s: %d entries, want %d", got.Source, len(got.Entries), entries)
	}
}

// wantEntry compares one entry field by field.
func wantEntry(t *testing.T, got, want Entry) {
	t.Helper()
	if got.Line != want.Line || got.Path != want.Path ||
		!got.BookingDate.Equal(want.BookingDate) || !got.ValueDate.Equal(want.ValueDate) ||
		got.AmountCents != want.AmountCents || got.Currency != want.Currency ||
		got.PayerName != want.PayerName || got.Remittance != want.Remittance ||
		got.BankReference != want.BankReference || got.EndToEndID != want.EndToEndID ||
		got.Reversal != want.Reversal {
		t.Errorf("entry\n got %+v\nwant %+v", got, want)
	}
}

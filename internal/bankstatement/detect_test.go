package bankstatement

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
		wantErr    string
	}{
		{"releve.txt", r01("0000000010000{"), FormatCFONB120, ""},
		{"RELEVE", r04("0000000010000{", "VIR"), FormatCFONB120, ""}, // content decides, parser reports the missing 01
		{"statement.xml", camtDoc(), FormatCAMT053, ""},
		{"no-namespace.xml", "\ufeff\r\n  <Document><BkToCstmrStmt>", FormatCAMT053, ""},
		{"camt.dat", `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">`, FormatCAMT053, ""},
		{"report.xml", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02">`, FormatUnknown, "report.xml: camt.052 account reports are not supported"},
		{"notif.xml", `<Document><BkToCstmrDbtCdtNtfctn>`, FormatUnknown, "notif.xml: camt.054 notifications are not supported"},
		{"facture.xml", `<?xml version="1.0"?><rsm:CrossIndustryInvoice>`, FormatUnknown, "facture.xml: XML file is not a camt.053 bank statement"},
		{"empty.txt", " \r\n", FormatUnknown, "empty.txt: the file is empty"},
		{"fec.txt", "JournalCode\tJournalLib\tEcritureNum", FormatUnknown, `fec.txt: not a CFONB 120 or camt.053 bank statement (it starts with "JournalCode\tJournalLib\tE")`},
		{"lower.txt", strings.Replace(r01("0000000010000{"), "EUR", "eur", 1), FormatUnknown, "not a CFONB 120 or camt.053"},
		{"short.txt", "0130003", FormatUnknown, "not a CFONB 120 or camt.053"},
	}
	for _, tt := range tests {
		got, err := Detect(tt.name, []byte(tt.head))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || got != FormatUnknown {
				t.Errorf("Detect(%q) = %v, %v; want error containing %q", tt.name, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Detect(%q) = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestDetectSamples(t *testing.T) {
	for dir, want := range map[string]Format{"cfonb120": FormatCFONB120, "camt053": FormatCAMT053} {
		for _, rel := range sampleFiles(t, dir) {
			data := readSample(t, rel)
			if got, err := Detect(rel, data[:min(len(data), headSize)]); got != want || err != nil {
				t.Errorf("Detect(%s) = %v, %v; want %v", rel, got, err, want)
			}
		}
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[Format]string{FormatUnknown: "unknown", FormatCFONB120: "CFONB 120", FormatCAMT053: "camt.053", 9: "unknown"} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", f, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	balanced := []string{r01("0000000010000{"), r04("0000000000500{", "VIR CLIENT"), r07("0000000010500{")}
	// 105.00 − 5.00 should close at 100.00; this day says 100.01.
	unbalanced := []string{r01("0000000001050{"), r04("0000000000050}", "PRLV"), r07("0000000001000A")}
	tests := []struct {
		name, input string
		statements  int
		wantErr     []string
	}{
		{"releve.txt", lines(balanced...), 1, nil},
		{"releve.txt", lines(append(balanced, balanced...)...), 2, nil},
		{"deux-jours.txt", lines(append(balanced, unbalanced...)...), 0, []string{
			"deux-jours.txt: statement at line 4 (account 300030123401234567890, 2024-01-12 to 2024-01-13) does not balance",
			"opening 105.00 + 1 entries -5.00 = 100.00, but closing is 100.01 (difference 0.01 EUR)"}},
		{"camt.xml", camtDoc(camtStmt("150.00", camtNtry("50.00", "CRDT", ""))), 1, nil},
		{"camt.xml", camtDoc(camtStmt("150.00", camtNtry("50.00", "DBIT", ""))), 0, []string{
			"camt.xml: statement at Document/BkToCstmrStmt/Stmt[1]", "difference 100.00 EUR"}},
		{"bad.txt", lines(r01("0000000010000{"), r04("0000000001234X", "VIR"), r07("0000000010000{")), 0, []string{
			`bad.txt: line 2: amount "0000000001234X": invalid over-punched sign character 'X'`}},
		{"bad.xml", `<Document><BkToCstmrStmt><Stmt>`, 0, []string{"bad.xml: camt.053: malformed XML"}},
		{"vide.txt", "", 0, []string{"vide.txt: the file is empty"}},
	}
	for _, tt := range tests {
		ss, err := Parse(tt.name, strings.NewReader(tt.input))
		if len(tt.wantErr) == 0 {
			if err != nil || len(ss) != tt.statements {
				t.Errorf("Parse(%s) = %d statements, %v; want %d", tt.name, len(ss), err, tt.statements)
			}
			continue
		}
		if err == nil || ss != nil {
			t.Errorf("Parse(%s) = %d statements, %v; want nothing and an error", tt.name, len(ss), err)
			continue
		}
		for _, frag := range tt.wantErr {
			if !strings.Contains(err.Error(), frag) {
				t.Errorf("Parse(%s) error %q\nwant it to contain %q", tt.name, err, frag)
			}
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disque illisible") }

func TestParseReadErrorAndSize(t *testing.T) {
	if _, err := Parse("x.txt", failingReader{}); err == nil || err.Error() != "x.txt: disque illisible" {
		t.Errorf("read error: %v", err)
	}
	huge := io.LimitReader(zeros{}, maxFileSize+1)
	if _, err := Parse("huge.bin", huge); err == nil || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Errorf("size limit: %v", err)
	}
}

package invoicesource

import (
	"strings"
	"testing"
)

func TestDetectSamples(t *testing.T) {
	want := map[string]Kind{"fec": KindFEC, "ubl": KindUBL}
	for dir, kind := range want {
		for _, name := range sampleNames(t, dir) {
			data := readSample(t, dir, name)
			if got, err := Detect(name, data[:min(len(data), DetectHeadSize)]); got != kind || err != nil {
				t.Errorf("Detect(%s) = %q, %v; want %q", name, got, err, kind)
			}
		}
	}
	// Bank statements are not invoices.
	for _, dir := range []string{"camt053", "cfonb120"} {
		for _, name := range sampleNames(t, dir) {
			data := readSample(t, dir, name)
			if got, err := Detect(name, data[:min(len(data), DetectHeadSize)]); err == nil {
				t.Errorf("Detect(%s) = %q, want an error", name, got)
			}
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Kind
		wantErr    string
	}{
		{"x.pdf", "%PDF-1.7\n", KindFacturX, ""},
		{"x.txt", "\ufeffJournalCode\tJournalLib\tEcritureNum\n", KindFEC, ""},
		{"x.txt", "JournalCode|JournalLib|\n", KindFEC, ""},
		{"x.csv", "JournalCode;JournalLib\n", "", "semicolons"},
		{"x.xml", "<?xml version='1.0'?>\n<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100'>", KindCII, ""},
		{"x.xml", "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'><cbc:ID>", KindUBL, ""},
		{"x.xml", "<CreditNote xmlns='urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2'>", KindUBL, ""},
		// Root beyond the head, after a long licence comment.
		{"x.xml", "<?xml version='1.0'?><!-- " + strings.Repeat("licence ", 100) + " urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100", KindCII, ""},
		{"x.xml", "<Invoice xmlns='urn:example:other'>", "", "neither a CII nor a UBL"},
		{"x.xml", "<?xml version='1.0'?><!-- never closed", "", "no XML root element"},
		{"123456789FEC20231231.txt", "Journal\tCode\n", "", "named like a FEC"},
		{"releve.txt", "0130003    01234EUR2 01234567890", "", "unknown format"},
	}
	for _, tt := range tests {
		got, err := Detect(tt.name, []byte(tt.head))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("Detect(%q, %.30q) error = %v, want %q naming the file", tt.name, tt.head, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Detect(%q, %.30q) = %q, %v; want %q", tt.name, tt.head, got, err, tt.want)
		}
	}
}

func TestParseFECFileName(t *testing.T) {
	tests := []struct {
		name, siren, closing string
		ok                   bool
	}{
		{"123456789FEC20231231.txt", "123456789", "2023-12-31", true},
		{"/tmp/exports/111111111fec20221231.TXT", "111111111", "2022-12-31", true},
		{"123456789FEC20231231", "123456789", "2023-12-31", true},
		{"0000000001FEC20220831.txt", "", "", false}, // ten digits
		{"123456789FEC20231331.txt", "", "", false},  // no such month
		{"export.txt", "", "", false},
	}
	for _, tt := range tests {
		siren, closing, ok := ParseFECFileName(tt.name)
		if siren != tt.siren || closing.String() != tt.closing || ok != tt.ok {
			t.Errorf("ParseFECFileName(%q) = %q, %s, %v; want %q, %s, %v", tt.name, siren, closing, ok, tt.siren, tt.closing, tt.ok)
		}
	}
}

package invoicesource

import (
	"strings"
	"testing"
)

func TestParseFECAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"0,00", 0, ""},
		{"", 0, ""},
		{"   ", 0, ""},
		{"0000000069,60", 69_60, ""},
		{"1234,5", 1234_50, ""},
		{"1234", 1234_00, ""},
		{"-12,34", -12_34, ""},
		{"+3,10", 3_10, ""},
		{"12.5", 12_50, ""},
		{" 7,00 ", 7_00, ""},
		{"1 234,56", 1234_56, ""},      // thousands space: slow path
		{"1\u00a0234,56", 1234_56, ""}, // no-break space
		{"12,", 12_00, ""},
		{"12,345", 0, "more than two decimals"},
		{"1.234,56", 0, "more than one decimal separator"},
		{"12a", 0, "not a decimal number"},
		{"99999999999999999999", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := parseFECAmount([]byte(tt.in))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseFECAmount(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseFECAmount(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseFECDate(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"20240229", "2024-02-29", ""},
		{" 20231231 ", "2023-12-31", ""},
		{"", "", ""},
		{"20230229", "", "does not exist"},
		{"20241301", "", "does not exist"},
		{"20240100", "", "does not exist"},
		{"2024-01-01", "", "AAAAMMJJ"},
		{"2024011", "", "AAAAMMJJ"},
		{"2024O101", "", "AAAAMMJJ"},
	}
	for _, tt := range tests {
		got, err := parseFECDate([]byte(tt.in))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseFECDate(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("parseFECDate(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestClassifyCredit(t *testing.T) {
	tests := []struct {
		journal, journalLib, label, piece string
		want                              string
	}{
		{"VE", "Ventes", "Client X", "F12", TypeCreditNote},
		{"VT", "Journal VT", "x", "1", TypeCreditNote},
		{"ve", "Ventes", "RECETTE CB", "01/2023", TypeCreditNote},
		{"V", "", "", "", TypeCreditNote},
		{"J1", "VENTES FRANCE", "", "", TypeCreditNote},
		{"OD", "Opérations diverses", "Avoir n° 12", "", TypeCreditNote},
		{"OD", "Opérations diverses", "AVOIR COMMERCIAL", "", TypeCreditNote},
		{"OD", "Divers", "", "AV-2024-01", TypeCreditNote},
		{"OD", "Divers", "", "AV12", TypeCreditNote},
		{"BQ", "Banque", "Virement reçu", "VIR", TypePayment},
		{"RCH", "REMISES DE CHEQUES", "JULES NOURRIT", "9969113", TypePayment},
		{"CA", "Caisse", "Espèces", "", TypePayment},
		{"OD", "Divers", "Savoir-faire", "", TypePayment}, // "avoir" inside a word
		{"OD", "Divers", "", "AVENANT 3", TypePayment},    // AV followed by a letter
		{"AN", "A nouveaux", "Report à nouveau", "RAN", TypePayment},
	}
	for _, tt := range tests {
		if got := classifyCredit(tt.journal, tt.journalLib, tt.label, tt.piece); got != tt.want {
			t.Errorf("classifyCredit(%q, %q, %q, %q) = %s, want %s", tt.journal, tt.journalLib, tt.label, tt.piece, got, tt.want)
		}
	}
}

func TestParseXMLAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		ok      bool
		wantErr string
	}{
		{"104.90", 104_90, true, ""},
		{"100.0000", 100_00, true, ""},
		{"5.8", 5_80, true, ""},
		{"50", 50_00, true, ""},
		{"-25.00", -25_00, true, ""},
		{" 1.5 ", 1_50, true, ""},
		{".5", 50, true, ""},
		{"", 0, false, ""},
		{"0.6667", 0, false, "not a whole number of cents"},
		{"1.005", 0, false, "not a whole number of cents"},
		{"1,50", 0, false, "not a decimal number"},
		{"1 000.00", 0, false, "not a decimal number"},
		{"--1", 0, false, "not a decimal number"},
		{"1e3", 0, false, "not a decimal number"},
		{".", 0, false, "not a decimal number"},
		{"999999999999999999999", 0, false, "too large"},
	}
	for _, tt := range tests {
		got, ok, err := parseXMLAmount("ubl", "Invoice/cbc:X", tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "Invoice/cbc:X") {
				t.Errorf("parseXMLAmount(%q) error = %v, want %q with the path", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want || ok != tt.ok {
			t.Errorf("parseXMLAmount(%q) = %d, %v, %v; want %d, %v", tt.in, got, ok, err, tt.want, tt.ok)
		}
	}
}

func TestDocumentType(t *testing.T) {
	tests := []struct{ code, fallback, want, wantErr string }{
		{"380", TypeInvoice, TypeInvoice, ""},
		{"384", TypeInvoice, TypeInvoice, ""},
		{"386", TypeInvoice, TypeInvoice, ""},
		{"381", TypeInvoice, TypeCreditNote, ""},
		{"261", TypeInvoice, TypeCreditNote, ""},
		{"262", TypeInvoice, TypeCreditNote, ""},
		{"396", TypeInvoice, TypeCreditNote, ""},
		{"", TypeCreditNote, TypeCreditNote, ""},
		{"INV", TypeInvoice, "", "not a UNTDID 1001"},
		{"3801", TypeInvoice, "", "not a UNTDID 1001"},
	}
	for _, tt := range tests {
		got, err := documentType(tt.code, tt.fallback)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("documentType(%q) error = %v", tt.code, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("documentType(%q) = %s, %v; want %s", tt.code, got, err, tt.want)
		}
	}
}

func TestApplyCompanyIDs(t *testing.T) {
	tests := []struct {
		name         string
		country      string
		ids          []partyID
		siren, siret string
	}{
		{"SIREN under 0002", "FR", []partyID{{"0002", "123456782"}}, "123456782", ""},
		{"SIRET under 0009 gives the SIREN", "FR", []partyID{{"0009", "78787878400018"}}, "787878784", "78787878400018"},
		{"SIRET wrongly under 0002 (FNFE samples)", "FR", []partyID{{"0002", "99999999800010"}}, "999999998", "99999999800010"},
		{"spaces are ignored", "FR", []partyID{{"0002", "987 654 321"}}, "987654321", ""},
		{"legal ID wins over later ones", "FR", []partyID{{"0002", "123456782"}, {"0002", "987654321"}}, "123456782", ""},
		{"French CTC address", "FR", []partyID{{"0225", "999999998_042"}}, "999999998", ""},
		{"unschemed Luhn-valid French number", "FR", []partyID{{"", "732829320"}}, "732829320", ""},
		{"unschemed number failing Luhn", "FR", []partyID{{"", "732829321"}}, "", ""},
		{"unschemed number of a foreign party", "NO", []partyID{{"", "732829320"}}, "", ""},
		{"GLN is not a SIREN", "FR", []partyID{{"0088", "587451236587"}}, "", ""},
		{"non-digits under 0002", "FR", []partyID{{"0002", "ABC456782"}}, "", ""},
	}
	for _, tt := range tests {
		p := Party{Address: Address{Country: tt.country}}
		applyCompanyIDs(&p, tt.ids)
		if p.SIREN != tt.siren || p.SIRET != tt.siret {
			t.Errorf("%s: SIREN %q SIRET %q, want %q %q", tt.name, p.SIREN, p.SIRET, tt.siren, tt.siret)
		}
	}
}

func TestLuhnValid(t *testing.T) {
	for in, want := range map[string]bool{
		"732829320":      true, // Luhn sum 40
		"552100554":      true, // Peugeot SA
		"552100555":      false,
		"73282932000074": true,
		"73282932000075": false,
		"12345":          false,
		"12345678A":      false,
	} {
		if got := luhnValid(in); got != want {
			t.Errorf("luhnValid(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestAppendLatin9(t *testing.T) {
	in := []byte{'C', 0xE9, 'a', ' ', 0xA4, ' ', 0xBD, 0xBC, ' ', 0xF8, 0xA6, 0xB4, 0xBE, 0xE0}
	if got, want := string(appendLatin9(nil, in)), "Céa € œŒ øŠŽŸà"; got != want {
		t.Errorf("appendLatin9 = %q, want %q", got, want)
	}
}

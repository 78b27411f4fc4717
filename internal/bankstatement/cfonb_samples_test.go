package bankstatement

import (
	"bytes"
	"strings"
	"testing"
)

// cfonbSamples holds, for every file in samples/cfonb120, figures read from
// the file by eye. Opening/closing balances and amounts were decoded by hand
// from the over-punched fields; every one of these statements balances.
var cfonbSamples = map[string]func(t *testing.T, ss []Statement){
	"cfonb120/oca_cfonb_classic.cfo": func(t *testing.T, ss []Statement) {
		if len(ss) != 1 {
			t.Fatalf("%d statements, want 1", len(ss))
		}
		s := ss[0]
		// "0000010173118I" is 1,017,311.89 (SOURCES.md's "101,731.18" drops the
		// over-punched digit; OCA's own test asserts 1017311.89 / 1031585.79).
		wantStatement(t, s, Statement{AccountID: "300030123401234567890", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: 101731189, OpeningDate: day("2024-01-12"),
			ClosingCents: 103158579, ClosingDate: day("2024-01-13"), Source: "line 1"}, 13)
		jan13 := day("2024-01-13")
		wantEntry(t, s.Entries[0], Entry{Line: 2, BookingDate: jan13, ValueDate: jan13, AmountCents: 104017, Currency: "EUR",
			PayerName: "MA JOLIE BOUTIQUE", Remittance: "VIR INST MA JOLIE BOUTIQUE facture F230875"})
		// LIB and LCC repeat the invoice numbers: kept once. RCN is the end-to-end id.
		wantEntry(t, s.Entries[1], Entry{Line: 6, BookingDate: jan13, ValueDate: jan13, AmountCents: 132100, Currency: "EUR",
			PayerName: "DURANCIA MONTGENEVRE", Remittance: "VIR DURANCIA MONTGENEVRE F230866 F230765 F238765",
			EndToEndID: "0018937"})
		wantEntry(t, s.Entries[2], Entry{Line: 12, BookingDate: jan13, ValueDate: jan13, AmountCents: 477291, Currency: "EUR",
			PayerName: "DITRI CAMPING NORD", Remittance: "VIR DITRI CAMPING NORD ACOMPTE PROJET CIMENT LOT2",
			EndToEndID: "F230987, F231234"})
		wantEntry(t, s.Entries[9], Entry{Line: 46, BookingDate: jan13, ValueDate: jan13, AmountCents: -1999, Currency: "EUR",
			PayerName: "NIMPORTEQUOI", Remittance: "PRLV SEPA FREE MOBILE", EndToEndID: "fmpmt-1168225394"})
		// LCC fills its 70 characters and LC2 continues it mid-number.
		wantEntry(t, s.Entries[11], Entry{Line: 59, BookingDate: jan13, ValueDate: jan13, AmountCents: -61714, Currency: "EUR",
			PayerName:  "AKRETION FRANCE",
			Remittance: "PRLV SEPA Orange FIBENT - FR - Facture: 76662391 - Compte Fact: 30008765 - Ident: 00003263",
			EndToEndID: ")30008765 76662391         45 3"})
		if got := s.Entries[12].AmountCents; got != -303755 {
			t.Errorf("last entry %d, want -303755", got)
		}
		credits := 0
		for _, e := range s.Entries {
			if e.IsCredit() {
				credits++
			}
		}
		if credits != 9 {
			t.Errorf("%d credits, want 9 (VIR) and 4 debits (PRLV)", credits)
		}
	},
	"cfonb120/oca_test_cfonb.txt":          wantOCATestCFONB(false),
	"cfonb120/oca_test_cfonb_one_line.txt": wantOCATestCFONB(true),
	"cfonb120/pennylane_example.txt": func(t *testing.T, ss []Statement) {
		if len(ss) != 2 {
			t.Fatalf("%d statements, want 2", len(ss))
		}
		wantStatement(t, ss[0], Statement{AccountID: "155890000098765432100", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: -19040, OpeningDate: day("2019-05-15"),
			ClosingCents: -24121, ClosingDate: day("2019-05-16"), Source: "line 1"}, 3)
		may15, may16, may17 := day("2019-05-15"), day("2019-05-16"), day("2019-05-17")
		// REF gives the bank reference, RCN its first 35 characters; the
		// unknown qualifiers (AAA, BBB, "N Y", "2'C") are left out.
		wantEntry(t, ss[0].Entries[0], Entry{Line: 3, BookingDate: may16, ValueDate: may16, AmountCents: -3221, Currency: "EUR",
			PayerName: "INTERNET SFR", Remittance: "PRLV SEPA TEST CABINET MENSUEAUHTR13133 MENSUEAUHTR13DUP",
			BankReference: "REFERENCE", EndToEndID: "OTHER REFERENCE"})
		wantEntry(t, ss[0].Entries[1], Entry{Line: 16, BookingDate: may16, ValueDate: may16, AmountCents: -1070, Currency: "EUR",
			PayerName: "ELEC ERDF", Remittance: "VIR SEPA DEMONSTRATION", BankReference: "REFERENCE"})
		wantStatement(t, ss[1], Statement{AccountID: "187060000000123456789", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: -24121, OpeningDate: may16,
			ClosingCents: -16372, ClosingDate: may17, Source: "line 24"}, 3)
		// The 04 record has a blank at position 89 ("0000000 0…"): outside the amount.
		wantEntry(t, ss[1].Entries[0], Entry{Line: 26, BookingDate: may17, ValueDate: may15, AmountCents: 9749, Currency: "EUR",
			Remittance: "PRLV SEPA GROUPAMA CEN P051928612 22793301700040"})
		if got := ss[1].Entries[1].AmountCents; got != -1210 {
			t.Errorf("FRAIS PRLV IMP: %d, want -1210", got)
		}
	},
	"cfonb120/silarhi_complex-test.txt": func(t *testing.T, ss []Statement) {
		if len(ss) != 8 {
			t.Fatalf("%d statements, want 8", len(ss))
		}
		counts := []int{1, 2, 0, 1, 0, 1, 0, 0}
		for i, s := range ss {
			if len(s.Entries) != counts[i] {
				t.Errorf("statement %d: %d entries, want %d", i+1, len(s.Entries), counts[i])
			}
		}
		wantStatement(t, ss[0], Statement{AccountID: "102780220400012345603", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: 1669565, OpeningDate: day("2020-04-06"),
			ClosingCents: 1667286, ClosingDate: day("2020-04-07"), Source: "line 1"}, 1)
		wantEntry(t, ss[1].Entries[1], Entry{Line: 7, BookingDate: day("2020-04-08"), ValueDate: day("2020-04-08"),
			AmountCents: -500000, Currency: "EUR", Remittance: "VIR JOHNDOE / FOOBAR"})
		wantEntry(t, ss[3].Entries[0], Entry{Line: 12, BookingDate: day("2020-04-10"), ValueDate: day("2020-04-01"),
			AmountCents: -11775, Currency: "EUR", Remittance: "FACTURE SGT20022040001692 DONT TVA 11 39EUR"})
		// The last day restarts from another balance, with a label on the 01.
		wantStatement(t, ss[7], Statement{AccountID: "102780220400020427603", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: 58435302, OpeningDate: day("2020-04-23"),
			ClosingCents: 58435302, ClosingDate: day("2020-04-24"), Source: "line 25"}, 0)
	},
}

// wantOCATestCFONB checks test_cfonb.txt and its copy without line breaks,
// which must give the same statements, only located differently.
func wantOCATestCFONB(oneLine bool) func(t *testing.T, ss []Statement) {
	return func(t *testing.T, ss []Statement) {
		if len(ss) != 2 {
			t.Fatalf("%d statements, want 2", len(ss))
		}
		src1, src2, line := "line 1", "line 17", func(n int) int { return n }
		if oneLine {
			src1, src2, line = "line 1, record 1", "line 1, record 17", func(int) int { return 1 }
		}
		feb1, feb9, feb10 := day("2016-02-01"), day("2016-02-09"), day("2016-02-10")
		wantStatement(t, ss[0], Statement{AccountID: "300010079412345678901", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: 1905, OpeningDate: feb9, ClosingCents: -965452, ClosingDate: feb10, Source: src1}, 4)
		wantEntry(t, ss[0].Entries[1], Entry{Line: line(6), BookingDate: feb10, ValueDate: feb10, AmountCents: -37577, Currency: "EUR",
			Remittance: "RETRAIT G.A.B. 064 000 *WASHINGTON AVE LE 08/02/16 CB.920027136 MT D'ORIGINE USA 40300 " +
				"1 USD = 0,90220843 EUR COMMISSION DE SERVICE 12,18 EUR"})
		wantEntry(t, ss[0].Entries[3], Entry{Line: line(15), BookingDate: feb10, ValueDate: feb1, AmountCents: -817634, Currency: "EUR",
			Remittance: "DEBIT MENSUEL CB 875 000"})
		wantStatement(t, ss[1], Statement{AccountID: "300040000312345678901", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: -4172864, OpeningDate: feb9, ClosingCents: -4365223, ClosingDate: feb10, Source: src2}, 3)
		wantEntry(t, ss[1].Entries[0], Entry{Line: line(18), BookingDate: feb10, ValueDate: feb1, AmountCents: -28919, Currency: "EUR",
			Remittance: "FAC.CIC SGT16009999971208 DONT TVA 2 80EUR"})
		// '}' is minus zero: these two transfers are debits.
		if a, b := ss[1].Entries[1].AmountCents, ss[1].Entries[2].AmountCents; a != -19440 || b != -144000 {
			t.Errorf("VIR amounts %d, %d; want -19440, -144000", a, b)
		}
	}
}

func TestCFONBSamples(t *testing.T) {
	files := sampleFiles(t, "cfonb120")
	if len(files) != len(cfonbSamples) {
		t.Errorf("%d files in cfonb120, %d with expectations: add the new sample here", len(files), len(cfonbSamples))
	}
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			check, ok := cfonbSamples[rel]
			if !ok {
				t.Fatalf("no expectations for %s", rel)
			}
			data := readSample(t, rel)
			ss, err := ParseCFONB120(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("ParseCFONB120: %v", err)
			}
			check(t, ss)
			// Through the dispatcher, with the balance check: all balance.
			ss2, err := Parse(rel, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(ss2) != len(ss) {
				t.Errorf("Parse gave %d statements, ParseCFONB120 %d", len(ss2), len(ss))
			}
			for _, s := range ss {
				for _, e := range s.Entries {
					if strings.Contains(e.Remittance, "  ") || e.Currency != "EUR" {
						t.Errorf("line %d: remittance %q, currency %q", e.Line, e.Remittance, e.Currency)
					}
				}
			}
		})
	}
}

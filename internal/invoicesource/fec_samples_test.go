package invoicesource

import (
	"bytes"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

// fecExpectation holds figures read from the sample files by eye and
// recounted with awk: lines on 411*, lettered ones, open ones (CompAuxNum set,
// EcritureLet empty) and the sums of their debits and credits.
type fecExpectation struct {
	lines, customer, lettered, open int
	invoices, creditNotes, payments int
	separator                       byte
	latin9Lines                     int
	debitCents, creditCents         int64
	debtors                         int
	doc                             Document // one open line, checked field by field
}

var fecSamples = map[string]fecExpectation{
	"0000000001FEC20220831.txt": {
		lines: 5423, customer: 538, lettered: 528, open: 10,
		invoices: 8, payments: 2, separator: '\t',
		debitCents: 67261_96, creditCents: 8289_14, debtors: 8,
		// line 5030: VEN Ventes … CNOURR JULES NOURRIT FA  220272 20220420 … 8115,06
		doc: Document{Line: 5030, Number: "FA  220272", Type: TypeInvoice,
			IssueDate: civil.MustParse("2022-04-20"), DueDate: civil.MustParse("2022-05-20"),
			TotalCents: 8115_06, Buyer: Party{Name: "JULES NOURRIT", AccountRef: "CNOURR"}},
	},
	"000000000FEC20231231.txt": {
		lines: 2103, customer: 153, lettered: 0, open: 153,
		invoices: 20, payments: 133, separator: '\t',
		debitCents: 187770_84, creditCents: 159999_14, debtors: 4,
		// line 271: bq Banque BNP … CVIR RECETTES VIREMENT VIR 20230209 … credit 8196,00
		doc: Document{Line: 271, Number: "VIR", Type: TypePayment,
			IssueDate: civil.MustParse("2023-02-09"), DueDate: civil.MustParse("2023-03-11"),
			TotalCents: 8196_00, Buyer: Party{Name: "RECETTES VIREMENT", AccountRef: "CVIR"}},
	},
	"111111111FEC20221231.TXT": {
		lines: 935, customer: 151, lettered: 117, open: 34,
		invoices: 30, payments: 4, separator: '|', latin9Lines: 6,
		debitCents: 14900_54, creditCents: 484_02, debtors: 19,
		// line 347: VE  |VE11|…|41101050|COLRUYT RETAIL FRA|VE  0523|20230509|…|0000006439,94
		doc: Document{Line: 347, Number: "VE  0523", Type: TypeInvoice,
			IssueDate: civil.MustParse("2023-05-09"), DueDate: civil.MustParse("2023-06-08"),
			TotalCents: 6439_94, Buyer: Party{Name: "COLRUYT RETAIL FRA", AccountRef: "41101050"}},
	},
}

func TestParseFECSamples(t *testing.T) {
	requireAllCovered(t, "fec", fecSamples)
	for name, want := range fecSamples {
		t.Run(name, func(t *testing.T) {
			res, err := ParseFEC(bytes.NewReader(readSample(t, "fec", name)), FECOptions{})
			if err != nil {
				t.Fatal(err)
			}
			st := res.Stats
			checks := []struct {
				what      string
				got, want int64
			}{
				{"lines", int64(st.Lines), int64(want.lines)},
				{"customer lines", int64(st.CustomerLines), int64(want.customer)},
				{"lettered lines", int64(st.LetteredLines), int64(want.lettered)},
				{"open lines", int64(st.OpenLines), int64(want.open)},
				{"documents", int64(len(res.Documents)), int64(want.open)},
				{"invoices", int64(st.Invoices), int64(want.invoices)},
				{"credit notes", int64(st.CreditNotes), int64(want.creditNotes)},
				{"payments", int64(st.Payments), int64(want.payments)},
				{"separator", int64(st.Separator), int64(want.separator)},
				{"latin-9 lines", int64(st.Latin9Lines), int64(want.latin9Lines)},
				{"open debit cents", st.OpenDebitCents, want.debitCents},
				{"open credit cents", st.OpenCreditCents, want.creditCents},
				{"balance cents", st.OpenBalanceCents(), want.debitCents - want.creditCents},
				{"debtors", int64(len(res.Debtors)), int64(want.debtors)},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
				}
			}
			var sum, debtorSum int64
			for _, d := range res.Documents {
				if d.Type == TypeInvoice {
					sum += d.TotalCents
				} else {
					sum -= d.TotalCents
				}
			}
			for _, db := range res.Debtors {
				debtorSum += db.OpenCents
			}
			if sum != st.OpenBalanceCents() || debtorSum != sum {
				t.Errorf("documents sum to %d, debtors to %d, stats say %d", sum, debtorSum, st.OpenBalanceCents())
			}
			found := false
			for _, d := range res.Documents {
				if d.Line != want.doc.Line {
					continue
				}
				found = true
				w := want.doc
				if d.Source != SourceFEC || d.Number != w.Number || d.Type != w.Type ||
					!d.IssueDate.Equal(w.IssueDate) || !d.DueDate.Equal(w.DueDate) ||
					d.TotalCents != w.TotalCents || d.PayableCents != w.TotalCents || d.Currency != "EUR" ||
					d.Buyer.Name != w.Buyer.Name || d.Buyer.AccountRef != w.Buyer.AccountRef {
					t.Errorf("line %d read as\n%+v\nwant\n%+v", w.Line, d, w)
				}
			}
			if !found {
				t.Errorf("no document for line %d", want.doc.Line)
			}
		})
	}
}

// The first sample's debtors, their balances checked against the lines by eye:
// CNOURR owes 8 115,06 but paid 8 194,19 by cheque (lines 5030 and 4143);
// CPERR0 has an opening 94,95 written off by the OD of line "fact 2021 gres impayée".
func TestParseFECDebtors(t *testing.T) {
	res, err := ParseFEC(bytes.NewReader(readSample(t, "fec", "0000000001FEC20220831.txt")), FECOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		name    string
		cents   int64
		docs    int
		oldest  string
		present bool
	}{
		"CPRO00": {"PROSOL GESTION", 35724_95, 1, "2021-10-01", true},
		"CNOURR": {"JULES NOURRIT", 8115_06 - 8194_19, 2, "2022-05-20", true},
		"CPERR0": {"PERRIER CHRISTIAN", 0, 2, "2021-10-01", true},
	}
	for _, db := range res.Debtors {
		w, ok := want[db.Party.AccountRef]
		if !ok {
			continue
		}
		delete(want, db.Party.AccountRef)
		if db.Party.Name != w.name || db.OpenCents != w.cents || db.Documents != w.docs || db.OldestDueDate.String() != w.oldest {
			t.Errorf("debtor %s = %+v, want %+v", db.Party.AccountRef, db, w)
		}
	}
	for ref := range want {
		t.Errorf("debtor %s missing", ref)
	}
}

// Payment terms move every due date; the file's content does not change.
func TestParseFECPaymentTerms(t *testing.T) {
	data := readSample(t, "fec", "111111111FEC20221231.TXT")
	res, err := ParseFEC(bytes.NewReader(data), FECOptions{PaymentTermsDays: 60, Seller: Party{SIREN: "111111111"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Documents {
		if got := d.DueDate.DaysSince(d.IssueDate); got != 60 {
			t.Fatalf("line %d: due %s is %d days after %s, want 60", d.Line, d.DueDate, got, d.IssueDate)
		}
		if d.Seller.SIREN != "111111111" {
			t.Fatalf("line %d: seller %+v not copied from options", d.Line, d.Seller)
		}
	}
}

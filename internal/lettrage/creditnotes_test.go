package lettrage

import (
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func credit(id, debtor, issued string, cents int64) OpenItem {
	return OpenItem{ID: id, DebtorID: debtor, Number: "AV-" + id, IssueDate: civil.MustParse(issued),
		OpenCents: cents, Currency: "EUR", IsCreditNote: true}
}

func TestAllocateCreditNotes(t *testing.T) {
	i1 := inv("I1", "D1", "F1", "2026-01-31", 100)
	i2 := inv("I2", "D1", "F2", "2026-02-28", 300)
	tests := []struct {
		name  string
		items []OpenItem
		want  []string
	}{
		{"negative amount, oldest invoice first",
			[]OpenItem{i2, credit("C1", "D1", "2026-03-01", -150), i1},
			lines("credit C1>I1:100:credit-note", "credit C1>I2:50:credit-note")},
		{"positive amount with the flag",
			[]OpenItem{i1, i2, credit("C1", "D1", "2026-03-01", 150)},
			lines("credit C1>I1:100:credit-note", "credit C1>I2:50:credit-note")},
		{"negative amount without the flag",
			[]OpenItem{i1, {ID: "C1", DebtorID: "D1", OpenCents: -30, Currency: "EUR"}},
			lines("credit C1>I1:30:credit-note")},
		{"older credit note first",
			[]OpenItem{i1, i2, credit("C1", "D1", "2026-01-10", -50), credit("C2", "D1", "2026-01-05", -80)},
			lines("credit C2>I1:80:credit-note", "credit C1>I1:20:credit-note", "credit C1>I2:30:credit-note")},
		{"credit larger than the invoices",
			[]OpenItem{i1, i2, credit("C1", "D1", "2026-03-01", -500)},
			lines("credit C1>I1:100:credit-note", "credit C1>I2:300:credit-note")},
		{"other debtor and other currency untouched",
			[]OpenItem{i1, credit("C1", "D2", "2026-03-01", -50), withCurrency(credit("C2", "D1", "2026-03-01", -50), "USD")},
			nil},
		{"no debtor, no netting",
			[]OpenItem{{ID: "I", OpenCents: 100, Currency: "EUR"}, {ID: "C", OpenCents: -100, Currency: "EUR", IsCreditNote: true}},
			nil},
		{"settled items ignored",
			[]OpenItem{inv("I0", "D1", "F0", "2026-01-01", 0), i2, credit("C0", "D1", "2026-01-01", 0), credit("C1", "D1", "2026-03-01", -10)},
			lines("credit C1>I2:10:credit-note")},
		{"debtors in order whatever the input order",
			[]OpenItem{inv("J1", "D2", "G1", "2026-01-31", 100), credit("K1", "D2", "2026-03-01", -10), i1,
				credit("C1", "D1", "2026-03-01", -20)},
			lines("credit C1>I1:20:credit-note", "credit K1>J1:10:credit-note")},
		{"no credit notes", []OpenItem{i1, i2}, nil},
	}
	for _, tt := range tests {
		got := outcome(Result{Allocations: AllocateCreditNotes(tt.items)})
		if d := diff(got, tt.want); d != "" {
			t.Errorf("%s:%s", tt.name, d)
		}
	}
}

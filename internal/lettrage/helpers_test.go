package lettrage

import (
	"fmt"
	"slices"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
)

// inv is an invoice of debtor, due on due, owing cents in euros.
func inv(id, debtor, number, due string, cents int64) OpenItem {
	d := civil.MustParse(due)
	return OpenItem{ID: id, DebtorID: debtor, Number: number, IssueDate: d.AddDays(-30), DueDate: d,
		OpenCents: cents, Currency: "EUR"}
}

// pay is a euro payment from a known debtor (or "" for an unknown payer).
func pay(id string, cents int64, remittance, debtor string) Payment {
	return Payment{ID: id, Date: civil.MustParse("2026-03-02"), AmountCents: cents, Currency: "EUR",
		Remittance: remittance, DebtorID: debtor}
}

func withName(it OpenItem, name string) OpenItem  { it.DebtorName = name; return it }
func withCurrency(it OpenItem, c string) OpenItem { it.Currency = c; return it }

// outcome renders a Result compactly: "P1>F1:100:reference" per allocation,
// "P1>F1:-50" per write-off, "P1:300" per suspense line.
func outcome(r Result) []string {
	var out []string
	for _, a := range r.Allocations {
		from := a.PaymentID
		if a.CreditNoteID != "" {
			from = "credit " + a.CreditNoteID
		}
		out = append(out, fmt.Sprintf("%s>%s:%d:%s", from, a.ItemID, a.Cents, a.Rule))
	}
	for _, w := range r.WriteOffs {
		out = append(out, fmt.Sprintf("%s>%s:-%d", w.PaymentID, w.ItemID, w.Cents))
	}
	for _, p := range r.Unmatched {
		out = append(out, fmt.Sprintf("%s:%d", p.ID, p.AmountCents))
	}
	return out
}

func lines(s ...string) []string { return s }

func diff(got, want []string) string {
	if slices.Equal(got, want) {
		return ""
	}
	return fmt.Sprintf("\n got %s\nwant %s", strings.Join(got, " | "), strings.Join(want, " | "))
}

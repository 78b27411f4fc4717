package caselist

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestPages: pages of PageSize, the next-page flag, and the count capped
// at CountCap on a book larger than the cap.
func TestPages(t *testing.T) {
	today := civil.MustParse("2026-11-23")
	db, _ := testenv.SQLite(t)
	cr := models.Creditor{Name: "C", Currency: "EUR"}
	db.Create(&cr)
	d := models.Debtor{CreditorID: cr.ID, Reference: "1", Name: "D", Kind: models.Trader, Currency: "EUR"}
	db.Create(&d)
	const n = CountCap + 20
	invoices := make([]models.Invoice, n)
	for i := range invoices {
		invoices[i] = models.Invoice{CreditorID: cr.ID, Number: fmt.Sprintf("F%05d", i), DebtorID: d.ID, IssueDate: today,
			DueDate: today.AddDays(-i), TotalCents: 100, Currency: "EUR", OutstandingCents: 100, Status: models.InvoiceOpen}
	}
	if err := db.CreateInBatches(invoices, 200).Error; err != nil {
		t.Fatal(err)
	}
	cases := make([]models.Case, n)
	for i, inv := range invoices {
		phase := "amicable"
		if i%10 == 0 {
			phase = "litigation"
		}
		cases[i] = models.Case{CreditorID: cr.ID, DebtorID: d.ID, InvoiceID: inv.ID, WorkflowID: inv.Number, Phase: phase,
			Status: models.CaseOpen, BalanceCents: 100, Currency: "EUR"}
	}
	if err := db.CreateInBatches(cases, 200).Error; err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query      string
		rows       int
		first      string
		total      int64
		more, next bool
		pages      int
	}{
		{"", PageSize, "F01019", CountCap + 1, true, true, 0},
		{"page=21", 20, "F00019", CountCap + 1, true, false, 0},
		{"phase=litigation", PageSize, "F01010", 102, false, true, 3},
		{"phase=litigation&page=3", 2, "F00010", 102, false, false, 3},
		{"phase=litigation&page=4", 0, "", 102, false, false, 3},
	}
	for _, tt := range tests {
		v, _ := url.ParseQuery(tt.query)
		f, err := Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		p, err := List(t.Context(), db, f, casequery.Scope{}, today)
		if err != nil {
			t.Fatal(err)
		}
		first := ""
		if len(p.Rows) > 0 {
			first = p.Rows[0].InvoiceNumber
		}
		if len(p.Rows) != tt.rows || first != tt.first || p.Total != tt.total || p.More != tt.more || p.HasNext != tt.next || p.Pages != tt.pages {
			t.Errorf("%q: %d rows from %s, total %d, more %v, next %v, pages %d; want %d from %s, %d, %v, %v, %d",
				tt.query, len(p.Rows), first, p.Total, p.More, p.HasNext, p.Pages, tt.rows, tt.first, tt.total, tt.more, tt.next, tt.pages)
		}
	}
}

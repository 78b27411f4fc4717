package dashboard

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

var today = civil.MustParse("2026-11-23")

// book is a small ledger whose figures were computed by hand (see the
// expectations in TestCompute).
type book struct {
	creditorA, creditorB, manager uint
	partner                       uint
}

func seed(t *testing.T, db *gorm.DB) book {
	t.Helper()
	mk := func(v any) {
		t.Helper()
		if err := db.Create(v).Error; err != nil {
			t.Fatalf("create %T: %v", v, err)
		}
	}
	a, b := models.Creditor{Name: "A", Currency: "EUR"}, models.Creditor{Name: "B", Currency: "EUR"}
	mk(&a)
	mk(&b)
	m := models.User{Email: "m@test.local", Name: "Marie", Role: models.RoleCreditManager}
	mk(&m)
	p := models.Partner{Name: "P"}
	mk(&p)
	d1 := models.Debtor{CreditorID: a.ID, Reference: "1", Name: "D1", Kind: models.Trader, Currency: "EUR", AccountManagerID: &m.ID}
	d2 := models.Debtor{CreditorID: b.ID, Reference: "2", Name: "D2", Kind: models.Trader, Currency: "EUR"}
	d3 := models.Debtor{CreditorID: a.ID, Reference: "3", Name: "D3", Kind: models.Trader, Currency: "EUR"}
	mk(&d1)
	mk(&d2)
	mk(&d3)
	invoices := []struct {
		d          *models.Debtor
		due, issue int // days from today
		cents      int64
		paid       bool
		phase      string // "" for no case
		level      int
		nextAction string
		closed     bool
		partner    bool
	}{
		{&d1, 5, -25, 10000, false, "", 0, "", false, false},
		{&d1, 0, -30, 20000, false, "amicable", 1, PromiseNextAction, false, true},
		{&d1, -1, -31, 30000, false, "amicable", 1, DisputeNextAction, false, false},
		{&d2, -30, -60, 40000, false, "", 0, "", false, false},
		{&d2, -31, -61, 50000, false, "amicable", 2, "", true, false},
		{&d1, -90, -120, 60000, false, "litigation", 4, "", false, false},
		{&d2, -91, -121, 70000, false, "litigation", 4, "", false, false},
		{&d1, 20, -10, 100000, true, "", 0, "", false, false},
		{&d3, -45, -200, 5000, false, "", 0, "", false, false},
	}
	var ids []uint
	for i, s := range invoices {
		inv := models.Invoice{CreditorID: s.d.CreditorID, Number: "F" + string(rune('0'+i)), DebtorID: s.d.ID,
			IssueDate: today.AddDays(s.issue), DueDate: today.AddDays(s.due), TotalCents: s.cents, NetCents: s.cents,
			Currency: "EUR", OutstandingCents: s.cents, Status: models.InvoiceOpen}
		if s.paid {
			inv.OutstandingCents, inv.Status = 0, models.InvoicePaid
		}
		mk(&inv)
		ids = append(ids, inv.ID)
		if s.phase == "" {
			continue
		}
		c := models.Case{CreditorID: s.d.CreditorID, DebtorID: s.d.ID, InvoiceID: inv.ID, WorkflowID: inv.Number,
			Phase: s.phase, Level: s.level, Status: models.CaseOpen, BalanceCents: s.cents, Currency: "EUR",
			NextAction: s.nextAction, NextActionDate: today.AddDays(3)}
		if s.closed {
			c.Status = models.CasePaid
		}
		if s.partner {
			c.PartnerID = &p.ID
		}
		mk(&c)
	}
	mk(&models.CreditNote{CreditorID: a.ID, Number: "AV1", DebtorID: d1.ID, IssueDate: today.AddDays(-5), TotalCents: 19000, Currency: "EUR"})
	// Payments and what they settled: this month 10 000 + 5 000 on two
	// invoices of D1 (one delegated to the partner) and 5 000 on one of D2;
	// a reversed letter and October's payment do not count, nor money left
	// in suspense.
	p1 := models.Payment{CreditorID: a.ID, DebtorID: &d1.ID, Date: today.AddDays(-3), AmountCents: 16000, UnallocatedCents: 1000, Currency: "EUR"}
	p2 := models.Payment{CreditorID: b.ID, DebtorID: &d2.ID, Date: today.AddDays(-22), AmountCents: 5000, Currency: "EUR"} // 1 November
	p3 := models.Payment{CreditorID: b.ID, DebtorID: &d2.ID, Date: today.AddDays(-23), AmountCents: 7000, Currency: "EUR"} // October
	mk(&p1)
	mk(&p2)
	mk(&p3)
	reversed := time.Now()
	mk(&models.Allocation{InvoiceID: ids[0], PaymentID: &p1.ID, Cents: 10000})
	mk(&models.Allocation{InvoiceID: ids[1], PaymentID: &p1.ID, Cents: 5000})
	mk(&models.Allocation{InvoiceID: ids[2], PaymentID: &p1.ID, Cents: 3000, ReversedAt: &reversed})
	mk(&models.Allocation{InvoiceID: ids[3], PaymentID: &p2.ID, Cents: 5000})
	mk(&models.Allocation{InvoiceID: ids[4], PaymentID: &p3.ID, Cents: 7000})
	return book{creditorA: a.ID, creditorB: b.ID, manager: m.ID, partner: p.ID}
}

func TestCompute(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			bk := seed(t, db)
			m, err := Compute(t.Context(), db, Filter{}, today)
			if err != nil {
				t.Fatal(err)
			}
			aging := []int64{30000, 70000, 55000, 60000, 70000}
			for i, want := range aging {
				if m.Aging[i].Cents != want {
					t.Errorf("aging %s = %d, want %d", m.Aging[i].Label, m.Aging[i].Cents, want)
				}
			}
			checks := []struct {
				name      string
				got, want any
			}{
				{"receivables", m.ReceivablesCents, int64(285000)},
				{"overdue", m.OverdueCents, int64(255000)},
				{"open invoices", m.OpenInvoices, int64(8)},
				{"sales", m.SalesCents, int64(250000)},
				{"DSO", m.DSO, 102.6},
				{"best possible DSO", m.BestPossibleDSO, 10.8},
				{"disputed", m.DisputedInvoices, int64(1)},
				{"dispute rate", m.DisputeRate, 12.5},
				{"invoiced", m.InvoicedCents, int64(250000)},
				{"credit notes", m.CreditNoteCents, int64(19000)},
				{"credit-note rate", m.CreditNoteRate, 7.6},
				{"average invoice", m.AvgInvoiceCents, int64(41667)}, // 2 500,00 € over 6 invoices
				{"average credit note", m.AvgCreditNoteCents, int64(19000)},
				{"collected invoices", m.CollectedInvoices, int64(3)},
				{"collected", m.CollectedCents, int64(20000)},
				{"doubtful", m.DoubtfulCents, int64(130000)},
				{"doubtful cases", m.DoubtfulCases, int64(2)},
				{"phase-level groups", len(m.CasesByPhaseLevel), 2},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
			filters := []struct {
				f                      Filter
				receivables, collected int64
				disputed               int64
			}{
				{Filter{CreditorID: bk.creditorA}, 125000, 15000, 1},
				{Filter{CreditorID: bk.creditorB}, 160000, 5000, 0},
				{Filter{AccountManagerID: bk.manager}, 120000, 15000, 1},
				{Filter{CreditorID: bk.creditorB, AccountManagerID: bk.manager}, 0, 0, 0},
			}
			for _, ft := range filters {
				m, err := Compute(t.Context(), db, ft.f, today)
				if err != nil {
					t.Fatal(err)
				}
				if m.ReceivablesCents != ft.receivables || m.CollectedCents != ft.collected || m.DisputedInvoices != ft.disputed {
					t.Errorf("filter %+v: receivables %d, collected %d, disputed %d; want %d, %d, %d",
						ft.f, m.ReceivablesCents, m.CollectedCents, m.DisputedInvoices, ft.receivables, ft.collected, ft.disputed)
				}
			}
			// The partner's dashboard: its one delegated case (invoice F1,
			// 200,00 € open, 50,00 € collected this month), whatever other
			// filter a request carries.
			pm, err := Compute(t.Context(), db, Filter{Scope: casequery.Scope{PartnerOnly: true, PartnerID: bk.partner}, CreditorID: bk.creditorB}, today)
			if err != nil {
				t.Fatal(err)
			}
			if pm.ReceivablesCents != 20000 || pm.OpenInvoices != 1 || pm.CollectedCents != 5000 || pm.CollectedInvoices != 1 ||
				len(pm.CasesByPhaseLevel) != 1 || pm.DisputedInvoices != 0 || len(pm.ActiveAccountManagers) != 0 {
				t.Errorf("partner's dashboard: receivables %d on %d invoices, collected %d on %d, %d phase groups, %d disputes, %d managers listed; want 20000 on 1, 5000 on 1, 1, 0, 0",
					pm.ReceivablesCents, pm.OpenInvoices, pm.CollectedCents, pm.CollectedInvoices, len(pm.CasesByPhaseLevel), pm.DisputedInvoices, len(pm.ActiveAccountManagers))
			}
			// A partner-only filter without an organisation shows nothing.
			none, err := Compute(t.Context(), db, Filter{Scope: casequery.Scope{PartnerOnly: true}}, today)
			if err != nil {
				t.Fatal(err)
			}
			if none.ReceivablesCents != 0 || none.SalesCents != 0 || len(none.CasesByPhaseLevel) != 0 || len(none.ActiveCreditors) != 0 {
				t.Errorf("partner-only dashboard without a partner: receivables %d, sales %d, %d phase groups, %d creditors; want nothing",
					none.ReceivablesCents, none.SalesCents, len(none.CasesByPhaseLevel), len(none.ActiveCreditors))
			}
			day, err := MyDay(t.Context(), db, casequery.Scope{}, today)
			if err != nil {
				t.Fatal(err)
			}
			if len(day.PromisesDue) != 1 || len(day.Disputes) != 1 || len(day.AwaitingDecision) != 2 {
				t.Errorf("my day: %d promises, %d disputes, %d awaiting; want 1, 1, 2", len(day.PromisesDue), len(day.Disputes), len(day.AwaitingDecision))
			}
			day, err = MyDay(t.Context(), db, casequery.Scope{PartnerOnly: true, PartnerID: bk.partner}, today)
			if err != nil {
				t.Fatal(err)
			}
			if len(day.PromisesDue) != 1 || len(day.Disputes) != 0 || len(day.AwaitingDecision) != 0 {
				t.Errorf("partner's day: %d promises, %d disputes, %d awaiting; want 1, 0, 0", len(day.PromisesDue), len(day.Disputes), len(day.AwaitingDecision))
			}
		})
	}
}

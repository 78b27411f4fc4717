// Package dashboard computes the credit manager's tableau de bord and the
// "Ma journée" lists as SQL aggregates: every figure is one query over
// indexes and sums, never all rows loaded into Go. The same SQL runs on
// PostgreSQL and SQLite (dates are passed as parameters, not computed by SQL).
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
)

// Filter narrows the dashboard to one creditor and/or one account manager
// (the debtor's AccountManagerID); zero means all. Scope is the user's
// (casequery.ScopeOf), never read from a request: a partner's dashboard is
// the cases delegated to it (none when it has no organisation).
type Filter struct {
	CreditorID       uint
	AccountManagerID uint
	Scope            casequery.Scope

	scanRows bool // sum the rows even where running totals exist (the tests' reference)
}

// DSOWindowDays is the sales period of DSO and Best Possible DSO.
const DSOWindowDays = 90

// Bucket is one column of the aging balance.
type Bucket struct {
	Label string `json:"label"`
	Cents int64  `json:"cents"`
	Count int64  `json:"count"`
}

// PhaseLevel counts the open cases of one phase and level.
type PhaseLevel struct {
	Phase        string `json:"phase"`
	Level        int    `json:"level"`
	Count        int64  `json:"count"`
	BalanceCents int64  `json:"balance_cents"`
}

// Metrics is the tableau de bord.
type Metrics struct {
	Today                  civil.Date   `json:"today"`
	Currency               string       `json:"currency"`
	ReceivablesCents       int64        `json:"receivables_cents"` // outstanding of every open invoice
	OpenInvoices           int64        `json:"open_invoices"`
	OverdueCents           int64        `json:"overdue_cents"`
	Aging                  []Bucket     `json:"aging"`       // not due, 1–30, 31–60, 61–90, over 90 days
	SalesCents             int64        `json:"sales_cents"` // invoiced during the DSO window
	DSO                    float64      `json:"dso"`         // in days, one decimal is enough
	BestPossibleDSO        float64      `json:"best_possible_dso"`
	DisputedInvoices       int64        `json:"disputed_invoices"`
	DisputeRate            float64      `json:"dispute_rate"`      // share of open invoices in dispute, in percent
	InvoicedCents          int64        `json:"invoiced_cents"`    // invoices issued during the DSO window
	CreditNoteCents        int64        `json:"credit_note_cents"` // credit notes issued during the DSO window
	CreditNoteRate         float64      `json:"credit_note_rate"`  // percent of the amount invoiced
	AvgInvoiceCents        int64        `json:"avg_invoice_cents"`
	AvgCreditNoteCents     int64        `json:"avg_credit_note_cents"`
	CollectedInvoices      int64        `json:"collected_invoices"` // invoices that received payments this month
	CollectedCents         int64        `json:"collected_cents"`    // what those payments settled (lettered, not reversed)
	DoubtfulCents          int64        `json:"doubtful_cents"`     // open cases in litigation
	DoubtfulCases          int64        `json:"doubtful_cases"`
	CasesByPhaseLevel      []PhaseLevel `json:"cases_by_phase_level"`
	ActiveCreditors        []Option     `json:"active_creditors"` // for the filter
	ActiveAccountManagers  []Option     `json:"active_account_managers"`
	FilterCreditorID       uint         `json:"filter_creditor_id"`
	FilterAccountManagerID uint         `json:"filter_account_manager_id"`
}

// Option is a choice of a filter's select.
type Option struct {
	ID   uint   `json:"id"`
	Name string `json:"name"`
}

// DisputeNextAction is the next action the recovery workflow mirrors into
// cases.next_action while a dispute is open (workflows/recovery/next.go):
// it lets SQL count open disputes without reading the timeline.
const DisputeNextAction = "Relance interne : litige à résoudre"

// PromiseNextAction is the mirrored next action while a promise to pay runs.
const PromiseNextAction = "Échéance de la promesse de paiement"

// scope returns the conditions of f for a query whose table of kind r is
// aliased inv, adding its named parameters to args.
func (f Filter) scope(args map[string]any, r reach) (where string) {
	var conds []string
	if f.CreditorID != 0 {
		conds = append(conds, "inv.creditor_id = @creditor")
		args["creditor"] = f.CreditorID
	}
	if f.AccountManagerID != 0 {
		if r.manager != "" {
			conds = append(conds, r.manager+" = @manager")
		} else {
			// A semi-join on the manager's debtors (ix_debtors_account_manager)
			// reads only their rows, where a join would hash every debtor.
			conds = append(conds, "inv.debtor_id IN (SELECT id FROM debtors WHERE account_manager_id = @manager)")
		}
		args["manager"] = f.AccountManagerID
	}
	if f.Scope.PartnerOnly {
		conds = append(conds, r.partner)
		args["partner"] = f.Scope.PartnerID
	}
	if len(conds) > 0 {
		where = " AND " + strings.Join(conds, " AND ")
	}
	return where
}

// Compute reads every figure of the dashboard for day today.
func Compute(ctx context.Context, db *gorm.DB, f Filter, today civil.Date) (Metrics, error) {
	m := Metrics{Today: today, Currency: "EUR", FilterCreditorID: f.CreditorID, FilterAccountManagerID: f.AccountManagerID}
	if f.Scope.PartnerOnly { // a partner's dashboard is about its delegated cases alone
		f.CreditorID, f.AccountManagerID = 0, 0
	}
	db = db.WithContext(ctx)
	if err := compact(db, f); err != nil {
		return m, err
	}
	// The steps are independent queries writing distinct fields of m: they
	// run side by side, so the page waits for the slowest, not for the sum.
	steps := []func(*gorm.DB, Filter, *Metrics) error{openInvoices, sales, disputes, creditNotes, collected, cases, options}
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { errs[i] = step(db, f, &m) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return m, err
	}
	if m.SalesCents > 0 {
		m.DSO = round1(float64(m.ReceivablesCents) / float64(m.SalesCents) * DSOWindowDays)
		m.BestPossibleDSO = round1(float64(m.Aging[0].Cents) / float64(m.SalesCents) * DSOWindowDays)
	}
	if m.OpenInvoices > 0 {
		m.DisputeRate = round1(float64(m.DisputedInvoices) * 100 / float64(m.OpenInvoices))
	}
	if m.InvoicedCents > 0 {
		m.CreditNoteRate = round1(float64(m.CreditNoteCents) * 100 / float64(m.InvoicedCents))
	}
	return m, nil
}

// average divides in Go, rounding half up: SQL AVG casts differently on
// PostgreSQL (rounds) and SQLite (truncates).
func average(sum, n int64) int64 {
	if n == 0 {
		return 0
	}
	return (sum + n/2) / n
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

// openInvoices reads the outstanding and the aging balance from the open
// invoices alone (their running totals, or a partial index on open invoices).
func openInvoices(db *gorm.DB, f Filter, m *Metrics) error {
	t := m.Today
	args := map[string]any{"today": t, "d30": t.AddDays(-30), "d60": t.AddDays(-60), "d90": t.AddDays(-90)}
	src := f.openInvoiceRows()
	where := f.scope(args, src.reach)
	// One CASE per row and five groups: cheaper than ten conditional sums.
	q := `SELECT CASE WHEN inv.due_date >= @today THEN 0 WHEN inv.due_date >= @d30 THEN 1
	WHEN inv.due_date >= @d60 THEN 2 WHEN inv.due_date >= @d90 THEN 3 ELSE 4 END AS bucket,
	CAST(SUM(` + src.cents + `) AS BIGINT) AS cents, CAST(SUM(` + src.count + `) AS BIGINT) AS n
	FROM ` + src.table + " WHERE " + src.where + where + " GROUP BY 1"
	var rows []struct{ Bucket, Cents, N int64 }
	if err := raw(db, q, args).Scan(&rows).Error; err != nil {
		return fmt.Errorf("dashboard open invoices: %w", err)
	}
	var c, n [5]int64
	for _, r := range rows {
		if r.Bucket >= 0 && r.Bucket < 5 {
			c[r.Bucket], n[r.Bucket] = r.Cents, r.N
		}
	}
	m.Aging = []Bucket{
		{"Non échu", c[0], n[0]}, {"1 à 30 jours", c[1], n[1]}, {"31 à 60 jours", c[2], n[2]},
		{"61 à 90 jours", c[3], n[3]}, {"Plus de 90 jours", c[4], n[4]},
	}
	for i := range c {
		m.ReceivablesCents += c[i]
		m.OpenInvoices += n[i]
	}
	m.OverdueCents = m.ReceivablesCents - c[0]
	return nil
}

// sales reads what was invoiced during the DSO window, whatever the
// invoices' status: the denominator of DSO, credit-note rate and average.
func sales(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{"from": m.Today.AddDays(-DSOWindowDays), "today": m.Today}
	src := f.issuedInvoiceRows()
	where := f.scope(args, src.reach)
	q := `SELECT CAST(COALESCE(SUM(` + src.cents + `), 0) AS BIGINT) AS total, CAST(COALESCE(SUM(` + src.count + `), 0) AS BIGINT) AS n
	FROM ` + src.table + " WHERE " + src.where + " AND inv.issue_date > @from AND inv.issue_date <= @today" + where
	var r struct{ Total, N int64 }
	if err := raw(db, q, args).Scan(&r).Error; err != nil {
		return fmt.Errorf("dashboard sales: %w", err)
	}
	m.SalesCents, m.InvoicedCents, m.AvgInvoiceCents = r.Total, r.Total, average(r.Total, r.N)
	return nil
}

package dashboard

import (
	"fmt"

	"gorm.io/gorm"
)

// The scope's alias inv works on every table below: cases, credit notes and
// payments all carry creditor_id and debtor_id like invoices.

// disputes counts the open cases whose dispute is waiting for a decision.
func disputes(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{"dispute": DisputeNextAction}
	where := f.scope(args, caseReach)
	q := "SELECT COUNT(*) FROM cases inv WHERE inv.status = 'open' AND inv.next_action = @dispute" + where
	if err := raw(db, q, args).Scan(&m.DisputedInvoices).Error; err != nil {
		return fmt.Errorf("dashboard disputes: %w", err)
	}
	return nil
}

// creditNotes sums the credit notes of the DSO window, the period the
// credit-note rate compares with the amount invoiced.
func creditNotes(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{"from": m.Today.AddDays(-DSOWindowDays), "today": m.Today}
	where := f.scope(args, creditNoteReach)
	q := `SELECT CAST(COALESCE(SUM(inv.total_cents), 0) AS BIGINT) AS total,
	COUNT(*) AS n
	FROM credit_notes inv WHERE inv.issue_date > @from AND inv.issue_date <= @today` + where
	var r struct{ Total, N int64 }
	if err := raw(db, q, args).Scan(&r).Error; err != nil {
		return fmt.Errorf("dashboard credit notes: %w", err)
	}
	m.CreditNoteCents, m.AvgCreditNoteCents = r.Total, average(r.Total, r.N)
	return nil
}

// collected counts the invoices that received payments this month (by the
// payment's date) and sums what those payments settled: lettered and not
// reversed, so money still in suspense is not counted as collected.
func collected(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{"month": m.Today.AddDays(1 - m.Today.Day()), "today": m.Today}
	where := f.scope(args, invoiceReach)
	q := `SELECT COUNT(DISTINCT inv.id) AS n, CAST(COALESCE(SUM(a.cents), 0) AS BIGINT) AS total
	FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN invoices inv ON inv.id = a.invoice_id
	WHERE a.reversed_at IS NULL AND p.date >= @month AND p.date <= @today` + where
	var r struct{ N, Total int64 }
	if err := raw(db, q, args).Scan(&r).Error; err != nil {
		return fmt.Errorf("dashboard collected: %w", err)
	}
	m.CollectedInvoices, m.CollectedCents = r.N, r.Total
	return nil
}

// cases counts the open cases by phase and level; litigation is doubtful.
func cases(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{}
	src := f.openCaseRows()
	where := f.scope(args, src.reach)
	q := `SELECT inv.phase, inv.level, CAST(SUM(` + src.count + `) AS BIGINT) AS count, CAST(COALESCE(SUM(` + src.cents + `), 0) AS BIGINT) AS balance_cents
	FROM ` + src.table + " WHERE " + src.where + where + " GROUP BY inv.phase, inv.level HAVING SUM(" + src.count + ") <> 0 ORDER BY inv.phase, inv.level"
	if err := raw(db, q, args).Scan(&m.CasesByPhaseLevel).Error; err != nil {
		return fmt.Errorf("dashboard cases by phase: %w", err)
	}
	for _, pl := range m.CasesByPhaseLevel {
		if pl.Phase == "litigation" {
			m.DoubtfulCases += pl.Count
			m.DoubtfulCents += pl.BalanceCents
		}
	}
	return nil
}

// options lists the creditors and account managers the filter offers
// (none to a partner, whose dashboard is its delegated cases).
func options(db *gorm.DB, f Filter, m *Metrics) error {
	if f.Scope.PartnerOnly {
		return nil
	}
	if err := db.Raw("SELECT id, name FROM creditors ORDER BY name").Scan(&m.ActiveCreditors).Error; err != nil {
		return fmt.Errorf("dashboard creditors: %w", err)
	}
	q := "SELECT id, CASE WHEN name <> '' THEN name ELSE email END AS name FROM users WHERE role IN ('admin', 'credit_manager') AND NOT disabled ORDER BY name"
	if err := db.Raw(q).Scan(&m.ActiveAccountManagers).Error; err != nil {
		return fmt.Errorf("dashboard account managers: %w", err)
	}
	return nil
}

// raw runs q with its named parameters; GORM reads an empty map as a
// positional argument, so none is passed then.
func raw(db *gorm.DB, q string, args map[string]any) *gorm.DB {
	if len(args) == 0 {
		return db.Raw(q)
	}
	return db.Raw(q, args)
}

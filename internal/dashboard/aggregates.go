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
	where := f.scope(args, "")
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
	where := f.scope(args, "")
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

// collected sums the payments received since the first day of the month.
func collected(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{"month": m.Today.AddDays(1 - m.Today.Day()), "today": m.Today}
	where := f.scope(args, "")
	q := `SELECT COUNT(*) AS n, CAST(COALESCE(SUM(inv.amount_cents), 0) AS BIGINT) AS total
	FROM payments inv WHERE inv.date >= @month AND inv.date <= @today` + where
	var r struct{ N, Total int64 }
	if err := raw(db, q, args).Scan(&r).Error; err != nil {
		return fmt.Errorf("dashboard collected: %w", err)
	}
	m.CollectedCount, m.CollectedCents = r.N, r.Total
	return nil
}

// cases counts the open cases by phase and level; litigation is doubtful.
func cases(db *gorm.DB, f Filter, m *Metrics) error {
	args := map[string]any{}
	src := f.openCaseRows()
	where := f.scope(args, src.manager)
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

// options lists the creditors and account managers the filter offers.
func options(db *gorm.DB, _ Filter, m *Metrics) error {
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

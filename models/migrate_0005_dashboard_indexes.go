package models

import "gorm.io/gorm"

// dashboardIndexes let the dashboard and "Ma journée" aggregate from indexes
// alone on a large book (measured by api/backoffice BenchmarkBackofficePages:
// at 1 000 000 invoices and 100 000 open cases they halve the case list and
// cut the dashboard by two thirds). PostgreSQL gets covering (INCLUDE)
// partial indexes; SQLite, which has no INCLUDE, the same keys.
var dashboardIndexes = []struct{ name, postgres, sqlite string }{
	{"ix_invoices_open_due",
		`ON invoices (due_date) INCLUDE (outstanding_cents, creditor_id, debtor_id) WHERE status = 'open'`,
		`ON invoices (due_date, outstanding_cents) WHERE status = 'open'`},
	{"ix_invoices_issue_date",
		`ON invoices (issue_date) INCLUDE (total_cents, creditor_id, debtor_id)`,
		`ON invoices (issue_date, total_cents)`},
	{"ix_cases_open_phase",
		`ON cases (phase, level) INCLUDE (balance_cents, creditor_id, debtor_id) WHERE status = 'open'`,
		`ON cases (phase, level, balance_cents) WHERE status = 'open'`},
	{"ix_cases_open_next_action",
		`ON cases (next_action, next_action_date) WHERE status = 'open'`,
		`ON cases (next_action, next_action_date) WHERE status = 'open'`},
	{"ix_credit_notes_issue_date",
		`ON credit_notes (issue_date) INCLUDE (total_cents, creditor_id, debtor_id)`,
		`ON credit_notes (issue_date, total_cents)`},
	{"ix_payments_date",
		`ON payments (date) INCLUDE (amount_cents, creditor_id, debtor_id)`,
		`ON payments (date, amount_cents)`},
}

func init() {
	register(Migration{5, "dashboard indexes", func(tx *gorm.DB) error {
		for _, ix := range dashboardIndexes {
			def := ix.sqlite
			if tx.Dialector.Name() == "postgres" {
				def = ix.postgres
			}
			if err := tx.Exec("CREATE INDEX IF NOT EXISTS " + ix.name + " " + def).Error; err != nil {
				return err
			}
		}
		return nil
	}})
}

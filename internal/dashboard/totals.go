package dashboard

import (
	"fmt"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// CompactOver is how many deltas a running total may gather before the
// dashboard folds them (models.CompactTotals): a fold of that many rows takes
// a few milliseconds, and summing that many is as quick.
const CompactOver = 20_000

// rows is where a figure is summed from: the table (aliased inv), the
// expressions of each row's amount and count, the condition a row must meet
// and the column of its account manager ("" when it is the debtor's).
type rows struct{ table, cents, count, where, manager string }

// fromTotals reports whether the running totals serve f; only the tests
// sum the rows themselves, as the reference the totals must equal.
func (f Filter) fromTotals() bool { return !f.scanRows }

// openInvoiceRows are the open invoices, keyed by due_date.
func (f Filter) openInvoiceRows() rows {
	if f.fromTotals() {
		return rows{"open_invoice_totals inv", "inv.cents", "inv.n", "1 = 1", "inv.account_manager_id"}
	}
	return rows{"invoices inv", "inv.outstanding_cents", "1", "inv.status = 'open'", ""}
}

// issuedInvoiceRows are all invoices, keyed by issue_date.
func (f Filter) issuedInvoiceRows() rows {
	if f.fromTotals() {
		return rows{"issued_invoice_totals inv", "inv.cents", "inv.n", "1 = 1", "inv.account_manager_id"}
	}
	return rows{"invoices inv", "inv.total_cents", "1", "1 = 1", ""}
}

// openCaseRows are the open cases, keyed by phase and level.
func (f Filter) openCaseRows() rows {
	if f.fromTotals() {
		return rows{"open_case_totals inv", "inv.cents", "inv.n", "1 = 1", "inv.account_manager_id"}
	}
	return rows{"cases inv", "inv.balance_cents", "1", "inv.status = 'open'", ""}
}

// compact folds the running totals when they have grown.
func compact(db *gorm.DB, f Filter) error {
	if !f.fromTotals() {
		return nil
	}
	if err := models.CompactTotals(db, CompactOver); err != nil {
		return fmt.Errorf("dashboard totals: %w", err)
	}
	return nil
}

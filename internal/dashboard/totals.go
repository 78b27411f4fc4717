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

// reach says how a filter reaches the rows of a table aliased inv.
type reach struct {
	manager string // the column of the row's account manager; "" when it is its debtor's
	partner string // the condition keeping the rows of a partner's delegated cases
}

var (
	invoiceReach    = reach{partner: "inv.id IN (SELECT invoice_id FROM cases WHERE partner_id = @partner)"}
	caseReach       = reach{partner: "inv.partner_id = @partner"}
	creditNoteReach = reach{partner: "inv.invoice_id IN (SELECT invoice_id FROM cases WHERE partner_id = @partner)"}
	totalsReach     = reach{manager: "inv.account_manager_id"} // never used for a partner (fromTotals)
)

// rows is where a figure is summed from: the table (aliased inv), the
// expressions of each row's amount and count, the condition a row must
// meet, and how the filter reaches it.
type rows struct {
	table, cents, count, where string
	reach
}

// fromTotals reports whether the running totals serve f. They are kept per
// creditor and account manager, not per partner: a partner's dashboard sums
// its delegated cases' rows (a small book). The tests sum the rows too, as
// the reference the totals must equal.
func (f Filter) fromTotals() bool { return !f.scanRows && !f.Scope.PartnerOnly }

// openInvoiceRows are the open invoices, keyed by due_date.
func (f Filter) openInvoiceRows() rows {
	if f.fromTotals() {
		return rows{"open_invoice_totals inv", "inv.cents", "inv.n", "1 = 1", totalsReach}
	}
	return rows{"invoices inv", "inv.outstanding_cents", "1", "inv.status = 'open'", invoiceReach}
}

// issuedInvoiceRows are all invoices, keyed by issue_date.
func (f Filter) issuedInvoiceRows() rows {
	if f.fromTotals() {
		return rows{"issued_invoice_totals inv", "inv.cents", "inv.n", "1 = 1", totalsReach}
	}
	return rows{"invoices inv", "inv.total_cents", "1", "1 = 1", invoiceReach}
}

// openCaseRows are the open cases, keyed by phase and level.
func (f Filter) openCaseRows() rows {
	if f.fromTotals() {
		return rows{"open_case_totals inv", "inv.cents", "inv.n", "1 = 1", totalsReach}
	}
	return rows{"cases inv", "inv.balance_cents", "1", "inv.status = 'open'", caseReach}
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

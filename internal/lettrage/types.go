// Package lettrage matches incoming bank payments to the open items of the
// customer ledger ("lettrage" in French accounting): it decides which
// invoices a transfer pays, books bank-charge shortfalls as write-offs and
// puts whatever it cannot explain in suspense. It is pure: the caller loads
// items and bank lines and stores the result.
//
// Rules, tried in this order for each payment, in input order:
//
//  1. RuleReference: the remittance information quotes an item's number or
//     payment reference.
//  2. RuleExactAmount / RuleAmountWithinTolerance: one open item of the payer
//     has exactly the amount paid, or is short by at most ToleranceCents.
//  3. RuleSubset: several of the payer's oldest open items sum exactly to it.
//  4. RuleOldestFirst: the payer is known; the payment settles its open
//     items by due date, oldest first, the last one partly.
//  5. Otherwise the payment goes to suspense (Result.Unmatched).
package lettrage

import "github.com/recouvra/recouvra/internal/civil"

// OpenItem is an unsettled line of a debtor's account: an invoice, or a credit
// note. A credit note is an item with IsCreditNote set or a negative
// OpenCents; its available credit is |OpenCents| whichever sign the caller
// uses. Payments never settle credit notes: AllocateCreditNotes nets them
// against invoices, and the caller should apply that before calling Match.
type OpenItem struct {
	ID         string
	DebtorID   string
	DebtorName string // as on the invoice; matched against the bank's payer name
	Number     string // invoice number, "FA-2026-0042"
	Reference  string // payment reference printed on the invoice (RF creditor reference, mandate...), optional
	IssueDate  civil.Date
	DueDate    civil.Date // zero means the issue date
	OpenCents  int64      // amount still due
	Currency   string     // ISO 4217
	// IsCreditNote marks an "avoir".
	IsCreditNote bool
}

// creditNote reports whether the item is a credit note under either convention.
func (it OpenItem) creditNote() bool { return it.IsCreditNote || it.OpenCents < 0 }

// due is the date by which the item should have been paid; items without a
// due date are due on issue.
func (it OpenItem) due() civil.Date {
	if it.DueDate.IsZero() {
		return it.IssueDate
	}
	return it.DueDate
}

// Payment is a credit on the bank account. Negative or zero amounts (debits,
// reversals) are never matched.
type Payment struct {
	ID          string
	Date        civil.Date
	AmountCents int64
	Currency    string
	PayerName   string // ordering party as given by the bank
	Remittance  string // unstructured remittance information
	Reference   string // structured creditor reference or end-to-end id
	DebtorID    string // known payer (from the IBAN or a mandate), may be empty
}

// Rule names recorded on each Allocation.
const (
	RuleReference             = "reference"
	RuleExactAmount           = "exact-amount"
	RuleAmountWithinTolerance = "amount-within-tolerance"
	RuleSubset                = "subset"
	RuleOldestFirst           = "oldest-first"
	RuleCreditNote            = "credit-note"
)

// Allocation settles Cents of item ItemID with a payment or, for
// AllocateCreditNotes, with a credit note (CreditNoteID set, PaymentID empty).
type Allocation struct {
	PaymentID    string
	CreditNoteID string
	ItemID       string
	Cents        int64
	Rule         string
}

// WriteOff is the small gap between an item and the payment that settled it,
// usually bank charges deducted by the payer's bank, closed as a loss rather
// than chased.
type WriteOff struct {
	PaymentID, ItemID string
	Cents             int64
}

// Result is the outcome of Match, in payment order.
//
// Unmatched is the suspense account: each payment that was not fully
// allocated appears there once, with AmountCents reduced to the cents left
// over (the whole amount when nothing matched, the surplus of an
// overpayment otherwise). Nothing is ever dropped: for every payment,
// allocations plus its Unmatched remainder equal its amount; write-offs are
// on top of that, charged to the item, not to the payment.
type Result struct {
	Allocations []Allocation
	WriteOffs   []WriteOff
	Unmatched   []Payment
}

// Options bound the matching.
type Options struct {
	// ToleranceCents is the shortfall accepted as bank charges, e.g. 100
	// for 1 €. Overpayments are never tolerated: the surplus goes to suspense.
	ToleranceCents int64
	// MaxSubsetItems is how many of the payer's oldest open items the subset
	// rule considers. Zero means DefaultMaxSubsetItems; values above
	// MaxSubsetItemsLimit are lowered to it (the search is exponential).
	MaxSubsetItems int
}

const (
	DefaultMaxSubsetItems = 20
	MaxSubsetItemsLimit   = 32
)

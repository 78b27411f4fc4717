package lettrage

import (
	"cmp"
	"slices"
)

// AllocateCreditNotes nets each debtor's credit notes against the same
// debtor's invoices in the same currency: credit notes by issue date, each
// consumed against invoices by due date, oldest first. Items without a
// DebtorID are left alone, since nothing says whose account they are on.
// Allocations carry CreditNoteID instead of PaymentID and Rule
// RuleCreditNote; they are ordered by debtor, currency, then credit note. The
// caller lowers the open amounts accordingly before matching payments, so that
// "invoice minus credit note" transfers find their invoices.
func AllocateCreditNotes(items []OpenItem) []Allocation {
	idx := make([]int, 0, len(items))
	for i, it := range items {
		if it.DebtorID != "" && it.OpenCents != 0 {
			idx = append(idx, i)
		}
	}
	// Group by debtor and currency; within a group, oldest first. Credit
	// notes sort by issue date (they have no meaningful due date), invoices
	// by due date.
	slices.SortFunc(idx, func(a, b int) int {
		x, y := &items[a], &items[b]
		xd, yd := x.due(), y.due()
		if x.creditNote() {
			xd = x.IssueDate
		}
		if y.creditNote() {
			yd = y.IssueDate
		}
		return cmp.Or(
			cmp.Compare(x.DebtorID, y.DebtorID),
			cmp.Compare(x.Currency, y.Currency),
			xd.Compare(yd),
			x.IssueDate.Compare(y.IssueDate),
			cmp.Compare(a, b))
	})

	var out []Allocation
	for start := 0; start < len(idx); {
		end := start + 1
		for end < len(idx) && items[idx[end]].DebtorID == items[idx[start]].DebtorID &&
			items[idx[end]].Currency == items[idx[start]].Currency {
			end++
		}
		out = netGroup(items, idx[start:end], out)
		start = end
	}
	return out
}

// netGroup allocates the credit notes of one debtor and currency, given in
// date order, against its invoices.
func netGroup(items []OpenItem, group []int, out []Allocation) []Allocation {
	var invoices []int
	var owed []int64
	for _, i := range group {
		if !items[i].creditNote() {
			invoices = append(invoices, i)
			owed = append(owed, items[i].OpenCents)
		}
	}
	next := 0 // first invoice with something still owed
	for _, c := range group {
		if !items[c].creditNote() {
			continue
		}
		credit := items[c].OpenCents
		if credit < 0 {
			credit = -credit
		}
		for credit > 0 && next < len(invoices) {
			cents := min(credit, owed[next])
			out = append(out, Allocation{
				CreditNoteID: items[c].ID, ItemID: items[invoices[next]].ID, Cents: cents, Rule: RuleCreditNote})
			credit -= cents
			owed[next] -= cents
			if owed[next] == 0 {
				next++
			}
		}
	}
	return out
}

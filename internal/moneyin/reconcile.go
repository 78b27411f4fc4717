package moneyin

import (
	"fmt"
	"strconv"

	"github.com/recouvra/recouvra/internal/lettrage"
	"github.com/recouvra/recouvra/models"
)

// reconcile letters what is open in the creditor's books: credit notes
// against the invoice they name, then against the debtor's oldest invoices;
// then every payment in suspense with the lettrage rules. It runs at the end
// of every import, so that a payment waiting in suspense finds the invoice
// imported after it.
func (s *Service) reconcile(st *importTx) error {
	l := newLedger(st.tx, "lettrage")
	if err := l.loadOpen(st.creditor.ID); err != nil {
		return err
	}
	if len(l.invoices) == 0 {
		return nil
	}
	l.allocateNamedCreditNotes()
	items := l.openItems()
	for _, a := range lettrage.AllocateCreditNotes(items) {
		l.add(models.Allocation{InvoiceID: parseID(a.ItemID), CreditNoteID: ptr(parseID(a.CreditNoteID)),
			Cents: a.Cents, Rule: a.Rule})
	}
	res := lettrage.Match(l.openItems(), l.lettragePayments(), lettrage.Options{ToleranceCents: s.ToleranceCents})
	for _, a := range res.Allocations {
		l.add(models.Allocation{InvoiceID: parseID(a.ItemID), PaymentID: ptr(parseID(a.PaymentID)), Cents: a.Cents, Rule: a.Rule})
		st.sum.AllocatedCents += a.Cents
	}
	for _, w := range res.WriteOffs {
		l.add(models.Allocation{InvoiceID: parseID(w.ItemID), PaymentID: ptr(parseID(w.PaymentID)), Cents: w.Cents, Rule: RuleWriteOff})
		st.sum.WrittenOffCents += w.Cents
	}
	st.sum.Allocations += len(l.rows)
	signals, err := l.flush("allocation.auto")
	if err != nil {
		return err
	}
	st.signals = append(st.signals, signals...)
	return nil
}

// loadOpen reads the open invoices, the credit notes with credit left and
// the payments in suspense of a creditor, with the names of their debtors.
func (l *ledger) loadOpen(creditorID uint) error {
	var invoices []models.Invoice
	if err := l.tx.Where("creditor_id = ? AND status = ? AND outstanding_cents > 0", creditorID, models.InvoiceOpen).
		Order("id").Find(&invoices).Error; err != nil {
		return fmt.Errorf("load open invoices: %w", err)
	}
	var notes []models.CreditNote
	// Payments and credit notes a person unlettered are left to people: the
	// rules would only letter them again where they were.
	if err := l.tx.Where("creditor_id = ? AND remaining_cents > 0", creditorID).
		Where("NOT EXISTS (SELECT 1 FROM allocations a WHERE a.credit_note_id = credit_notes.id AND a.reversed_at IS NOT NULL)").
		Order("issue_date, id").Find(&notes).Error; err != nil {
		return fmt.Errorf("load credit notes: %w", err)
	}
	var payments []models.Payment
	if err := l.tx.Where("creditor_id = ? AND unallocated_cents > 0", creditorID).
		Where("NOT EXISTS (SELECT 1 FROM allocations a WHERE a.payment_id = payments.id AND a.reversed_at IS NOT NULL)").
		Order("date, id").Find(&payments).Error; err != nil {
		return fmt.Errorf("load payments in suspense: %w", err)
	}
	for i := range invoices {
		l.invoices[invoices[i].ID] = &invoices[i]
	}
	for i := range notes {
		l.notes[notes[i].ID] = &notes[i]
	}
	for i := range payments {
		l.payments[payments[i].ID] = &payments[i]
	}
	l.order = invoices
	l.noteOrder, l.paymentOrder = notes, payments
	return l.loadNames(creditorID)
}

func (l *ledger) loadNames(creditorID uint) error {
	var debtors []models.Debtor
	if err := l.tx.Select("id", "name").Where("creditor_id = ?", creditorID).Find(&debtors).Error; err != nil {
		return fmt.Errorf("load debtor names: %w", err)
	}
	l.names = make(map[uint]string, len(debtors))
	for _, d := range debtors {
		l.names[d.ID] = d.Name
	}
	return nil
}

// allocateNamedCreditNotes settles the invoice a credit note names first:
// that is the invoice the credit note corrects.
func (l *ledger) allocateNamedCreditNotes() {
	for _, n := range l.noteOrder {
		cn := l.notes[n.ID]
		if cn.InvoiceID == nil {
			continue
		}
		inv, ok := l.invoices[*cn.InvoiceID]
		if !ok || inv.Currency != cn.Currency || inv.OutstandingCents <= 0 || cn.RemainingCents <= 0 {
			continue
		}
		l.add(models.Allocation{InvoiceID: inv.ID, CreditNoteID: ptr(cn.ID),
			Cents: min(inv.OutstandingCents, cn.RemainingCents), Rule: lettrage.RuleCreditNote})
	}
}

// openItems lists invoices still owed and credit notes with credit left.
func (l *ledger) openItems() []lettrage.OpenItem {
	items := make([]lettrage.OpenItem, 0, len(l.order)+len(l.noteOrder))
	for _, o := range l.order {
		inv := l.invoices[o.ID]
		if inv.OutstandingCents <= 0 {
			continue
		}
		items = append(items, lettrage.OpenItem{ID: "i" + strconv.FormatUint(uint64(inv.ID), 10),
			DebtorID: strconv.FormatUint(uint64(inv.DebtorID), 10), DebtorName: l.names[inv.DebtorID],
			Number: inv.Number, Reference: paymentReference(inv.PaymentTerms), IssueDate: inv.IssueDate, DueDate: inv.DueDate,
			OpenCents: inv.OutstandingCents, Currency: inv.Currency})
	}
	for _, o := range l.noteOrder {
		cn := l.notes[o.ID]
		if cn.RemainingCents <= 0 {
			continue
		}
		items = append(items, lettrage.OpenItem{ID: "c" + strconv.FormatUint(uint64(cn.ID), 10),
			DebtorID: strconv.FormatUint(uint64(cn.DebtorID), 10), DebtorName: l.names[cn.DebtorID],
			Number: cn.Number, IssueDate: cn.IssueDate, OpenCents: cn.RemainingCents, Currency: cn.Currency,
			IsCreditNote: true})
	}
	return items
}

// lettragePayments lists the payments in suspense, oldest first.
func (l *ledger) lettragePayments() []lettrage.Payment {
	out := make([]lettrage.Payment, 0, len(l.paymentOrder))
	for _, o := range l.paymentOrder {
		p := l.payments[o.ID]
		lp := lettrage.Payment{ID: "p" + strconv.FormatUint(uint64(p.ID), 10), Date: p.Date,
			AmountCents: p.UnallocatedCents, Currency: p.Currency, PayerName: p.PayerName,
			Remittance: p.Remittance, Reference: p.Reference}
		if p.DebtorID != nil {
			lp.DebtorID = strconv.FormatUint(uint64(*p.DebtorID), 10)
		}
		out = append(out, lp)
	}
	return out
}

// parseID reads back the database ID of "i12", "c3" or "p7".
func parseID(s string) uint {
	n, _ := strconv.ParseUint(s[1:], 10, 64)
	return uint(n)
}

func ptr(id uint) *uint { return &id }

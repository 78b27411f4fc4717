package moneyin

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// RuleWriteOff marks an allocation line that closes the small gap between an
// invoice and the payment that settled it (bank charges): it lowers the
// invoice but not the payment's unallocated amount.
const RuleWriteOff = "write-off"

// RuleManual marks an allocation a person made.
const RuleManual = "manual"

// ledger applies allocations to invoices, payments and credit notes held in
// memory, then writes the allocation lines, the lowered amounts, one audit
// entry per line, and queues one signal per invoice and payment.
type ledger struct {
	tx       *gorm.DB
	by       string
	userID   *uint  // the person who lettered by hand, for the audit log
	reason   string // why, for a manual allocation
	remote   string // where the person acted from
	invoices map[uint]*models.Invoice
	payments map[uint]*models.Payment
	notes    map[uint]*models.CreditNote
	rows     []models.Allocation

	// Load order, for deterministic matching, and debtor names.
	order        []models.Invoice
	noteOrder    []models.CreditNote
	paymentOrder []models.Payment
	names        map[uint]string
}

func newLedger(tx *gorm.DB, by string) *ledger {
	return &ledger{tx: tx, by: by, invoices: map[uint]*models.Invoice{},
		payments: map[uint]*models.Payment{}, notes: map[uint]*models.CreditNote{}}
}

// add books one allocation line. The caller has checked the amounts.
func (l *ledger) add(a models.Allocation) {
	a.CreatedBy = l.by
	inv := l.invoices[a.InvoiceID]
	inv.OutstandingCents -= a.Cents
	switch {
	case a.Rule == RuleWriteOff:
	case a.PaymentID != nil:
		l.payments[*a.PaymentID].UnallocatedCents -= a.Cents
		if p := l.payments[*a.PaymentID]; p.DebtorID == nil {
			p.DebtorID = &inv.DebtorID
		}
	case a.CreditNoteID != nil:
		l.notes[*a.CreditNoteID].RemainingCents -= a.Cents
	}
	l.rows = append(l.rows, a)
}

// flush writes everything and returns the signals to send after commit.
func (l *ledger) flush(auditAction string) ([]paymentSignal, error) {
	if len(l.rows) == 0 {
		return nil, nil
	}
	if err := l.tx.CreateInBatches(&l.rows, 500).Error; err != nil {
		return nil, fmt.Errorf("save allocations: %w", err)
	}
	now := time.Now().UTC()
	touched := map[uint]bool{}
	paid := map[uint]bool{}
	noted := map[uint]bool{}
	audits := make([]models.AuditLog, 0, len(l.rows))
	for _, a := range l.rows {
		touched[a.InvoiceID] = true
		if a.PaymentID != nil {
			paid[*a.PaymentID] = true
		}
		if a.CreditNoteID != nil {
			noted[*a.CreditNoteID] = true
		}
		after, _ := json.Marshal(struct {
			models.Allocation
			Reason string `json:"reason,omitempty"`
		}{a, l.reason})
		audits = append(audits, models.AuditLog{At: now, UserID: l.userID, Actor: l.by, Action: auditAction, Entity: "allocation", RemoteAddr: l.remote,
			EntityID: strconv.FormatUint(uint64(a.ID), 10), After: string(after)})
	}
	if err := l.tx.CreateInBatches(&audits, 500).Error; err != nil {
		return nil, fmt.Errorf("audit allocations: %w", err)
	}
	// Rows that end up alike (invoices paid in full, payments used up by
	// one debtor) are updated together: one statement per value, not per row.
	invoiceUpdates := map[invoiceBalance][]uint{}
	for _, id := range sortedKeys(touched) {
		inv := l.invoices[id]
		if inv.OutstandingCents <= 0 && inv.Status == models.InvoiceOpen {
			inv.Status = models.InvoicePaid
		}
		k := invoiceBalance{inv.OutstandingCents, inv.Status}
		invoiceUpdates[k] = append(invoiceUpdates[k], id)
	}
	for k, ids := range invoiceUpdates {
		for chunk := range slices.Chunk(ids, 500) {
			if err := l.tx.Model(&models.Invoice{}).Where("id IN ?", chunk).Updates(map[string]any{
				"outstanding_cents": k.outstanding, "status": k.status, "updated_at": now}).Error; err != nil {
				return nil, fmt.Errorf("lower %d invoices from %s: %w", len(chunk), l.invoices[chunk[0]].Number, err)
			}
		}
	}
	paymentUpdates := map[paymentBalance][]uint{}
	for _, id := range sortedKeys(paid) {
		p := l.payments[id]
		k := paymentBalance{unallocated: p.UnallocatedCents}
		if p.DebtorID != nil {
			k.debtorID = *p.DebtorID
		}
		paymentUpdates[k] = append(paymentUpdates[k], id)
	}
	for k, ids := range paymentUpdates {
		var debtorID *uint
		if k.debtorID != 0 {
			debtorID = &k.debtorID
		}
		for chunk := range slices.Chunk(ids, 500) {
			if err := l.tx.Model(&models.Payment{}).Where("id IN ?", chunk).Updates(map[string]any{
				"unallocated_cents": k.unallocated, "debtor_id": debtorID}).Error; err != nil {
				return nil, fmt.Errorf("lower %d payments from %d: %w", len(chunk), chunk[0], err)
			}
		}
	}
	for _, id := range sortedKeys(noted) {
		if err := l.tx.Model(&models.CreditNote{}).Where("id = ?", id).
			Update("remaining_cents", l.notes[id].RemainingCents).Error; err != nil {
			return nil, fmt.Errorf("lower credit note %d: %w", id, err)
		}
	}
	return l.signals(sortedKeys(touched))
}

// signals adds up the lines of each invoice and payment (or credit note) —
// a write-off goes with the payment it completes — into one ActionPayment
// for the invoice's case. Invoices without an open case are not signalled.
func (l *ledger) signals(invoiceIDs []uint) ([]paymentSignal, error) {
	cases := map[uint]models.Case{}
	for chunk := range slices.Chunk(invoiceIDs, 1000) {
		var found []models.Case
		if err := l.tx.Select("id", "invoice_id", "workflow_id").
			Where("invoice_id IN ? AND status = ?", chunk, models.CaseOpen).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("find cases to signal: %w", err)
		}
		for _, c := range found {
			cases[c.InvoiceID] = c
		}
	}
	type key struct {
		invoice  uint
		by       string
		sourceID uint
	}
	index := map[key]int{}
	var out []paymentSignal
	for _, a := range l.rows {
		c, ok := cases[a.InvoiceID]
		if !ok {
			continue
		}
		var k key
		act := recovery.Action{By: "lettrage"}
		switch {
		case a.PaymentID != nil:
			p := l.payments[*a.PaymentID]
			k = key{a.InvoiceID, "payment", p.ID}
			act.Date, act.Reference = p.Date, p.BankReference
			if act.Reference == "" {
				act.Reference = p.Reference
			}
		case a.CreditNoteID != nil:
			n := l.notes[*a.CreditNoteID]
			k = key{a.InvoiceID, "credit_note", n.ID}
			act.Date, act.Reference = n.IssueDate, "Avoir "+n.Number
		}
		if a.Rule == RuleManual {
			act.By = l.by
		}
		if i, seen := index[k]; seen {
			out[i].Action.AmountCents += a.Cents
			continue
		}
		act.AmountCents = a.Cents
		index[k] = len(out)
		out = append(out, paymentSignal{WorkflowID: c.WorkflowID, CaseID: c.ID, AllocationID: a.ID, Action: act})
	}
	return out, queue(l.tx, out)
}

type invoiceBalance struct {
	outstanding int64
	status      models.InvoiceStatus
}

type paymentBalance struct {
	unallocated int64
	debtorID    uint
}

func sortedKeys(m map[uint]bool) []uint {
	out := make([]uint, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

package moneyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// ErrNotFound is returned when a named invoice, payment, credit note or
// allocation does not exist for the creditor.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned for an allocation already reversed.
var ErrConflict = errors.New("conflict")

// InputError names the field of a manual request that is wrong.
type InputError struct {
	Field, Message string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

// Actor is who acts by hand, for allocations and the audit log.
type Actor struct {
	Email      string
	UserID     *uint
	RemoteAddr string
}

// ManualAllocation letters a payment or a credit note against an invoice.
type ManualAllocation struct {
	InvoiceID    uint   `json:"invoice_id"`
	PaymentID    *uint  `json:"payment_id,omitempty"`
	CreditNoteID *uint  `json:"credit_note_id,omitempty"`
	Cents        int64  `json:"cents"` // 0 means as much as both allow
	Reason       string `json:"reason"`
}

// Allocate letters by hand, audits it and, after commit, tells the invoice's
// workflow. Payments and credit notes in another currency are refused.
func (s *Service) Allocate(ctx context.Context, m ManualAllocation, by Actor) (models.Allocation, error) {
	if (m.PaymentID == nil) == (m.CreditNoteID == nil) {
		return models.Allocation{}, &InputError{"payment_id", "give a payment_id or a credit_note_id, not both"}
	}
	if m.Cents < 0 {
		return models.Allocation{}, &InputError{"cents", fmt.Sprintf("%d is negative", m.Cents)}
	}
	if strings.TrimSpace(m.Reason) == "" {
		return models.Allocation{}, &InputError{"reason", "is required: say why this payment pays this invoice"}
	}
	var out models.Allocation
	var signals []paymentSignal
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var creditor models.Creditor
		if err := s.loadCreditor(tx, &creditor); err != nil {
			return err
		}
		l := newLedger(tx, by.Email)
		l.userID, l.reason, l.remote = by.UserID, strings.TrimSpace(m.Reason), by.RemoteAddr
		var inv models.Invoice
		if err := tx.Where("id = ? AND creditor_id = ?", m.InvoiceID, creditor.ID).Take(&inv).Error; err != nil {
			return notFound(err, "invoice", m.InvoiceID)
		}
		if inv.Status != models.InvoiceOpen || inv.OutstandingCents <= 0 {
			return &InputError{"invoice_id", fmt.Sprintf("invoice %s is %s with %d cents outstanding: nothing to letter", inv.Number, inv.Status, inv.OutstandingCents)}
		}
		l.invoices[inv.ID] = &inv
		available, currency := int64(0), ""
		if m.PaymentID != nil {
			var p models.Payment
			if err := tx.Where("id = ? AND creditor_id = ?", *m.PaymentID, creditor.ID).Take(&p).Error; err != nil {
				return notFound(err, "payment", *m.PaymentID)
			}
			l.payments[p.ID] = &p
			available, currency = p.UnallocatedCents, p.Currency
		} else {
			var n models.CreditNote
			if err := tx.Where("id = ? AND creditor_id = ?", *m.CreditNoteID, creditor.ID).Take(&n).Error; err != nil {
				return notFound(err, "credit note", *m.CreditNoteID)
			}
			l.notes[n.ID] = &n
			available, currency = n.RemainingCents, n.Currency
		}
		if currency != inv.Currency {
			return &InputError{"invoice_id", fmt.Sprintf("the invoice is in %s and the money in %s", inv.Currency, currency)}
		}
		cents := m.Cents
		if cents == 0 {
			cents = min(available, inv.OutstandingCents)
		}
		switch {
		case cents <= 0 || cents > available:
			return &InputError{"cents", fmt.Sprintf("%d cents asked but %d are left to allocate", cents, available)}
		case cents > inv.OutstandingCents:
			return &InputError{"cents", fmt.Sprintf("%d cents asked but invoice %s owes %d", cents, inv.Number, inv.OutstandingCents)}
		}
		l.add(models.Allocation{InvoiceID: inv.ID, PaymentID: m.PaymentID, CreditNoteID: m.CreditNoteID, Cents: cents, Rule: RuleManual})
		var err error
		if signals, err = l.flush("allocation.manual"); err != nil {
			return err
		}
		out = l.rows[0]
		return nil
	})
	if err != nil {
		return models.Allocation{}, err
	}
	s.afterCommit(ctx, nil, signals)
	return out, nil
}

// Reversal is the outcome of unlettering.
type Reversal struct {
	Allocations []models.Allocation `json:"allocations"` // the line, and the write-off that went with it
	// Warning says what a person must still do: a case closed as paid is
	// not reopened by unlettering (an open case's workflow is told, with the
	// signal payment_reversed, and raises its balance).
	Warning string `json:"warning,omitempty"`
}

// Reverse unletters an allocation (and the write-off that completed the same
// payment on the same invoice): the invoice owes again, the payment or credit
// note is back in suspense, and the automatic rules leave it alone from now.
func (s *Service) Reverse(ctx context.Context, allocationID uint, reason string, by Actor) (Reversal, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Reversal{}, &InputError{"reason", "is required: say why this allocation was wrong"}
	}
	var out Reversal
	var reversal []paymentSignal
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a models.Allocation
		if err := tx.Take(&a, allocationID).Error; err != nil {
			return notFound(err, "allocation", allocationID)
		}
		if a.ReversedAt != nil {
			return fmt.Errorf("%w: allocation %d was reversed on %s: %s", ErrConflict, a.ID, a.ReversedAt.Format(time.DateOnly), a.ReverseReason)
		}
		lines := []models.Allocation{a}
		if a.PaymentID != nil && a.Rule != RuleWriteOff {
			var writeOffs []models.Allocation
			if err := tx.Where("payment_id = ? AND invoice_id = ? AND rule = ? AND reversed_at IS NULL", *a.PaymentID, a.InvoiceID, RuleWriteOff).
				Find(&writeOffs).Error; err != nil {
				return err
			}
			lines = append(lines, writeOffs...)
		}
		now := time.Now().UTC()
		for i := range lines {
			if err := s.reverseLine(tx, &lines[i], now, reason, by); err != nil {
				return err
			}
		}
		out.Allocations = lines
		var c models.Case
		if err := tx.Where("invoice_id = ?", a.InvoiceID).Limit(1).Find(&c).Error; err != nil {
			return err
		}
		if c.ID == 0 {
			return nil
		}
		var cents int64
		for _, l := range lines {
			cents += l.Cents
		}
		if c.Status != models.CaseOpen {
			out.Warning = fmt.Sprintf("le dossier %d est clos (%s) : le rouvrir n'est pas automatique", c.ID, c.Status)
		} else {
			// The workflow raises its balance when told; told after commit.
			reversal = []paymentSignal{{WorkflowID: c.WorkflowID, Name: recovery.ActionPaymentReversed, CaseID: c.ID, AllocationID: a.ID,
				Action: recovery.Action{AmountCents: cents, Reason: reason, Reference: fmt.Sprintf("allocation %d", a.ID), By: by.Email}}}
			if err := queue(tx, reversal); err != nil {
				return err
			}
		}
		// The timeline says it; the workflow keeps the balance it had.
		return tx.Create(&models.CaseEvent{CaseID: c.ID, Key: fmt.Sprintf("moneyin/unlettered/%d", a.ID), At: now,
			Actor: by.Email, Kind: "unlettered", Summary: clip(fmt.Sprintf("Lettrage annulé : %s ne sont plus imputés sur la facture (motif : %s)",
				money.Format(cents, c.Currency), reason), 1000)}).Error
	})
	if err == nil {
		s.afterCommit(ctx, nil, reversal)
	}
	return out, err
}

func (s *Service) reverseLine(tx *gorm.DB, a *models.Allocation, now time.Time, reason string, by Actor) error {
	before, _ := json.Marshal(a)
	res := tx.Model(&models.Allocation{}).Where("id = ? AND reversed_at IS NULL", a.ID).
		Updates(map[string]any{"reversed_at": now, "reverse_reason": clip(reason, 500)})
	if res.Error != nil || res.RowsAffected != 1 {
		return fmt.Errorf("%w: allocation %d changed meanwhile (%v)", ErrConflict, a.ID, res.Error)
	}
	a.ReversedAt, a.ReverseReason = &now, clip(reason, 500)
	inc := gorm.Expr("outstanding_cents + ?", a.Cents)
	if err := tx.Model(&models.Invoice{}).Where("id = ?", a.InvoiceID).Updates(map[string]any{
		"outstanding_cents": inc, "updated_at": now}).Error; err != nil {
		return err
	}
	if err := tx.Model(&models.Invoice{}).Where("id = ? AND status = ? AND outstanding_cents > 0", a.InvoiceID, models.InvoicePaid).
		Update("status", models.InvoiceOpen).Error; err != nil {
		return err
	}
	switch {
	case a.Rule == RuleWriteOff:
	case a.PaymentID != nil:
		if err := tx.Model(&models.Payment{}).Where("id = ?", *a.PaymentID).
			Update("unallocated_cents", gorm.Expr("unallocated_cents + ?", a.Cents)).Error; err != nil {
			return err
		}
	case a.CreditNoteID != nil:
		if err := tx.Model(&models.CreditNote{}).Where("id = ?", *a.CreditNoteID).
			Update("remaining_cents", gorm.Expr("remaining_cents + ?", a.Cents)).Error; err != nil {
			return err
		}
	}
	after, _ := json.Marshal(a)
	return tx.Create(&models.AuditLog{At: now, UserID: by.UserID, Actor: by.Email, Action: "allocation.reverse",
		Entity: "allocation", EntityID: strconv.FormatUint(uint64(a.ID), 10), RemoteAddr: by.RemoteAddr,
		Before: string(before), After: string(after)}).Error
}

// Suspense lists the payments not fully allocated, newest first.
func (s *Service) Suspense(ctx context.Context, limit int) ([]models.Payment, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	var out []models.Payment
	err := s.DB.WithContext(ctx).Where("unallocated_cents > 0").Order("date DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

func notFound(err error, what string, id uint) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%w: no %s %d", ErrNotFound, what, id)
	}
	return err
}

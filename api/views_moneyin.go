package api

import (
	"context"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// paymentView drops the record's currency: each amount carries it.
type paymentView struct {
	ID            uint         `json:"id"`
	CreatedAt     time.Time    `json:"created_at"`
	CreditorID    uint         `json:"creditor_id"`
	DebtorID      *uint        `json:"debtor_id,omitempty"`
	Date          civil.Date   `json:"date"`
	Amount        money.Amount `json:"amount"`
	PayerName     string       `json:"payer_name,omitempty"`
	Reference     string       `json:"reference,omitempty"`
	Remittance    string       `json:"remittance,omitempty"`
	BankReference string       `json:"bank_reference,omitempty"`
	Source        string       `json:"source,omitempty"`
	Unallocated   money.Amount `json:"unallocated"` // left in suspense until lettered
}

func paymentViewOf(p models.Payment) paymentView {
	return paymentView{
		ID: p.ID, CreatedAt: p.CreatedAt, CreditorID: p.CreditorID, DebtorID: p.DebtorID, Date: p.Date,
		Amount: moneyOf(p.AmountCents, p.Currency), PayerName: p.PayerName, Reference: p.Reference,
		Remittance: p.Remittance, BankReference: p.BankReference, Source: p.Source,
		Unallocated: moneyOf(p.UnallocatedCents, p.Currency),
	}
}

// allocationView is a lettering; its amount is in the invoice's currency,
// which lettrage requires of the payment or credit note too.
type allocationView struct {
	ID            uint         `json:"id"`
	CreatedAt     time.Time    `json:"created_at"`
	InvoiceID     uint         `json:"invoice_id"`
	PaymentID     *uint        `json:"payment_id,omitempty"`
	CreditNoteID  *uint        `json:"credit_note_id,omitempty"`
	Amount        money.Amount `json:"amount"`
	Rule          string       `json:"rule"`
	CreatedBy     string       `json:"created_by"`
	ReversedAt    *time.Time   `json:"reversed_at,omitempty"`
	ReverseReason string       `json:"reverse_reason,omitempty"`
}

func allocationViewOf(a models.Allocation, currency string) allocationView {
	return allocationView{
		ID: a.ID, CreatedAt: a.CreatedAt, InvoiceID: a.InvoiceID, PaymentID: a.PaymentID, CreditNoteID: a.CreditNoteID,
		Amount: moneyOf(a.Cents, currency), Rule: a.Rule, CreatedBy: a.CreatedBy, ReversedAt: a.ReversedAt,
		ReverseReason: a.ReverseReason,
	}
}

type reversalView struct {
	Allocations []allocationView `json:"allocations"`
	Warning     string           `json:"warning,omitempty"`
}

// moneyInSummaryView is the result of an import. Its totals are in the
// currency of the creditor's books.
type moneyInSummaryView struct {
	Kind            string              `json:"kind"`
	File            string              `json:"file"`
	SHA256          string              `json:"sha256"`
	FileID          uint                `json:"file_id,omitempty"`
	AlreadyImported bool                `json:"already_imported"`
	Created         int                 `json:"created"`
	Updated         int                 `json:"updated"`
	Unchanged       int                 `json:"unchanged"`
	Invoices        moneyin.Counts      `json:"invoices"`
	CreditNotes     moneyin.Counts      `json:"credit_notes"`
	Payments        moneyin.Counts      `json:"payments"`
	Statements      int                 `json:"statements,omitempty"`
	Allocations     int                 `json:"allocations"`
	Allocated       money.Amount        `json:"allocated"`
	WrittenOff      money.Amount        `json:"written_off"`
	SuspenseCount   int                 `json:"suspense_count"`
	Suspense        money.Amount        `json:"suspense"`
	Cases           []intake.Outcome    `json:"cases,omitempty"`
	Warnings        []string            `json:"warnings,omitempty"`
	Rejected        []moneyin.Rejection `json:"rejected,omitempty"`
}

func moneyInSummaryViewOf(s moneyin.Summary, currency string) moneyInSummaryView {
	return moneyInSummaryView{
		Kind: s.Kind, File: s.File, SHA256: s.SHA256, FileID: s.FileID, AlreadyImported: s.AlreadyImported,
		Created: s.Created, Updated: s.Updated, Unchanged: s.Unchanged, Invoices: s.Invoices,
		CreditNotes: s.CreditNotes, Payments: s.Payments, Statements: s.Statements, Allocations: s.Allocations,
		Allocated: moneyOf(s.AllocatedCents, currency), WrittenOff: moneyOf(s.WrittenOffCents, currency),
		SuspenseCount: s.SuspenseCount, Suspense: moneyOf(s.SuspenseCents, currency), Cases: s.Cases,
		Warnings: s.Warnings, Rejected: s.Rejected,
	}
}

// booksCurrency is the currency of the creditor whose books money-in
// imports (moneyin.Service.CreditorID, else the first), EUR when unknown.
func (s *Server) booksCurrency(ctx context.Context) string {
	var cr models.Creditor
	q := s.DB.WithContext(ctx).Order("id")
	if id := s.moneyIn().CreditorID; id != 0 {
		q = q.Where("id = ?", id)
	}
	if err := q.Take(&cr).Error; err != nil || cr.Currency == "" {
		return "EUR"
	}
	return cr.Currency
}

// allocationViews shows allocations, each in its invoice's currency.
func (s *Server) allocationViews(ctx context.Context, rows []models.Allocation) ([]allocationView, error) {
	ids := make([]uint, 0, len(rows))
	for _, a := range rows {
		ids = append(ids, a.InvoiceID)
	}
	var invoices []models.Invoice
	if len(ids) > 0 {
		if err := s.DB.WithContext(ctx).Select("id", "currency").Where("id IN ?", ids).Find(&invoices).Error; err != nil {
			return nil, err
		}
	}
	currencies := make(map[uint]string, len(invoices))
	for _, inv := range invoices {
		currencies[inv.ID] = inv.Currency
	}
	out := make([]allocationView, len(rows))
	for i, a := range rows {
		out[i] = allocationViewOf(a, currencies[a.InvoiceID])
	}
	return out, nil
}

package models

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// InvoiceStatus is where an invoice stands in the books.
type InvoiceStatus string

const (
	InvoiceOpen      InvoiceStatus = "open"
	InvoicePaid      InvoiceStatus = "paid"
	InvoiceCancelled InvoiceStatus = "cancelled"
)

// Invoice is a receivable. Its number is unique per creditor: re-sending the
// same number updates it, never duplicates it.
type Invoice struct {
	ID               uint          `gorm:"primaryKey" json:"id"`
	CreatedAt        time.Time     `json:"created_at"`
	UpdatedAt        time.Time     `json:"updated_at"`
	CreditorID       uint          `gorm:"not null;uniqueIndex:ux_invoice_number" json:"creditor_id"`
	Number           string        `gorm:"size:64;not null;uniqueIndex:ux_invoice_number" json:"number"`
	DebtorID         uint          `gorm:"not null;index" json:"debtor_id"`
	IssueDate        civil.Date    `gorm:"not null" json:"issue_date"`
	DueDate          civil.Date    `gorm:"not null;index" json:"due_date"`
	NetCents         int64         `gorm:"not null" json:"net_cents"`
	VATCents         int64         `gorm:"not null" json:"vat_cents"`
	TotalCents       int64         `gorm:"not null" json:"total_cents"`
	Currency         string        `gorm:"size:3;not null" json:"currency"`
	OutstandingCents int64         `gorm:"not null" json:"outstanding_cents"`
	LateRateBP       *int64        `json:"late_rate_bp,omitempty"` // contractual late-payment rate in hundredths of a percent
	PaymentTerms     string        `gorm:"size:200" json:"payment_terms,omitempty"`
	Status           InvoiceStatus `gorm:"size:16;not null;index" json:"status"`
	Source           string        `gorm:"size:32" json:"source,omitempty"` // api, csv, fec, facturx, ubl, demo
}

// CreditNote lowers what a debtor owes; it may name the invoice it corrects.
type CreditNote struct {
	ID             uint       `gorm:"primaryKey" json:"id"`
	CreatedAt      time.Time  `json:"created_at"`
	CreditorID     uint       `gorm:"not null;uniqueIndex:ux_credit_note_number" json:"creditor_id"`
	Number         string     `gorm:"size:64;not null;uniqueIndex:ux_credit_note_number" json:"number"`
	DebtorID       uint       `gorm:"not null;index" json:"debtor_id"`
	InvoiceID      *uint      `json:"invoice_id,omitempty"`
	IssueDate      civil.Date `gorm:"not null" json:"issue_date"`
	TotalCents     int64      `gorm:"not null" json:"total_cents"`
	VATCents       int64      `gorm:"not null" json:"vat_cents"`
	Currency       string     `gorm:"size:3;not null" json:"currency"`
	RemainingCents int64      `gorm:"not null" json:"remaining_cents"` // not yet allocated to an invoice
}

// Payment is money received, from a bank statement, a person or a partner.
type Payment struct {
	ID               uint       `gorm:"primaryKey" json:"id"`
	CreatedAt        time.Time  `json:"created_at"`
	CreditorID       uint       `gorm:"not null;index" json:"creditor_id"`
	DebtorID         *uint      `gorm:"index" json:"debtor_id,omitempty"`
	Date             civil.Date `gorm:"not null" json:"date"`
	AmountCents      int64      `gorm:"not null" json:"amount_cents"`
	Currency         string     `gorm:"size:3;not null" json:"currency"`
	PayerName        string     `gorm:"size:200" json:"payer_name,omitempty"`
	Reference        string     `gorm:"size:140" json:"reference,omitempty"`
	Remittance       string     `gorm:"size:500" json:"remittance,omitempty"`
	BankReference    string     `gorm:"size:64;index" json:"bank_reference,omitempty"`
	Source           string     `gorm:"size:32" json:"source,omitempty"`
	UnallocatedCents int64      `gorm:"not null" json:"unallocated_cents"` // left in suspense until lettered
}

// Allocation letters part of a payment or a credit note against an invoice.
// Allocations are never deleted: unlettering sets ReversedAt with a reason.
type Allocation struct {
	ID            uint       `gorm:"primaryKey" json:"id"`
	CreatedAt     time.Time  `json:"created_at"`
	InvoiceID     uint       `gorm:"not null;index" json:"invoice_id"`
	PaymentID     *uint      `gorm:"index" json:"payment_id,omitempty"`
	CreditNoteID  *uint      `gorm:"index" json:"credit_note_id,omitempty"`
	Cents         int64      `gorm:"not null" json:"cents"`
	Rule          string     `gorm:"size:40" json:"rule"` // which lettrage rule or "manual"
	CreatedBy     string     `gorm:"size:200" json:"created_by"`
	ReversedAt    *time.Time `json:"reversed_at,omitempty"`
	ReverseReason string     `gorm:"size:500" json:"reverse_reason,omitempty"`
}

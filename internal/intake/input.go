// Package intake brings invoices into Recouvra — from the API, a CSV upload or
// the command line — and opens a recovery case for each one that needs it.
// A batch is validated whole before anything is written, and written in one
// transaction: a file with one bad row changes nothing.
package intake

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/models"
)

// InvoiceInput is one invoice as outside clients send it. Field names are a
// public contract (see README): do not rename them.
type InvoiceInput struct {
	Number           string       `json:"number"`
	IssueDate        string       `json:"issue_date"`
	DueDate          string       `json:"due_date"`
	TotalCents       *int64       `json:"total_cents"`
	VATCents         *int64       `json:"vat_cents"`
	OutstandingCents *int64       `json:"outstanding_cents,omitempty"`
	Currency         string       `json:"currency"`
	LateRatePercent  *string      `json:"late_rate_percent,omitempty"`
	PaymentTerms     string       `json:"payment_terms,omitempty"`
	CreditorID       *uint        `json:"creditor_id,omitempty"`
	DebtorID         *uint        `json:"debtor_id,omitempty"`
	Debtor           *DebtorInput `json:"debtor,omitempty"`
	Source           string       `json:"-"`
}

// DebtorInput is a debtor embedded in an invoice; it is created, or updated
// when a debtor with the same reference (or SIREN) exists.
type DebtorInput struct {
	Reference      string         `json:"reference,omitempty"`
	Name           string         `json:"name"`
	Kind           string         `json:"kind"`
	LegalForm      string         `json:"legal_form,omitempty"`
	SIREN          string         `json:"siren,omitempty"`
	SIRET          string         `json:"siret,omitempty"`
	RCSCity        string         `json:"rcs_city,omitempty"`
	Email          string         `json:"email,omitempty"`
	Phone          string         `json:"phone,omitempty"`
	PaymentContact string         `json:"payment_contact,omitempty"`
	Address        models.Address `json:"address"`
}

// FieldError names what is wrong with one field of one row. Row is the
// position in a JSON batch (from 1) or the line number in a CSV file (the
// header is line 1), so a person can find it in what they sent.
type FieldError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string {
	return fmt.Sprintf("row %d, field %s: %s", e.Row, e.Field, e.Message)
}

// ValidationError lists every problem of a batch; nothing was written.
type ValidationError struct {
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Errors))
	for _, fe := range e.Errors {
		parts = append(parts, fe.Error())
	}
	return "invalid invoices: " + strings.Join(parts, "; ")
}

// Row is an input with the row number its errors will carry.
type Row struct {
	Row   int
	Input InvoiceInput
}

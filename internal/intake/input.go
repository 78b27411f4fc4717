// Package intake brings invoices into Recouvra — from the API, a CSV upload or
// the command line — and opens a recovery case for each one that needs it.
// A batch is validated whole before anything is written, and written in one
// transaction: a file with one bad row changes nothing.
package intake

import (
	"encoding/json"
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
	LateRatePercent  *Decimal     `json:"late_rate_percent,omitempty"`
	PaymentTerms     string       `json:"payment_terms,omitempty"`
	CreditorID       *uint        `json:"creditor_id,omitempty"`
	DebtorID         *uint        `json:"debtor_id,omitempty"`
	Debtor           *DebtorInput `json:"debtor,omitempty"`
	Source           string       `json:"-"`
}

// Decimal is a decimal number kept as its text, so that a rate such as
// 12.15 is never rounded through a float. JSON may give it as a number
// (12.15) or a string ("12,15").
type Decimal string

// UnmarshalJSON accepts a JSON number or string.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) > 0 && s[0] == '"' {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		*d = Decimal(str)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a number such as 12.15, got %s", b)
	}
	*d = Decimal(n.String())
	return nil
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

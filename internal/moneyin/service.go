// Package moneyin brings money-related files into Recouvra — accounting
// exports (FEC), e-invoices (Factur-X, UBL), invoice CSVs and bank statements
// (CFONB 120, camt.053) — and letters payments against invoices (lettrage).
//
// Each import is one database transaction: a file with one bad line changes
// nothing, and the rejection names the line (or XML path) and the field.
// Importing the same file twice changes nothing the second time: invoices and
// credit notes are keyed by number, payments by models.PaymentKey. Workflows
// are only told after the transaction commits: cases that opened are started
// through the intake service's Starter, and every allocation is sent to the
// invoice's recovery workflow as the recovery.ActionPayment signal.
package moneyin

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"gorm.io/gorm"
)

// DefaultToleranceCents is the shortfall accepted as bank charges when a
// payment settles an invoice: 1 €, booked as a write-off line.
const DefaultToleranceCents = 100

// Service imports files and letters payments.
type Service struct {
	DB *gorm.DB
	// Intake writes invoices and opens their cases; its Starter starts the
	// workflows after commit and its Today is the service's today.
	Intake *intake.Service
	// Signaller tells recovery workflows about allocations; nil saves the
	// allocations without telling (the workflows then keep their balance).
	Signaller Signaller
	// ToleranceCents is the shortfall written off when a payment settles an
	// invoice; New sets DefaultToleranceCents.
	ToleranceCents int64
	// CreditorID is whose books are imported; 0 means the first creditor.
	CreditorID uint
	Log        *slog.Logger
}

// New returns a service with the default tolerance.
func New(db *gorm.DB, in *intake.Service, sig Signaller, log *slog.Logger) *Service {
	return &Service{DB: db, Intake: in, Signaller: sig, ToleranceCents: DefaultToleranceCents, Log: log}
}

// File is an uploaded or named file, given as bytes or as a reader.
type File struct {
	Name    string
	Content []byte
	// Body, when set, is read instead of Content, once: a FEC is parsed as
	// it streams in (memory does not grow with the file); other formats are
	// read whole. The caller closes it.
	Body io.Reader
	By   string // who imports: a user's email, or "cli"
}

// Counts say what an import did with one kind of record.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

func (c *Counts) add(result string) {
	switch result {
	case "created":
		c.Created++
	case "updated":
		c.Updated++
	default:
		c.Unchanged++
	}
}

// Summary is the result of an import.
type Summary struct {
	Kind   string `json:"kind"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	FileID uint   `json:"file_id,omitempty"`
	// AlreadyImported is set when a file with the same content was imported
	// before; the import ran again and, by the natural keys, changed nothing.
	AlreadyImported bool `json:"already_imported"`

	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`

	Invoices    Counts `json:"invoices"`
	CreditNotes Counts `json:"credit_notes"`
	Payments    Counts `json:"payments"`

	Statements      int   `json:"statements,omitempty"`
	Allocations     int   `json:"allocations"`
	AllocatedCents  int64 `json:"allocated_cents"`
	WrittenOffCents int64 `json:"written_off_cents"`
	SuspenseCount   int   `json:"suspense_count"` // payments of the creditor still (partly) unallocated
	SuspenseCents   int64 `json:"suspense_cents"`

	Cases    []intake.Outcome `json:"cases,omitempty"` // invoices with their case, as intake reports them
	Warnings []string         `json:"warnings,omitempty"`
	Rejected []Rejection      `json:"rejected,omitempty"`
}

func (s *Summary) total() {
	s.Created = s.Invoices.Created + s.CreditNotes.Created + s.Payments.Created
	s.Updated = s.Invoices.Updated + s.CreditNotes.Updated + s.Payments.Updated
	s.Unchanged = s.Invoices.Unchanged + s.CreditNotes.Unchanged + s.Payments.Unchanged
}

// Rejection is one reason a file was refused: where (a line, or an XML
// element path) and which field.
type Rejection struct {
	Line    int    `json:"line,omitempty"`
	Path    string `json:"path,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (r Rejection) String() string {
	var where []string
	if r.Line > 0 {
		where = append(where, fmt.Sprintf("line %d", r.Line))
	}
	if r.Path != "" {
		where = append(where, r.Path)
	}
	if r.Field != "" {
		where = append(where, "field "+r.Field)
	}
	if len(where) == 0 {
		return r.Message
	}
	return strings.Join(where, ", ") + ": " + r.Message
}

// RejectedError means the file was refused whole: nothing was written.
type RejectedError struct {
	File     string
	Rejected []Rejection
}

func (e *RejectedError) Error() string {
	parts := make([]string, 0, len(e.Rejected))
	for _, r := range e.Rejected {
		parts = append(parts, r.String())
	}
	return fmt.Sprintf("%s: nothing was imported: %s", e.File, strings.Join(parts, "; "))
}

func (s *Service) today() civil.Date {
	if s.Intake != nil && s.Intake.Today != nil {
		return s.Intake.Today()
	}
	return civil.Today()
}

func (s *Service) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// clip shortens s to at most n characters, for bounded columns.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

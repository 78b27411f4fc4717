package intake

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// CaseStarter starts the recovery workflow of a case. Starting must be
// idempotent: starting a case whose workflow exists (running or closed) is
// not an error and starts nothing.
type CaseStarter interface {
	StartCase(ctx context.Context, c models.Case, inv models.Invoice, debtor models.Debtor) error
}

// CaseIDFunc derives the workflow ID of an invoice's case.
type CaseIDFunc func(creditorID uint, invoiceNumber string) string

// Service imports invoices and opens their cases.
type Service struct {
	DB         *gorm.DB
	Starter    CaseStarter
	WorkflowID CaseIDFunc
	PreDueDays int               // a case opens this many days before the due date
	Today      func() civil.Date // civil.Today outside tests
	Log        *slog.Logger
}

// Outcome says what an import did with one invoice.
type Outcome struct {
	Row        int    `json:"row"`
	Number     string `json:"number"`
	InvoiceID  uint   `json:"invoice_id"`
	Result     string `json:"result"` // created, updated, unchanged
	CaseID     uint   `json:"case_id,omitempty"`
	WorkflowID string `json:"workflow_id,omitempty"`
}

// Summary is the result of an import.
type Summary struct {
	Created   int       `json:"created"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Invoices  []Outcome `json:"invoices"`
}

// Import validates every row, then writes them all in one transaction and
// starts the workflows of the cases that opened. A *ValidationError means
// nothing was written.
func (s *Service) Import(ctx context.Context, rows []Row) (Summary, error) {
	var sum Summary
	valid, err := validateRows(rows)
	if err != nil {
		return sum, err
	}
	var toStart []uint
	err = s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, v := range valid {
			out, caseID, err := s.upsert(tx, v)
			if err != nil {
				return err
			}
			switch out.Result {
			case "created":
				sum.Created++
			case "updated":
				sum.Updated++
			default:
				sum.Unchanged++
			}
			if caseID != 0 {
				toStart = append(toStart, caseID)
			}
			sum.Invoices = append(sum.Invoices, out)
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	// The transaction is committed: a failure to start now is retried by the
	// daily sweep, so it is logged and not reported as a failed import.
	for _, id := range toStart {
		if err := s.startCase(ctx, id); err != nil {
			s.logger().Warn("case saved but its workflow did not start; the sweep will retry", "case", id, "err", err)
		}
	}
	return sum, nil
}

// validateRows checks every row, and that no invoice number is given twice.
func validateRows(rows []Row) ([]validInvoice, error) {
	if len(rows) == 0 {
		return nil, &ValidationError{Errors: []FieldError{{Row: 0, Field: "invoices", Message: "no invoice given"}}}
	}
	valid := make([]validInvoice, 0, len(rows))
	var errs []FieldError
	seen := make(map[string]int, len(rows))
	for _, r := range rows {
		v, fe := validate(r)
		errs = append(errs, fe...)
		key := strings.TrimSpace(r.Input.Number)
		if prev, dup := seen[key]; dup && key != "" {
			errs = append(errs, FieldError{Row: r.Row, Field: "number", Message: fmt.Sprintf("invoice %s is also on row %d", key, prev)})
		}
		seen[key] = r.Row
		valid = append(valid, v)
	}
	if len(errs) > 0 {
		return nil, &ValidationError{Errors: errs}
	}
	return valid, nil
}

func (s *Service) upsert(tx *gorm.DB, v validInvoice) (Outcome, uint, error) {
	creditor, err := s.creditor(tx, v)
	if err != nil {
		return Outcome{}, 0, err
	}
	debtorID, err := s.debtor(tx, creditor, v)
	if err != nil {
		return Outcome{}, 0, err
	}
	out := Outcome{Row: v.Row, Number: strings.TrimSpace(v.In.Number)}
	var inv models.Invoice
	err = tx.Where("creditor_id = ? AND number = ?", creditor.ID, out.Number).Take(&inv).Error
	exists := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return out, 0, fmt.Errorf("row %d: look up invoice %s: %w", v.Row, out.Number, err)
	}
	before := inv
	fillInvoice(&inv, exists, creditor.ID, debtorID, out.Number, v)
	switch {
	case !exists:
		out.Result = "created"
		err = tx.Create(&inv).Error
	case sameInvoice(before, inv):
		out.Result = "unchanged"
	default:
		out.Result = "updated"
		err = tx.Save(&inv).Error
	}
	if err != nil {
		return out, 0, fmt.Errorf("row %d: save invoice %s: %w", v.Row, out.Number, err)
	}
	out.InvoiceID = inv.ID
	c, opened, err := s.ensureCase(tx, inv)
	if err != nil {
		return out, 0, fmt.Errorf("row %d: open case for invoice %s: %w", v.Row, out.Number, err)
	}
	out.CaseID, out.WorkflowID = c.ID, c.WorkflowID
	if opened || (c.ID != 0 && !c.WorkflowStarted) {
		return out, c.ID, nil
	}
	return out, 0, nil
}

// fillInvoice writes a valid input over an invoice, new or as it exists.
func fillInvoice(inv *models.Invoice, exists bool, creditorID, debtorID uint, number string, v validInvoice) {
	outstanding := v.Total
	if exists {
		// Payments already lettered stay deducted when an invoice is re-sent.
		outstanding = max(0, inv.OutstandingCents+v.Total-inv.TotalCents)
	}
	if v.In.OutstandingCents != nil {
		outstanding = *v.In.OutstandingCents
	}
	inv.CreditorID, inv.Number, inv.DebtorID = creditorID, number, debtorID
	inv.IssueDate, inv.DueDate = v.IssueDate, v.DueDate
	inv.TotalCents, inv.VATCents, inv.NetCents = v.Total, v.VAT, v.Total-v.VAT
	inv.Currency, inv.OutstandingCents, inv.LateRateBP = v.Currency, outstanding, v.LateRateBP
	inv.PaymentTerms = v.In.PaymentTerms
	if inv.Status != models.InvoiceCancelled {
		inv.Status = models.InvoiceOpen
		if outstanding == 0 {
			inv.Status = models.InvoicePaid
		}
	}
	if inv.Source == "" {
		inv.Source = v.In.Source
	}
}

func sameInvoice(a, b models.Invoice) bool {
	rate := func(p *int64) int64 {
		if p == nil {
			return -1
		}
		return *p
	}
	return a.DebtorID == b.DebtorID && a.IssueDate == b.IssueDate && a.DueDate == b.DueDate &&
		a.TotalCents == b.TotalCents && a.VATCents == b.VATCents && a.Currency == b.Currency &&
		a.OutstandingCents == b.OutstandingCents && rate(a.LateRateBP) == rate(b.LateRateBP) &&
		a.PaymentTerms == b.PaymentTerms && a.Status == b.Status
}

func (s *Service) creditor(tx *gorm.DB, v validInvoice) (models.Creditor, error) {
	var c models.Creditor
	q := tx.Order("id")
	if v.In.CreditorID != nil {
		q = q.Where("id = ?", *v.In.CreditorID)
	}
	if err := q.Take(&c).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return c, &ValidationError{Errors: []FieldError{{Row: v.Row, Field: "creditor_id", Message: "no such creditor; create the creditor first"}}}
		}
		return c, err
	}
	return c, nil
}

// NeedsCase tells whether an invoice must have a recovery case on day today:
// it is not fully paid and it is past due or within the pre-due window.
func NeedsCase(inv models.Invoice, today civil.Date, preDueDays int) bool {
	return inv.Status == models.InvoiceOpen && inv.OutstandingCents > 0 &&
		!inv.DueDate.After(today.AddDays(preDueDays))
}

// ensureCase creates the case of an invoice that needs one. The unique index
// on invoice_id makes a concurrent import find the same case.
func (s *Service) ensureCase(tx *gorm.DB, inv models.Invoice) (models.Case, bool, error) {
	var c models.Case
	err := tx.Where("invoice_id = ?", inv.ID).Take(&c).Error
	if err == nil {
		return c, false, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return c, false, err
	}
	c, needed := s.newCase(inv)
	if !needed {
		return models.Case{}, false, nil
	}
	if err := assign(tx, []*models.Case{&c}); err != nil {
		return c, false, err
	}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&c)
	if res.Error != nil {
		return c, false, res.Error
	}
	if res.RowsAffected == 0 { // another import opened it meanwhile
		err := tx.Where("invoice_id = ?", inv.ID).Take(&c).Error
		return c, false, err
	}
	return c, true, nil
}

// newCase is the case an invoice without one must open today, if any.
func (s *Service) newCase(inv models.Invoice) (models.Case, bool) {
	if !NeedsCase(inv, s.Today(), s.PreDueDays) {
		return models.Case{}, false
	}
	phase := "amicable"
	if s.Today().Before(inv.DueDate) {
		phase = "pre_due"
	}
	return models.Case{
		CreditorID: inv.CreditorID, DebtorID: inv.DebtorID, InvoiceID: inv.ID,
		WorkflowID: s.WorkflowID(inv.CreditorID, inv.Number), Phase: phase, Status: models.CaseOpen,
		BalanceCents: inv.OutstandingCents, Currency: inv.Currency,
	}, true
}

// assign gives new cases their debtor's account manager as assignee, so
// that each manager's case list holds the cases of the accounts they run.
func assign(tx *gorm.DB, cases []*models.Case) error {
	byDebtor := map[uint][]*models.Case{}
	for _, c := range cases {
		byDebtor[c.DebtorID] = append(byDebtor[c.DebtorID], c)
	}
	debtorIDs := slices.Sorted(maps.Keys(byDebtor))
	for chunk := range slices.Chunk(debtorIDs, bulkChunk) {
		var managed []models.Debtor
		if err := tx.Select("id, account_manager_id").Where("id IN ? AND account_manager_id IS NOT NULL", chunk).
			Find(&managed).Error; err != nil {
			return fmt.Errorf("look up the account managers of %d debtors: %w", len(chunk), err)
		}
		for _, d := range managed {
			for _, c := range byDebtor[d.ID] {
				c.AssigneeID = d.AccountManagerID
			}
		}
	}
	return nil
}

func (s *Service) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

package intake

import (
	"context"
	"fmt"

	"github.com/recouvra/recouvra/models"
)

// startCase starts the workflow of one case and records that it started.
func (s *Service) startCase(ctx context.Context, caseID uint) error {
	var c models.Case
	if err := s.DB.WithContext(ctx).Take(&c, caseID).Error; err != nil {
		return fmt.Errorf("load case %d: %w", caseID, err)
	}
	if c.WorkflowStarted {
		return nil
	}
	if s.Starter == nil {
		return fmt.Errorf("case %d: Temporal is not connected", caseID)
	}
	var inv models.Invoice
	if err := s.DB.WithContext(ctx).Take(&inv, c.InvoiceID).Error; err != nil {
		return fmt.Errorf("load invoice %d of case %d: %w", c.InvoiceID, caseID, err)
	}
	var d models.Debtor
	if err := s.DB.WithContext(ctx).Take(&d, c.DebtorID).Error; err != nil {
		return fmt.Errorf("load debtor %d of case %d: %w", c.DebtorID, caseID, err)
	}
	if err := s.Starter.StartCase(ctx, c, inv, d); err != nil {
		return fmt.Errorf("start workflow %s: %w", c.WorkflowID, err)
	}
	return s.DB.WithContext(ctx).Model(&models.Case{}).Where("id = ?", c.ID).Update("workflow_started", true).Error
}

// Sweep opens the cases of invoices that entered the reminder window or fell
// due since the last sweep, and starts every case whose workflow has not
// started yet (for instance after Temporal was unreachable during an import).
// It returns how many workflows it started.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	today := s.Today()
	var invoices []models.Invoice
	err := s.DB.WithContext(ctx).
		Where("status = ? AND outstanding_cents > 0 AND due_date <= ?", models.InvoiceOpen, today.AddDays(s.PreDueDays)).
		Where("NOT EXISTS (SELECT 1 FROM cases WHERE cases.invoice_id = invoices.id)").
		Order("id").Find(&invoices).Error
	if err != nil {
		return 0, fmt.Errorf("find invoices without a case: %w", err)
	}
	for _, inv := range invoices {
		if _, _, err := s.ensureCase(s.DB.WithContext(ctx), inv); err != nil {
			return 0, fmt.Errorf("open case for invoice %s: %w", inv.Number, err)
		}
	}
	var pending []uint
	if err := s.DB.WithContext(ctx).Model(&models.Case{}).Where("workflow_started = ?", false).
		Order("id").Pluck("id", &pending).Error; err != nil {
		return 0, fmt.Errorf("find cases to start: %w", err)
	}
	started := 0
	for _, id := range pending {
		if err := s.startCase(ctx, id); err != nil {
			return started, err
		}
		started++
	}
	return started, nil
}

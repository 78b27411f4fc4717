// Package sweep holds the daily sweep's activities: open the cases that fell
// due, start any workflow that did not start at intake, and fold the
// dashboard's running totals.
package sweep

import (
	"context"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// Activities are registered on the worker with the intake and money-in
// services and the database.
type Activities struct {
	Intake  *intake.Service
	MoneyIn *moneyin.Service
	DB      *gorm.DB
}

// StartDueCases runs intake.Service.Sweep and returns how many workflows it
// started; it also re-sends the payment signals that lettrage could not
// deliver (Temporal unreachable at the time).
func (a *Activities) StartDueCases(ctx context.Context) (int, error) {
	if a.MoneyIn != nil {
		if _, err := a.MoneyIn.RetrySignals(ctx); err != nil {
			return 0, err
		}
	}
	return a.Intake.Sweep(ctx)
}

// FoldDashboardTotals folds the deltas of the dashboard's running totals
// (models.CompactTotals). The dashboard folds them too when it reads them,
// but a book written all day and never looked at would grow them until the
// next read; once a day bounds them.
func (a *Activities) FoldDashboardTotals(ctx context.Context) error {
	return models.CompactTotals(a.DB.WithContext(ctx), 0)
}

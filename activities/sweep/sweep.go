// Package sweep holds the daily sweep's activity: open the cases that fell
// due and start any workflow that did not start at intake.
package sweep

import (
	"context"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/moneyin"
)

// Activities are registered on the worker with the intake and money-in services.
type Activities struct {
	Intake  *intake.Service
	MoneyIn *moneyin.Service
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

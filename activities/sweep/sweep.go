// Package sweep holds the daily sweep's activity: open the cases that fell
// due and start any workflow that did not start at intake.
package sweep

import (
	"context"

	"github.com/recouvra/recouvra/internal/intake"
)

// Activities are registered on the worker with the intake service.
type Activities struct {
	Intake *intake.Service
}

// StartDueCases runs intake.Service.Sweep and returns how many workflows it started.
func (a *Activities) StartDueCases(ctx context.Context) (int, error) {
	return a.Intake.Sweep(ctx)
}

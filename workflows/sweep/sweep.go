// Package sweep is the daily sweep: a Temporal Schedule runs Workflow every
// morning, so cases open on the day their invoice enters the reminder window
// even when nobody imports anything, and the schedule survives restarts.
package sweep

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/activities/sweep"
)

// WorkflowName is the registered name of Workflow.
const WorkflowName = "DailySweep"

// ScheduleID is the ID of the daily sweep's schedule.
const ScheduleID = "recouvra-daily-sweep"

// FoldChange is the version marker of the fold added after the first
// release: sweeps started before it replay without the fold.
const FoldChange = "fold-dashboard-totals"

// Workflow starts the cases that are due, then folds the dashboard's running
// totals; it returns how many cases it started. A failed fold does not stop
// the cases from starting, and fails the run so that it shows.
func Workflow(ctx workflow.Context) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: 10 * time.Second, MaximumAttempts: 10},
	})
	var a *sweep.Activities
	var started int
	err := workflow.ExecuteActivity(ctx, a.StartDueCases).Get(ctx, &started)
	if workflow.GetVersion(ctx, FoldChange, workflow.DefaultVersion, 1) == 1 {
		err = errors.Join(err, workflow.ExecuteActivity(ctx, a.FoldDashboardTotals).Get(ctx, nil))
	}
	return started, err
}

// EnsureSchedule creates the daily schedule if it does not exist yet. cron is
// read in Europe/Paris (for instance "0 6 * * *" for 06:00).
func EnsureSchedule(ctx context.Context, c client.Client, taskQueue, cron string) error {
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID: ScheduleID,
		Spec: client.ScheduleSpec{
			CronExpressions: []string{cron},
			TimeZoneName:    "Europe/Paris",
		},
		Action: &client.ScheduleWorkflowAction{
			ID:        ScheduleID,
			Workflow:  WorkflowName,
			TaskQueue: taskQueue,
		},
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create schedule %s (%s): %w", ScheduleID, cron, err)
	}
	return nil
}

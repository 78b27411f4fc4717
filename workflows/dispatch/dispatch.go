// Package dispatch is the per-debtor dispatch: a Temporal Schedule runs
// Workflow every few minutes; it asks which outbox entries are due, grouped
// per debtor, step and channel, and sends each group as one email or
// prepares it as one postal letter. Recovery workflows only enqueue: nothing
// leaves before the dispatch groups it.
package dispatch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/internal/civil"
)

// WorkflowName is the registered name of Workflow.
const WorkflowName = "Dispatch"

// ScheduleID is the ID of the dispatch's schedule.
const ScheduleID = "recouvra-dispatch"

// Input lets tests fix the day and speed up retries; the schedule leaves it
// zero (today in Paris, retries from 5 seconds on).
type Input struct {
	Today      civil.Date    `json:"today,omitzero"`
	FirstRetry time.Duration `json:"first_retry,omitempty"`
}

// Summary counts what one run did.
type Summary struct {
	Emails  int      `json:"emails"`
	Letters int      `json:"letters"`
	Blocked int      `json:"blocked"` // waiting for an administrator (see Result.Reason)
	Failed  int      `json:"failed"`
	Errors  []string `json:"errors,omitempty"`
}

// Workflow sends what is due. A group that fails permanently is recorded by
// its activity (outbox failed, event on the cases) and does not stop the
// others; a group still failing after its retries waits for the next run.
func Workflow(ctx workflow.Context, in Input) (Summary, error) {
	first := in.FirstRetry
	if first <= 0 {
		first = 5 * time.Second
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: first, BackoffCoefficient: 2,
			MaximumInterval: 5 * time.Minute, MaximumAttempts: 6,
			NonRetryableErrorTypes: []string{dispatch.ErrTypePermanent}},
	})
	today := in.Today
	if today.IsZero() {
		today = civil.Of(workflow.Now(ctx))
	}
	var a *dispatch.Activities
	var groups []dispatch.Group
	if err := workflow.ExecuteActivity(ctx, a.DueMailings, today).Get(ctx, &groups); err != nil {
		return Summary{}, err
	}
	var sum Summary
	for _, g := range groups {
		var res dispatch.Result
		var err error
		if g.Channel == dispatch.ChannelEmail {
			err = workflow.ExecuteActivity(ctx, a.SendEmail, g).Get(ctx, &res)
		} else {
			err = workflow.ExecuteActivity(ctx, a.PrepareLetter, g).Get(ctx, &res)
		}
		switch {
		case err != nil:
			sum.Failed++
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", g.Key, err))
		case res.Status == dispatch.StatusBlocked:
			sum.Blocked++
		case g.Channel == dispatch.ChannelEmail:
			sum.Emails++
		default:
			sum.Letters++
		}
	}
	return sum, nil
}

// EnsureSchedule creates the dispatch's schedule, running Workflow every
// interval, unless it exists. An existing schedule keeps its interval: to
// change it, delete the schedule (temporal schedule delete --schedule-id
// recouvra-dispatch) and restart.
func EnsureSchedule(ctx context.Context, c client.Client, taskQueue string, every time.Duration) error {
	if every <= 0 {
		return fmt.Errorf("dispatch interval %s: must be positive", every)
	}
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:      ScheduleID,
		Spec:    client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}},
		Overlap: 0, // skip a run while the previous one is still going
		Action: &client.ScheduleWorkflowAction{
			ID: ScheduleID, Workflow: WorkflowName, TaskQueue: taskQueue, Args: []any{Input{}},
		},
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create schedule %s (every %s): %w", ScheduleID, every, err)
	}
	return nil
}

package sweep_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	sweepact "github.com/recouvra/recouvra/activities/sweep"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/workflows/sweep"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// TestSweepWorkflow: the sweep starts the due cases and folds the totals;
// either failing fails the run without keeping the other from running.
func TestSweepWorkflow(t *testing.T) {
	failed := temporal.NewNonRetryableApplicationError("database down", "test", nil)
	tests := []struct {
		name        string
		startErr    error
		foldErr     error
		wantStarted int
		wantErr     bool
	}{
		{"both run", nil, nil, 3, false},
		{"cases fail to start, the fold still runs", failed, nil, 0, true},
		{"the fold fails, the cases started", nil, failed, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var suite testsuite.WorkflowTestSuite
			env := suite.NewTestWorkflowEnvironment()
			var a *sweepact.Activities
			env.RegisterActivity(a)
			env.OnActivity(a.StartDueCases, mock.Anything).Return(3, tt.startErr).Once()
			folds := 0
			env.OnActivity(a.FoldDashboardTotals, mock.Anything).Return(func(context.Context) error {
				folds++
				return tt.foldErr
			})
			env.ExecuteWorkflow(sweep.Workflow)
			if !env.IsWorkflowCompleted() {
				t.Fatal("the sweep did not complete")
			}
			var started int
			err := env.GetWorkflowError()
			if err == nil {
				if gerr := env.GetWorkflowResult(&started); gerr != nil {
					t.Fatal(gerr)
				}
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("error %v, want an error: %v", err, tt.wantErr)
			}
			if err == nil && started != tt.wantStarted {
				t.Errorf("started %d, want %d", started, tt.wantStarted)
			}
			if folds != 1 {
				t.Errorf("folded %d times, want once", folds)
			}
		})
	}
}

// sweepBeforeTheFold is the sweep as released before FoldChange.
func sweepBeforeTheFold(ctx workflow.Context) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var started int
	err := workflow.ExecuteActivity(ctx, "StartDueCases").Get(ctx, &started)
	return started, err
}

// TestSweepHistoriesReplay: a sweep recorded by the code released before
// the fold, and one recorded by today's code, both replay on today's code
// (on a real Temporal server, whose histories they are).
func TestSweepHistoriesReplay(t *testing.T) {
	for name, wf := range map[string]func(workflow.Context) (int, error){
		"before the fold": sweepBeforeTheFold,
		"with the fold":   sweep.Workflow,
	} {
		t.Run(name, func(t *testing.T) {
			c := testenv.Temporal(t)
			queue := testenv.TaskQueue(t)
			w := worker.New(c, queue, worker.Options{})
			w.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: sweep.WorkflowName})
			w.RegisterActivityWithOptions(func(context.Context) (int, error) { return 2, nil }, activity.RegisterOptions{Name: "StartDueCases"})
			w.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "FoldDashboardTotals"})
			if err := w.Start(); err != nil {
				t.Fatal(err)
			}
			defer w.Stop()
			run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{TaskQueue: queue}, sweep.WorkflowName)
			if err != nil {
				t.Fatal(err)
			}
			if err := run.Get(t.Context(), nil); err != nil {
				t.Fatal(err)
			}
			history := &historypb.History{}
			iter := c.GetWorkflowHistory(t.Context(), run.GetID(), run.GetRunID(), false, 0)
			for iter.HasNext() {
				ev, err := iter.Next()
				if err != nil {
					t.Fatal(err)
				}
				history.Events = append(history.Events, ev)
			}
			replayer := worker.NewWorkflowReplayer()
			replayer.RegisterWorkflowWithOptions(sweep.Workflow, workflow.RegisterOptions{Name: sweep.WorkflowName})
			if err := replayer.ReplayWorkflowHistory(testenv.QuietLogger(), history); err != nil {
				t.Errorf("replaying %d events: %v", len(history.Events), err)
			}
		})
	}
}

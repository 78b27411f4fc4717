package app

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/activities/casebook"
	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/activities/outbox"
	sweepact "github.com/recouvra/recouvra/activities/sweep"
	litwf "github.com/recouvra/recouvra/workflows/litigation"
	"github.com/recouvra/recouvra/workflows/recovery"
	"github.com/recouvra/recouvra/workflows/sweep"
)

// NewWorker registers every workflow and activity on a worker of the task queue.
func (a *App) NewWorker() worker.Worker {
	w := worker.New(a.Temporal, a.Config.TaskQueue, worker.Options{})
	w.RegisterWorkflowWithOptions(recovery.Workflow, workflow.RegisterOptions{Name: recovery.WorkflowName})
	w.RegisterWorkflowWithOptions(sweep.Workflow, workflow.RegisterOptions{Name: sweep.WorkflowName})
	w.RegisterActivity(&casebook.Activities{DB: a.DB})
	w.RegisterActivity(&outbox.Activities{DB: a.DB})
	w.RegisterWorkflowWithOptions(litwf.Workflow, workflow.RegisterOptions{Name: litwf.WorkflowName})
	w.RegisterActivity(&litact.Activities{DB: a.DB, GreffeFeeCents: a.Config.GreffeFeeCents}) // activities Prepare, RecordStep (by method name)
	w.RegisterActivity(&sweepact.Activities{Intake: a.Intake, MoneyIn: a.MoneyIn(), DB: a.DB})
	a.registerDispatch(w)
	return w
}

// RunWorker runs the worker until ctx ends, after making sure the daily
// sweep's schedule exists.
func (a *App) RunWorker(ctx context.Context) error {
	if err := sweep.EnsureSchedule(ctx, a.Temporal, a.Config.TaskQueue, a.Config.SweepCron); err != nil {
		return err
	}
	if err := a.ensureDispatchSchedule(ctx); err != nil {
		return err
	}
	w := a.NewWorker()
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker on task queue %s: %w", a.Config.TaskQueue, err)
	}
	a.Log.Info("worker started", "task_queue", a.Config.TaskQueue)
	<-ctx.Done()
	w.Stop() // waits for running activities to finish or time out
	a.Log.Info("worker stopped")
	return nil
}

package recovery

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// Workflow runs the recovery of one invoice.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	w := &recovery{in: in, state: State{
		CaseID: in.CaseID, InvoiceNumber: in.InvoiceNumber, Phase: "pre_due", Status: models.CaseOpen,
		BalanceCents: in.BalanceCents, Currency: in.Currency, DueDate: in.DueDate, Done: []StepDone{},
	}}
	if err := w.setup(ctx); err != nil {
		return w.state, err
	}
	return w.state, w.run(ctx)
}

type recovery struct {
	in    Input
	state State
}

// setup registers the queries; signals arrive with the recovery scenario.
func (w *recovery) setup(ctx workflow.Context) error {
	return workflow.SetQueryHandler(ctx, QueryState, func() (State, error) { return w.state, nil })
}

func (w *recovery) run(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: time.Minute},
	})
	today := civil.Of(workflow.Now(ctx))
	if !today.Before(w.in.DueDate) {
		w.state.Phase = "amicable"
	}
	if err := w.record(ctx, "opened", "case_opened", fmt.Sprintf(
		"Dossier ouvert pour la facture %s (échéance %s, solde %s)",
		w.in.InvoiceNumber, w.in.DueDate.French(), money.Format(w.in.BalanceCents, w.in.Currency))); err != nil {
		return err
	}
	w.state.Done = append(w.state.Done, StepDone{Step: "opened", Date: today})
	if err := w.mirror(ctx); err != nil {
		return err
	}
	// The case stays open until it is closed; the recovery scenario's steps
	// and signals drive it from here.
	return workflow.Await(ctx, func() bool { return w.state.Status != models.CaseOpen })
}

// record appends an event to the case timeline through an activity.
func (w *recovery) record(ctx workflow.Context, key, kind, summary string) error {
	var a *casebook.Activities
	return workflow.ExecuteActivity(ctx, a.RecordEvent, casebook.Event{
		CaseID: w.in.CaseID, Key: key, At: workflow.Now(ctx), Kind: kind, Summary: summary,
	}).Get(ctx, nil)
}

// mirror copies the state into the case's SQL row.
func (w *recovery) mirror(ctx workflow.Context) error {
	var a *casebook.Activities
	return workflow.ExecuteActivity(ctx, a.MirrorCase, casebook.Mirror{
		CaseID: w.in.CaseID, Phase: w.state.Phase, Level: w.state.Level, Status: w.state.Status,
		BalanceCents: w.state.BalanceCents, NextAction: w.state.NextStep, NextActionDate: w.state.NextStepDate,
	}).Get(ctx, nil)
}

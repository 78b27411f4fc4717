package recovery

import (
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/activities/outbox"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/litigation"
	"github.com/recouvra/recouvra/workflows/searchattr"
)

// flush writes the queued timeline events and, when the state changed,
// mirrors it into the case row and the search attributes: one local
// activity, one transaction.
func (w *recovery) flush(ctx workflow.Context) error {
	in := casebook.SyncInput{Events: w.s.Pending}
	if w.dirty {
		if err := w.upsertSearchAttributes(ctx); err != nil {
			return err
		}
		in.Mirror = &casebook.Mirror{
			CaseID: w.in.CaseID, InvoiceID: w.in.InvoiceID, Phase: w.s.Phase, Level: w.s.Level, Status: w.s.Status,
			BalanceCents: w.s.BalanceCents, NextAction: w.s.NextStep, NextActionDate: w.s.NextStepDate,
			PartnerID: w.s.PartnerID, Closed: !w.s.Open(),
		}
	}
	if len(in.Events) == 0 && in.Mirror == nil {
		return nil
	}
	// Actions may arrive while the activity runs: they queue events after
	// these and mark the state dirty again, for the next flush.
	w.dirty = false
	var a *casebook.Activities
	if err := workflow.ExecuteLocalActivity(localActivity(ctx), a.Sync, in).Get(ctx, nil); err != nil {
		w.dirty = true
		return err
	}
	w.s.Pending = w.s.Pending[len(in.Events):]
	return nil
}

// localActivity gives the options of the workflow's local activities.
func localActivity(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: 20 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: time.Minute},
	})
}

// enqueue puts one channel of a step in the outbox. The key is derived from
// the workflow, the step, its occurrence and the channel: a retried or
// replayed activity finds the entry it wrote and never creates a second one.
func (w *recovery) enqueue(ctx workflow.Context, st Step, channel string, occurrence int) (uint, error) {
	var a *outbox.Activities
	var id uint
	info := workflow.GetInfo(ctx)
	err := workflow.ExecuteActivity(ctx, a.Enqueue, outbox.Send{
		Key:    fmt.Sprintf("%s/%s/%d/%s", info.WorkflowExecution.ID, st.Name, occurrence, channel),
		CaseID: w.in.CaseID, DebtorID: w.in.DebtorID, InvoiceID: w.in.InvoiceID,
		Step: st.Name, Level: st.Level, Channel: channel, Template: st.Templates[channel],
		DueOn: w.today(ctx), FormalDemand: st.FormalDemand,
	}).Get(ctx, &id)
	return id, err
}

// litigate runs the litigation phase as a child workflow and waits for it,
// while payments and other actions keep arriving. A case closed meanwhile
// (paid, written off) cancels the child.
func (w *recovery) litigate(ctx workflow.Context) error {
	w.s.Litigation = "running"
	w.note(ctx, event{Kind: "litigation_started", Summary: "Phase contentieuse engagée : requête en injonction de payer en préparation"})
	if err := w.flush(ctx); err != nil {
		return err
	}
	if w.in.Settings.LitigationDisabled {
		return nil
	}
	childCtx, cancel := workflow.WithCancel(ctx)
	defer cancel()
	childCtx = workflow.WithChildOptions(childCtx, workflow.ChildWorkflowOptions{
		WorkflowID:        workflow.GetInfo(ctx).WorkflowExecution.ID + "/litigation",
		ParentClosePolicy: enumspb.PARENT_CLOSE_POLICY_REQUEST_CANCEL,
	})
	child := workflow.ExecuteChildWorkflow(childCtx, litigation.WorkflowName, litigation.Input{
		CaseID: w.in.CaseID, CreditorID: w.in.CreditorID, DebtorID: w.in.DebtorID, InvoiceID: w.in.InvoiceID,
		InvoiceNumber: w.in.InvoiceNumber, DueDate: w.in.DueDate, DebtorKind: w.in.DebtorKind,
	})
	for {
		done, err := w.awaitChild(ctx, child)
		if err != nil {
			return err
		}
		if done {
			break
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
		if !w.s.Open() {
			cancel()
			return nil
		}
	}
	var res litigation.Result
	if err := child.Get(ctx, &res); err != nil {
		w.note(ctx, event{Kind: "litigation_failed", Summary: "La phase contentieuse s'est arrêtée sur une erreur : " + err.Error()})
		w.s.Litigation = "done"
		return nil
	}
	w.s.Litigation = "done"
	w.note(ctx, event{Kind: "litigation_done", Summary: "Phase contentieuse terminée : " + res.Outcome})
	if res.Outcome == "paid" {
		w.note(ctx, w.s.close(models.CasePaid, "Dossier clos : payé au stade contentieux"))
	}
	return nil
}

// awaitChild waits until the child ends (true) or an action arrives (false).
func (w *recovery) awaitChild(ctx workflow.Context, child workflow.ChildWorkflowFuture) (bool, error) {
	if err := workflow.Await(ctx, func() bool { return w.changed || child.IsReady() }); err != nil {
		return false, err
	}
	if child.IsReady() {
		return true, nil
	}
	w.changed = false
	return false, nil
}

// shouldContinueAsNew tells whether the history is long enough to start a
// fresh run carrying the state; never while a child runs.
func (w *recovery) shouldContinueAsNew(ctx workflow.Context) bool {
	info := workflow.GetInfo(ctx)
	return w.s.Litigation != "running" &&
		(info.GetContinueAsNewSuggested() || info.GetCurrentHistoryLength() >= w.in.Settings.ContinueAsNewAt)
}

// continueAsNew lets update handlers finish, then continues with the state.
func (w *recovery) continueAsNew(ctx workflow.Context) error {
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	in := w.in
	s := w.s
	s.Generation++
	in.Resume = &s
	return workflow.NewContinueAsNewError(ctx, WorkflowName, in)
}

// upsertSearchAttributes publishes the attributes that changed since the
// workflow last saw them (those given at start included): each upsert is a
// visibility write on the server, so unchanged values are not re-sent.
func (w *recovery) upsertSearchAttributes(ctx workflow.Context) error {
	partner := ""
	if w.s.PartnerID != nil {
		partner = fmt.Sprint(*w.s.PartnerID)
	}
	current := workflow.GetTypedSearchAttributes(ctx)
	var updates []temporal.SearchAttributeUpdate
	if v, ok := current.GetKeyword(searchattr.Phase); !ok || v != w.s.Phase {
		updates = append(updates, searchattr.Phase.ValueSet(w.s.Phase))
	}
	if v, ok := current.GetInt64(searchattr.Level); !ok || v != int64(w.s.Level) {
		updates = append(updates, searchattr.Level.ValueSet(int64(w.s.Level)))
	}
	if v, ok := current.GetInt64(searchattr.Balance); !ok || v != w.s.BalanceCents {
		updates = append(updates, searchattr.Balance.ValueSet(w.s.BalanceCents))
	}
	if v, ok := current.GetKeyword(searchattr.Partner); !ok || v != partner {
		updates = append(updates, searchattr.Partner.ValueSet(partner))
	}
	if v, ok := current.GetKeyword(searchattr.Creditor); !ok || v != fmt.Sprint(w.in.CreditorID) {
		updates = append(updates, searchattr.Creditor.ValueSet(fmt.Sprint(w.in.CreditorID)),
			searchattr.Debtor.ValueSet(fmt.Sprint(w.in.DebtorID)))
	}
	if len(updates) == 0 {
		return nil
	}
	return workflow.UpsertTypedSearchAttributes(ctx, updates...)
}

// StartSearchAttributes are the attributes a case starts with, so that its
// first state needs no upsert.
func StartSearchAttributes(in Input, today civil.Date) temporal.SearchAttributes {
	phase := PhaseAmicable
	if today.Before(in.DueDate) {
		phase = PhasePreDue
	}
	return temporal.NewSearchAttributes(
		searchattr.Phase.ValueSet(phase), searchattr.Level.ValueSet(0), searchattr.Balance.ValueSet(in.BalanceCents),
		searchattr.Partner.ValueSet(""), searchattr.Creditor.ValueSet(fmt.Sprint(in.CreditorID)),
		searchattr.Debtor.ValueSet(fmt.Sprint(in.DebtorID)))
}

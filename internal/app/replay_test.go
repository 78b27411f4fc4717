package app_test

import (
	"fmt"
	"testing"

	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// TestRecoveryHistoryReplays runs a case on the real server through steps
// and actions, then replays its history against the current code: the
// determinism check that any change to the workflow must keep passing
// (guard changes with workflow.GetVersion otherwise).
func TestRecoveryHistoryReplays(t *testing.T) {
	env := apptest.Start(t, "sqlite", civil.Today())
	total := int64(90000)
	today := civil.Today()
	sum, err := env.Intake.Import(t.Context(), []intake.Row{{Row: 1, Input: intake.InvoiceInput{
		Number: "REPLAY-" + testenv.RandomSuffix(), IssueDate: today.AddDays(-50).String(), DueDate: today.AddDays(-20).String(),
		TotalCents: &total, Debtor: &intake.DebtorInput{Name: "Rejeu SARL", Kind: "trader"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	wfID := sum.Invoices[0].WorkflowID
	for _, a := range []struct {
		name string
		body recovery.Action
	}{
		{recovery.ActionPromise, recovery.Action{Date: today.AddDays(10), AmountCents: 30000}},
		{recovery.ActionDisputeOpen, recovery.Action{Reason: "Facture contestée"}},
		{recovery.ActionDisputeResolve, recovery.Action{Outcome: "rejected"}},
		{recovery.ActionPayment, recovery.Action{AmountCents: 90000}},
	} {
		h, err := env.Temporal.UpdateWorkflow(t.Context(), client.UpdateWorkflowOptions{
			WorkflowID: wfID, UpdateName: a.name, Args: []any{a.body}, WaitForStage: client.WorkflowUpdateStageCompleted,
		})
		if err == nil {
			err = h.Get(t.Context(), nil)
		}
		if err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
	}
	if err := env.Temporal.GetWorkflow(t.Context(), wfID, "").Get(t.Context(), nil); err != nil {
		t.Fatalf("case did not end: %v", err)
	}
	history := &historypb.History{}
	iter := env.Temporal.GetWorkflowHistory(t.Context(), wfID, "", false, 0)
	for iter.HasNext() {
		ev, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		history.Events = append(history.Events, ev)
	}
	if len(history.Events) < 20 {
		t.Fatalf("history of %d events is too short to mean anything", len(history.Events))
	}
	replayer := worker.NewWorkflowReplayer()
	replayer.RegisterWorkflowWithOptions(recovery.Workflow, workflow.RegisterOptions{Name: recovery.WorkflowName})
	if err := replayer.ReplayWorkflowHistory(testenv.QuietLogger(), history); err != nil {
		t.Fatalf("replaying %d events: %v", len(history.Events), err)
	}
	fmt.Printf("replayed %d events\n", len(history.Events))
}

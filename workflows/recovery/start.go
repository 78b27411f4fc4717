package recovery

import (
	"context"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/recouvra/recouvra/internal/calendar"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Starter starts recovery workflows; it implements intake.CaseStarter.
type Starter struct {
	Client    client.Client
	TaskQueue string
	Settings  Settings
}

// StartCase starts the workflow of a case, once. Temporal enforces it: a
// running workflow with the same ID is reused (conflict policy USE_EXISTING)
// and a closed one is never started again (reuse policy REJECT_DUPLICATE), so
// two imports racing on one invoice still give one workflow.
func (s Starter) StartCase(ctx context.Context, c models.Case, inv models.Invoice, d models.Debtor) error {
	opts := client.StartWorkflowOptions{
		ID:                       c.WorkflowID,
		TaskQueue:                s.TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
	in := Input{
		CaseID: c.ID, CreditorID: c.CreditorID, DebtorID: c.DebtorID, InvoiceID: inv.ID,
		InvoiceNumber: inv.Number, DueDate: inv.DueDate, BalanceCents: inv.OutstandingCents,
		Currency: inv.Currency, DebtorKind: string(d.Kind), Departement: departement(d.Address),
		Settings: s.Settings,
	}
	opts.TypedSearchAttributes = StartSearchAttributes(in, civil.Today())
	_, err := s.Client.ExecuteWorkflow(ctx, opts, WorkflowName, in)
	var already *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &already) {
		return nil // the case's workflow ran before and is closed
	}
	if err != nil {
		return fmt.Errorf("start recovery workflow %s: %w", c.WorkflowID, err)
	}
	return nil
}

// departement reads the département from the INSEE code, else the postal
// code; it is empty abroad or when unknown (national holidays then apply).
func departement(a models.Address) string {
	if a.Country != "" && a.Country != "FR" {
		return ""
	}
	if d, err := calendar.DepartementOfINSEE(a.InseeCode); err == nil {
		return d
	}
	if d, err := calendar.DepartementOfPostalCode(a.PostalCode); err == nil {
		return d
	}
	return ""
}

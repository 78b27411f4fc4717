// Package courtsteps sends the court steps legal staff report — filing,
// ordonnance, service, opposition, payment — and the court choice to a
// case's litigation workflow, for the API and the back-office alike: the
// same update names, the same bodies and the same refusals.
package courtsteps

import (
	"context"
	"errors"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/recouvra/recouvra/internal/caseactions"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// Step is how a court step reaches the litigation workflow: an update, which
// the workflow may refuse in its state, or a signal (a payment is always
// accepted).
type Step struct {
	Name    string     // update or signal name
	Signal  bool       // true for a signal
	NewBody func() any // a pointer to the step's body type
	Label   string     // French, for pages and messages
}

// Steps are the court steps by the key routes and forms use.
var Steps = map[string]Step{
	"filed":      {litigation.UpdateFiled, false, func() any { return &litigation.Filed{} }, "Requête déposée"},
	"ordonnance": {litigation.UpdateOrdonnanceRendered, false, func() any { return &litigation.OrdonnanceRendered{} }, "Ordonnance rendue"},
	"signified":  {litigation.UpdateSignified, false, func() any { return &litigation.Signified{} }, "Ordonnance signifiée"},
	"opposition": {litigation.UpdateOpposition, false, func() any { return &litigation.Opposition{} }, "Opposition du débiteur"},
	"paid":       {litigation.SignalPaid, true, func() any { return &litigation.Paid{} }, "Paiement reçu"},
}

// ErrNoLitigation means the case has no litigation workflow running.
var ErrNoLitigation = errors.New("aucune procédure contentieuse n'est en cours pour ce dossier")

// ErrUnavailable means the workflow did not answer (no worker, timeout).
var ErrUnavailable = errors.New("the litigation workflow did not answer; try again")

// ChildID is the litigation workflow's id under a case's recovery workflow.
func ChildID(recoveryID string) string { return recoveryID + "/litigation" }

// SetActor records who reported a court step; the actor always comes from
// the login, never from a form or a body.
func SetActor(body any, who string) {
	switch b := body.(type) {
	case *litigation.Filed:
		b.Actor = who
	case *litigation.OrdonnanceRendered:
		b.Actor = who
	case *litigation.Signified:
		b.Actor = who
	case *litigation.Opposition:
		b.Actor = who
	case *litigation.Paid:
		b.Actor = who
	}
}

// Send reports step with its body to the litigation workflow of the case
// whose recovery workflow is recoveryID. A refusal by the workflow is a
// *caseactions.ErrRefused carrying its reason; no workflow is
// ErrNoLitigation; a workflow that does not answer wraps ErrUnavailable.
func Send(ctx context.Context, tc client.Client, recoveryID string, step Step, body any) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	childID := ChildID(recoveryID)
	var err error
	if step.Signal {
		err = tc.SignalWorkflow(ctx, childID, "", step.Name, body)
	} else {
		var h client.WorkflowUpdateHandle
		h, err = tc.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
			WorkflowID: childID, UpdateName: step.Name, Args: []any{body},
			WaitForStage: client.WorkflowUpdateStageCompleted,
		})
		if err == nil {
			err = h.Get(ctx, nil)
		}
	}
	if err == nil {
		return nil
	}
	var notFound *serviceerror.NotFound
	var appErr *temporal.ApplicationError
	switch {
	case errors.As(err, &notFound):
		return ErrNoLitigation
	case errors.As(err, &appErr):
		return &caseactions.ErrRefused{Reason: appErr.Message()}
	}
	return errors.Join(ErrUnavailable, err)
}

// TellCourtChosen signals the case's litigation workflow, if one runs, that
// legal staff recorded the court, so that it builds the dossier. The choice
// is in the database either way: an error only says no workflow heard it.
func TellCourtChosen(ctx context.Context, tc client.Client, recoveryID, actor string) error {
	if tc == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return tc.SignalWorkflow(ctx, ChildID(recoveryID), "", litigation.SignalCourtChosen, litigation.CourtChosen{Actor: actor})
}

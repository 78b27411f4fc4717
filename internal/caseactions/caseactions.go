// Package caseactions sends a person's action on a case to the case's
// recovery workflow, as a Temporal update, for both the JSON API and the
// back-office: the same roles, the same validation and the same refusals
// whichever screen the action comes from.
package caseactions

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// Roles says which roles may take each action. Partners act only on the
// cases delegated to them (the scope check), and only to record what they
// collect; legal staff alone decide litigation. payment_reversed is absent:
// only lettrage sends it.
var Roles = map[string][]models.Role{
	recovery.ActionPayment:           {models.RoleAdmin, models.RoleCreditManager, models.RolePartner},
	recovery.ActionPromise:           {models.RoleAdmin, models.RoleCreditManager, models.RolePartner},
	recovery.ActionCallLogged:        {models.RoleAdmin, models.RoleCreditManager, models.RolePartner},
	recovery.ActionDisputeOpen:       {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionDisputeResolve:    {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionPause:             {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionResume:            {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionEscalate:          {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionSkip:              {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionDelegate:          {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionRecall:            {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionWriteOff:          {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionCancel:            {models.RoleAdmin, models.RoleCreditManager},
	recovery.ActionApproveLitigation: {models.RoleAdmin, models.RoleLegal},
	recovery.ActionRejectLitigation:  {models.RoleAdmin, models.RoleLegal},
}

// Allowed reports whether role may take the action name.
func Allowed(name string, role models.Role) bool {
	return slices.Contains(Roles[name], role)
}

// ErrRefused wraps the workflow's reason for refusing an action in the
// case's current state (the API answers 409 with it).
type ErrRefused struct{ Reason string }

func (e *ErrRefused) Error() string { return e.Reason }

// ErrUnavailable means the workflow did not answer (no worker, timeout).
var ErrUnavailable = errors.New("the case's workflow did not answer; try again")

// closedReason is the refusal when the workflow has ended.
const closedReason = "le dossier est clos : son workflow ne reçoit plus d'action"

// Send sends action name with body a to workflowID and returns the new
// state. a.By and a.Role must already be set from the login, never from a
// form or a body. A refusal by the workflow is an *ErrRefused; a workflow
// that does not answer gives an error wrapping ErrUnavailable.
func Send(ctx context.Context, tc client.Client, workflowID, name string, a recovery.Action) (recovery.State, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var state recovery.State
	handle, err := tc.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: workflowID, UpdateName: name, Args: []any{a},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = handle.Get(ctx, &state)
	}
	if err == nil {
		return state, nil
	}
	var appErr *temporal.ApplicationError
	var notFound *serviceerror.NotFound
	switch {
	case errors.As(err, &appErr):
		return state, &ErrRefused{Reason: appErr.Message()}
	case errors.As(err, &notFound):
		return state, &ErrRefused{Reason: closedReason}
	}
	return state, errors.Join(ErrUnavailable, err)
}

// MirrorDelegation writes the case's partner at once after delegate or
// recall: access control reads partner_id from SQL, and the partner must see
// the case without waiting for the workflow's own mirror.
func MirrorDelegation(ctx context.Context, db *gorm.DB, caseID uint, name string, state recovery.State) error {
	if name != recovery.ActionDelegate && name != recovery.ActionRecall {
		return nil
	}
	return db.WithContext(ctx).Model(&models.Case{}).Where("id = ?", caseID).Update("partner_id", state.PartnerID).Error
}

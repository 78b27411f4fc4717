// Package caseactions sends a person's action on a case to the case's
// recovery workflow, as a Temporal update, for both the JSON API and the
// back-office: the same roles, the same validation and the same refusals
// whichever screen the action comes from.
package caseactions

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/auditlog"
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

// Taken is an action the workflow accepted, with what the audit log
// records of it: the workflow's state before (or why it could not be read)
// and, after, the request and the state it answered.
type Taken struct {
	State  recovery.State
	Before any
	After  auditlog.Change
	// MirrorErr is why Mirror failed; the action stands all the same (the
	// workflow's own mirror catches up), so it is only worth logging.
	MirrorErr error
}

// Take sends action name on a case exactly as every screen and the API
// do: it reads the workflow's state before, sends the action (Send's
// errors), and mirrors at once what the screens read from SQL (Mirror).
func Take(ctx context.Context, tc client.Client, db *gorm.DB, caseID uint, workflowID, name string, a recovery.Action) (Taken, error) {
	// The workflow holds the case's state; its mirrored row lacks promises,
	// disputes and pauses. One query, of the same worker the update needs,
	// gives a before of the same shape as the after.
	t := Taken{Before: auditlog.WorkflowState(ctx, tc, workflowID, recovery.QueryState)}
	state, err := Send(ctx, tc, workflowID, name, a)
	if err != nil {
		return t, err
	}
	t.State, t.After = state, auditlog.Change{Request: a, State: state}
	t.MirrorErr = Mirror(ctx, db, caseID, name, state)
	return t, nil
}

// Mirror writes at once what an accepted action changes for the screens,
// without waiting for the workflow's own mirror: the case's partner after
// delegate or recall (access control reads partner_id from SQL, and the
// partner must see the case at once), and the case's open call tasks after
// a call's outcome (the call is made: it leaves "Ma journée" and the calls
// list, whichever screen or API recorded it).
func Mirror(ctx context.Context, db *gorm.DB, caseID uint, name string, state recovery.State) error {
	db = db.WithContext(ctx)
	switch name {
	case recovery.ActionDelegate, recovery.ActionRecall:
		return db.Model(&models.Case{}).Where("id = ?", caseID).Update("partner_id", state.PartnerID).Error
	case recovery.ActionCallLogged:
		return db.Model(&models.Outbox{}).Where("case_id = ? AND channel = ? AND status = ?", caseID, "phone_task", "task_open").
			Update("status", "task_done").Error
	}
	return nil
}

// CheckReferences refuses an action naming a record that does not exist:
// a delegation to an unknown partner organisation (the workflow checks the
// body's shape, not the database).
func CheckReferences(ctx context.Context, db *gorm.DB, name string, a recovery.Action) []recovery.FieldError {
	if name != recovery.ActionDelegate || a.PartnerID == 0 {
		return nil
	}
	var n int64
	if err := db.WithContext(ctx).Model(&models.Partner{}).Where("id = ?", a.PartnerID).Count(&n).Error; err != nil || n == 0 {
		return []recovery.FieldError{{Field: "partner_id", Message: fmt.Sprintf("no partner organisation %d", a.PartnerID)}}
	}
	return nil
}

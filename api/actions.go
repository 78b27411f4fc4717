package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// actionRoles says which roles may take each action. Partners act only on
// the cases delegated to them (the scope check), and only to record what
// they collect; legal staff alone decide litigation.
var actionRoles = map[string][]models.Role{
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

// postAction answers POST /api/v1/cases/:id/actions/:action: the action is
// sent to the case's workflow as an update, which accepts it (200 with the
// new state) or refuses it in its current state (409 with the reason).
func (s *Server) postAction(c *gin.Context) {
	name := c.Param("action")
	roles, known := actionRoles[name]
	if !known {
		fail(c, http.StatusNotFound, "unknown action "+strconv.Quote(name))
		return
	}
	u := currentUser(c)
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	if !slices.Contains(roles, u.Role) {
		fail(c, http.StatusForbidden, "your role may not take the action "+name)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	if err != nil {
		fail(c, http.StatusBadRequest, "unreadable body: "+err.Error())
		return
	}
	var a recovery.Action
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			fe := jsonFieldError(0, err)
			c.AbortWithStatusJSON(http.StatusBadRequest, actionError{Error: "invalid body", Errors: []recovery.FieldError{{Field: fe.Field, Message: fe.Message}}})
			return
		}
	}
	a.By, a.Role = u.Email, string(u.Role) // never from the body
	if errs := recovery.CheckBody(name, a); len(errs) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, actionError{Error: "invalid body", Errors: errs})
		return
	}
	ctx, cancel := withTimeout(c, 15*time.Second)
	defer cancel()
	handle, err := s.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: row.WorkflowID, UpdateName: name, Args: []any{a},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var state recovery.State
	if err == nil {
		err = handle.Get(ctx, &state)
	}
	if err != nil {
		s.actionFailed(c, name, row.WorkflowID, err)
		return
	}
	if name == recovery.ActionDelegate || name == recovery.ActionRecall {
		// Access control reads partner_id from SQL: write it now rather than
		// wait for the workflow's mirror, so the partner sees the case at once.
		s.DB.WithContext(c).Model(&models.Case{}).Where("id = ?", row.ID).Update("partner_id", state.PartnerID)
	}
	s.audit(c, "case."+name, "case", row.ID, a, state)
	c.JSON(http.StatusOK, gin.H{"action": name, "state": state})
}

type actionError struct {
	Error  string                `json:"error"`
	Errors []recovery.FieldError `json:"errors,omitempty"`
}

func (s *Server) actionFailed(c *gin.Context, name, workflowID string, err error) {
	var appErr *temporal.ApplicationError
	var notFound *serviceerror.NotFound
	switch {
	case errors.As(err, &appErr):
		fail(c, http.StatusConflict, appErr.Message()) // the workflow's validator refused it
	case errors.As(err, &notFound):
		fail(c, http.StatusConflict, "le dossier est clos : son workflow ne reçoit plus d'action")
	default:
		s.Log.Error("case action failed", "action", name, "workflow", workflowID, "err", err)
		fail(c, http.StatusServiceUnavailable, "the case's workflow did not answer; try again")
	}
}

// caseInScope loads the :id case if the caller may see it, answering 404
// (never 403) otherwise so that a partner cannot learn that a case exists.
func (s *Server) caseInScope(c *gin.Context) (casequery.Row, bool) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		fail(c, http.StatusBadRequest, "case id must be a number, got "+strconv.Quote(c.Param("id")))
		return casequery.Row{}, false
	}
	row, err := casequery.Get(c, s.DB, uint(id), casequery.ScopeOf(currentUser(c)))
	if errors.Is(err, gorm.ErrRecordNotFound) {
		fail(c, http.StatusNotFound, "no case "+c.Param("id"))
		return row, false
	}
	if err != nil {
		s.Log.Error("load case", "case", id, "err", err)
		fail(c, http.StatusInternalServerError, "cannot load case")
		return row, false
	}
	return row, true
}

package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/caseactions"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// actionRoles says which roles may take each action; the back-office uses
// the same matrix.
var actionRoles = caseactions.Roles

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
	var in actionBody
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			fe := jsonFieldError(0, err)
			c.AbortWithStatusJSON(http.StatusBadRequest, actionError{Error: "invalid body", Errors: []recovery.FieldError{{Field: fe.Field, Message: fe.Message}}})
			return
		}
	}
	a, errs := in.action(name, row.Currency)
	if len(errs) == 0 {
		errs = caseactions.CheckReferences(c.Request.Context(), s.DB, name, a)
	}
	if len(errs) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, actionError{Error: "invalid body", Errors: errs})
		return
	}
	a.By, a.Role = u.Email, string(u.Role) // never from the body
	taken, err := caseactions.Take(c.Request.Context(), s.Temporal, s.DB, row.ID, row.WorkflowID, name, a)
	if err != nil {
		s.actionFailed(c, name, row.WorkflowID, err)
		return
	}
	if taken.MirrorErr != nil {
		s.Log.Error("mirror action", "action", name, "case", row.ID, "err", taken.MirrorErr)
	}
	s.audit(c, "case."+name, "case", row.ID, taken.Before, taken.After)
	c.JSON(http.StatusOK, gin.H{"action": name, "state": stateViewOf(taken.State)})
}

// actionBody is an action's body as the API takes it: the workflow's
// recovery.Action, whose amounts may also come as money objects (amount,
// credit_note). The flat fields are declared again here, as pointers, to
// tell 0 from absent; encoding/json gives them precedence over the
// embedded Action's.
type actionBody struct {
	recovery.Action
	AmountCents     *int64        `json:"amount_cents"`
	Amount          *money.Amount `json:"amount"`
	CreditNoteCents *int64        `json:"credit_note_cents"`
	CreditNote      *money.Amount `json:"credit_note"`
}

// action resolves the body into the Action sent to the workflow of a case
// in currency and checks it as recovery.CheckBody does, naming the field
// in the form the body used.
func (b actionBody) action(name, currency string) (recovery.Action, []recovery.FieldError) {
	a := b.Action
	var errs []recovery.FieldError
	named := map[string]string{}
	for _, m := range []struct {
		in  moneyInput
		dst *int64
	}{
		{moneyInput{"amount_cents", "amount", b.AmountCents, b.Amount}, &a.AmountCents},
		{moneyInput{"credit_note_cents", "credit_note", b.CreditNoteCents, b.CreditNote}, &a.CreditNoteCents},
	} {
		cents, object, ferr := m.in.resolve(currency, "the case")
		if ferr != nil {
			errs = append(errs, recovery.FieldError{Field: ferr.Field, Message: ferr.Message})
			continue
		}
		*m.dst, named[m.in.CentsField] = cents, m.in.fieldName(object)
	}
	if len(errs) > 0 {
		return a, errs
	}
	errs = recovery.CheckBody(name, a)
	for i, e := range errs {
		if field, ok := named[e.Field]; ok {
			errs[i].Field = field
		}
	}
	return a, errs
}

type actionError struct {
	Error  string                `json:"error"`
	Errors []recovery.FieldError `json:"errors,omitempty"`
}

func (s *Server) actionFailed(c *gin.Context, name, workflowID string, err error) {
	var refused *caseactions.ErrRefused
	if errors.As(err, &refused) {
		fail(c, http.StatusConflict, refused.Reason) // the workflow's validator refused it
		return
	}
	s.Log.Error("case action failed", "action", name, "workflow", workflowID, "err", err)
	fail(c, http.StatusServiceUnavailable, "the case's workflow did not answer; try again")
}

// caseInScope loads the :id case if the caller may see it, answering 404
// (never 403) otherwise so that a partner cannot learn that a case exists.
func (s *Server) caseInScope(c *gin.Context) (casequery.Row, bool) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		fail(c, http.StatusBadRequest, "case id must be a number, got "+strconv.Quote(c.Param("id")))
		return casequery.Row{}, false
	}
	row, err := casequery.Get(c.Request.Context(), s.DB, uint(id), casequery.ScopeOf(currentUser(c)))
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

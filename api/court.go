package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/courtsteps"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// postCourtStep answers POST /api/v1/cases/:id/court/:step: legal staff
// record a court step on the case's litigation workflow, which validates it
// (409 with the reason when its state refuses it).
func (s *Server) postCourtStep(c *gin.Context) {
	step, ok := courtsteps.Steps[c.Param("step")]
	if !ok {
		fail(c, http.StatusNotFound, "unknown court step "+strconv.Quote(c.Param("step"))+": want filed, ordonnance, signified, opposition or paid")
		return
	}
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	if err != nil {
		fail(c, http.StatusBadRequest, "unreadable body: "+err.Error())
		return
	}
	body := step.NewBody()
	raw, ferr := amountAsCents(raw, body, row.Currency)
	if ferr != nil {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: []intake.FieldError{*ferr}})
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(body); err != nil {
		fe := jsonFieldError(0, err)
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: []intake.FieldError{fe}})
		return
	}
	courtsteps.SetActor(body, currentUser(c).Email)
	if s.Temporal == nil {
		fail(c, http.StatusServiceUnavailable, "Temporal is not configured")
		return
	}
	childID := courtsteps.ChildID(row.WorkflowID)
	before := auditlog.WorkflowState(c.Request.Context(), s.Temporal, childID, litigation.QueryState)
	err = courtsteps.Send(c.Request.Context(), s.Temporal, row.WorkflowID, step, body)
	if errors.Is(err, courtsteps.ErrNoLitigation) {
		fail(c, http.StatusConflict, err.Error())
		return
	}
	if err != nil {
		s.actionFailed(c, step.Name, childID, err)
		return
	}
	after := auditlog.WorkflowState(c.Request.Context(), s.Temporal, childID, litigation.QueryState)
	s.audit(c, "court."+c.Param("step"), "case", row.ID, before, auditlog.Change{Request: body, State: after})
	c.JSON(http.StatusOK, gin.H{"step": c.Param("step"), "accepted": true})
}

// amountAsCents lets a step whose body has an amount_cents (ordonnance, paid)
// take its amount as a money object too, "amount": {amount_cents, currency}
// in the case's currency, as responses show money: it rewrites the object
// into amount_cents, the field the litigation workflow reads. Other bodies,
// and bodies that are not JSON objects, are returned as they are for the
// strict decoding to judge.
func amountAsCents(raw []byte, body any, currency string) ([]byte, *intake.FieldError) {
	var fields map[string]json.RawMessage
	if shape, _ := json.Marshal(body); !bytes.Contains(shape, []byte(`"amount_cents"`)) || json.Unmarshal(raw, &fields) != nil {
		return raw, nil
	}
	obj, ok := fields["amount"]
	if !ok {
		return raw, nil
	}
	in := moneyInput{CentsField: "amount_cents", Field: "amount", Amount: &money.Amount{}}
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in.Amount); err != nil {
		fe := jsonFieldError(0, err)
		if fe.Field == "" || fe.Field == "body" {
			fe.Field = "amount"
		} else {
			fe.Field = "amount." + fe.Field
		}
		return nil, &fe
	}
	if flat, ok := fields["amount_cents"]; ok {
		in.Cents = new(int64)
		if err := json.Unmarshal(flat, in.Cents); err != nil {
			return nil, &intake.FieldError{Field: "amount_cents", Message: "must be a whole number of cents"}
		}
	}
	cents, _, ferr := in.resolve(currency, "the case")
	if ferr != nil {
		return nil, ferr
	}
	delete(fields, "amount")
	fields["amount_cents"], _ = json.Marshal(cents)
	out, err := json.Marshal(fields)
	if err != nil {
		return nil, &intake.FieldError{Field: "amount", Message: err.Error()}
	}
	return out, nil
}

package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// courtSteps maps the route's step to the litigation workflow's update (or
// signal, for a payment) and the body it takes.
var courtSteps = map[string]struct {
	name   string
	signal bool
	body   func() any
}{
	"filed":      {litigation.UpdateFiled, false, func() any { return &litigation.Filed{} }},
	"ordonnance": {litigation.UpdateOrdonnanceRendered, false, func() any { return &litigation.OrdonnanceRendered{} }},
	"signified":  {litigation.UpdateSignified, false, func() any { return &litigation.Signified{} }},
	"opposition": {litigation.UpdateOpposition, false, func() any { return &litigation.Opposition{} }},
	"paid":       {litigation.SignalPaid, true, func() any { return &litigation.Paid{} }},
}

// postCourtStep answers POST /api/v1/cases/:id/court/:step: legal staff
// record a court step on the case's litigation workflow, which validates it
// (409 with the reason when its state refuses it).
func (s *Server) postCourtStep(c *gin.Context) {
	step, ok := courtSteps[c.Param("step")]
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
	body := step.body()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(body); err != nil {
		fe := jsonFieldError(0, err)
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: []intake.FieldError{fe}})
		return
	}
	setActor(body, currentUser(c).Email)
	ctx, cancel := withTimeout(c, 15*time.Second)
	defer cancel()
	childID := row.WorkflowID + "/litigation"
	if step.signal {
		err = s.Temporal.SignalWorkflow(ctx, childID, "", step.name, body)
	} else {
		var h client.WorkflowUpdateHandle
		h, err = s.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
			WorkflowID: childID, UpdateName: step.name, Args: []any{body},
			WaitForStage: client.WorkflowUpdateStageCompleted,
		})
		if err == nil {
			err = h.Get(ctx, nil)
		}
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		fail(c, http.StatusConflict, "aucune procédure contentieuse n'est en cours pour ce dossier")
		return
	}
	if err != nil {
		s.actionFailed(c, step.name, childID, err)
		return
	}
	s.audit(c, "court."+c.Param("step"), "case", row.ID, body, nil)
	c.JSON(http.StatusOK, gin.H{"step": c.Param("step"), "accepted": true})
}

// setActor records who recorded a court step.
func setActor(body any, who string) {
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

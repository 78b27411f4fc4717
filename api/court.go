package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/courtsteps"
	"github.com/recouvra/recouvra/internal/intake"
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
	err = courtsteps.Send(c.Request.Context(), s.Temporal, row.WorkflowID, step, body)
	if errors.Is(err, courtsteps.ErrNoLitigation) {
		fail(c, http.StatusConflict, err.Error())
		return
	}
	if err != nil {
		s.actionFailed(c, step.Name, courtsteps.ChildID(row.WorkflowID), err)
		return
	}
	s.audit(c, "court."+c.Param("step"), "case", row.ID, body, nil)
	c.JSON(http.StatusOK, gin.H{"step": c.Param("step"), "accepted": true})
}

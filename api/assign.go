package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/models"
)

// registerAssign mounts the assignment of a case to the person who runs it.
func (s *Server) registerAssign(v1 *gin.RouterGroup) {
	v1.POST("/cases/:id/assign", requireRole(models.RoleAdmin, models.RoleCreditManager), s.postAssign)
}

// assignBody is the body of POST /cases/:id/assign. AssigneeID stays raw to
// tell null (assign to nobody) from a missing field (a mistake).
type assignBody struct {
	AssigneeID json.RawMessage `json:"assignee_id"`
}

// postAssign answers POST /api/v1/cases/:id/assign with {"assignee_id": N}
// or {"assignee_id": null}: the case goes to an active admin or credit
// manager, or to nobody. It answers the case row, and the audit log keeps
// the assignee before and after.
func (s *Server) postAssign(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	var in assignBody
	if !decodeStrict(c, &in) {
		return
	}
	var assignee *uint
	switch raw := string(in.AssigneeID); {
	case raw == "":
		badField(c, "assignee_id", "is required: a user id, or null to leave the case to nobody")
		return
	case raw != "null":
		var id uint
		if err := json.Unmarshal(in.AssigneeID, &id); err != nil || id == 0 {
			badField(c, "assignee_id", "must be a user id or null, got "+raw)
			return
		}
		assignee = &id
	}
	previous, err := casefile.Assign(c.Request.Context(), s.DB, row.ID, assignee)
	var refused *casefile.NotAssignableError
	switch {
	case errors.As(err, &refused):
		badField(c, "assignee_id", refused.Error())
		return
	case err != nil:
		s.Log.Error("assign case", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot assign the case")
		return
	}
	s.audit(c, "case.assign", "case", row.ID, gin.H{"assignee_id": previous}, gin.H{"assignee_id": assignee})
	fresh, err := casequery.Get(c.Request.Context(), s.DB, row.ID, casequery.ScopeOf(currentUser(c)))
	if err != nil {
		s.Log.Error("reload assigned case", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "the case was assigned but cannot be read back")
		return
	}
	c.JSON(http.StatusOK, caseRowViewOf(fresh))
}

package api

import (
	gocontext "context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/models"
)

// audit appends to the audit log: who did what to which record, from where,
// with the request and the resulting state. A failure to audit is logged,
// never hidden.
func (s *Server) audit(c *gin.Context, action, entity string, id uint, before, after any) {
	u := currentUser(c)
	row := models.AuditLog{
		At: time.Now().UTC(), UserID: &u.ID, Actor: u.Email, Action: action, Entity: entity,
		EntityID: fmt.Sprint(id), RemoteAddr: c.ClientIP(), Before: toJSON(before), After: toJSON(after),
	}
	if err := s.DB.WithContext(c.Request.Context()).Create(&row).Error; err != nil {
		s.Log.Error("audit log write failed", "action", action, "err", err)
	}
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

// withTimeout bounds a request's call to Temporal.
func withTimeout(c *gin.Context, d time.Duration) (gocontext.Context, gocontext.CancelFunc) {
	return gocontext.WithTimeout(c.Request.Context(), d)
}

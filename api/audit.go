package api

import (
	gocontext "context"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/lettertemplates"
)

// audit appends to the audit log: who did what to which record, from where,
// with the state before and after. A failure to audit is logged,
// never hidden.
func (s *Server) audit(c *gin.Context, action, entity string, id uint, before, after any) {
	err := auditlog.Record(c.Request.Context(), s.DB, auditlog.Entry{User: currentUser(c), RemoteAddr: c.ClientIP(),
		Action: action, Entity: entity, EntityID: id, Before: before, After: after})
	if err != nil {
		s.Log.Error("audit log write failed", "err", err)
	}
}

// previousTemplate is the version a template save replaced: the save's
// "before" in the audit log.
func (s *Server) previousTemplate(c *gin.Context, saved lettertemplates.Version) any {
	return auditlog.PreviousTemplate(c.Request.Context(), s.DB, saved)
}

// withTimeout bounds a request's call to Temporal.
func withTimeout(c *gin.Context, d time.Duration) (gocontext.Context, gocontext.CancelFunc) {
	return gocontext.WithTimeout(c.Request.Context(), d)
}

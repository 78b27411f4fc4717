package backoffice

import (
	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/models"
)

// audit appends to the append-only audit log what the logged-in user did.
func (p *Pages) audit(c *gin.Context, action, entity string, id uint, before, after any) {
	p.auditAs(c, currentUser(c), action, entity, id, before, after)
}

// auditAs records an action by u (at login, before any session exists). A
// failure to audit is logged, never hidden.
func (p *Pages) auditAs(c *gin.Context, u models.User, action, entity string, id uint, before, after any) {
	err := auditlog.Record(c.Request.Context(), p.DB, auditlog.Entry{User: u, RemoteAddr: c.ClientIP(),
		Action: action, Entity: entity, EntityID: id, Before: before, After: after})
	if err != nil {
		p.Log.Error("audit log write failed", "err", err)
	}
}

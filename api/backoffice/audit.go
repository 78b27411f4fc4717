package backoffice

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/models"
)

// audit appends to the append-only audit log what the logged-in user did.
func (p *Pages) audit(c *gin.Context, action, entity string, id uint, before, after any) {
	p.auditAs(c, currentUser(c), action, entity, id, before, after)
}

// auditAs records an action by u (at login, before any session exists). A
// failure to audit is logged, never hidden.
func (p *Pages) auditAs(c *gin.Context, u models.User, action, entity string, id uint, before, after any) {
	row := models.AuditLog{
		At: time.Now().UTC(), Actor: u.Email, Action: action, Entity: entity,
		EntityID: fmt.Sprint(id), RemoteAddr: c.ClientIP(), Before: toJSON(before), After: toJSON(after),
	}
	if u.ID != 0 {
		row.UserID = &u.ID
	}
	if row.Actor == "" {
		row.Actor = "anonyme"
	}
	if err := p.DB.WithContext(c.Request.Context()).Create(&row).Error; err != nil {
		p.Log.Error("audit log write failed", "action", action, "err", err)
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

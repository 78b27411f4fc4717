// Package auditlog appends to the audit log: who did what to which record,
// from which address, with the state before and after. The API and the
// back-office write through it, so every entry has the same shape.
package auditlog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// Entry is one action to record.
type Entry struct {
	User          models.User // the actor; zero before login (a failed login)
	RemoteAddr    string
	Action        string // e.g. "case.promise", "login.failed"
	Entity        string // e.g. "case"
	EntityID      uint
	Before, After any // marshalled to JSON
}

// Record appends the entry. Callers log a failure rather than hide it.
func Record(ctx context.Context, db *gorm.DB, e Entry) error {
	row := models.AuditLog{
		At: time.Now().UTC(), Actor: e.User.Email, Action: e.Action, Entity: e.Entity,
		EntityID: fmt.Sprint(e.EntityID), RemoteAddr: e.RemoteAddr, Before: toJSON(e.Before), After: toJSON(e.After),
	}
	if e.User.ID != 0 {
		id := e.User.ID
		row.UserID = &id
	}
	if row.Actor == "" {
		row.Actor = "anonyme"
	}
	if err := db.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("audit %s on %s %d: %w", e.Action, e.Entity, e.EntityID, err)
	}
	return nil
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

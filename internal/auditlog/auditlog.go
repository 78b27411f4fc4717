// Package auditlog appends to the audit log: who did what to which record,
// from which address, with the state before and after. The API and the
// back-office write through it, so every entry has the same shape.
package auditlog

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// Entry is one action to record.
type Entry struct {
	User models.User // the actor; zero before login (a failed login)
	// Actor names an actor who is no user, such as CommandLineActor();
	// when empty, the user's email names the actor.
	Actor         string
	RemoteAddr    string
	Action        string // e.g. "case.promise", "login.failed"
	Entity        string // e.g. "case"
	EntityID      uint
	Before, After any // marshalled to JSON
}

// Record appends the entry. Callers log a failure rather than hide it.
func Record(ctx context.Context, db *gorm.DB, e Entry) error {
	row := models.AuditLog{
		At: time.Now().UTC(), Actor: cmp.Or(e.Actor, e.User.Email), Action: e.Action, Entity: e.Entity,
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

// LocalAddress is the address of the entries written by commands run on the
// server itself, which come from no network address.
const LocalAddress = "local"

// CommandLineActor names who runs a command of the recouvra binary: "cli:"
// and the operating-system login, so that the log tells a command from a
// person of the back-office.
func CommandLineActor() string {
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return "cli:" + cmp.Or(name, os.Getenv("USER"), "unknown")
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

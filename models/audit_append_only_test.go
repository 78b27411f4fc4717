package models_test

import (
	"strings"
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestAuditLogIsAppendOnly: on both databases, entries are written but
// never updated or deleted, whatever the statement, and the refusal says
// why.
func TestAuditLogIsAppendOnly(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			e := models.AuditLog{At: time.Now().UTC(), Actor: "anne@example.fr", Action: "case.promise", Entity: "case", EntityID: "1", After: `{"ok":true}`}
			if err := db.Create(&e).Error; err != nil {
				t.Fatalf("insert: %v", err)
			}
			refused := []struct{ what, sql string }{
				{"UPDATE of an entry", "UPDATE audit_logs SET after = '{}' WHERE id = ?"},
				{"UPDATE of every entry", "UPDATE audit_logs SET actor = 'mallory'"},
				{"DELETE of an entry", "DELETE FROM audit_logs WHERE id = ?"},
				{"DELETE of every entry", "DELETE FROM audit_logs"},
			}
			if name == "postgres" {
				refused = append(refused, struct{ what, sql string }{"TRUNCATE", "TRUNCATE audit_logs"})
			}
			for _, r := range refused {
				var args []any
				if strings.Contains(r.sql, "?") {
					args = append(args, e.ID)
				}
				err := db.Exec(r.sql, args...).Error
				if err == nil || !strings.Contains(err.Error(), models.ErrAuditAppendOnly) {
					t.Errorf("%s: err = %v, want the append-only refusal", r.what, err)
				}
			}
			// The ORM's own Save and Delete are refused the same way.
			e.Actor = "mallory"
			if err := db.Save(&e).Error; err == nil {
				t.Error("gorm Save of an entry was accepted")
			}
			if err := db.Delete(&models.AuditLog{}, e.ID).Error; err == nil {
				t.Error("gorm Delete of an entry was accepted")
			}
			var got models.AuditLog
			if err := db.Take(&got, e.ID).Error; err != nil || got.Actor != "anne@example.fr" || got.After != `{"ok":true}` {
				t.Errorf("entry after the refused statements: %+v, %v", got, err)
			}
			second := models.AuditLog{At: time.Now().UTC(), Actor: "paul@example.fr", Action: "user.create"}
			if err := db.Create(&second).Error; err != nil {
				t.Fatalf("insert after the refusals: %v", err)
			}
			var n int64
			db.Model(&models.AuditLog{}).Count(&n)
			if n != 2 {
				t.Errorf("%d entries, want 2", n)
			}
		})
	}
}

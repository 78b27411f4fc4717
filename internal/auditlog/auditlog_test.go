package auditlog_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

func TestRecord(t *testing.T) {
	db, _ := testenv.SQLite(t)
	u := models.User{ID: 7, Email: "anne@example.fr"}
	if err := auditlog.Record(t.Context(), db, auditlog.Entry{User: u, RemoteAddr: "10.0.0.1", Action: "case.promise",
		Entity: "case", EntityID: 3, Before: map[string]int{"amount_cents": 500}}); err != nil {
		t.Fatal(err)
	}
	if err := auditlog.Record(t.Context(), db, auditlog.Entry{Action: "login.failed", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	if err := auditlog.Record(t.Context(), db, auditlog.Entry{Actor: "cli:root", RemoteAddr: auditlog.LocalAddress, Action: "user.create", Entity: "user", EntityID: 8}); err != nil {
		t.Fatal(err)
	}
	var rows []models.AuditLog
	db.Order("id").Find(&rows)
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if r := rows[0]; r.UserID == nil || *r.UserID != 7 || r.Actor != "anne@example.fr" || r.EntityID != "3" || r.Before != `{"amount_cents":500}` || r.After != "" {
		t.Errorf("first entry = %+v", r)
	}
	if r := rows[1]; r.UserID != nil || r.Actor != "anonyme" {
		t.Errorf("anonymous entry = %+v", r)
	}
	if r := rows[2]; r.UserID != nil || r.Actor != "cli:root" || r.RemoteAddr != "local" {
		t.Errorf("command-line entry = %+v", r)
	}
}

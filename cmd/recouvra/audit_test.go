package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// cliEnv is the configuration of commands run on a fresh database, with a
// Temporal address nothing answers at: commands save what they import and
// leave the workflows to the sweep.
func cliEnv(t *testing.T) (config.Config, *gorm.DB) {
	t.Helper()
	db, url := testenv.SQLite(t)
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"DATABASE_URL": url, "TEMPORAL_ADDRESS": "127.0.0.1:1"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	creditor := demo.Creditor
	if err := db.Create(&creditor).Error; err != nil {
		t.Fatal(err)
	}
	return cfg, db
}

var quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))

// entry is an audit entry with its states decoded.
type entry struct {
	models.AuditLog
	before, after map[string]any
}

// audited runs a command and returns the one entry it wrote, checking it
// names the operating-system user on this machine.
func audited(t *testing.T, db *gorm.DB, run func() error) entry {
	t.Helper()
	var mark int64
	db.Model(&models.AuditLog{}).Select("COALESCE(MAX(id), 0)").Scan(&mark)
	if err := run(); err != nil {
		t.Fatal(err)
	}
	var rows []models.AuditLog
	db.Where("id > ?", mark).Order("id").Find(&rows)
	if len(rows) != 1 {
		t.Fatalf("%d audit entries, want one: %+v", len(rows), rows)
	}
	e := entry{AuditLog: rows[0]}
	for _, s := range []struct {
		raw string
		dst *map[string]any
	}{{e.Before, &e.before}, {e.After, &e.after}} {
		if strings.HasPrefix(s.raw, "{") { // lists are checked as text
			if err := json.Unmarshal([]byte(s.raw), s.dst); err != nil {
				t.Fatalf("%s: state %q: %v", e.Action, s.raw, err)
			}
		}
	}
	if !strings.HasPrefix(e.Actor, "cli:") || e.Actor != auditlog.CommandLineActor() || e.RemoteAddr != "local" || e.UserID != nil {
		t.Errorf("%s by %q from %q (user %v), want %q from local", e.Action, e.Actor, e.RemoteAddr, e.UserID, auditlog.CommandLineActor())
	}
	return e
}

func writeFile(t *testing.T, name, content string) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(content))
	return path, hex.EncodeToString(sum[:])
}

// TestUserCommandsAreAudited: creating a user, setting a password, making
// and revoking a token each write one entry, never a secret.
func TestUserCommandsAreAudited(t *testing.T) {
	cfg, db := cliEnv(t)
	ctx := t.Context()
	users := func(args ...string) func() error { return func() error { return users(ctx, cfg, quiet, args) } }

	e := audited(t, db, users("create", "--email", "anne@test.local", "--role", "admin", "--password", "correct horse battery"))
	var u models.User
	db.Where("email = ?", "anne@test.local").Take(&u)
	if e.Action != "user.create" || e.Entity != "user" || e.EntityID != fmt.Sprint(u.ID) || e.before != nil ||
		e.after["email"] != "anne@test.local" || e.after["role"] != "admin" || e.after["password_set"] != true {
		t.Errorf("users create: %+v %v", e.AuditLog, e.after)
	}
	e = audited(t, db, users("passwd", "--email", "anne@test.local", "--password", "another long password"))
	if e.Action != "user.password" || e.before["password_set"] != true || e.after["password_set"] != true {
		t.Errorf("users passwd: %+v", e.AuditLog)
	}
	e = audited(t, db, users("token", "--email", "anne@test.local", "--label", "ERP"))
	var token models.APIToken
	db.Where("user_id = ?", u.ID).Take(&token)
	if e.Action != "token.create" || e.after["label"] != "ERP" || e.after["id"] != float64(token.ID) {
		t.Errorf("users token: %+v", e.AuditLog)
	}
	e = audited(t, db, users("revoke", "--email", "anne@test.local", "--token-id", fmt.Sprint(token.ID)))
	if e.Action != "token.revoke" || e.before["revoked_at"] != nil || e.after["revoked_at"] == nil {
		t.Errorf("users revoke: %+v", e.AuditLog)
	}
	var all []models.AuditLog
	db.Find(&all)
	for _, a := range all {
		if strings.Contains(a.After+a.Before, u.PasswordHash) || strings.Contains(a.After+a.Before, "correct horse") {
			t.Errorf("%s records a password or its hash: %s", a.Action, a.After)
		}
	}
}

// TestImportCommandsAreAudited: each import writes one entry naming the
// file by digest, with counts, not one per row.
func TestImportCommandsAreAudited(t *testing.T) {
	cfg, db := cliEnv(t)
	ctx := t.Context()

	var csv strings.Builder
	csv.WriteString("number;issue_date;due_date;total;vat;debtor_name;debtor_kind;debtor_postal_code;debtor_city\n")
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&csv, "F-CLI-%d;01/09/2026;01/10/2026;%d,50;20,00;Client %d;trader;75011;Paris\n", i, 100*i, i)
	}
	path, digest := writeFile(t, "factures.csv", csv.String())
	e := audited(t, db, func() error { return importCmd(ctx, cfg, quiet, []string{"invoices", path}) })
	if e.Action != "invoice.import" || e.after["file"] != "factures.csv" || e.after["sha256"] != digest ||
		e.after["bytes"] != float64(csv.Len()) || fmt.Sprint(e.after["counts"]) != "map[created:4 invoices:4 unchanged:0 updated:0]" {
		t.Errorf("import invoices: %+v %v", e.AuditLog, e.after)
	}

	export := "N° pièce;Date;Échéance;TTC;Client;Nom client\nF-ERP-1;15/09/2026;15/10/2026;1 234,56;C100;Électricité Martin\n"
	path, digest = writeFile(t, "export.csv", export)
	args := []string{"csv", path, "--source", "erp", "--map", "number=N° pièce,issue_date=Date,due_date=Échéance,total=TTC,debtor_reference=Client,debtor_name=Nom client"}
	var before int64
	db.Model(&models.AuditLog{}).Count(&before)
	if err := importCmd(ctx, cfg, quiet, args); err != nil {
		t.Fatal(err)
	}
	var rows []models.AuditLog
	db.Where("action = ?", "cli.import").Find(&rows)
	if len(rows) != 1 || rows[0].Actor != auditlog.CommandLineActor() || rows[0].RemoteAddr != "local" ||
		!strings.Contains(rows[0].After, digest) || !strings.Contains(rows[0].After, `"file":"export.csv"`) || !strings.Contains(rows[0].After, `"created":1`) {
		t.Errorf("import csv: %+v", rows)
	}

	rates := "series,year,half,rate_percent,source\nmro,2026,2,2.15,BCE\nlegal,2026,2,2.62,arrêté\n"
	path, digest = writeFile(t, "taux.csv", rates)
	e = audited(t, db, func() error { return importRates(ctx, cfg, quiet, path) })
	if e.Action != "rates.import" || e.after["sha256"] != digest || fmt.Sprint(e.after["counts"]) != "map[rates:2]" || e.Before != "[]" {
		t.Errorf("rates import: %+v", e.AuditLog)
	}
	// Importing new rates for the same half-years records the replaced ones.
	path, _ = writeFile(t, "taux.csv", strings.Replace(rates, "2.15", "2.40", 1))
	e = audited(t, db, func() error { return importRates(ctx, cfg, quiet, path) })
	if !strings.Contains(e.Before, `"rate_bp":215`) || !strings.Contains(e.Before, `"rate_bp":262`) {
		t.Errorf("rates import over stored rates: before %s", e.Before)
	}

	communes := "Commune;Libellé;TJ\n69266;Villeurbanne;LYON\n33281;Eysines;Tribunal judiciaire de Bordeaux\n"
	path, digest = writeFile(t, "competences.csv", communes)
	e = audited(t, db, func() error { return importCmd(ctx, cfg, quiet, []string{"juridictions", path}) })
	if e.Action != "juridictions.import" || e.after["sha256"] != digest || fmt.Sprint(e.after["counts"]) != "map[communes:2]" ||
		fmt.Sprint(e.before) != "map[communes:0]" {
		t.Errorf("import juridictions: %+v", e.AuditLog)
	}
}

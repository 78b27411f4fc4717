// Package testenv gives tests the real parts Recouvra runs on: a fresh
// PostgreSQL database, a fresh SQLite file and a Temporal dev server. Nothing
// here is a mock.
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/devserver"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/searchattr"
)

// PostgresAdminURL is the server tests create their databases on; override
// with RECOUVRA_TEST_POSTGRES.
func PostgresAdminURL() string {
	if u := os.Getenv("RECOUVRA_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// Postgres returns a migrated, empty database of its own, dropped after the test.
func Postgres(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	admin, err := models.Open(PostgresAdminURL())
	if err != nil {
		t.Fatalf("PostgreSQL must run on 127.0.0.1:5432 (see .ci/run): %v", err)
	}
	name := "rcv_test_" + RandomSuffix()
	if err := admin.Exec("CREATE DATABASE " + name).Error; err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	url := strings.Replace(PostgresAdminURL(), "/postgres?", "/"+name+"?", 1)
	db, err := models.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		if sqlDB, err := admin.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if _, err := models.Migrate(db); err != nil {
		t.Fatalf("migrate %s: %v", name, err)
	}
	return db, url
}

// SQLite returns a migrated, empty SQLite database in the test's temp dir.
func SQLite(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	url := "sqlite:" + filepath.Join(t.TempDir(), "recouvra.db")
	db, err := models.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if _, err := models.Migrate(db); err != nil {
		t.Fatalf("migrate SQLite: %v", err)
	}
	return db, url
}

// Databases lists the two databases Recouvra supports, for tests that must
// pass on both.
var Databases = map[string]func(testing.TB) (*gorm.DB, string){
	"postgres": Postgres,
	"sqlite":   SQLite,
}

var (
	temporalOnce sync.Once
	temporalSrv  *devserver.Server
	temporalErr  error
)

// Temporal returns a client of the package's shared Temporal dev server,
// started on first use. Tests isolate themselves by task queue and workflow
// IDs; call Main from TestMain so the server stops with the tests.
func Temporal(t testing.TB) client.Client {
	t.Helper()
	temporalOnce.Do(func() {
		temporalSrv, temporalErr = devserver.Start(context.Background(), devserver.Options{SearchAttributes: searchattr.Types})
	})
	if temporalErr != nil {
		t.Fatalf("Temporal dev server: %v (build it with `make bin/temporal`)", temporalErr)
	}
	c, err := client.Dial(client.Options{HostPort: temporalSrv.Address, Logger: QuietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// TemporalAddress is the host:port of the shared dev server, for processes
// the test starts itself.
func TemporalAddress(t testing.TB) string {
	Temporal(t)
	return temporalSrv.Address
}

// Main runs the package's tests and then stops the shared dev server.
func Main(m *testing.M) {
	code := m.Run()
	if temporalSrv != nil {
		temporalSrv.Stop()
	}
	os.Exit(code)
}

// QuietLogger keeps the SDK's warnings and errors and drops its chatter.
func QuietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// RandomSuffix is a short random hex string for names that must not collide.
func RandomSuffix() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// TaskQueue is a task queue of the test's own, so workers of concurrent tests
// on the shared server never take each other's tasks.
func TaskQueue(t testing.TB) string {
	return fmt.Sprintf("test-%s-%s", strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()), RandomSuffix())
}

// Package apptest starts a whole Recouvra for integration tests: the real
// wiring of internal/app on a real database, a real Temporal dev server with
// a worker of its own task queue, and the HTTP handler on a test server.
package apptest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.temporal.io/sdk/worker"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// Env is a running Recouvra.
type Env struct {
	*app.App
	URL    string // base URL of the HTTP server
	Token  string // API token of an admin user
	worker worker.Worker
}

// Worker is the running worker.
func (e *Env) Worker() worker.Worker { return e.worker }

// Start runs Recouvra on database kind ("postgres" or "sqlite") with the
// demo creditor and an admin token. Everything stops when the test ends.
func Start(t testing.TB, dbKind string, today civil.Date) *Env {
	t.Helper()
	_, url := testenv.Databases[dbKind](t)
	cfg, err := config.FromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.DatabaseURL, cfg.TaskQueue = url, testenv.TaskQueue(t)
	cfg.SendingWindow = "always" // steps run now, whatever the day and hour the tests run
	a, err := app.Open(cfg, app.NewLogger(cfg))
	if err != nil {
		t.Fatal(err)
	}
	a.Intake.Today = func() civil.Date { return today }
	a.UseTemporal(testenv.Temporal(t))
	w := a.NewWorker()
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		srv.Close()
		w.Stop()
		if sqlDB, err := a.DB.DB(); err == nil {
			sqlDB.Close()
		}
	})
	creditor := demo.Creditor
	if err := a.DB.Create(&creditor).Error; err != nil {
		t.Fatal(err)
	}
	u, err := a.Accounts.CreateUser(t.Context(), "admin@test.local", "Admin", models.RoleAdmin, nil)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := a.Accounts.NewToken(t.Context(), u.ID, "tests")
	if err != nil {
		t.Fatal(err)
	}
	return &Env{App: a, URL: srv.URL, Token: token, worker: w}
}

// Do sends an authenticated request and decodes a JSON answer into out (if
// not nil); it returns the status code and the raw body.
func (e *Env) Do(t testing.TB, method, path, contentType string, body []byte, out any) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, e.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.Token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, raw
}

// Eventually retries check every 100 ms until it returns true or 30 s pass.
func Eventually(t testing.TB, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if check() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// UserToken creates a user with a role and returns an API token for it.
func (e *Env) UserToken(t testing.TB, email string, role models.Role, partnerID *uint) string {
	t.Helper()
	u, err := e.Accounts.CreateUser(t.Context(), email, email, role, partnerID)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := e.Accounts.NewToken(t.Context(), u.ID, "tests")
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// NewPartner creates a factoring partner.
func (e *Env) NewPartner(t testing.TB, name string) models.Partner {
	t.Helper()
	p := models.Partner{Name: name}
	if err := e.DB.Create(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p
}

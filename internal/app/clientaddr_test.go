package app_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// serveApp runs the production handler on a fresh database with the given
// environment, without Temporal (no page used here needs it).
func serveApp(t *testing.T, env map[string]string) (*app.App, *httptest.Server) {
	t.Helper()
	_, dbURL := testenv.SQLite(t)
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.DatabaseURL, cfg.LogLevel = dbURL, "error"
	a, err := app.Open(cfg, app.NewLogger(cfg))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		srv.Close()
		if sqlDB, err := a.DB.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return a, srv
}

// login posts the login form from the test server's own connection
// (127.0.0.1), claiming to be forwarded for forwardedFor.
func login(t *testing.T, srv *httptest.Server, email, password, forwardedFor string) int {
	t.Helper()
	form := url.Values{"email": {email}, "password": {password}, "csrf": {"jeton"}}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	req.AddCookie(&http.Cookie{Name: "recouvra_login_csrf", Value: "jeton"})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// createPartner sends an audited API action as an admin, claiming to be
// forwarded for forwardedFor, and returns the address the audit log kept.
func createPartner(t *testing.T, a *app.App, srv *httptest.Server, name, forwardedFor string) string {
	t.Helper()
	u, err := a.Accounts.CreateUser(t.Context(), "admin-"+strings.ReplaceAll(name, " ", "-")+"@test.local", "Admin", models.RoleAdmin, nil)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := a.Accounts.NewToken(t.Context(), u.ID, "tests")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/v1/partners", strings.NewReader(`{"name":"`+name+`"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/v1/partners: %d", resp.StatusCode)
	}
	var entry models.AuditLog
	if err := a.DB.Where("action = 'partner.create' AND actor = ?", u.Email).Take(&entry).Error; err != nil {
		t.Fatal(err)
	}
	return entry.RemoteAddr
}

// TestForwardedForIsNotBelievedByDefault: X-Forwarded-For comes from the
// client unless a proxy is configured, so changing it neither escapes the
// login rate limit nor writes a chosen address into the audit log.
func TestForwardedForIsNotBelievedByDefault(t *testing.T) {
	a, srv := serveApp(t, nil)
	u, err := a.Accounts.CreateUser(t.Context(), "gestion@test.local", "Gestion", models.RoleCreditManager, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Accounts.SetPassword(t.Context(), u.ID, "un mot de passe solide"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 8; i++ {
		want := http.StatusUnauthorized
		if i > 5 {
			want = http.StatusTooManyRequests
		}
		if got := login(t, srv, u.Email, "mauvais", fmt.Sprintf("203.0.113.%d", i)); got != want {
			t.Errorf("wrong password %d, forwarded for 203.0.113.%d: %d, want %d", i, i, got, want)
		}
	}
	var addrs []string
	a.DB.Model(&models.AuditLog{}).Where("action = 'backoffice.login_failed'").Distinct().Pluck("remote_addr", &addrs)
	if len(addrs) != 1 || addrs[0] != "127.0.0.1" {
		t.Errorf("failed logins audited from %v, want the connection's 127.0.0.1 only", addrs)
	}
	if got := createPartner(t, a, srv, "Affacturage Durand", "198.51.100.7"); got != "127.0.0.1" {
		t.Errorf("audited API action from %q, want the connection's 127.0.0.1", got)
	}
}

// TestForwardedForFromATrustedProxy: behind a configured load balancer, the
// client's address is the one the balancer forwards.
func TestForwardedForFromATrustedProxy(t *testing.T) {
	a, srv := serveApp(t, map[string]string{"RECOUVRA_TRUSTED_PROXIES": "127.0.0.1"})
	if got := createPartner(t, a, srv, "Affacturage Martin", "198.51.100.7"); got != "198.51.100.7" {
		t.Errorf("audited API action from %q, want the forwarded 198.51.100.7", got)
	}
	// A client cannot slip an address in front of the balancer's: gin reads
	// the list from the right and stops at the first address not trusted.
	if got := createPartner(t, a, srv, "Affacturage Petit", "192.0.2.66, 198.51.100.8"); got != "198.51.100.8" {
		t.Errorf("audited API action from %q, want 198.51.100.8 (the address the balancer saw)", got)
	}
	if status := login(t, srv, "nobody@test.local", "mauvais", "198.51.100.9"); status != http.StatusUnauthorized {
		t.Fatalf("login: %d", status)
	}
	var entry models.AuditLog
	a.DB.Where("action = 'backoffice.login_failed'").Take(&entry)
	if entry.RemoteAddr != "198.51.100.9" {
		t.Errorf("failed login audited from %q, want the forwarded 198.51.100.9", entry.RemoteAddr)
	}
}

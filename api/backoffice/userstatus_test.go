package backoffice

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestDisableUser: a disabled user can no longer log in nor use the session
// it had; enabling it again restores the login; both are audited, and an
// administrator cannot disable themself.
func TestDisableUser(t *testing.T) {
	f := newFixture(t)
	cm := f.users["credit_manager"]
	const password = "un mot de passe solide"
	if err := f.pages.Accounts.SetPassword(t.Context(), cm.ID, password); err != nil {
		t.Fatal(err)
	}
	logIn := func() int {
		v := url.Values{"email": {cm.Email}, "password": {password}, "csrf": {"jeton"}}
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: loginCSRFCookie, Value: "jeton"})
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := logIn(); code != http.StatusSeeOther {
		t.Fatalf("login before disabling: %d, want 303", code)
	}
	open := f.as("credit_manager")
	admin := f.as("admin")
	path := fmt.Sprintf("/admin/utilisateurs/%d/desactivation", cm.ID)

	if rec := admin.post(path, url.Values{"disabled": {"1"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("disable: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	var stored models.User
	f.db.Take(&stored, cm.ID)
	if !stored.Disabled {
		t.Fatal("user not disabled in the database")
	}
	if code := logIn(); code != http.StatusUnauthorized {
		t.Errorf("login of a disabled user: %d, want 401", code)
	}
	if rec := open.get("/dossiers"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login" {
		t.Errorf("session of a disabled user: %d to %q, want a redirect to /login", rec.Code, rec.Header().Get("Location"))
	}
	if page := admin.get("/admin/utilisateurs").Body.String(); !strings.Contains(page, "(désactivé)") || !strings.Contains(page, "Réactiver") {
		t.Error("users page does not show the disabled user with a button to enable it")
	}

	if rec := admin.post(path, url.Values{"disabled": {"0"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("enable: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	if code := logIn(); code != http.StatusSeeOther {
		t.Errorf("login after enabling: %d, want 303", code)
	}
	if d, e := f.audits("user.disable"), f.audits("user.enable"); d != 1 || e != 1 {
		t.Errorf("audit: %d disable and %d enable, want 1 each", d, e)
	}

	own := fmt.Sprintf("/admin/utilisateurs/%d/desactivation", f.users["admin"].ID)
	rec := admin.post(own, url.Values{"disabled": {"1"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "votre propre compte") {
		t.Errorf("disabling oneself: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	var self models.User
	f.db.Take(&self, f.users["admin"].ID)
	if self.ID == 0 || self.Disabled {
		t.Error("the administrator disabled themself")
	}
}

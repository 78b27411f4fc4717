package apptest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/api"
	"github.com/recouvra/recouvra/api/backoffice"
	"github.com/recouvra/recouvra/models"
)

// UserWithPassword creates a back-office user who logs in with password.
func (e *Env) UserWithPassword(t *testing.T, email, password string, role models.Role, partnerID *uint) models.User {
	t.Helper()
	u, err := e.Accounts.CreateUser(t.Context(), email, email, role, partnerID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Accounts.SetPassword(t.Context(), u.ID, password); err != nil {
		t.Fatal(err)
	}
	return u
}

// BackofficeURL serves the API and the back-office with the back-office wired
// to the live Temporal client (workflow state and one-click actions), behind
// the same cross-origin protection as the application, and returns its base
// URL. Once internal/app's Handler passes Temporal to the back-office, this
// is the same handler as e.URL's.
func (e *Env) BackofficeURL(t *testing.T) string {
	t.Helper()
	r := gin.New()
	r.Use(gin.Recovery())
	r.SetHTMLTemplate(backoffice.Templates())
	(&api.Server{
		DB: e.DB, Accounts: e.Accounts, Intake: e.Intake, Temporal: e.Temporal,
		TemporalUIURL: e.Config.TemporalUIURL, Namespace: e.Config.TemporalNamespace, Log: e.Log,
	}).Register(r)
	(&backoffice.Pages{
		DB: e.DB, Accounts: e.Accounts, Temporal: e.Temporal, SecureCookies: false,
		TemporalUIURL: e.Config.TemporalUIURL, Namespace: e.Config.TemporalNamespace, Log: e.Log,
	}).Register(r)
	srv := httptest.NewServer(http.NewCrossOriginProtection().Handler(r))
	t.Cleanup(srv.Close)
	return srv.URL
}

package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// errorBody is the one shape of every API error.
type errorBody struct {
	Error  string              `json:"error"`
	Errors []intake.FieldError `json:"errors"`
}

// TestSecurityReview covers what a security review found: who may create
// invoices, the statement of account and partners, one error shape, and
// tokens scoped to the role and partner they were issued for.
func TestSecurityReview(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	legal := *env
	legal.Token = env.UserToken(t, "juriste-sec@test.local", models.RoleLegal, nil)
	manager := *env
	manager.Token = env.UserToken(t, "gestion-sec@test.local", models.RoleCreditManager, nil)

	t.Run("legal staff may not create invoices", func(t *testing.T) {
		csv := "number;issue_date;due_date;total_cents;currency;debtor_name;debtor_kind\nFA-SEC-2;2026-11-01;2026-12-31;1000;EUR;Garage Petit;trader\n"
		for _, call := range []struct{ path, contentType, body string }{
			{"/api/v1/invoices", "application/json", overdueInvoice("FA-SEC-1")},
			{"/api/v1/imports/invoices", "text/csv", csv},
		} {
			var e errorBody
			if status, raw := legal.Do(t, "POST", call.path, call.contentType, []byte(call.body), &e); status != http.StatusForbidden || e.Error == "" {
				t.Errorf("legal POST %s: %d %s, want 403", call.path, status, raw)
			}
		}
		var n int64
		env.DB.Model(&models.Invoice{}).Where("number IN ?", []string{"FA-SEC-1", "FA-SEC-2"}).Count(&n)
		if n != 0 {
			t.Errorf("%d invoices created by legal staff", n)
		}
		var sum intake.Summary
		if status, raw := manager.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice("FA-SEC-3")), &sum); status != http.StatusCreated {
			t.Errorf("credit manager POST /invoices: %d %s, want 201", status, raw)
		}
	})

	t.Run("partners get no statement of account", func(t *testing.T) {
		fx := dispatchtest.New(t, env.DB)
		d := fx.Debtor(t, "C-SEC", models.Trader, "FR")
		delegated := fx.Invoice(t, d, "FA-SEC-DELEGUEE", today.AddDays(-20), 1000_00, 1000_00)
		other := fx.Invoice(t, d, "FA-SEC-AUTRE", today.AddDays(-15), 2345_67, 2345_67)
		p := env.NewPartner(t, "Affacturage Sécurité")
		env.DB.Model(&models.Case{}).Where("id = ?", delegated.Case.ID).Update("partner_id", p.ID)
		partner := *env
		partner.Token = env.UserToken(t, "p-sec@test.local", models.RolePartner, &p.ID)
		path := func(id uint) string { return fmt.Sprintf("/api/v1/cases/%d/statement.pdf?date=%s", id, today) }
		// The partner may read its delegated case…
		if status, _ := partner.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d", delegated.Case.ID), "", nil, nil); status != http.StatusOK {
			t.Fatalf("partner GET its delegated case: %d", status)
		}
		// …but its statement would list FA-SEC-AUTRE: refused like a case it
		// may not see, the same for every id.
		for _, id := range []uint{delegated.Case.ID, other.Case.ID, 999999} {
			var e errorBody
			status, raw := partner.Do(t, "GET", path(id), "", nil, &e)
			if status != http.StatusNotFound || e.Error != fmt.Sprintf("no case %d", id) || strings.Contains(string(raw), "FA-SEC") {
				t.Errorf("partner statement of case %d: %d %s, want 404 no case %d", id, status, raw, id)
			}
		}
		status, raw := env.Do(t, "GET", path(delegated.Case.ID), "", nil, nil)
		if status != http.StatusOK || !strings.Contains(dispatchtest.PDFText(t, raw), "FA-SEC-AUTRE") {
			t.Errorf("admin statement: %d, want 200 listing every open invoice", status)
		}
	})

	t.Run("one error shape", func(t *testing.T) {
		tests := []struct {
			name, method, path, body string
			status                   int
			field, message           string // of errors[0]; "" when the error is not about a field
			error                    string // contained in error
		}{
			{"unknown route", "GET", "/api/v1/nowhere", "", 404, "", "", "no route GET /api/v1/nowhere"},
			{"unknown route under a known one", "GET", "/api/v1/cases/1/nowhere", "", 404, "", "", "no route"},
			{"wrong method", "DELETE", "/api/v1/cases", "", 405, "", "", "allowed: GET"},
			{"unknown placeholder", "PUT", "/api/v1/templates/level1.email.subject", `{"language":"fr","body":"Relance\n{{.Debiteur.Nom}}"}`,
				400, "body", "unknown placeholder {{.Debiteur.Nom}} on line 2", "{{.Debiteur.Nom}}"},
			{"template without body", "PUT", "/api/v1/templates/level1.email.subject", `{"language":"fr"}`, 400, "body", "is required", ""},
			{"template body of the wrong type", "PUT", "/api/v1/templates/level1.email.subject", `{"body": 5}`, 400, "body", "must be a JSON string, got number", ""},
			{"template with an unknown field", "PUT", "/api/v1/templates/level1.email.subject", `{"body": "x", "langue": "fr"}`, 400, "langue", "unknown field", ""},
			{"template in an unknown language", "PUT", "/api/v1/templates/level1.email.subject", `{"body": "x", "language": "de"}`, 400, "language", `must be fr or en, got "de"`, ""},
			{"preview without body", "POST", "/api/v1/templates/level1.email.subject/preview", `{"case_id": 1}`, 400, "body", "is required", ""},
			{"preview with an unknown placeholder", "POST", "/api/v1/templates/level1.email.subject/preview", `{"body": "{{.Nope}}"}`, 400, "body", "unknown placeholder", ""},
			{"letter date of the wrong type", "POST", "/api/v1/letters/1/posted", `{"date": 20261123}`, 400, "date", "must be a JSON string", ""},
			{"letter without date", "POST", "/api/v1/letters/1/posted", `{}`, 400, "date", "is required", ""},
		}
		for _, tt := range tests {
			var e errorBody
			status, raw := env.Do(t, tt.method, tt.path, "application/json", []byte(tt.body), &e)
			if status != tt.status || !json.Valid(raw) || e.Error == "" || !strings.Contains(e.Error, tt.error) {
				t.Errorf("%s: %d %s, want %d with an error containing %q", tt.name, status, raw, tt.status, tt.error)
				continue
			}
			if tt.field == "" {
				continue
			}
			if len(e.Errors) != 1 || e.Errors[0].Field != tt.field || !strings.Contains(e.Errors[0].Message, tt.message) {
				t.Errorf("%s: errors %+v, want field %q with a message containing %q", tt.name, e.Errors, tt.field, tt.message)
			}
			if strings.Contains(string(raw), "templateEdit") || strings.Contains(string(raw), "templatePreview") || strings.Contains(string(raw), "letterUpdate") {
				t.Errorf("%s: the error names a Go type: %s", tt.name, raw)
			}
		}
		// Outside the API, gin's own 404 stays.
		resp, err := http.Get(env.URL + "/nulle-part")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("back-office unknown page: %d %s, want a 404 that is not JSON", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		// The wrong method's answer names the allowed ones in Allow too.
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodDelete, env.URL+"/api/v1/cases", nil)
		req.Header.Set("Authorization", "Bearer "+env.Token)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Allow") != "GET" {
			t.Errorf("DELETE /api/v1/cases: Allow %q, want GET", resp.Header.Get("Allow"))
		}
	})

	t.Run("tokens are scoped to a role and a partner", func(t *testing.T) {
		p := env.NewPartner(t, "Affacturage Jeton")
		var user models.User
		if status, raw := env.Do(t, "POST", "/api/v1/users", "application/json",
			[]byte(fmt.Sprintf(`{"email": "api@jeton.example", "role": "partner", "partner_id": %d}`, p.ID)), &user); status != http.StatusCreated {
			t.Fatalf("POST /users: %d %s", status, raw)
		}
		var issued struct {
			Token     string      `json:"token"`
			ID        uint        `json:"id"`
			Role      models.Role `json:"role"`
			PartnerID *uint       `json:"partner_id"`
		}
		tokens := fmt.Sprintf("/api/v1/users/%d/tokens", user.ID)
		if status, raw := env.Do(t, "POST", tokens, "application/json", []byte(`{"label": "portail"}`), &issued); status != http.StatusCreated ||
			issued.Role != models.RolePartner || issued.PartnerID == nil || *issued.PartnerID != p.ID {
			t.Fatalf("POST tokens: %d %s, want 201 scoped to partner %d", status, raw, p.ID)
		}
		type listed struct {
			Items []struct {
				Role       models.Role `json:"role"`
				PartnerID  *uint       `json:"partner_id"`
				LastUsedAt *string     `json:"last_used_at"`
			} `json:"items"`
		}
		var before listed
		status, raw := env.Do(t, "GET", tokens, "", nil, &before)
		if status != http.StatusOK || len(before.Items) != 1 || before.Items[0].Role != models.RolePartner ||
			before.Items[0].PartnerID == nil || *before.Items[0].PartnerID != p.ID || before.Items[0].LastUsedAt != nil ||
			!strings.Contains(string(raw), `"last_used_at":null`) {
			t.Fatalf("GET tokens before use: %d %s", status, raw)
		}
		partner := *env
		partner.Token = issued.Token
		if status, _ := partner.Do(t, "GET", "/api/v1/cases", "", nil, nil); status != http.StatusOK {
			t.Fatalf("fresh partner token: %d", status)
		}
		var after listed
		env.Do(t, "GET", tokens, "", nil, &after)
		if len(after.Items) != 1 || after.Items[0].LastUsedAt == nil {
			t.Errorf("GET tokens after use: %+v, want its last use", after.Items)
		}
		// The user moves to another partner organisation: the token, issued
		// for the first one, is refused rather than following the user.
		other := env.NewPartner(t, "Affacturage Autre")
		env.DB.Model(&models.User{}).Where("id = ?", user.ID).Update("partner_id", other.ID)
		var e errorBody
		if status, raw := partner.Do(t, "GET", "/api/v1/cases", "", nil, &e); status != http.StatusUnauthorized || e.Error == "" {
			t.Errorf("token after the user changed partner: %d %s, want 401", status, raw)
		}
		// Made an admin: the partner's token does not become an admin token.
		env.DB.Model(&models.User{}).Where("id = ?", user.ID).Updates(map[string]any{"role": models.RoleAdmin, "partner_id": nil})
		if status, _ := partner.Do(t, "GET", "/api/v1/users", "", nil, nil); status != http.StatusUnauthorized {
			t.Errorf("partner token after the user became admin: %d, want 401", status)
		}
	})
}

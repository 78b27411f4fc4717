package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// TestResources: reference data, partners, users and tokens, scenarios and
// the dashboard report, with their roles and validation.
func TestResources(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	var sum intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice("FA-RES-1")), &sum)
	manager := *env
	manager.Token = env.UserToken(t, "cm-res@test.local", models.RoleCreditManager, nil)
	partner := env.NewPartner(t, "Factor Res")
	partnerEnv := *env
	partnerEnv.Token = env.UserToken(t, "p-res@test.local", models.RolePartner, &partner.ID)

	var items struct {
		Items []map[string]any `json:"items"`
	}
	steps := []struct {
		name         string
		env          *apptest.Env
		method, path string
		body         string
		status       int
		contains     string
	}{
		{"debtors by name", env, "GET", "/api/v1/debtors?q=boulangerie", "", 200, "Boulangerie"},
		{"debtor's credit limit", env, "GET", "/api/v1/debtors?q=boulangerie", "", 200, `"credit_limit":{"amount_cents":0,"currency":"EUR"}`},
		{"invoice by number", env, "GET", "/api/v1/invoices?number=FA-RES-1", "", 200, `"outstanding":{"amount_cents":120000,"currency":"EUR"}`},
		{"invoice by id", env, "GET", fmt.Sprintf("/api/v1/invoices/%d", sum.Invoices[0].InvoiceID), "", 200, "FA-RES-1"},
		{"invoice money", env, "GET", fmt.Sprintf("/api/v1/invoices/%d", sum.Invoices[0].InvoiceID), "", 200,
			`"net":{"amount_cents":100000,"currency":"EUR"},"vat":{"amount_cents":20000,"currency":"EUR"},"total":{"amount_cents":120000,"currency":"EUR"},"outstanding":{"amount_cents":120000,"currency":"EUR"}`},
		{"case balance", env, "GET", "/api/v1/cases?number=FA-RES-1", "", 200, `"balance":{"amount_cents":120000,"currency":"EUR"}`},
		{"no such invoice", env, "GET", "/api/v1/invoices/99999", "", 404, ""},
		{"creditors", env, "GET", "/api/v1/creditors", "", 200, "Val de Seine"},
		{"creditor with a bad SIREN", env, "POST", "/api/v1/creditors", `{"name": "Forges", "siren": "552100555"}`, 400, "siren"},
		{"managers may not add creditors", &manager, "POST", "/api/v1/creditors", `{"name": "Forges"}`, 403, ""},
		{"creditor created", env, "POST", "/api/v1/creditors", `{"name": "Forges de l'Écluse", "legal_form": "SAS", "siren": "552100554"}`, 201, `"currency":"EUR"`},
		{"creditor with its capital in cents", env, "POST", "/api/v1/creditors", `{"name": "Forges A", "share_capital_cents": 1000000}`, 201,
			`"share_capital":{"amount_cents":1000000,"currency":"EUR"}`},
		{"creditor with its capital as money", env, "POST", "/api/v1/creditors", `{"name": "Forges B", "currency": "CHF", "share_capital": {"amount_cents": 500000, "currency": "CHF"}}`, 201,
			`"share_capital":{"amount_cents":500000,"currency":"CHF"}`},
		{"creditor with both capitals", env, "POST", "/api/v1/creditors", `{"name": "Forges C", "share_capital_cents": 1, "share_capital": {"amount_cents": 1, "currency": "EUR"}}`, 400, `"field":"share_capital"`},
		{"creditor without an address is in France", env, "POST", "/api/v1/creditors", `{"name": "Forges E"}`, 201, `"country":"FR"`},
		{"creditor with a bad country", env, "POST", "/api/v1/creditors", `{"name": "Forges F", "registered_office": {"country": "France"}}`, 400, `"field":"registered_office.country"`},
		{"creditor with a bad postal code", env, "POST", "/api/v1/creditors", `{"name": "Forges G", "registered_office": {"postal_code": "7500"}}`, 400, `"field":"registered_office.postal_code"`},
		{"creditor's capital in another currency", env, "POST", "/api/v1/creditors", `{"name": "Forges D", "share_capital": {"amount_cents": 1, "currency": "USD"}}`, 400, "is USD but the creditor is in EUR"},
		{"partners see no debtor", &partnerEnv, "GET", "/api/v1/debtors", "", 403, ""},
		{"managers may not add partners", &manager, "POST", "/api/v1/partners", `{"name": "X"}`, 403, ""},
		{"partner needs a name", env, "POST", "/api/v1/partners", `{"siren": "552100554"}`, 400, "name"},
		{"partner created", env, "POST", "/api/v1/partners", `{"name": "Affacturage Nord"}`, 201, "Affacturage Nord"},
		{"user with a bad role", env, "POST", "/api/v1/users", `{"email": "x@test.local", "role": "boss"}`, 400, "role"},
		{"scenario with a bad anchor", env, "POST", "/api/v1/scenarios",
			`{"name": "court", "steps": [{"name": "l1", "anchor": "nowhere", "delay_days": 3, "channels": ["email"], "level": 1}]}`, 400, "anchor"},
		{"scenario v2", env, "POST", "/api/v1/scenarios",
			`{"name": "default", "steps": [{"name": "l1", "label": "Relance", "anchor": "due_date", "delay_days": 3, "channels": ["email"], "level": 1}]}`, 201, `"version":2`},
		{"dashboard", &manager, "GET", "/api/v1/reports/dashboard?on=2026-11-23", "", 200, `"overdue":{"amount_cents":120000,"currency":"EUR"}`},
		{"cursor garbage", env, "GET", "/api/v1/cases?cursor=zz", "", 400, "cursor"},
	}
	for _, st := range steps {
		status, raw := st.env.Do(t, st.method, st.path, "application/json", []byte(st.body), nil)
		if status != st.status || !strings.Contains(string(raw), st.contains) {
			t.Errorf("%s: %d %s; want %d containing %q", st.name, status, raw, st.status, st.contains)
		}
	}
	env.Do(t, "GET", "/api/v1/scenarios", "", nil, &items)
	active := 0
	for _, sc := range items.Items {
		if sc["active"] == true {
			active++
		}
	}
	if active != 1 {
		t.Errorf("%d active scenarios after a new version, want 1", active)
	}

	// A user, a token for it, its use, and its revocation.
	var u models.User
	env.Do(t, "POST", "/api/v1/users", "application/json", []byte(`{"email": "legal-res@test.local", "role": "legal"}`), &u)
	var tok struct {
		Token string `json:"token"`
		ID    uint   `json:"id"`
	}
	status, raw := env.Do(t, "POST", fmt.Sprintf("/api/v1/users/%d/tokens", u.ID), "application/json", []byte(`{"label": "greffe"}`), &tok)
	if status != http.StatusCreated || !strings.HasPrefix(tok.Token, "rcv_") {
		t.Fatalf("token: %d %s", status, raw)
	}
	legal := *env
	legal.Token = tok.Token
	if status, _ := legal.Do(t, "GET", "/api/v1/cases", "", nil, nil); status != 200 {
		t.Errorf("new token refused: %d", status)
	}
	env.Do(t, "POST", fmt.Sprintf("/api/v1/users/%d/tokens/%d/revoke", u.ID, tok.ID), "application/json", nil, nil)
	var revoked models.AuditLog
	env.DB.Where("action = ?", "token.revoke").Last(&revoked)
	if strings.Contains(revoked.Before, "revoked_at") || !strings.Contains(revoked.Before, fmt.Sprintf(`"id":%d`, tok.ID)) || !strings.Contains(revoked.After, "revoked_at") {
		t.Errorf("revocation audited with before %s, after %s; want the token before and after", revoked.Before, revoked.After)
	}
	if status, _ := legal.Do(t, "GET", "/api/v1/cases", "", nil, nil); status != 401 {
		t.Errorf("revoked token answered %d, want 401", status)
	}
	env.Do(t, "GET", fmt.Sprintf("/api/v1/users/%d/tokens", u.ID), "", nil, &items)
	if len(items.Items) != 1 || items.Items[0]["revoked_at"] == nil || items.Items[0]["last_used_at"] == nil {
		t.Errorf("token list = %+v", items.Items)
	}
}

// TestCasesCursor pages through the case list with next_cursor.
func TestCasesCursor(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	for i := range 5 {
		env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice(fmt.Sprintf("FA-CUR-%d", i))), nil)
	}
	seen := map[uint]bool{}
	path := "/api/v1/cases?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		var page struct {
			Cases []struct {
				ID uint `json:"id"`
			} `json:"cases"`
			NextCursor string `json:"next_cursor"`
		}
		env.Do(t, "GET", path, "", nil, &page)
		for _, c := range page.Cases {
			if seen[c.ID] {
				t.Errorf("case %d on two pages", c.ID)
			}
			seen[c.ID] = true
		}
		path = ""
		if page.NextCursor != "" {
			path = "/api/v1/cases?limit=2&cursor=" + page.NextCursor
		}
	}
	if len(seen) != 5 {
		t.Errorf("%d cases seen across pages, want 5", len(seen))
	}
}

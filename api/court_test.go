package api_test

import (
	"fmt"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// TestCourtStepsNeedALitigation: court steps are for legal staff, name their
// fields, and are refused (409) on a case with no litigation running.
func TestCourtStepsNeedALitigation(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	var sum intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice("FA-COURT-1")), &sum)
	path := fmt.Sprintf("/api/v1/cases/%d/court/", sum.Invoices[0].CaseID)
	manager := *env
	manager.Token = env.UserToken(t, "cm@test.local", models.RoleCreditManager, nil)
	tests := []struct {
		name   string
		env    *apptest.Env
		step   string
		body   string
		status int
	}{
		{"credit managers do not file", &manager, "filed", `{"date": "2026-12-01", "channel": "paper"}`, 403},
		{"unknown step", env, "appeal", `{}`, 404},
		{"unknown field", env, "filed", `{"when": "2026-12-01"}`, 400},
		{"no litigation yet", env, "filed", `{"date": "2026-12-01", "channel": "paper", "reference": "IP-1"}`, 409},
		{"amount as money, no litigation yet", env, "paid", `{"date": "2026-12-01", "amount": {"amount_cents": 5000, "currency": "EUR"}}`, 409},
		{"amount in another currency", env, "paid", `{"date": "2026-12-01", "amount": {"amount_cents": 5000, "currency": "USD"}}`, 400},
		{"amount given twice", env, "ordonnance", `{"outcome": "accepted", "amount_cents": 5000, "amount": {"amount_cents": 5000, "currency": "EUR"}}`, 400},
		{"amount on a step without one", env, "filed", `{"date": "2026-12-01", "amount": {"amount_cents": 5000, "currency": "EUR"}}`, 400},
	}
	for _, tt := range tests {
		var out map[string]any
		status, raw := tt.env.Do(t, "POST", path+tt.step, "application/json", []byte(tt.body), &out)
		if status != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, status, tt.status, raw)
		}
	}
}

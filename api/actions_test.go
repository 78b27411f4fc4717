package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// TestCaseActions drives a case through the API on a real Temporal server:
// bad bodies answer 400 naming the field, refused actions 409 with the
// workflow's reason, forbidden roles 403, other partners' cases 404.
func TestCaseActions(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	var sum intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice("FA-ACT-1")), &sum)
	caseID := sum.Invoices[0].CaseID
	act := func(token, action, body string) (int, map[string]any) {
		t.Helper()
		e := *env
		e.Token = token
		var out map[string]any
		status, _ := e.Do(t, "POST", fmt.Sprintf("/api/v1/cases/%d/actions/%s", caseID, action), "application/json", []byte(body), &out)
		return status, out
	}
	apptest.Eventually(t, "the workflow to run", func() bool {
		var c caseView
		env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d", caseID), "", nil, &c)
		return c.LiveState != nil
	})
	manager := env.UserToken(t, "gestionnaire@test.local", models.RoleCreditManager, nil)
	partner := env.NewPartner(t, "Affacturage Exemple")
	partnerToken := env.UserToken(t, "partenaire@test.local", models.RolePartner, &partner.ID)

	steps := []struct {
		name, token, action, body string
		status                    int
		field, reason             string
	}{
		{"missing date", env.Token, "promise", `{"amount_cents": 5000}`, 400, "date", ""},
		{"missing date, amount as an object", env.Token, "promise", `{"amount": {"amount_cents": 5000, "currency": "EUR"}}`, 400, "date", ""},
		{"amount not an object", env.Token, "promise", `{"amount": 5000}`, 400, "amount", ""},
		{"unknown field", env.Token, "promise", `{"amount_eur": 50}`, 400, "amount_eur", ""},
		{"wrong type", env.Token, "payment", `{"amount_cents": "50"}`, 400, "amount_cents", ""},
		{"both amounts", env.Token, "payment", `{"amount_cents": 100, "amount": {"amount_cents": 100, "currency": "EUR"}}`, 400, "amount", "amount_cents"},
		{"amount in another currency", env.Token, "payment", `{"amount": {"amount_cents": 100, "currency": "USD"}}`, 400, "amount.currency", "USD but the case is in EUR"},
		{"amount without its currency", env.Token, "payment", `{"amount": {"amount_cents": 100}}`, 400, "amount.currency", "required"},
		{"zero amount as an object", env.Token, "payment", `{"amount": {"amount_cents": 0, "currency": "EUR"}}`, 400, "amount.amount_cents", "positive"},
		{"both credit notes", env.Token, "dispute_resolve", `{"outcome": "rejected", "credit_note_cents": 0, "credit_note": {"amount_cents": 0, "currency": "EUR"}}`, 400, "credit_note", "credit_note_cents"},
		{"unknown action", env.Token, "teleport", `{}`, 404, "", ""},
		{"past promise", env.Token, "promise", `{"date": "2020-01-01", "amount_cents": 5000}`, 409, "", "passée"},
		{"nothing to approve", env.Token, "approve_litigation", `{}`, 409, "", "aucune décision"},
		{"manager may not approve", manager, "approve_litigation", `{}`, 403, "", ""},
		{"partner sees nothing before delegation", partnerToken, "payment", `{"amount_cents": 100}`, 404, "", ""},
		{"promise", manager, "promise", `{"date": "2026-12-15", "amount_cents": 50000}`, 200, "", ""},
		{"delegate to no organisation", env.Token, "delegate", `{"partner_id": 999999}`, 400, "partner_id", "no partner organisation 999999"},
		{"delegate", env.Token, "delegate", fmt.Sprintf(`{"partner_id": %d}`, partner.ID), 200, "", ""},
		{"partner records a payment", partnerToken, "payment", `{"amount_cents": 20000, "reference": "CHQ 42"}`, 200, "", ""},
		{"partner may not write off", partnerToken, "write_off", `{"reason": "x"}`, 403, "", ""},
		{"full payment closes", env.Token, "payment", `{"amount": {"amount_cents": 110000, "currency": "EUR"}}`, 200, "", ""}, // 1 200 € - 200 € paid: 100 € too much
		{"closed case refuses", env.Token, "pause", `{}`, 409, "", "clos"},
	}
	var closing map[string]any
	for _, st := range steps {
		status, out := act(st.token, st.action, st.body)
		if status != st.status {
			t.Fatalf("%s: status %d, want %d (%v)", st.name, status, st.status, out)
		}
		message := out["error"]
		if st.field != "" {
			errs, _ := out["errors"].([]any)
			if len(errs) == 0 || errs[0].(map[string]any)["field"] != st.field {
				t.Errorf("%s: errors %v do not name field %s", st.name, out["errors"], st.field)
			} else {
				message = errs[0].(map[string]any)["message"]
			}
		}
		if st.reason != "" && !contains(message, st.reason) {
			t.Errorf("%s: error %v lacks %q", st.name, message, st.reason)
		}
		if st.name == "full payment closes" {
			closing = out
		}
	}
	// The new state the action answers carries money as objects.
	state, _ := closing["state"].(map[string]any)
	balance, _ := state["balance"].(map[string]any)
	overpaid, _ := state["overpaid"].(map[string]any)
	if balance["amount_cents"] != 0.0 || balance["currency"] != "EUR" || overpaid["amount_cents"] != 10000.0 || overpaid["currency"] != "EUR" {
		t.Errorf("state after the full payment: %v", state)
	}
	if _, flat := state["balance_cents"]; flat {
		t.Errorf("the state still carries balance_cents: %v", state)
	}
	var c models.Case
	apptest.Eventually(t, "the case row to show the payment", func() bool {
		env.DB.Take(&c, caseID)
		return c.Status == models.CasePaid
	})
	var audits int64
	env.DB.Model(&models.AuditLog{}).Where("entity = 'case' AND entity_id = ?", fmt.Sprint(caseID)).Count(&audits)
	if audits != 4 {
		t.Errorf("%d audit entries for 4 accepted actions", audits)
	}
	var final recovery.State
	v, err := env.Temporal.QueryWorkflow(t.Context(), c.WorkflowID, "", recovery.QueryState)
	if err == nil {
		v.Get(&final)
	}
	if final.OverpaidCents != 10000 {
		b, _ := json.Marshal(final)
		t.Errorf("overpayment not recorded: %s", b)
	}
}

func contains(v any, sub string) bool {
	s, _ := v.(string)
	return len(sub) > 0 && len(s) > 0 && (stringsContains(s, sub))
}

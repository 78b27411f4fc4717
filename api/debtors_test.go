package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// debtorJSON is a debtor as PATCH /debtors/{id} answers it.
type debtorJSON struct {
	CreditLimit      money.Amount `json:"credit_limit"`
	Blocked          bool         `json:"blocked"`
	Notes            string       `json:"notes"`
	AccountManagerID *uint        `json:"account_manager_id"`
	Email            string       `json:"email"`
	Phone            string       `json:"phone"`
	PaymentContact   string       `json:"payment_contact"`
}

// errorJSON is the API's one error shape.
type errorJSON struct {
	Error  string              `json:"error"`
	Errors []intake.FieldError `json:"errors"`
}

func (e errorJSON) fields() []string {
	var fields []string
	for _, fe := range e.Errors {
		fields = append(fields, fe.Field)
	}
	slices.Sort(fields)
	return fields
}

// TestDebtorPatch sets each field of a debtor through the API, refuses bad
// bodies naming every bad field (and then changes nothing), lets only
// admins and credit managers in, and audits each change before and after.
func TestDebtorPatch(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	var sum intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice("FA-DEB-1")), &sum)
	var c models.Case
	if err := env.DB.Take(&c, sum.Invoices[0].CaseID).Error; err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/debtors/%d", c.DebtorID)
	manager := env.UserToken(t, "gestion-deb@test.local", models.RoleCreditManager, nil)
	legal := env.UserToken(t, "juriste-deb@test.local", models.RoleLegal, nil)
	partner := env.NewPartner(t, "Factor Deb")
	partnerToken := env.UserToken(t, "partenaire-deb@test.local", models.RolePartner, &partner.ID)
	user := func(email string) models.User {
		u, err := env.Accounts.UserByEmail(t.Context(), email)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	cm, lawyer := user("gestion-deb@test.local"), user("juriste-deb@test.local")
	gone, err := env.Accounts.CreateUser(t.Context(), "ancien-deb@test.local", "Parti", models.RoleCreditManager, nil)
	if err != nil {
		t.Fatal(err)
	}
	env.DB.Model(&models.User{}).Where("id = ?", gone.ID).Update("disabled", true)

	patch := func(token, body string, out any) int {
		t.Helper()
		e := *env
		e.Token = token
		status, _ := e.Do(t, "PATCH", path, "application/json", []byte(body), out)
		return status
	}
	ok := []struct {
		name, body string
		check      func(d debtorJSON) bool
	}{
		{"credit limit as money", `{"credit_limit": {"amount_cents": 1250000, "currency": "EUR"}}`,
			func(d debtorJSON) bool { return d.CreditLimit == money.EUR(1250000) }},
		{"credit limit in cents", `{"credit_limit_cents": 900000}`, func(d debtorJSON) bool { return d.CreditLimit.Cents == 900000 }},
		{"blocked", `{"blocked": true}`, func(d debtorJSON) bool { return d.Blocked && d.CreditLimit.Cents == 900000 }},
		{"notes", `{"notes": "  Paie le 10 du mois.  "}`, func(d debtorJSON) bool { return d.Notes == "Paie le 10 du mois." && d.Blocked }},
		{"account manager", fmt.Sprintf(`{"account_manager_id": %d}`, cm.ID),
			func(d debtorJSON) bool { return d.AccountManagerID != nil && *d.AccountManagerID == cm.ID }},
		{"contacts", `{"email": "paiements@eclair.example", "phone": "+33 1 02 03 04 05", "payment_contact": "Mme Durand"}`,
			func(d debtorJSON) bool {
				return d.Email == "paiements@eclair.example" && d.Phone == "+33 1 02 03 04 05" && d.PaymentContact == "Mme Durand"
			}},
		{"no account manager, unblocked, no limit", `{"account_manager_id": null, "blocked": false, "credit_limit_cents": 0}`,
			func(d debtorJSON) bool {
				return d.AccountManagerID == nil && !d.Blocked && d.CreditLimit == money.EUR(0)
			}},
		{"email cleared", `{"email": ""}`, func(d debtorJSON) bool { return d.Email == "" && d.PaymentContact == "Mme Durand" }},
		{"admin too", `{"credit_limit_cents": 300000}`, func(d debtorJSON) bool { return d.CreditLimit.Cents == 300000 }},
	}
	for i, st := range ok {
		token := manager
		if i == len(ok)-1 {
			token = env.Token
		}
		var d debtorJSON
		if status := patch(token, st.body, &d); status != http.StatusOK || !st.check(d) {
			t.Errorf("%s: %d %+v", st.name, status, d)
		}
	}

	// The audit log keeps, for each change, the changed fields before and after.
	var rows []models.AuditLog
	env.DB.Where("action = 'debtor.update' AND entity = 'debtor'").Order("id").Find(&rows)
	if len(rows) != len(ok) {
		t.Fatalf("%d audit rows for %d changes", len(rows), len(ok))
	}
	row := rows[6] // no account manager, unblocked, no limit
	var before, after map[string]any
	json.Unmarshal([]byte(row.Before), &before)
	json.Unmarshal([]byte(row.After), &after)
	if row.Actor != "gestion-deb@test.local" || row.EntityID != fmt.Sprint(c.DebtorID) || len(before) != 3 || len(after) != 3 ||
		before["account_manager_id"] != float64(cm.ID) || after["account_manager_id"] != nil ||
		before["blocked"] != true || after["blocked"] != false || before["credit_limit_cents"] != 900000.0 || after["credit_limit_cents"] != 0.0 {
		t.Errorf("audit row %s: before %s, after %s", row.Action, row.Before, row.After)
	}

	refused := []struct {
		name, token, body string
		status            int
		fields            []string
	}{
		{"unknown fields and bad values, each named", manager, `{"colour": "red", "blocked": "yes", "credit_limit_cents": -1, "email": "nobody", "notes": "x"}`,
			400, []string{"blocked", "colour", "credit_limit_cents", "email"}},
		{"both limits", manager, `{"credit_limit_cents": 1, "credit_limit": {"amount_cents": 1, "currency": "EUR"}}`, 400, []string{"credit_limit"}},
		{"limit in another currency", manager, `{"credit_limit": {"amount_cents": 1, "currency": "USD"}}`, 400, []string{"credit_limit.currency"}},
		{"limit without its currency", manager, `{"credit_limit": {"amount_cents": 1}}`, 400, []string{"credit_limit.currency"}},
		{"negative limit as money", manager, `{"credit_limit": {"amount_cents": -100, "currency": "EUR"}}`, 400, []string{"credit_limit.amount_cents"}},
		{"limit with a field of its own", manager, `{"credit_limit": {"amount_cents": 1, "currency": "EUR", "eur": 1}}`, 400, []string{"credit_limit.eur"}},
		{"limit not an object", manager, `{"credit_limit": 100}`, 400, []string{"credit_limit"}},
		{"blocked null", manager, `{"blocked": null}`, 400, []string{"blocked"}},
		{"legal staff cannot manage an account", manager, fmt.Sprintf(`{"account_manager_id": %d}`, lawyer.ID), 400, []string{"account_manager_id"}},
		{"disabled user", manager, fmt.Sprintf(`{"account_manager_id": %d}`, gone.ID), 400, []string{"account_manager_id"}},
		{"no such user", manager, `{"account_manager_id": 99999}`, 400, []string{"account_manager_id"}},
		{"user id zero", manager, `{"account_manager_id": 0}`, 400, []string{"account_manager_id"}},
		{"phone too long", manager, `{"phone": "` + strings.Repeat("0", 41) + `"}`, 400, []string{"phone"}},
		{"contact on two lines", manager, `{"payment_contact": "Mme\nDurand"}`, 400, []string{"payment_contact"}},
		{"nothing to change", manager, `{}`, 400, []string{"body"}},
		{"not an object", manager, `[]`, 400, []string{"body"}},
		{"legal", legal, `{"blocked": true}`, 403, nil},
		{"partner", partnerToken, `{"blocked": true}`, 403, nil},
	}
	for _, st := range refused {
		var e errorJSON
		if status := patch(st.token, st.body, &e); status != st.status || !slices.Equal(e.fields(), st.fields) {
			t.Errorf("%s: %d %+v; want %d naming %v", st.name, status, e, st.status, st.fields)
		}
	}
	var d models.Debtor
	env.DB.Take(&d, c.DebtorID)
	if d.Notes != "Paie le 10 du mois." || d.Blocked || d.CreditLimitCents != 300000 {
		t.Errorf("a refused body changed the debtor: %+v", d)
	}
	var e errorJSON
	env.Do(t, "PATCH", "/api/v1/debtors/99999", "application/json", []byte(`{"blocked": true}`), &e)
	if e.Error == "" {
		t.Error("no such debtor: no error")
	}

	t.Run("documented", func(t *testing.T) {
		v := validateAPICalls(t, env, loadOpenAPI(t))
		patch(manager, `{"credit_limit": {"amount_cents": 500000, "currency": "EUR"}, "account_manager_id": null}`, nil)
		patch(manager, `{"credit_limit": {"amount_cents": 1, "currency": "USD"}}`, nil)
		patch(legal, `{"blocked": true}`, nil)
		env.Do(t, "PATCH", "/api/v1/debtors/99999", "application/json", []byte(`{"blocked": true}`), nil)
		for _, want := range []string{"PATCH /debtors/{id} 200", "PATCH /debtors/{id} 400", "PATCH /debtors/{id} 403", "PATCH /debtors/{id} 404"} {
			if !v.seen[want] {
				t.Errorf("did not see %s", want)
			}
		}
	})
}

// TestCaseNotes records notes through the API: any role within its scope, a
// partner only on the cases delegated to it (404 on any other, as for a case
// that does not exist), on the timeline as the back-office writes them.
func TestCaseNotes(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	var caseIDs []uint
	for _, number := range []string{"FA-NOTE-1", "FA-NOTE-2"} {
		var sum intake.Summary
		env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice(number)), &sum)
		caseIDs = append(caseIDs, sum.Invoices[0].CaseID)
	}
	partnerA, partnerB := env.NewPartner(t, "Factor Notes A"), env.NewPartner(t, "Factor Notes B")
	tokenA := env.UserToken(t, "notes-a@test.local", models.RolePartner, &partnerA.ID)
	tokenB := env.UserToken(t, "notes-b@test.local", models.RolePartner, &partnerB.ID)
	manager := env.UserToken(t, "notes-cm@test.local", models.RoleCreditManager, nil)
	legal := env.UserToken(t, "notes-legal@test.local", models.RoleLegal, nil)
	for i, p := range []models.Partner{partnerA, partnerB} {
		path := fmt.Sprintf("/api/v1/cases/%d", caseIDs[i])
		apptest.Eventually(t, "the workflow to run", func() bool {
			var c caseView
			env.Do(t, "GET", path, "", nil, &c)
			return c.LiveState != nil
		})
		if status, raw := env.Do(t, "POST", path+"/actions/delegate", "application/json", []byte(fmt.Sprintf(`{"partner_id": %d}`, p.ID)), nil); status != http.StatusOK {
			t.Fatalf("delegate to %s: %d %s", p.Name, status, raw)
		}
	}
	note := func(token string, caseID uint, body string, out any) int {
		t.Helper()
		e := *env
		e.Token = token
		status, _ := e.Do(t, "POST", fmt.Sprintf("/api/v1/cases/%d/notes", caseID), "application/json", []byte(body), out)
		return status
	}

	// noteJSON is a note as the API answers it: a timeline event.
	type noteJSON struct {
		ID      uint              `json:"id"`
		CaseID  uint              `json:"case_id"`
		Kind    string            `json:"kind"`
		Actor   string            `json:"actor"`
		Summary string            `json:"summary"`
		Data    map[string]string `json:"data"`
	}
	long := strings.Repeat("é", 4000)
	written := []struct {
		name, token, actor string
		caseID             uint
		text, summary      string
	}{
		{"manager", manager, "notes-cm@test.local", caseIDs[0], "  Client rappelé, paiement promis.  ", "Client rappelé, paiement promis."},
		{"legal", legal, "notes-legal@test.local", caseIDs[1], "Dossier complet.", "Dossier complet."},
		{"partner on its case", tokenA, "notes-a@test.local", caseIDs[0], "Chèque reçu par le partenaire.", "Chèque reçu par le partenaire."},
		{"4000 characters", manager, "notes-cm@test.local", caseIDs[0], long, strings.Repeat("é", 999) + "…"},
	}
	for _, st := range written {
		var ev noteJSON
		body, _ := json.Marshal(map[string]string{"text": st.text})
		if status := note(st.token, st.caseID, string(body), &ev); status != http.StatusCreated ||
			ev.ID == 0 || ev.CaseID != st.caseID || ev.Kind != "note" || ev.Actor != st.actor || ev.Summary != st.summary {
			t.Errorf("%s: %d %.200v", st.name, status, ev)
		}
		if whole := strings.TrimSpace(st.text); whole != st.summary && ev.Data["text"] != whole {
			t.Errorf("%s: the shortened note is not whole in its data (%d characters)", st.name, len([]rune(ev.Data["text"])))
		}
	}
	var c caseView
	env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d", caseIDs[0]), "", nil, &c)
	onTimeline := false
	for _, ev := range c.Timeline {
		onTimeline = onTimeline || (ev.Kind == "note" && ev.Summary == "Chèque reçu par le partenaire.")
	}
	if !onTimeline {
		t.Errorf("the partner's note is not on the case's timeline: %+v", c.Timeline)
	}
	var audited int64
	env.DB.Model(&models.AuditLog{}).Where("action = 'case.note' AND entity = 'case'").Count(&audited)
	if audited != int64(len(written)) {
		t.Errorf("%d case.note audit rows, want %d", audited, len(written))
	}

	refused := []struct {
		name, token string
		caseID      uint
		body        string
		status      int
		field       string
	}{
		{"partner on another partner's case", tokenA, caseIDs[1], `{"text": "x"}`, 404, ""},
		{"other partner on the first case", tokenB, caseIDs[0], `{"text": "x"}`, 404, ""},
		{"partner on a case that does not exist", tokenA, 99999, `{"text": "x"}`, 404, ""},
		{"empty text", manager, caseIDs[0], `{"text": "  \n "}`, 400, "text"},
		{"no text", tokenA, caseIDs[0], `{}`, 400, "text"},
		{"text too long", manager, caseIDs[0], `{"text": "` + long + `a"}`, 400, "text"},
		{"text not a string", manager, caseIDs[0], `{"text": 12}`, 400, "text"},
		{"unknown field", manager, caseIDs[0], `{"text": "x", "pinned": true}`, 400, "pinned"},
	}
	for _, st := range refused {
		var e errorJSON
		status := note(st.token, st.caseID, st.body, &e)
		if status != st.status || (st.field != "" && !slices.Equal(e.fields(), []string{st.field})) {
			t.Errorf("%s: %d %+v; want %d naming %q", st.name, status, e, st.status, st.field)
		}
		if status == http.StatusNotFound && e.Error != fmt.Sprintf("no case %d", st.caseID) {
			t.Errorf("%s: the 404 says %q, not the same as for a case that does not exist", st.name, e.Error)
		}
	}

	t.Run("documented", func(t *testing.T) {
		v := validateAPICalls(t, env, loadOpenAPI(t))
		note(tokenA, caseIDs[0], `{"text": "Relance faite."}`, nil)
		note(manager, caseIDs[0], `{"text": "   "}`, nil)
		note(tokenA, caseIDs[1], `{"text": "x"}`, nil)
		for _, want := range []string{"POST /cases/{id}/notes 201", "POST /cases/{id}/notes 400", "POST /cases/{id}/notes 404"} {
			if !v.seen[want] {
				t.Errorf("did not see %s", want)
			}
		}
	})
}

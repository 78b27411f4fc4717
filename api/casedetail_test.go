package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// timelineEvent is an event of the timeline as the API answers it.
type timelineEvent struct {
	ID         uint            `json:"id"`
	Kind       string          `json:"kind"`
	Summary    string          `json:"summary"`
	Actor      string          `json:"actor"`
	DocumentID *uint           `json:"document_id"`
	Data       json.RawMessage `json:"data"`
}

// TestCaseDetail reads and assigns cases on a real workflow, every call
// checked against openapi.json: the detail lists the case's documents, its
// timeline's details are objects with money objects, a partner sees only
// the debtor's contacts and no Temporal link, and assignments are
// validated, restricted to admins and credit managers, and audited.
func TestCaseDetail(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	v := validateAPICalls(t, env, loadOpenAPI(t))
	var sum intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice("FA-DETAIL-1")), &sum)
	caseID := sum.Invoices[0].CaseID
	casePath := fmt.Sprintf("/api/v1/cases/%d", caseID)
	as := func(token string) *apptest.Env {
		e := *env
		e.Token = token
		return &e
	}
	manager := as(env.UserToken(t, "gestionnaire-detail@test.local", models.RoleCreditManager, nil))
	legal := as(env.UserToken(t, "juriste-detail@test.local", models.RoleLegal, nil))
	org := env.NewPartner(t, "Affacturage Détail")
	partner := as(env.UserToken(t, "partenaire-detail@test.local", models.RolePartner, &org.ID))
	userID := func(email string) uint {
		var u models.User
		if err := env.DB.Where("email = ?", email).Take(&u).Error; err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	apptest.Eventually(t, "the workflow to run", func() bool {
		var c caseView
		env.Do(t, "GET", casePath, "", nil, &c)
		return c.LiveState != nil
	})

	t.Run("timeline details are objects with money", func(t *testing.T) {
		if status, raw := env.Do(t, "POST", casePath+"/actions/payment", "application/json", []byte(`{"amount_cents": 20000, "reference": "CHQ 42"}`), nil); status != http.StatusOK {
			t.Fatalf("payment: %d %s", status, raw)
		}
		var payment *timelineEvent
		apptest.Eventually(t, "the payment on the timeline", func() bool {
			var c caseView
			env.Do(t, "GET", casePath, "", nil, &c)
			for i, e := range c.Timeline {
				if e.Kind == "payment" {
					payment = &c.Timeline[i]
				}
			}
			return payment != nil
		})
		var data map[string]any
		if err := json.Unmarshal(payment.Data, &data); err != nil {
			t.Fatalf("data is not an object: %s", payment.Data)
		}
		amount, _ := data["amount"].(map[string]any)
		if amount["amount_cents"] != 20000.0 || amount["currency"] != "EUR" || data["reference"] != "CHQ 42" {
			t.Errorf("payment data %s, want amount {20000, EUR} and the reference", payment.Data)
		}
		if _, flat := data["amount_cents"]; flat {
			t.Errorf("payment data still carries amount_cents: %s", payment.Data)
		}
	})

	// A letter prepared as the dispatch workflow does, on a case of a debtor
	// of the dispatch fixture (which seeds the creditor's letterhead and the
	// rates again).
	env.DB.Where("year = 2026 AND half = 2").Delete(&models.InterestRate{})
	fx := dispatchtest.New(t, env.DB)
	debtor := fx.Debtor(t, "C-DETAIL", models.Trader, "FR")
	env.DB.Model(&debtor).Updates(map[string]any{"notes": "Paie toujours en retard", "credit_limit_cents": 500000})
	lettered := fx.Invoice(t, debtor, "FA-DETAIL-LETTER", today.AddDays(-20), 120000, 120000)
	fx.Enqueue(t, lettered, "level1", 1, dispatch.ChannelLetter, today)
	acts := &dispatch.Activities{DB: env.DB, Mailer: fx.Sender}
	groups, err := acts.DueMailings(t.Context(), today)
	if err != nil {
		t.Fatal(err)
	}
	var letter dispatch.Result
	for _, g := range groups {
		if g.DebtorID == debtor.ID {
			if letter, err = acts.PrepareLetter(t.Context(), g); err != nil {
				t.Fatal(err)
			}
		}
	}
	letteredPath := fmt.Sprintf("/api/v1/cases/%d", lettered.Case.ID)

	t.Run("documents", func(t *testing.T) {
		var c struct {
			Documents []struct {
				ID          uint   `json:"id"`
				Kind        string `json:"kind"`
				FileName    string `json:"file_name"`
				ContentType string `json:"content_type"`
				Size        int64  `json:"size"`
				SHA256      string `json:"sha256"`
				URL         string `json:"url"`
			} `json:"documents"`
			Timeline []timelineEvent `json:"timeline"`
		}
		if status, raw := env.Do(t, "GET", letteredPath, "", nil, &c); status != http.StatusOK {
			t.Fatalf("GET case: %d %s", status, raw)
		}
		if len(c.Documents) != 1 {
			t.Fatalf("documents %+v, want the letter %d", c.Documents, letter.DocumentID)
		}
		d := c.Documents[0]
		if d.ID != letter.DocumentID || d.ContentType != "application/pdf" || !strings.HasSuffix(d.FileName, ".pdf") ||
			d.Size == 0 || len(d.SHA256) != 64 || d.URL != fmt.Sprintf("/api/v1/documents/%d", d.ID) {
			t.Errorf("document %+v", d)
		}
		if status, raw := env.Do(t, "GET", d.URL, "", nil, nil); status != http.StatusOK || !strings.HasPrefix(string(raw), "%PDF-") {
			t.Errorf("GET %s: %d", d.URL, status)
		}
		linked := false
		for _, e := range c.Timeline {
			linked = linked || (e.DocumentID != nil && *e.DocumentID == d.ID)
		}
		if !linked {
			t.Errorf("no timeline event links the letter: %+v", c.Timeline)
		}
	})

	t.Run("a partner sees the debtor's contacts only", func(t *testing.T) {
		if status, _ := partner.Do(t, "GET", letteredPath, "", nil, nil); status != http.StatusNotFound {
			t.Errorf("partner before delegation: %d, want 404", status)
		}
		env.DB.Model(&models.Case{}).Where("id = ?", lettered.Case.ID).Update("partner_id", org.ID)
		detail := func(e *apptest.Env) map[string]any {
			var c map[string]any
			if status, raw := e.Do(t, "GET", letteredPath, "", nil, &c); status != http.StatusOK {
				t.Fatalf("GET case: %d %s", status, raw)
			}
			return c
		}
		staff, own := detail(env), detail(partner)
		staffDebtor, _ := staff["debtor"].(map[string]any)
		ownDebtor, _ := own["debtor"].(map[string]any)
		for _, key := range []string{"notes", "credit_limit", "account_manager_id"} {
			if _, ok := staffDebtor[key]; !ok {
				t.Errorf("staff's debtor lacks %s: %v", key, staffDebtor)
			}
			if _, ok := ownDebtor[key]; ok {
				t.Errorf("partner's debtor shows %s: %v", key, ownDebtor)
			}
		}
		for _, key := range []string{"name", "address", "email", "phone", "payment_contact"} {
			if _, ok := ownDebtor[key]; !ok {
				t.Errorf("partner's debtor lacks %s: %v", key, ownDebtor)
			}
		}
		if url, _ := staff["temporal_url"].(string); !strings.Contains(url, "/workflows/") {
			t.Errorf("staff's temporal_url = %q", url)
		}
		if url, ok := own["temporal_url"]; ok {
			t.Errorf("partner given temporal_url %v", url)
		}
		if docs, _ := own["documents"].([]any); len(docs) != 1 {
			t.Errorf("partner's documents %v, want the letter of its delegated case", own["documents"])
		}
	})

	t.Run("assign", func(t *testing.T) {
		managerID, legalID := userID("gestionnaire-detail@test.local"), userID("juriste-detail@test.local")
		assign := func(e *apptest.Env, path, body string) (int, map[string]any) {
			t.Helper()
			var out map[string]any
			status, _ := e.Do(t, "POST", path+"/assign", "application/json", []byte(body), &out)
			return status, out
		}
		steps := []struct {
			name     string
			as       *apptest.Env
			path     string
			body     string
			want     int
			assignee uint // the assignee_id a 200 answers
		}{
			{"to a credit manager", manager, casePath, fmt.Sprintf(`{"assignee_id": %d}`, managerID), 200, managerID},
			{"to legal staff", env, casePath, fmt.Sprintf(`{"assignee_id": %d}`, legalID), 400, 0},
			{"to an unknown user", env, casePath, `{"assignee_id": 999999}`, 400, 0},
			{"by legal staff", legal, casePath, `{"assignee_id": null}`, 403, 0},
			{"by a partner", partner, letteredPath, `{"assignee_id": null}`, 403, 0},
			{"an unknown case", env, "/api/v1/cases/999999", `{"assignee_id": null}`, 404, 0},
		}
		for _, st := range steps {
			status, out := assign(st.as, st.path, st.body)
			if status != st.want {
				t.Fatalf("%s: %d, want %d: %v", st.name, status, st.want, out)
			}
			switch status {
			case 200:
				if out["assignee_id"] != float64(st.assignee) || out["assignee_name"] != "gestionnaire-detail@test.local" || out["invoice_number"] != "FA-DETAIL-1" {
					t.Errorf("%s: answered %v", st.name, out)
				}
			case 400:
				errs, _ := out["errors"].([]any)
				if len(errs) != 1 || errs[0].(map[string]any)["field"] != "assignee_id" {
					t.Errorf("%s: errors %v do not name assignee_id", st.name, out["errors"])
				}
			}
		}
		var c map[string]any
		env.Do(t, "GET", casePath, "", nil, &c)
		if c["assignee_id"] != float64(managerID) || c["assignee_name"] != "gestionnaire-detail@test.local" {
			t.Errorf("case detail after assignment: assignee %v %v", c["assignee_id"], c["assignee_name"])
		}
		if status, out := assign(manager, casePath, `{"assignee_id": null}`); status != 200 || out["assignee_id"] != nil {
			t.Errorf("unassign: %d %v", status, out)
		}
		var audits []models.AuditLog
		env.DB.Where("action = 'case.assign' AND entity = 'case' AND entity_id = ?", fmt.Sprint(caseID)).Order("id").Find(&audits)
		if len(audits) != 2 || !strings.Contains(audits[0].Before, `"assignee_id":null`) ||
			!strings.Contains(audits[0].After, fmt.Sprintf(`"assignee_id":%d`, managerID)) || !strings.Contains(audits[1].After, `"assignee_id":null`) {
			t.Errorf("audit of two assignments: %+v", audits)
		}
		for _, want := range []string{"200", "400", "403", "404"} {
			if !v.seen["POST /cases/{id}/assign "+want] {
				t.Errorf("no %s answer of POST /cases/{id}/assign was validated", want)
			}
		}
	})

	t.Run("bad assign bodies", func(t *testing.T) {
		// Sent past the validating client: openapi.json refuses these bodies too.
		for body, field := range map[string]string{
			`{}`:                   "assignee_id",
			`{"assignee_id": "x"}`: "assignee_id",
			`{"assignee_id": -1}`:  "assignee_id",
			`{"assignee": 1}`:      "assignee",
		} {
			req, _ := http.NewRequestWithContext(t.Context(), "POST", env.URL+casePath+"/assign", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+env.Token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := (&http.Client{}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var out struct{ Errors []intake.FieldError }
			json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || len(out.Errors) != 1 || out.Errors[0].Field != field {
				t.Errorf("%s: %d %+v, want 400 naming %s", body, resp.StatusCode, out.Errors, field)
			}
		}
	})
}

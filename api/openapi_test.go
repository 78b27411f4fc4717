package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/api"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// TestOpenAPIDocumentsEveryRoute fails when a route under /api/v1 is
// registered without documentation, or documented without being registered.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	(&api.Server{}).Register(engine)
	ginParam := regexp.MustCompile(`[:*]([A-Za-z_]+)`)
	registered := map[string]bool{}
	for _, r := range engine.Routes() {
		p, ok := strings.CutPrefix(r.Path, "/api/v1/")
		if !ok {
			continue
		}
		p = "/" + ginParam.ReplaceAllString(p, "{$1}")
		registered[r.Method+" "+p] = true
		item := doc.Paths.Value(p)
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("%s /api/v1%s is registered but not in openapi.json", r.Method, p)
		}
	}
	if len(registered) < 20 {
		t.Fatalf("only %d routes under /api/v1: the engine was not built as in production", len(registered))
	}
	for p, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !registered[method+" "+p] {
				t.Errorf("openapi.json documents %s /api/v1%s, which is not registered", method, p)
			}
		}
	}
}

// TestOpenAPIMatchesRealTraffic drives a scenario across the API — invoices,
// cases, actions, the court side, documents, money in, the creditor's book —
// through a client that validates every request and response against
// openapi.json. The tests of this package do not run in parallel, so the
// shared HTTP client may be wrapped for the length of this one.
func TestOpenAPIMatchesRealTraffic(t *testing.T) {
	doc := loadOpenAPI(t)
	env := apptest.Start(t, "postgres", today)
	v := validateAPICalls(t, env, doc)
	if err := litact.SaveRates(t.Context(), env.DB, []claim.RateEntry{
		{Series: "mro", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 215, Source: "test"},
		{Series: "legal", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 262, Source: "test"},
	}); err != nil {
		t.Fatal(err)
	}
	do := func(e *apptest.Env, method, path, contentType, body string, out any) int {
		t.Helper()
		status, _ := e.Do(t, method, path, contentType, []byte(body), out)
		return status
	}
	manager := *env
	manager.Token = env.UserToken(t, "gestionnaire-oas@test.local", models.RoleCreditManager, nil)
	legal := *env
	legal.Token = env.UserToken(t, "juriste-oas@test.local", models.RoleLegal, nil)
	stranger := *env
	stranger.Token = "not-a-token"

	// The document itself, without a token.
	resp, err := http.Get(env.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Equal(served, api.OpenAPI) {
		t.Errorf("GET /api/v1/openapi.json: %d, %d bytes, want 200 and the embedded document", resp.StatusCode, len(served))
	}
	do(&stranger, "GET", "/api/v1/cases", "", "", nil)

	// Invoices: a batch refused whole, then one invoice opening a case.
	number := "FA-OAS-1"
	invoice := overdueInvoice(number)
	do(env, "POST", "/api/v1/invoices", "application/json", "["+invoice+","+invoice+"]", nil)
	var sum intake.Summary
	if status := do(env, "POST", "/api/v1/invoices", "application/json", invoice, &sum); status != http.StatusCreated {
		t.Fatalf("POST invoice: %d", status)
	}
	do(env, "POST", "/api/v1/invoices", "application/json", `{"invoices": [`+invoice+`]}`, nil)
	caseID := sum.Invoices[0].CaseID
	casePath := fmt.Sprintf("/api/v1/cases/%d", caseID)

	// Cases and actions.
	do(env, "GET", "/api/v1/cases?number="+number+"&limit=10&offset=0", "", "", nil)
	do(env, "GET", "/api/v1/cases?number=NOPE", "", "", nil)
	do(env, "GET", "/api/v1/cases/999999", "", "", nil)
	apptest.Eventually(t, "the case's live state", func() bool {
		var c struct {
			LiveState *json.RawMessage `json:"live_state"`
			Timeline  []any            `json:"timeline"`
		}
		do(env, "GET", casePath, "", "", &c)
		return c.LiveState != nil && len(c.Timeline) > 0
	})
	do(env, "POST", casePath+"/actions/promise", "application/json", `{"date": "2020-01-01", "amount_cents": 5000}`, nil)
	do(env, "POST", casePath+"/actions/approve_litigation", "application/json", `{}`, nil)
	do(&manager, "POST", casePath+"/actions/approve_litigation", "application/json", `{}`, nil)
	do(env, "POST", casePath+"/actions/promise", "application/json", `{"amount_cents": 5000}`, nil)
	do(&manager, "POST", casePath+"/actions/promise", "application/json", `{"date": "2026-12-15", "amount_cents": 50000}`, nil)
	do(env, "POST", casePath+"/actions/call_logged", "application/json", `{"outcome": "reached", "notes": "rappeler"}`, nil)
	do(env, "POST", casePath+"/actions/payment", "application/json", `{"amount": {"amount_cents": 10000, "currency": "EUR"}, "reference": "CHQ 7"}`, nil)
	do(env, "POST", casePath+"/actions/payment", "application/json", `{"amount": {"amount_cents": 10000, "currency": "USD"}}`, nil)

	// The court side.
	do(env, "GET", casePath+"/claim?at=2026-11-23", "", "", nil)
	do(env, "GET", casePath+"/tribunal?on=2026-11-23", "", "", nil)
	do(env, "POST", casePath+"/tribunal", "application/json", `{"code": "nowhere"}`, nil)
	do(env, "POST", casePath+"/costs", "application/json", `{"label": "Frais de greffe", "basis": "Article R444-3 du code de commerce", "cents": 3500, "date": "2026-11-20"}`, nil)
	do(env, "POST", casePath+"/costs", "application/json", `{"label": "Frais", "basis": "Art. 695 CPC", "cents": -1, "date": "2026-11-20"}`, nil)
	do(env, "POST", casePath+"/costs", "application/json", `{"label": "Signification", "basis": "Art. 695 CPC", "amount": {"amount_cents": 8912, "currency": "EUR"}, "date": "2026-11-21"}`, nil)
	do(env, "GET", casePath+"/costs", "", "", nil)
	do(&manager, "GET", casePath+"/costs", "", "", nil)
	do(&legal, "POST", casePath+"/court/filed", "application/json", `{"date": "2026-12-01", "channel": "paper", "reference": "IP-1"}`, nil)
	do(&legal, "POST", "/api/v1/cases/999999/court/opposition", "application/json", `{"date": "2026-12-01"}`, nil)
	do(&legal, "GET", casePath+"/dossier.pdf?at=2026-11-23", "", "", nil)
	do(&legal, "GET", casePath+"/dossier.zip?at=2026-11-23", "", "", nil)

	// Documents: a registered letter prepared as the dispatch workflow does,
	// printed in the day's batch and followed to its acknowledgement.
	// The fixture seeds the creditor's letterhead and the same rates again.
	env.DB.Where("year = 2026 AND half = 2").Delete(&models.InterestRate{})
	fx := dispatchtest.New(t, env.DB)
	debtor := fx.Debtor(t, "C-OAS", models.Trader, "FR")
	fx.Enqueue(t, fx.Invoice(t, debtor, "FA-OAS-LETTER", today.AddDays(-20), 120000, 120000), "formal_demand", 3, dispatch.ChannelRegisteredLetter, today)
	acts := &dispatch.Activities{DB: env.DB, Mailer: fx.Sender}
	groups, err := acts.DueMailings(t.Context(), today)
	if err != nil {
		t.Fatal(err)
	}
	var letter dispatch.Result
	for _, g := range groups {
		if g.DebtorID == debtor.ID && g.Channel == dispatch.ChannelRegisteredLetter {
			if letter, err = acts.PrepareLetter(t.Context(), g); err != nil {
				t.Fatal(err)
			}
		}
	}
	if letter.MailingID == 0 {
		t.Fatalf("no registered letter due for %s among %+v", debtor.Name, groups)
	}
	letterPath := fmt.Sprintf("/api/v1/letters/%d/", letter.MailingID)
	do(env, "GET", fmt.Sprintf("/api/v1/documents/%d", letter.DocumentID), "", "", nil)
	do(env, "GET", "/api/v1/print-batch?date="+today.String(), "", "", nil)
	do(&manager, "POST", letterPath+"posted", "application/json", `{"date": "2026-11-23"}`, nil)
	do(&manager, "POST", letterPath+"printed", "", "", nil)
	do(&manager, "POST", letterPath+"posted", "application/json", `{}`, nil)
	do(&manager, "POST", letterPath+"posted", "application/json", `{"date": "`+civil.Today().String()+`"}`, nil)
	do(&manager, "POST", letterPath+"tracking", "application/json", `{"tracking_number": "1A 001 234 5678 9"}`, nil)
	do(env, "GET", casePath+"/statement.pdf?date=2026-11-23", "", "", nil)
	do(env, "GET", "/api/v1/documents/999999", "", "", nil)
	do(env, "GET", "/api/v1/print-batch?date=2026-11-23", "", "", nil)
	do(env, "GET", "/api/v1/letters?date=2026-11-23", "", "", nil)
	var letters struct {
		Letters []struct {
			DocumentID *uint `json:"document_id"`
		}
	}
	do(env, "GET", "/api/v1/letters", "", "", &letters)
	for _, l := range letters.Letters {
		if l.DocumentID != nil {
			do(env, "GET", fmt.Sprintf("/api/v1/documents/%d", *l.DocumentID), "", "", nil)
		}
	}
	do(&manager, "POST", "/api/v1/letters/999999/posted", "application/json", `{"date": "2026-11-23"}`, nil)
	do(env, "GET", "/api/v1/tasks?date=2026-11-23", "", "", nil)
	var templates struct {
		Templates []struct{ Key string }
	}
	do(env, "GET", "/api/v1/templates", "", "", &templates)
	if len(templates.Templates) == 0 {
		t.Fatal("no letter templates listed")
	}
	key := "/api/v1/templates/" + url.PathEscape(templates.Templates[0].Key)
	var versions struct {
		Versions []struct{ Body string }
	}
	do(env, "GET", key+"?language=fr", "", "", &versions)
	if len(versions.Versions) == 0 {
		t.Fatalf("no version of %s", key)
	}
	edit, _ := json.Marshal(map[string]any{"language": "fr", "body": versions.Versions[0].Body})
	do(env, "POST", key+"/preview", "application/json", string(edit), nil)
	do(&manager, "PUT", key, "application/json", string(edit), nil)
	do(&legal, "PUT", key, "application/json", string(edit), nil)

	// Money in: a transfer nobody recognises, lettered and unlettered by
	// hand; then a bank statement paying the invoice, as multipart and as
	// the body.
	unknown := bankStatement(500_00, "SOCIETE INCONNUE", "virement", "OAS-REF-0")
	do(&manager, "POST", "/api/v1/imports/bank?filename=inconnu.xml", "application/xml", string(unknown), nil)
	var suspense struct {
		Payments []struct{ ID uint }
	}
	do(&manager, "GET", "/api/v1/payments?unallocated=true", "", "", &suspense)
	if len(suspense.Payments) != 1 {
		t.Fatalf("suspense list %+v, want the unknown transfer", suspense.Payments)
	}
	var allocation struct{ ID uint }
	do(&manager, "POST", "/api/v1/allocations", "application/json",
		fmt.Sprintf(`{"invoice_id": %d, "payment_id": %d, "amount": {"amount_cents": 50000, "currency": "GBP"}, "reason": "virement"}`, sum.Invoices[0].InvoiceID, suspense.Payments[0].ID), nil)
	do(&manager, "POST", "/api/v1/allocations", "application/json",
		fmt.Sprintf(`{"invoice_id": %d, "payment_id": %d, "cents": 50000, "reason": "virement du client, confirmé par téléphone"}`, sum.Invoices[0].InvoiceID, suspense.Payments[0].ID), &allocation)
	for range 2 { // the second time, already reversed
		do(&manager, "POST", fmt.Sprintf("/api/v1/allocations/%d/reverse", allocation.ID), "application/json", `{"reason": "erreur de lettrage"}`, nil)
	}
	statement := bankStatement(1200_00, "BOULANGERIE ECLAIR", "Reglement facture "+number, "OAS-REF-1")
	do(&legal, "POST", "/api/v1/imports/bank?filename=releve.xml", "application/xml", string(statement), nil)
	ct, body := multipartFile(t, "releve.xml", statement)
	do(&manager, "POST", "/api/v1/imports/bank", ct, string(body), nil)
	do(&manager, "POST", "/api/v1/imports/bank?filename=releve.xml", "application/xml", string(statement), nil)
	do(&manager, "POST", "/api/v1/imports/fec?filename=fec.txt", "text/plain", "JournalCode\tEcritureDate\nVE\t2026\n", nil)
	do(&manager, "GET", "/api/v1/payments", "", "", nil)
	do(&manager, "GET", "/api/v1/payments?unallocated=true", "", "", nil)
	do(&manager, "POST", "/api/v1/allocations", "application/json", fmt.Sprintf(`{"invoice_id": %d, "payment_id": 999999, "reason": "virement sans référence"}`, sum.Invoices[0].InvoiceID), nil)
	do(&manager, "POST", "/api/v1/allocations/999999/reverse", "application/json", `{"reason": "erreur"}`, nil)

	// The creditor's book, users and tokens, scenarios, the dashboard.
	type item struct{ ID uint }
	var list struct{ Items []item }
	do(env, "GET", "/api/v1/creditors", "", "", &list)
	if len(list.Items) == 0 {
		t.Fatal("no creditor listed")
	}
	do(env, "GET", fmt.Sprintf("/api/v1/creditors/%d", list.Items[0].ID), "", "", nil)
	do(env, "POST", "/api/v1/creditors", "application/json", `{"name": "Forges OAS", "siren": "552100554", "share_capital": {"amount_cents": 10000000, "currency": "EUR"},
		"registered_office": {"line1": "1 quai de l'Écluse", "postal_code": "92000", "city": "Nanterre", "country": "FR"}}`, nil)
	do(env, "POST", "/api/v1/creditors", "application/json", `{"name": "Forges OAS sans adresse"}`, nil)
	do(env, "POST", "/api/v1/creditors", "application/json", `{"name": "Forges OAS 2", "share_capital_cents": 1, "share_capital": {"amount_cents": 1, "currency": "EUR"}}`, nil)
	do(env, "GET", "/api/v1/debtors?q=552100554", "", "", &list)
	if len(list.Items) != 1 {
		t.Fatalf("debtors of SIREN 552100554: %+v", list.Items)
	}
	do(env, "GET", fmt.Sprintf("/api/v1/debtors/%d", list.Items[0].ID), "", "", nil)
	do(env, "GET", "/api/v1/invoices?number="+number, "", "", nil)
	do(env, "GET", fmt.Sprintf("/api/v1/invoices/%d", sum.Invoices[0].InvoiceID), "", "", nil)
	do(env, "GET", "/api/v1/invoices/999999", "", "", nil)
	do(env, "GET", "/api/v1/credit-notes", "", "", nil)
	var partner item
	do(env, "POST", "/api/v1/partners", "application/json", `{"name": "Affacturage OAS", "email": "contact@oas.example"}`, &partner)
	do(env, "GET", "/api/v1/partners", "", "", nil)
	var user item
	do(env, "POST", "/api/v1/users", "application/json", fmt.Sprintf(`{"email": "partenaire-oas@test.local", "name": "Partenaire", "role": "partner", "partner_id": %d}`, partner.ID), &user)
	do(env, "GET", "/api/v1/users", "", "", nil)
	do(&manager, "GET", "/api/v1/users", "", "", nil)
	tokens := fmt.Sprintf("/api/v1/users/%d/tokens", user.ID)
	var token item
	do(env, "POST", tokens, "application/json", `{"label": "intégration"}`, &token)
	do(env, "GET", tokens, "", "", nil)
	do(env, "POST", fmt.Sprintf("%s/%d/revoke", tokens, token.ID), "", "", nil)
	do(env, "POST", tokens+"/999999/revoke", "", "", nil)
	do(env, "GET", "/api/v1/scenarios", "", "", nil)
	do(env, "POST", "/api/v1/scenarios", "application/json", `{"name": "essai", "steps": []}`, nil)
	do(env, "GET", "/api/v1/reports/dashboard?on=2026-11-23", "", "", nil)

	// The scenario must have produced each of these; a change that stops
	// one from happening must not pass unnoticed.
	for _, want := range []string{
		"GET /openapi.json 200", "GET /cases 401",
		"POST /invoices 400", "POST /invoices 201", "POST /invoices 200",
		"GET /cases 200", "GET /cases/{id} 200", "GET /cases/{id} 404",
		"POST /cases/{id}/actions/{action} 200", "POST /cases/{id}/actions/{action} 400",
		"POST /cases/{id}/actions/{action} 403", "POST /cases/{id}/actions/{action} 409",
		"GET /cases/{id}/claim 200", "GET /cases/{id}/tribunal 200",
		"POST /cases/{id}/costs 201", "POST /cases/{id}/costs 400", "GET /cases/{id}/costs 200", "GET /cases/{id}/costs 403",
		"POST /cases/{id}/court/{step} 409", "POST /cases/{id}/court/{step} 404",
		"GET /documents/{id} 200", "GET /documents/{id} 404", "GET /print-batch 200", "GET /letters 200",
		"POST /letters/{id}/{action} 200", "POST /letters/{id}/{action} 400", "POST /letters/{id}/{action} 404", "POST /letters/{id}/{action} 409", "GET /tasks 200",
		"GET /templates 200", "GET /templates/{key} 200", "POST /templates/{key}/preview 200",
		"PUT /templates/{key} 200", "PUT /templates/{key} 403",
		"POST /imports/bank 403", "POST /imports/bank 201", "POST /imports/bank 200", "POST /imports/fec 400",
		"GET /creditors 200", "GET /creditors/{id} 200", "POST /creditors 201", "POST /creditors 400", "GET /debtors 200", "GET /debtors/{id} 200",
		"GET /invoices 200", "GET /invoices/{id} 200", "GET /invoices/{id} 404", "GET /credit-notes 200",
		"POST /partners 201", "GET /partners 200", "POST /users 201", "GET /users 200", "GET /users 403",
		"POST /users/{id}/tokens 201", "GET /users/{id}/tokens 200",
		"POST /users/{id}/tokens/{token}/revoke 200", "POST /users/{id}/tokens/{token}/revoke 404",
		"GET /scenarios 200", "POST /scenarios 400", "GET /reports/dashboard 200",
		"GET /payments 200", "POST /allocations 201", "POST /allocations 400",
		"POST /allocations/{id}/reverse 200", "POST /allocations/{id}/reverse 404", "POST /allocations/{id}/reverse 409",
		"GET /cases/{id}/dossier.pdf 200", "GET /cases/{id}/dossier.zip 200", "GET /cases/{id}/statement.pdf 200",
	} {
		if !v.seen[want] {
			t.Errorf("the scenario did not produce %s", want)
		}
	}
	if t.Failed() || testing.Verbose() {
		seen := make([]string, 0, len(v.seen))
		for s := range v.seen {
			seen = append(seen, s)
		}
		sort.Strings(seen)
		t.Logf("seen: %s", strings.Join(seen, "; "))
	}
}

package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/courtsteps"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// audited is an audit entry with its states decoded.
type audited struct {
	models.AuditLog
	before, after map[string]any
}

// newAudits returns the entries written since the entry with id after, as
// the test server writes them: by the admin token's user, from loopback.
func newAudits(t *testing.T, env *apptest.Env, after uint) []audited {
	t.Helper()
	var rows []models.AuditLog
	if err := env.DB.Where("id > ?", after).Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]audited, len(rows))
	for i, r := range rows {
		out[i].AuditLog = r
		for _, s := range []struct {
			raw string
			dst *map[string]any
		}{{r.Before, &out[i].before}, {r.After, &out[i].after}} {
			if s.raw != "" {
				if err := json.Unmarshal([]byte(s.raw), s.dst); err != nil {
					t.Fatalf("entry %d (%s): state %q is not a JSON object: %v", r.ID, r.Action, s.raw, err)
				}
			}
		}
	}
	return out
}

func lastAudit(env *apptest.Env) uint {
	var ids []uint
	env.DB.Model(&models.AuditLog{}).Order("id DESC").Limit(1).Pluck("id", &ids)
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// oneAudit runs do and checks it wrote exactly one entry, with that
// action, by the admin token's user from loopback.
func oneAudit(t *testing.T, env *apptest.Env, action string, do func()) audited {
	t.Helper()
	mark := lastAudit(env)
	do()
	rows := newAudits(t, env, mark)
	if len(rows) != 1 {
		var actions []string
		for _, r := range rows {
			actions = append(actions, r.Action)
		}
		t.Fatalf("%d audit entries %v, want one %s", len(rows), actions, action)
	}
	e := rows[0]
	if e.Action != action || e.Actor != "admin@test.local" || e.UserID == nil || e.RemoteAddr != "127.0.0.1" {
		t.Errorf("entry %+v, want %s by admin@test.local from 127.0.0.1", e.AuditLog, action)
	}
	return e
}

// on checks the record an entry is filed under.
func on(t *testing.T, e audited, entity string, id uint) {
	t.Helper()
	if e.Entity != entity || e.EntityID != fmt.Sprint(id) {
		t.Errorf("%s filed under %s %s, want %s %d", e.Action, e.Entity, e.EntityID, entity, id)
	}
}

func field(m map[string]any, path ...string) any {
	var v any = m
	for _, k := range path {
		obj, _ := v.(map[string]any)
		v = obj[k]
	}
	return v
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestImportsAreAuditedOncePerImport: an invoice import, as a JSON body or
// a CSV file, writes one entry naming the file by digest, with counts.
func TestImportsAreAuditedOncePerImport(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	post := func(path, contentType string, body []byte) intake.Summary {
		t.Helper()
		var sum intake.Summary
		if status, raw := env.Do(t, "POST", path, contentType, body, &sum); status != http.StatusCreated && status != http.StatusOK {
			t.Fatalf("POST %s: %d %s", path, status, raw)
		}
		return sum
	}

	one := []byte(overdueInvoice("FA-AUD-1"))
	var sum intake.Summary
	e := oneAudit(t, env, "invoice.import", func() { sum = post("/api/v1/invoices", "application/json", one) })
	on(t, e, "invoice", sum.Invoices[0].InvoiceID) // one invoice: in that invoice's history
	if e.before != nil || field(e.after, "source") != "api" || field(e.after, "sha256") != sha256Hex(one) ||
		field(e.after, "bytes") != float64(len(one)) || field(e.after, "counts", "created") != 1.0 || field(e.after, "counts", "invoices") != 1.0 {
		t.Errorf("JSON import entry: before %v, after %v", e.before, e.after)
	}

	batch := []byte("[" + overdueInvoice("FA-AUD-1") + "," + overdueInvoice("FA-AUD-2") + "]")
	e = oneAudit(t, env, "invoice.import", func() { post("/api/v1/invoices", "application/json", batch) })
	on(t, e, "invoice", 0)
	if field(e.after, "counts", "invoices") != 2.0 || field(e.after, "counts", "created") != 1.0 || field(e.after, "counts", "unchanged") != 1.0 {
		t.Errorf("batch entry: after %v", e.after)
	}

	var csv strings.Builder
	csv.WriteString("number;issue_date;due_date;total;vat;debtor_name;debtor_kind;debtor_postal_code;debtor_city\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&csv, "F-AUD-%d;01/09/2026;01/10/2026;%d,50;20,00;Client %d;trader;75011;Paris\n", i, 100*i, i)
	}
	content := []byte(csv.String())
	ct, form := multipartFile(t, "factures-novembre.csv", content)
	e = oneAudit(t, env, "invoice.import", func() { post("/api/v1/imports/invoices", ct, form) })
	if field(e.after, "file") != "factures-novembre.csv" || field(e.after, "source") != "csv" || field(e.after, "sha256") != sha256Hex(content) ||
		field(e.after, "bytes") != float64(len(content)) || field(e.after, "counts", "created") != 5.0 {
		t.Errorf("CSV import entry: after %v", e.after)
	}
	// The same file again, as the body: one entry, nothing created.
	e = oneAudit(t, env, "invoice.import", func() { post("/api/v1/imports/invoices", "text/csv", content) })
	if field(e.after, "sha256") != sha256Hex(content) || field(e.after, "counts", "unchanged") != 5.0 || field(e.after, "counts", "created") != 0.0 {
		t.Errorf("re-import entry: after %v", e.after)
	}
	// A refused file changes nothing and writes nothing.
	mark := lastAudit(env)
	env.Do(t, "POST", "/api/v1/imports/invoices", "text/csv", []byte(strings.Replace(csv.String(), "300,50", "3OO,50", 1)), nil)
	if rows := newAudits(t, env, mark); len(rows) != 0 {
		t.Errorf("a refused import wrote %d entries", len(rows))
	}
}

// TestCaseChangesAuditStates: a case action records the case's state
// before it and, after, the request and the state it led to; court steps
// the litigation's states; the court choice and costs what they wrote.
func TestCaseChangesAuditStates(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	err := litact.SaveRates(t.Context(), env.DB, []claim.RateEntry{
		{Series: "mro", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 215, Source: "test"},
		{Series: "legal", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 262, Source: "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	caseID := openCase(t, env, litigationInvoice("FA-AUD-CASE", "trader", "SAS", "92000", "Nanterre", "92050", "Nanterre"))
	path := fmt.Sprintf("/api/v1/cases/%d", caseID)
	apptest.Eventually(t, "the workflow to run", func() bool {
		var c caseView
		env.Do(t, "GET", path, "", nil, &c)
		return c.LiveState != nil
	})
	act := func(action, body string) {
		t.Helper()
		if status, raw := env.Do(t, "POST", path+"/actions/"+action, "application/json", []byte(body), nil); status != http.StatusOK {
			t.Fatalf("%s: %d %s", action, status, raw)
		}
	}

	e := oneAudit(t, env, "case.promise", func() { act("promise", `{"date": "2026-12-15", "amount_cents": 50000}`) })
	on(t, e, "case", caseID)
	if field(e.before, "case_id") != float64(caseID) || field(e.before, "promise") != nil || field(e.before, "balance_cents") != 120000.0 {
		t.Errorf("promise: before is not the case's prior state: %v", e.before)
	}
	if field(e.after, "request", "amount_cents") != 50000.0 || field(e.after, "request", "by") != "admin@test.local" ||
		field(e.after, "state", "promise", "amount_cents") != 50000.0 {
		t.Errorf("promise: after is not {request, state}: %v", e.after)
	}
	e = oneAudit(t, env, "case.pause", func() { act("pause", `{"reason": "négociation"}`) })
	if field(e.before, "promise", "amount_cents") != 50000.0 || field(e.before, "paused") != false || field(e.after, "state", "paused") != true {
		t.Errorf("pause: before %v, after %v; want the promise before and the pause after", e.before, e.after)
	}
	// A refused action changes nothing and writes nothing.
	mark := lastAudit(env)
	env.Do(t, "POST", path+"/actions/promise", "application/json", []byte(`{"date": "2020-01-01", "amount_cents": 5000}`), nil)
	if rows := newAudits(t, env, mark); len(rows) != 0 {
		t.Errorf("a refused action wrote %d entries", len(rows))
	}

	e = oneAudit(t, env, "case.cost_added", func() {
		body := `{"label": "Frais de greffe", "basis": "Article R444-3 du code de commerce", "cents": 3500, "date": "2026-11-20"}`
		if status, raw := env.Do(t, "POST", path+"/costs", "application/json", []byte(body), nil); status != http.StatusCreated {
			t.Fatalf("POST cost: %d %s", status, raw)
		}
	})
	on(t, e, "case", caseID)
	if e.before != nil || field(e.after, "cents") != 3500.0 || field(e.after, "label") != "Frais de greffe" || field(e.after, "id") == nil {
		t.Errorf("cost entry: before %v, after %v", e.before, e.after)
	}

	// A court step on a running litigation: the litigation's states.
	var c models.Case
	env.DB.Take(&c, caseID)
	childID := courtsteps.ChildID(c.WorkflowID)
	_, err = env.Temporal.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: childID, TaskQueue: env.Config.TaskQueue},
		litigation.WorkflowName, litigation.Input{CaseID: caseID, CreditorID: c.CreditorID, DebtorID: c.DebtorID,
			InvoiceID: c.InvoiceID, InvoiceNumber: "FA-AUD-CASE", DueDate: today.AddDays(-39), DebtorKind: "trader"})
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, "the litigation to be ready", func() bool {
		v, err := env.Temporal.QueryWorkflow(t.Context(), childID, "", litigation.QueryState)
		var st litigation.State
		return err == nil && v.Get(&st) == nil && st.Status == litigation.StatusReady
	})
	e = oneAudit(t, env, "court.filed", func() {
		body := `{"date": "2026-11-20", "channel": "paper", "reference": "IP-AUD-1"}`
		if status, raw := env.Do(t, "POST", path+"/court/filed", "application/json", []byte(body), nil); status != http.StatusOK {
			t.Fatalf("court step: %d %s", status, raw)
		}
	})
	on(t, e, "case", caseID)
	if field(e.before, "status") != litigation.StatusReady || field(e.after, "state", "status") != litigation.StatusFiled ||
		field(e.after, "state", "filed_reference") != "IP-AUD-1" || field(e.after, "request", "reference") != "IP-AUD-1" ||
		field(e.after, "request", "actor") != "admin@test.local" {
		t.Errorf("court step: before %v, after %v", e.before, e.after)
	}
}

// TestCourtChoiceIsAudited: choosing the court records the litigation file
// before and after.
func TestCourtChoiceIsAudited(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	caseID := openCase(t, env, litigationInvoice("FA-AUD-TRIB", "trader", "SARL", "92000", "Nullepart", "", ""))
	path := fmt.Sprintf("/api/v1/cases/%d/tribunal", caseID)
	var tr tribunalResponse
	env.Do(t, "GET", path, "", nil, &tr)
	if !tr.NeedsChoice || len(tr.Candidates) == 0 {
		t.Fatalf("no court to choose: %+v", tr)
	}
	code := tr.Candidates[0].Code
	e := oneAudit(t, env, "court.choose", func() {
		if status, raw := env.Do(t, "POST", path, "application/json", []byte(fmt.Sprintf(`{"code": %q}`, code)), nil); status != http.StatusOK {
			t.Fatalf("choose court: %d %s", status, raw)
		}
	})
	on(t, e, "case", caseID)
	if field(e.before, "court_code") != nil || field(e.after, "request", "code") != code ||
		field(e.after, "state", "court_code") != code || field(e.after, "state", "court_set_by") != "admin@test.local" {
		t.Errorf("court choice: before %v, after %v", e.before, e.after)
	}
}

// TestTemplateSaveAuditsThePreviousVersion: the first edit replaces the
// shipped text, the next one the first edit.
func TestTemplateSaveAuditsThePreviousVersion(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	save := func(body string) {
		t.Helper()
		in, _ := json.Marshal(map[string]string{"language": "fr", "body": body})
		if status, raw := env.Do(t, "PUT", "/api/v1/templates/level1.email.subject", "application/json", in, nil); status != http.StatusOK {
			t.Fatalf("PUT template: %d %s", status, raw)
		}
	}
	e := oneAudit(t, env, "template.save", func() { save("Relance : facture {{.InvoiceNumbers}}") })
	if field(e.before, "version") != 1.0 || field(e.before, "body") == "" || field(e.before, "template_id") != nil ||
		field(e.after, "version") != 2.0 || field(e.after, "body") != "Relance : facture {{.InvoiceNumbers}}" {
		t.Errorf("first edit: before %v, after %v", e.before, e.after)
	}
	e = oneAudit(t, env, "template.save", func() { save("Rappel : facture {{.InvoiceNumbers}}") })
	if field(e.before, "version") != 2.0 || field(e.before, "body") != "Relance : facture {{.InvoiceNumbers}}" || field(e.after, "version") != 3.0 {
		t.Errorf("second edit: before %v, after %v", e.before, e.after)
	}
}

package backoffice

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"go.temporal.io/sdk/converter"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// QueryWorkflow answers the litigation's state query: "ready" until a
// step was sent, then named after the last step, so that the states read
// before and after a step differ as the workflow's would.
func (t *fakeTemporal) QueryWorkflow(_ context.Context, workflowID, _, query string, _ ...any) (converter.EncodedValue, error) {
	status := litigation.StatusReady
	if t.name != "" && t.refusal == "" {
		status = t.name
	}
	return jsonValue{litigation.State{Status: status, CourtName: "query of " + workflowID + " " + query}}, nil
}

// jsonValue is a query's answer, decoded as the SDK's JSON converter does.
type jsonValue struct{ v any }

func (jsonValue) HasValue() bool { return true }
func (j jsonValue) Get(ptr any) error {
	b, err := json.Marshal(j.v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, ptr)
}

// lastEntry is the newest audit entry of action, its states decoded.
func (f *fixture) lastEntry(action string) (models.AuditLog, map[string]any, map[string]any) {
	f.t.Helper()
	var e models.AuditLog
	if err := f.db.Where("action = ?", action).Order("id DESC").Take(&e).Error; err != nil {
		f.t.Fatalf("no %s entry: %v", action, err)
	}
	var before, after map[string]any
	json.Unmarshal([]byte(e.Before), &before)
	json.Unmarshal([]byte(e.After), &after)
	return e, before, after
}

// TestCourtStepAuditsLitigationStates: a court step records the
// litigation's state before it and, after, the step and the new state.
func TestCourtStepAuditsLitigationStates(t *testing.T) {
	f := newFixture(t)
	c := f.cases[1]
	f.startLitigation(c.ID)
	f.pages.Temporal = &fakeTemporal{}
	rec := f.as("legal").post(fmt.Sprintf("/contentieux/%d/etapes/filed", c.ID),
		url.Values{"date": {"2026-11-20"}, "channel": {"paper"}, "reference": {"IP-7"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("filed: %d %s", rec.Code, errorOf(rec.Body.String()))
	}
	e, before, after := f.lastEntry("court.filed")
	request, _ := after["request"].(map[string]any)
	state, _ := after["state"].(map[string]any)
	if e.Actor != "legal@test.local" || e.EntityID != fmt.Sprint(c.ID) || before["status"] != litigation.StatusReady ||
		before["court_name"] != "query of "+c.WorkflowID+"/litigation state" ||
		request["reference"] != "IP-7" || request["actor"] != "legal@test.local" || state["status"] != litigation.UpdateFiled {
		t.Errorf("entry %+v: before %v, after %v", e, before, after)
	}
}

// TestTemplateSaveAuditsPreviousVersion: the back-office's template editor
// records the version a save replaced.
func TestTemplateSaveAuditsPreviousVersion(t *testing.T) {
	f := newFixture(t)
	s := f.as("credit_manager")
	for i, body := range []string{"Relance {{.InvoiceNumbers}}", "Rappel {{.InvoiceNumbers}}"} {
		if rec := s.post("/modeles/level1.email.subject", url.Values{"langue": {"fr"}, "body": {body}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("save %d: %d %s", i, rec.Code, errorOf(rec.Body.String()))
		}
	}
	_, before, after := f.lastEntry("template.save")
	if before["version"] != 2.0 || before["body"] != "Relance {{.InvoiceNumbers}}" || after["version"] != 3.0 {
		t.Errorf("second save: before %v, after %v", before, after)
	}
	var first models.AuditLog
	f.db.Where("action = ?", "template.save").Order("id").Take(&first)
	var shipped map[string]any
	json.Unmarshal([]byte(first.Before), &shipped)
	if shipped["version"] != 1.0 || shipped["body"] == "" {
		t.Errorf("first save: before %s, want the shipped text", first.Before)
	}
}

package recovery

import (
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

func TestWorkflowOpensTheCase(t *testing.T) {
	tests := []struct {
		name      string
		now       time.Time
		due       civil.Date
		wantPhase string
	}{
		{"overdue invoice", time.Date(2026, 11, 23, 9, 0, 0, 0, civil.Paris), civil.MustParse("2026-10-15"), "amicable"},
		{"due today", time.Date(2026, 11, 23, 9, 0, 0, 0, civil.Paris), civil.MustParse("2026-11-23"), "amicable"},
		{"due in ten days", time.Date(2026, 11, 23, 9, 0, 0, 0, civil.Paris), civil.MustParse("2026-12-03"), "pre_due"},
		// 23:30 UTC on 30 November is already 1 December in Paris.
		{"Paris day, not UTC day", time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), civil.MustParse("2026-12-01"), "amicable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := testenv.SQLite(t)
			c := models.Case{CreditorID: 1, DebtorID: 1, InvoiceID: 1, WorkflowID: "wf", Phase: "new", Status: models.CaseOpen, Currency: "EUR"}
			if err := db.Create(&c).Error; err != nil {
				t.Fatal(err)
			}
			var suite testsuite.WorkflowTestSuite
			env := suite.NewTestWorkflowEnvironment()
			env.SetStartTime(tt.now)
			env.RegisterActivity(&casebook.Activities{DB: db})
			var state State
			env.RegisterDelayedCallback(func() {
				v, err := env.QueryWorkflow(QueryState)
				if err != nil {
					t.Error(err)
				} else if err := v.Get(&state); err != nil {
					t.Error(err)
				}
				env.CancelWorkflow()
			}, time.Hour)
			env.ExecuteWorkflow(Workflow, Input{
				CaseID: c.ID, InvoiceNumber: "FA-1", DueDate: tt.due, BalanceCents: 50000, Currency: "EUR",
			})
			if state.Phase != tt.wantPhase || state.Status != models.CaseOpen || len(state.Done) != 1 {
				t.Errorf("state = %+v, want phase %s", state, tt.wantPhase)
			}
			var events []models.CaseEvent
			db.Where("case_id = ?", c.ID).Find(&events)
			if len(events) != 1 || events[0].Kind != "case_opened" || events[0].Key != "opened" {
				t.Errorf("timeline = %+v", events)
			}
			var got models.Case
			db.Take(&got, c.ID)
			if got.Phase != tt.wantPhase || got.BalanceCents != 50000 {
				t.Errorf("mirrored case = %+v", got)
			}
		})
	}
}

func TestRecordEventIsIdempotent(t *testing.T) {
	db, _ := testenv.SQLite(t)
	a := &casebook.Activities{DB: db}
	ev := casebook.Event{CaseID: 7, Key: "step-1", At: time.Now(), Kind: "letter", Summary: "Relance 1"}
	for range 3 { // a retried activity runs again with the same key
		if err := a.RecordEvent(t.Context(), ev); err != nil {
			t.Fatal(err)
		}
	}
	var n int64
	db.Model(&models.CaseEvent{}).Where("case_id = 7").Count(&n)
	if n != 1 {
		t.Errorf("%d events after three identical appends, want 1", n)
	}
}

func TestWorkflowIDIsStable(t *testing.T) {
	if a, b := WorkflowID(3, "FA-1"), WorkflowID(3, "FA-1"); a != b || a != "recovery/3/FA-1" {
		t.Errorf("WorkflowID = %q, %q", a, b)
	}
	if WorkflowID(3, "FA-1") == WorkflowID(4, "FA-1") {
		t.Error("two creditors' invoices share a workflow ID")
	}
}

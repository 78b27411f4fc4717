package recovery

import (
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/activities/outbox"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// harness runs the recovery workflow in the SDK's test environment (time
// skips) with the real activities on a real SQLite database.
type harness struct {
	t      *testing.T
	env    *testsuite.TestWorkflowEnvironment
	db     *gorm.DB
	start  time.Time
	caseID uint
	in     Input
	final  State
	errs   []string // refused updates: "action: reason"
}

// at is a point in time during a test, in days after the start.
type at struct {
	day    float64
	action string
	body   Action
}

func newHarness(t *testing.T, start time.Time, due string, balance int64) *harness {
	db, _ := testenv.SQLite(t)
	inv := models.Invoice{CreditorID: 1, DebtorID: 1, Number: "FA-T", IssueDate: civil.MustParse(due).AddDays(-30),
		DueDate: civil.MustParse(due), TotalCents: balance, OutstandingCents: balance, Currency: "EUR", Status: models.InvoiceOpen}
	if err := db.Create(&inv).Error; err != nil {
		t.Fatal(err)
	}
	c := models.Case{CreditorID: 1, DebtorID: 1, InvoiceID: inv.ID, WorkflowID: "recovery/1/FA-T", Phase: "new", Status: models.CaseOpen, Currency: "EUR"}
	if err := db.Create(&c).Error; err != nil {
		t.Fatal(err)
	}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(start)
	env.SetTestTimeout(2 * time.Minute) // wall-clock guard; a loaded CI machine is slow
	env.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
	env.RegisterActivity(&casebook.Activities{DB: db})
	env.RegisterActivity(&outbox.Activities{DB: db})
	return &harness{t: t, env: env, db: db, start: start, caseID: c.ID, in: Input{
		CaseID: c.ID, CreditorID: 1, DebtorID: 1, InvoiceID: inv.ID, InvoiceNumber: "FA-T",
		DueDate: civil.MustParse(due), BalanceCents: balance, Currency: "EUR", DebtorKind: "trader", Departement: "92",
	}}
}

// litigationOutcome registers a stand-in litigation child that ends with
// outcome, for paths about the recovery workflow alone (the real child runs
// in TestLitigationEndToEnd).
func (h *harness) litigationOutcome(outcome string) {
	h.env.RegisterWorkflowWithOptions(func(ctx workflow.Context, in litigation.Input) (litigation.Result, error) {
		return litigation.Result{Outcome: outcome}, workflow.Sleep(ctx, 24*time.Hour)
	}, workflow.RegisterOptions{Name: litigation.WorkflowName})
}

// run starts the workflow, sends the actions at their times, and stops it at
// day end (if still running), keeping the last state.
func (h *harness) run(actions []at, end float64) {
	day := func(d float64) time.Duration { return time.Duration(d * 24 * float64(time.Hour)) }
	for _, a := range actions {
		a := a
		h.env.RegisterDelayedCallback(func() {
			if name, ok := strings.CutPrefix(a.action, "signal:"); ok {
				h.env.SignalWorkflow(name, a.body)
				return
			}
			h.env.UpdateWorkflow(a.action, "", &testsuite.TestUpdateCallback{
				OnReject:   func(err error) { h.errs = append(h.errs, a.action+": "+err.Error()) },
				OnAccept:   func() {},
				OnComplete: func(any, error) {},
			}, a.body)
		}, day(a.day))
	}
	h.env.RegisterDelayedCallback(func() {
		h.final = h.query()
		h.env.CancelWorkflow()
	}, day(end))
	h.env.ExecuteWorkflow(WorkflowName, h.in) // by name: litigation's function is also called Workflow
	if h.env.IsWorkflowCompleted() {
		var s State
		if err := h.env.GetWorkflowResult(&s); err == nil {
			h.final = s
		}
	}
}

func (h *harness) query() State {
	v, err := h.env.QueryWorkflow(QueryState)
	if err != nil {
		h.t.Fatalf("query state: %v", err)
	}
	var s State
	if err := v.Get(&s); err != nil {
		h.t.Fatal(err)
	}
	return s
}

// outboxSteps lists "step/channel" of the outbox entries, in order.
func (h *harness) outboxSteps() []string {
	var rows []models.Outbox
	h.db.Order("id").Find(&rows)
	var out []string
	for _, r := range rows {
		var s outbox.Send
		_ = jsonUnmarshal(r.Payload, &s)
		out = append(out, s.Step+"/"+s.Channel+"@"+s.DueOn.String())
	}
	return out
}

// eventKinds lists the kinds of the case's timeline, in order.
func (h *harness) eventKinds() []string {
	var evs []models.CaseEvent
	h.db.Where("case_id = ?", h.caseID).Order("id").Find(&evs)
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func (h *harness) caseRow() models.Case {
	var c models.Case
	h.db.Take(&c, h.caseID)
	return c
}

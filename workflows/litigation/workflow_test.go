package litigation_test

import (
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
	"gorm.io/gorm"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/activities/litigation/littest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/litigation"
)

var (
	start = civil.MustParse("2026-03-10").In(civil.Paris, 9, 0)
	day   = 24 * time.Hour
	d     = civil.MustParse
)

var trader = littest.Case{DebtorKind: models.Trader, LegalForm: "SAS", PostalCode: "92000", City: "Nanterre", InseeCode: "92050",
	RCSCity: "Nanterre", DueDate: d("2025-05-15"), TotalCents: 1_234_567}

// action is something legal staff do at a point of the test's virtual time.
type action struct {
	after  time.Duration
	name   string // an update or signal name; "" runs do
	update bool
	arg    any
	reject string // an update the validator must refuse, with this text
	do     func(t *testing.T, db *gorm.DB, caseID uint)
	status string // the `state` query must answer this status
}

func filed(after time.Duration, date string) action {
	return action{after: after, name: litigation.UpdateFiled, update: true,
		arg: litigation.Filed{Date: d(date), Channel: "infogreffe", Reference: "IP-26-001", Actor: "juriste@test"}}
}

func ordonnance(after time.Duration, outcome string, cents int64, date string) action {
	return action{after: after, name: litigation.UpdateOrdonnanceRendered, update: true,
		arg: litigation.OrdonnanceRendered{Outcome: outcome, AmountCents: cents, Date: d(date)}}
}

func signified(after time.Duration, date string) action {
	return action{after: after, name: litigation.UpdateSignified, update: true,
		arg: litigation.Signified{Date: d(date), Commissaire: "Maître Paul Huissier"}}
}

func paid(after time.Duration, date string) action {
	return action{after: after, name: litigation.SignalPaid, arg: litigation.Paid{Date: d(date), AmountCents: 1_234_567}}
}

func rejected(a action, why string) action { a.reject = why; return a }

// event is a timeline event expected on a given day.
type event struct {
	kind string
	on   string
}

func TestWorkflowPaths(t *testing.T) {
	tests := []struct {
		name    string
		seed    littest.Case
		actions []action
		outcome string
		status  models.LitigationStatus
		events  []event
		check   func(t *testing.T, f models.LitigationFile)
	}{
		{
			name: "paid before filing", seed: trader,
			actions: []action{paid(2*day, "2026-03-12")},
			outcome: litigation.OutcomePaid, status: models.LitigationPaid,
			events: []event{{"dossier_ready", "2026-03-10"}, {"litigation_paid", "2026-03-12"}},
		},
		{
			name: "ordonnance rejected", seed: trader,
			actions: []action{
				rejected(signified(time.Hour, "2026-03-10"), `not allowed while the litigation is "ready"`),
				rejected(filed(time.Hour, "2026-03-11"), "in the future"),
				filed(day, "2026-03-11"),
				ordonnance(20*day, litigation.OrdonnanceRejected, 0, "2026-03-30"),
			},
			outcome: litigation.OutcomeRejected, status: models.LitigationRejected,
			events: []event{{"ip_filed", "2026-03-11"}, {"ordonnance_rendered", "2026-03-30"}},
		},
		{
			name: "opposition within the month", seed: trader,
			actions: []action{
				filed(day, "2026-03-11"),
				rejected(ordonnance(20*day, "maybe", 0, "2026-03-30"), "outcome"),
				ordonnance(21*day, litigation.OrdonnanceAccepted, 0, "2026-03-30"),
				rejected(signified(40*day, "2026-03-29"), "before the ordonnance"),
				signified(40*day, "2026-04-17"),
				{after: 50 * day, name: litigation.UpdateOpposition, update: true, arg: litigation.Opposition{Date: d("2026-04-28")}},
			},
			outcome: litigation.OutcomeOpposition, status: models.LitigationOpposition,
			events: []event{{"ordonnance_signified", "2026-04-19"}, {"ordonnance_opposition", "2026-04-29"}},
			check: func(t *testing.T, f models.LitigationFile) {
				if f.Commissaire != "Maître Paul Huissier" || f.SignificationDate != d("2026-04-17") || f.OppositionDate != d("2026-04-28") {
					t.Errorf("file %+v", f)
				}
			},
		},
		{
			name: "enforceable one month after service without opposition", seed: trader,
			actions: []action{
				filed(day, "2026-03-11"),
				ordonnance(21*day, litigation.OrdonnanceAccepted, 0, "2026-03-30"),
				signified(40*day, "2026-04-17"), // last day to oppose: Sunday 17 May, carried to Monday 18 May
			},
			outcome: litigation.OutcomeEnforceable, status: models.LitigationEnforceable,
			events: []event{{"ordonnance_enforceable", "2026-05-19"}},
			check: func(t *testing.T, f models.LitigationFile) {
				if f.EnforceableDate != d("2026-05-19") || f.OrdonnanceAmountCents == 0 {
					t.Errorf("file %+v", f)
				}
			},
		},
		{
			name: "partial ordonnance never served: warning at five months, lapse at six", seed: trader,
			actions: []action{
				filed(day, "2026-03-11"),
				rejected(ordonnance(21*day, litigation.OrdonnancePartial, 0, "2026-03-30"), "amount_cents"),
				ordonnance(21*day, litigation.OrdonnancePartial, 500_000, "2026-03-30"),
			},
			outcome: litigation.OutcomeLapsed, status: models.LitigationLapsed,
			events: []event{{"ordonnance_lapse_warning", "2026-08-30"}, {"ordonnance_lapsed", "2026-10-01"}},
			check: func(t *testing.T, f models.LitigationFile) {
				if f.OrdonnanceOutcome != "partial" || f.OrdonnanceAmountCents != 500_000 {
					t.Errorf("file %+v", f)
				}
			},
		},
		{
			name: "served after the warning: no lapse", seed: trader,
			actions: []action{
				filed(day, "2026-03-11"),
				ordonnance(21*day, litigation.OrdonnanceAccepted, 0, "2026-03-30"),
				signified(175*day, "2026-08-31"),
				rejected(action{after: 205*day - 4*time.Hour, name: litigation.UpdateOpposition, update: true,
					arg: litigation.Opposition{Date: d("2026-10-01")}}, "late"),
			},
			outcome: litigation.OutcomeEnforceable, status: models.LitigationEnforceable,
			events: []event{{"ordonnance_lapse_warning", "2026-08-30"}, {"ordonnance_enforceable", "2026-10-01"}},
		},
		{
			name: "court to choose, then filed and paid",
			seed: littest.Case{DebtorKind: models.Trader, LegalForm: "SARL", PostalCode: "92000", City: "Nullepart",
				DueDate: d("2025-05-15"), TotalCents: 50_000},
			actions: []action{
				{after: time.Hour, status: litigation.StatusAwaitingCourt},
				rejected(filed(day, "2026-03-11"), `"awaiting_court"`),
				{after: day + time.Hour, do: chooseFirstCandidate},
				{after: day + 2*time.Hour, name: litigation.SignalCourtChosen, arg: litigation.CourtChosen{Actor: "juriste@test"}},
				{after: day + 3*time.Hour, status: litigation.StatusReady},
				filed(2*day, "2026-03-12"),
				{after: 2*day + time.Hour, status: litigation.StatusFiled},
				paid(30*day, "2026-04-09"),
			},
			outcome: litigation.OutcomePaid, status: models.LitigationPaid,
			events: []event{{"court_to_choose", "2026-03-10"}, {"dossier_ready", "2026-03-11"}, {"ip_filed", "2026-03-12"}},
		},
		{
			name: "consumer close to the two-year prescription",
			seed: littest.Case{DebtorKind: models.Consumer, PostalCode: "69003", City: "Lyon", InseeCode: "69383",
				DueDate: d("2024-04-01"), TotalCents: 48_000, FormalDemand: d("2025-11-03")},
			actions: []action{paid(3*day, "2026-03-13")},
			outcome: litigation.OutcomePaid, status: models.LitigationPaid,
			events: []event{{"prescription_warning", "2026-03-10"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := testenv.SQLite(t)
			s := littest.Seed(t, db, tt.seed)
			var suite testsuite.WorkflowTestSuite
			suite.SetLogger(testenv.QuietLogger())
			env := suite.NewTestWorkflowEnvironment()
			env.SetStartTime(start)
			env.RegisterWorkflowWithOptions(litigation.Workflow, workflow.RegisterOptions{Name: litigation.WorkflowName})
			env.RegisterActivity(&litact.Activities{DB: db})
			answered, updates := 0, 0
			for _, a := range tt.actions {
				if a.update {
					updates++
				}
				env.RegisterDelayedCallback(func() { perform(t, env, db, s.CaseID, a, &answered) }, a.after)
			}
			env.ExecuteWorkflow(litigation.WorkflowName, litigation.Input{CaseID: s.CaseID, CreditorID: s.CreditorID,
				DebtorID: s.DebtorID, InvoiceID: s.InvoiceID, InvoiceNumber: "FA", DueDate: tt.seed.DueDate,
				DebtorKind: string(tt.seed.DebtorKind)})
			if !env.IsWorkflowCompleted() {
				t.Fatal("workflow did not complete")
			}
			if err := env.GetWorkflowError(); err != nil {
				t.Fatal(err)
			}
			var res litigation.Result
			if err := env.GetWorkflowResult(&res); err != nil {
				t.Fatal(err)
			}
			if answered != updates {
				t.Errorf("%d of %d updates answered", answered, updates)
			}
			if res.Outcome != tt.outcome {
				t.Errorf("outcome %q, want %q", res.Outcome, tt.outcome)
			}
			f, err := litact.File(t.Context(), db, s.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			if f.Status != tt.status {
				t.Errorf("file status %q, want %q", f.Status, tt.status)
			}
			for _, e := range tt.events {
				var ev models.CaseEvent
				if err := db.Where("case_id = ? AND kind = ?", s.CaseID, e.kind).Take(&ev).Error; err != nil {
					t.Errorf("no %s event: %v", e.kind, err)
					continue
				}
				if got := civil.Of(ev.At).String(); got != e.on {
					t.Errorf("%s event on %s, want %s", e.kind, got, e.on)
				}
			}
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}
}

// perform runs an action inside the test environment, checking that an
// update is accepted or refused as the action expects.
func perform(t *testing.T, env *testsuite.TestWorkflowEnvironment, db *gorm.DB, caseID uint, a action, answered *int) {
	switch {
	case a.status != "":
		v, err := env.QueryWorkflow(litigation.QueryState)
		var st litigation.State
		if err == nil {
			err = v.Get(&st)
		}
		if err != nil || st.Status != a.status {
			t.Errorf("state query: %+v, %v; want status %q", st, err, a.status)
		}
	case a.do != nil:
		a.do(t, db, caseID)
	case a.update:
		env.UpdateWorkflow(a.name, "", &testsuite.TestUpdateCallback{
			OnAccept: func() {
				*answered++
				if a.reject != "" {
					t.Errorf("%s %+v was accepted, want refused with %q", a.name, a.arg, a.reject)
				}
			},
			OnReject: func(err error) {
				*answered++
				if a.reject == "" || !strings.Contains(err.Error(), a.reject) {
					t.Errorf("%s %+v refused: %v (want %q)", a.name, a.arg, err, a.reject)
				}
			},
			OnComplete: func(any, error) {},
		}, a.arg)
	default:
		env.SignalWorkflow(a.name, a.arg)
	}
}

func chooseFirstCandidate(t *testing.T, db *gorm.DB, caseID uint) {
	c, err := litact.LoadCase(t.Context(), db, caseID)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := litact.DecideCourt(t.Context(), db, c, d("2026-03-11"))
	if err != nil || len(dec.Candidates) == 0 {
		t.Fatalf("decision %+v, %v", dec, err)
	}
	if _, err := litact.ChooseCourt(t.Context(), db, caseID, dec.Candidates[0].Code, "juriste@test", d("2026-03-11")); err != nil {
		t.Fatal(err)
	}
}

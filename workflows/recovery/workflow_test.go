package recovery

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

func paris(date string, hour, minute int) time.Time {
	return civil.MustParse(date).In(civil.Paris, hour, minute)
}

// TestRecoveryPaths runs every path of a case through the SDK's test
// environment: timers fire as time skips, actions arrive as updates at the
// given day, and the real activities write the outbox and the timeline.
func TestRecoveryPaths(t *testing.T) {
	const full = int64(100000)
	tests := []struct {
		name        string
		start       time.Time
		due         string
		departement string
		setup       func(h *harness)
		actions     []at
		end         float64
		wantStatus  models.CaseStatus
		wantPhase   string
		wantLevel   int
		wantOutbox  []string // step/channel@date, in order
		wantEvents  []string // a subsequence of the timeline's kinds
		wantRefused []string // actions refused, by name
		check       func(t *testing.T, h *harness)
	}{
		{
			name: "paid before the first reminder", start: paris("2026-11-02", 9, 30), due: "2026-11-30",
			actions:    []at{{5, ActionPayment, Action{AmountCents: full, Reference: "VIR 123"}}},
			end:        40,
			wantStatus: models.CasePaid, wantPhase: PhaseClosed,
			wantEvents: []string{"case_opened", "payment", "closed"},
		},
		{
			name: "partial then full payment", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{
				{1, ActionPayment, Action{AmountCents: 40000}},
				{12.5, ActionPayment, Action{AmountCents: 60000}},
			},
			end:        40,
			wantStatus: models.CasePaid, wantPhase: PhaseClosed, wantLevel: 2,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02", "call1/phone_task@2026-11-09",
				"level2/email@2026-11-12", "level2/letter@2026-11-12"},
			wantEvents: []string{"case_opened", "step", "payment", "step", "step", "payment", "closed"},
			check: func(t *testing.T, h *harness) {
				var inv models.Invoice
				h.db.Take(&inv, h.in.InvoiceID)
				if inv.Status != models.InvoicePaid || inv.OutstandingCents != 0 {
					t.Errorf("invoice mirrored as %s with %d outstanding", inv.Status, inv.OutstandingCents)
				}
			},
		},
		{
			name: "a payment unlettered raises the balance again", start: paris("2026-11-02", 9, 30), due: "2026-11-30",
			actions: []at{
				{1, "signal:payment", Action{AmountCents: 40000}},
				{2, "signal:payment_reversed", Action{AmountCents: 40000, Reason: "mauvais débiteur"}},
			},
			end:        3,
			wantStatus: models.CaseOpen, wantPhase: PhasePreDue,
			wantEvents: []string{"payment", "payment_reversed"},
			check: func(t *testing.T, h *harness) {
				if h.final.BalanceCents != 100000 {
					t.Errorf("balance %d after the reversal, want 100000", h.final.BalanceCents)
				}
			},
		},
		{
			name: "overpayment is recorded", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions:    []at{{1, "signal:payment", Action{AmountCents: 120000}}},
			end:        10,
			wantStatus: models.CasePaid, wantPhase: PhaseClosed, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02"},
			wantEvents: []string{"payment", "overpayment", "closed"},
			check: func(t *testing.T, h *harness) {
				if h.final.OverpaidCents != 20000 {
					t.Errorf("overpaid %d, want 20000", h.final.OverpaidCents)
				}
			},
		},
		{
			name: "promise kept in full", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{
				{0.1, ActionPromise, Action{Date: civil.MustParse("2026-11-20"), AmountCents: full}},
				{15, ActionPayment, Action{AmountCents: full}},
			},
			end:        40,
			wantStatus: models.CasePaid, wantPhase: PhaseClosed, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02"}, // no call, no level 2 while promised
			wantEvents: []string{"promise", "payment", "closed"},
		},
		{
			name: "promise kept for a part: steps resume on the rest", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{
				{0.1, ActionPromise, Action{Date: civil.MustParse("2026-11-20"), AmountCents: 30000}},
				{15, ActionPayment, Action{AmountCents: 30000}},
			},
			end:        16,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 2,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02", "call1/phone_task@2026-11-17",
				"level2/email@2026-11-17", "level2/letter@2026-11-17"},
			wantEvents: []string{"promise", "payment", "promise_kept", "step", "step"},
		},
		{
			name: "promise broken escalates one level at once", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{{0.1, ActionPromise, Action{Date: civil.MustParse("2026-11-10"), AmountCents: 50000}}},
			end:     16,
			// Broken on 11-14 (promise + 3 days grace + 1), a Saturday: acted on Monday 11-16,
			// skipping the level-1 call and sending level 2 at once.
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 2,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02", "level2/email@2026-11-16", "level2/letter@2026-11-16"},
			wantEvents: []string{"promise", "promise_broken", "step"},
			check: func(t *testing.T, h *harness) {
				if h.final.BrokenPromises != 1 {
					t.Errorf("broken promises = %d", h.final.BrokenPromises)
				}
			},
		},
		{
			name: "dispute suspends, reminds, and a credit note closes", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{
				{0.1, ActionDisputeOpen, Action{Reason: "Marchandise livrée abîmée"}},
				{20, ActionDisputeResolve, Action{Outcome: "upheld", CreditNoteCents: full}},
			},
			end:        40,
			wantStatus: models.CaseCancelled, wantPhase: PhaseClosed, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02"},
			wantEvents: []string{"dispute_opened", "dispute_reminder", "dispute_resolved", "credit_note", "closed"},
		},
		{
			name: "dispute resolved with a partial credit note: the case goes on", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{
				{0.1, ActionDisputeOpen, Action{Reason: "Prix contesté"}},
				{3, ActionDisputeResolve, Action{Outcome: "partially_upheld", CreditNoteCents: 25000}},
			},
			end:        8,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02", "call1/phone_task@2026-11-09"},
			check: func(t *testing.T, h *harness) {
				if h.final.BalanceCents != 75000 {
					t.Errorf("balance %d after a 250 € credit note, want 75000", h.final.BalanceCents)
				}
			},
		},
		{
			name: "pause and resume", start: paris("2026-11-02", 9, 30), due: "2026-11-05",
			actions: []at{
				{1, ActionPause, Action{}},
				{20, ActionResume, Action{}}, // Sunday 11-22: the overdue level 1 goes on Monday
			},
			end:        22,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 1,
			wantOutbox: []string{"pre_due/email@2026-11-02", "level1/email@2026-11-23", "level1/letter@2026-11-23"},
			wantEvents: []string{"paused", "resumed", "step"},
		},
		{
			name: "pause until a date", start: paris("2026-11-02", 9, 30), due: "2026-11-05",
			actions:    []at{{1, ActionPause, Action{Until: civil.MustParse("2026-11-18")}}},
			end:        17,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 1,
			wantOutbox: []string{"pre_due/email@2026-11-02", "level1/email@2026-11-18", "level1/letter@2026-11-18"},
			wantEvents: []string{"paused", "resumed", "step"},
		},
		{
			name: "escalate now", start: paris("2026-11-02", 9, 30), due: "2026-11-05",
			actions:    []at{{1, ActionEscalate, Action{}}},
			end:        2,
			wantStatus: models.CaseOpen, wantPhase: PhasePreDue, wantLevel: 1,
			wantOutbox: []string{"pre_due/email@2026-11-02", "level1/email@2026-11-03", "level1/letter@2026-11-03"},
			wantEvents: []string{"escalated", "step"},
		},
		{
			name: "skip a step", start: paris("2026-11-02", 9, 30), due: "2026-11-05",
			actions:    []at{{1, ActionSkip, Action{}}},
			end:        8,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 1,
			wantOutbox: []string{"pre_due/email@2026-11-02", "call1/phone_task@2026-11-10"},
			wantEvents: []string{"step_skipped", "step"},
		},
		{
			name: "call logged with a promise", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions: []at{{0.2, ActionCallLogged, Action{Outcome: "promise", Notes: "Paiement fin de mois",
				Date: civil.MustParse("2026-11-30"), AmountCents: full, NextCallDate: civil.MustParse("2026-12-01")}}},
			end:        10,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02"},
			wantEvents: []string{"call", "promise"},
			check: func(t *testing.T, h *harness) {
				if h.final.Promise == nil || h.final.Promise.AmountCents != full {
					t.Errorf("promise = %+v", h.final.Promise)
				}
			},
		},
		{
			name: "delegate to a partner", start: paris("2026-11-02", 9, 30), due: "2026-11-30",
			actions:    []at{{1, ActionDelegate, Action{PartnerID: 7}}},
			end:        2,
			wantStatus: models.CaseOpen, wantPhase: PhasePreDue,
			wantEvents: []string{"delegated"},
			check: func(t *testing.T, h *harness) {
				if c := h.caseRow(); c.PartnerID == nil || *c.PartnerID != 7 {
					t.Errorf("case row partner = %v, want 7", c.PartnerID)
				}
			},
		},
		{
			name: "delegate and recall", start: paris("2026-11-02", 9, 30), due: "2026-11-30",
			actions:    []at{{1, ActionDelegate, Action{PartnerID: 7}}, {2, ActionRecall, Action{}}, {3, ActionRecall, Action{}}},
			end:        4,
			wantStatus: models.CaseOpen, wantPhase: PhasePreDue,
			wantEvents:  []string{"delegated", "recalled"},
			wantRefused: []string{ActionRecall},
			check: func(t *testing.T, h *harness) {
				if c := h.caseRow(); c.PartnerID != nil || h.final.PartnerID != nil {
					t.Errorf("partner still set after recall: %v", c.PartnerID)
				}
			},
		},
		{
			name: "litigation approved by legal staff", start: paris("2026-11-02", 9, 30), due: "2026-10-01",
			setup: func(h *harness) { h.litigationOutcome("paid") },
			actions: []at{
				{11, ActionApproveLitigation, Action{Role: "credit_manager"}}, // refused: legal only
				{12, ActionApproveLitigation, Action{Role: "legal", By: "juriste@example.fr"}},
			},
			end: 30,
			// Formal demand at once (its date has passed), deadline 11-10; 11-11 is a holiday,
			// so the case goes to litigation on 11-12.
			wantStatus: models.CasePaid, wantPhase: PhaseClosed, wantLevel: 3,
			wantOutbox:  []string{"formal_demand/registered_letter@2026-11-02", "formal_demand/email@2026-11-02"},
			wantEvents:  []string{"formal_demand_sent", "litigation_pending", "litigation_approved", "litigation_started", "litigation_done", "closed"},
			wantRefused: []string{ActionApproveLitigation},
			check: func(t *testing.T, h *harness) {
				var ev models.CaseEvent
				h.db.Where("case_id = ? AND kind = ?", h.caseID, "litigation_pending").Take(&ev)
				if got := civil.Of(ev.At).String(); got != "2026-11-12" {
					t.Errorf("litigation pending on %s, want 2026-11-12 (after the 11 November holiday)", got)
				}
			},
		},
		{
			name: "litigation rejected", start: paris("2026-11-02", 9, 30), due: "2026-10-01",
			actions:    []at{{12, ActionRejectLitigation, Action{Role: "legal", Reason: "Montant trop faible"}}},
			end:        20,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 3,
			wantOutbox: []string{"formal_demand/registered_letter@2026-11-02", "formal_demand/email@2026-11-02"},
			wantEvents: []string{"litigation_pending", "litigation_rejected"},
			check: func(t *testing.T, h *harness) {
				if h.final.Litigation != "rejected" || h.final.LitigationNote != "Montant trop faible" {
					t.Errorf("litigation = %q (%q)", h.final.Litigation, h.final.LitigationNote)
				}
			},
		},
		{
			name: "write-off", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions:    []at{{1, ActionWriteOff, Action{Reason: "Débiteur en liquidation"}}, {2, ActionPause, Action{}}},
			end:        5,
			wantStatus: models.CaseWrittenOff, wantPhase: PhaseClosed, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02"},
			wantEvents: []string{"closed"}, // the workflow then ends: later actions find no case to act on
		},
		{
			name: "cancel", start: paris("2026-11-02", 9, 30), due: "2026-10-30",
			actions:    []at{{1, ActionCancel, Action{}}},
			end:        5,
			wantStatus: models.CaseCancelled, wantPhase: PhaseClosed, wantLevel: 1,
			wantOutbox: []string{"level1/email@2026-11-02", "level1/letter@2026-11-02"},
		},
		{
			name: "refused actions change nothing", start: paris("2026-11-02", 9, 30), due: "2026-11-30",
			actions: []at{
				{1, ActionResume, Action{}},
				{1, ActionDisputeResolve, Action{Outcome: "upheld"}},
				{1, ActionPromise, Action{Date: civil.MustParse("2026-10-01"), AmountCents: 100}},
				{1, ActionPromise, Action{Date: civil.MustParse("2026-12-01"), AmountCents: 200000}},
				{1, ActionApproveLitigation, Action{Role: "legal"}},
			},
			end:        2,
			wantStatus: models.CaseOpen, wantPhase: PhasePreDue,
			wantRefused: []string{ActionResume, ActionDisputeResolve, ActionPromise, ActionPromise, ActionApproveLitigation},
			wantEvents:  []string{"case_opened"},
		},
		{
			name: "step moved off Christmas", start: paris("2026-12-01", 9, 30), due: "2026-12-22",
			end:        40,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 2,
			// Level 1 falls on Friday 25 December: sent Monday 28.
			wantOutbox: []string{"pre_due/email@2026-12-14", "level1/email@2026-12-28", "level1/letter@2026-12-28",
				"call1/phone_task@2027-01-04", "level2/email@2027-01-07", "level2/letter@2027-01-07"},
		},
		{
			name: "Good Friday and Easter Monday in Bas-Rhin", start: paris("2027-03-22", 9, 30), due: "2027-03-23",
			departement: "67",
			end:         4,
			wantStatus:  models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 0,
			wantOutbox: []string{"pre_due/email@2027-03-22"}, // level 1 due 26 March moves to 30 March
			check: func(t *testing.T, h *harness) {
				if h.final.NextStepDate.String() != "2027-03-30" {
					t.Errorf("next step on %s, want 2027-03-30", h.final.NextStepDate)
				}
			},
		},
		{
			name: "Good Friday is a working day outside Alsace-Moselle", start: paris("2027-03-22", 9, 30), due: "2027-03-23",
			end:        5,
			wantStatus: models.CaseOpen, wantPhase: PhaseAmicable, wantLevel: 1,
			wantOutbox: []string{"pre_due/email@2027-03-22", "level1/email@2027-03-26", "level1/letter@2027-03-26"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.start, tt.due, 100000)
			if tt.departement != "" {
				h.in.Departement = tt.departement
			}
			if tt.setup != nil {
				tt.setup(h)
			}
			h.run(tt.actions, tt.end)
			if err := h.env.GetWorkflowError(); err != nil && !strings.Contains(err.Error(), "canceled") {
				t.Errorf("workflow failed: %v", err)
			}
			s := h.final
			if s.Status != tt.wantStatus || s.Phase != tt.wantPhase || s.Level != tt.wantLevel {
				t.Errorf("status %s, phase %s, level %d; want %s, %s, %d", s.Status, s.Phase, s.Level, tt.wantStatus, tt.wantPhase, tt.wantLevel)
			}
			if got := h.outboxSteps(); strings.Join(got, " ") != strings.Join(tt.wantOutbox, " ") {
				t.Errorf("outbox:\n got  %v\n want %v", got, tt.wantOutbox)
			}
			if kinds := h.eventKinds(); !isSubsequence(tt.wantEvents, kinds) {
				t.Errorf("timeline %v lacks, in order, %v", kinds, tt.wantEvents)
			}
			var refused []string
			for _, e := range h.errs {
				refused = append(refused, strings.SplitN(e, ":", 2)[0])
			}
			if strings.Join(refused, ",") != strings.Join(tt.wantRefused, ",") {
				t.Errorf("refused %v, want %v", h.errs, tt.wantRefused)
			}
			c := h.caseRow()
			if c.Status != s.Status || c.Phase != s.Phase || c.Level != s.Level || c.BalanceCents != s.BalanceCents {
				t.Errorf("case row %s/%s/%d/%d does not mirror the state %s/%s/%d/%d", c.Status, c.Phase, c.Level, c.BalanceCents, s.Status, s.Phase, s.Level, s.BalanceCents)
			}
			if tt.check != nil {
				tt.check(t, h)
			}
		})
	}
}

func isSubsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

// TestScenarioChangeDoesNotAffectRunningCase: a case keeps the scenario
// version it started with when a new version becomes active.
func TestScenarioChangeDoesNotAffectRunningCase(t *testing.T) {
	h := newHarness(t, paris("2026-11-02", 9, 30), "2026-11-02", 100000)
	v1 := `[{"name":"only","label":"Unique relance","anchor":"due_date","delay_days":5,"channels":["email"],"level":1}]`
	h.db.Create(&models.Scenario{Name: "court", Version: 1, Steps: v1, Active: true})
	h.env.RegisterDelayedCallback(func() {
		h.db.Model(&models.Scenario{}).Where("1 = 1").Update("active", false)
		v2 := `[{"name":"other","label":"Autre","anchor":"due_date","delay_days":2,"channels":["letter"],"level":1}]`
		h.db.Create(&models.Scenario{Name: "court", Version: 2, Steps: v2, Active: true})
	}, time.Hour)
	h.run(nil, 10)
	if got := h.outboxSteps(); !slices.Equal(got, []string{"only/email@2026-11-09"}) {
		t.Errorf("outbox %v, want the v1 step only", got)
	}
	if h.final.Scenario.Version != 1 || h.final.Scenario.Name != "court" {
		t.Errorf("running scenario %s v%d", h.final.Scenario.Name, h.final.Scenario.Version)
	}
}

// TestContinueAsNewCarriesTheState: when the server suggests it (a long
// history), the workflow continues as new with its whole state.
func TestContinueAsNewCarriesTheState(t *testing.T) {
	h := newHarness(t, paris("2026-11-02", 9, 30), "2026-11-30", 100000)
	var actions []at
	for i := range 10 {
		actions = append(actions, at{0.01 * float64(i+1), ActionPayment, Action{AmountCents: 100}})
	}
	h.env.RegisterDelayedCallback(func() { h.env.SetContinueAsNewSuggested(true) }, 3*time.Hour)
	actions = append(actions, at{0.2, ActionPayment, Action{AmountCents: 100}})
	h.run(actions, 5)
	var canErr *workflow.ContinueAsNewError
	if err := h.env.GetWorkflowError(); !errors.As(err, &canErr) {
		t.Fatalf("workflow ended with %v, want continue-as-new", err)
	}
	var next Input
	if err := converter.GetDefaultDataConverter().FromPayloads(canErr.Input, &next); err != nil {
		t.Fatal(err)
	}
	r := next.Resume
	if r == nil || r.BalanceCents != 100000-11*100 || r.Generation != 1 || len(r.Pending) != 0 || r.EventSeq < 12 {
		t.Fatalf("carried state = %+v", r)
	}
	if next.CaseID != h.caseID || r.Scenario.Name != "default" {
		t.Errorf("carried input = %+v", next)
	}
	var n int64
	h.db.Model(&models.CaseEvent{}).Where("case_id = ? AND kind = 'payment'", h.caseID).Count(&n)
	if n != 11 {
		t.Errorf("%d payment events written before continuing, want 11", n)
	}
}

package litigation

import (
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// Workflow runs the litigation of one case until the claim is paid, the
// ordonnance is enforceable, rejected, lapsed or opposed.
func Workflow(ctx workflow.Context, in Input) (Result, error) {
	w := &litigation{in: in, needPrepare: true, state: State{
		CaseID: in.CaseID, Status: StatusPreparing, Alerts: []string{},
	}}
	if !in.DueDate.IsZero() {
		w.state.PrescriptionDate = PrescriptionDate(in.DueDate, in.DebtorKind == string(models.Consumer))
	}
	if err := w.setup(ctx); err != nil {
		return Result{}, err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Minute,
		// A missing rate or a missing formal demand is fixed by a person;
		// retrying hourly picks the fix up without restarting anything.
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: 5 * time.Second, MaximumInterval: time.Hour},
	})
	if err := w.run(ctx); err != nil {
		return Result{}, err
	}
	return Result{Outcome: w.state.Outcome}, nil
}

type litigation struct {
	in          Input
	state       State
	needPrepare bool
	pending     []litact.Step // steps to record, in order
}

func (w *litigation) run(ctx workflow.Context) error {
	for {
		if err := w.flush(ctx); err != nil {
			return err
		}
		if w.state.Outcome != "" {
			return nil
		}
		if w.needPrepare {
			w.needPrepare = false
			if err := w.prepare(ctx); err != nil {
				return err
			}
			continue
		}
		woken := func() bool { return len(w.pending) > 0 || w.needPrepare || w.state.Outcome != "" }
		a, ok := w.nextAlarm()
		if !ok {
			if err := workflow.Await(ctx, woken); err != nil {
				return err
			}
			continue
		}
		wait := a.at.In(civil.Paris, 9, 0).Sub(workflow.Now(ctx))
		if wait > 0 {
			awoken, err := workflow.AwaitWithTimeout(ctx, wait, woken)
			if err != nil {
				return err
			}
			if awoken {
				continue
			}
		}
		w.fire(ctx, a)
	}
}

// prepare runs the claim, court and dossier activity and moves to ready, or
// waits for legal staff to choose the court.
func (w *litigation) prepare(ctx workflow.Context) error {
	var a *litact.Activities
	var p litact.Prepared
	err := workflow.ExecuteActivity(ctx, a.Prepare, litact.PrepareInput{CaseID: w.in.CaseID, On: w.today(ctx), At: workflow.Now(ctx)}).Get(ctx, &p)
	if err != nil {
		return fmt.Errorf("prepare litigation of case %d: %w", w.in.CaseID, err)
	}
	s := &w.state
	s.ClaimCents, s.Currency, s.CourtName, s.Cerfa = p.TotalCents, p.Currency, p.CourtName, p.Cerfa
	s.FeeCents, s.DossierPDFID, s.DossierZIPID, s.Warnings = p.FeeCents, p.DossierPDFID, p.DossierZIPID, p.Warnings
	if s.Outcome != "" || (s.Status != StatusPreparing && s.Status != StatusAwaitingCourt) {
		return nil
	}
	if p.NeedsChoice {
		s.Status = StatusAwaitingCourt
	} else {
		s.Status = StatusReady
	}
	return nil
}

// alarm is a deadline the workflow sleeps until.
type alarm struct {
	kind string
	at   civil.Date
}

// nextAlarm is the earliest deadline still to come in the current status.
func (w *litigation) nextAlarm() (alarm, bool) {
	s := w.state
	var alarms []alarm
	switch s.Status {
	case StatusPreparing, StatusAwaitingCourt, StatusReady:
		if w.in.DueDate.IsZero() {
			break // no due date, no limitation period to watch
		}
		consumer := w.in.DebtorKind == string(models.Consumer)
		alarms = append(alarms, alarm{"prescription_warning", PrescriptionWarningDate(w.in.DueDate, consumer)})
	case StatusOrdered:
		alarms = append(alarms, alarm{"lapse_warning", LapseWarningDate(s.OrdonnanceDate)},
			alarm{"lapsed", LapseDate(s.OrdonnanceDate).AddDays(1)})
	case StatusSignified:
		alarms = append(alarms, alarm{"enforceable", EnforceableDate(s.SignificationDate)})
	}
	var next alarm
	found := false
	for _, a := range alarms {
		if slices.Contains(s.Alerts, a.kind) {
			continue
		}
		if !found || a.at.Before(next.at) {
			next, found = a, true
		}
	}
	return next, found
}

// fire acts on a deadline reached.
func (w *litigation) fire(ctx workflow.Context, a alarm) {
	s := &w.state
	s.Alerts = append(s.Alerts, a.kind)
	switch a.kind {
	case "prescription_warning":
		w.step(ctx, litact.Step{Key: "prescription_warning", Kind: "prescription_warning", Summary: fmt.Sprintf(
			"Prescription proche : la créance se prescrit le %s et la requête n'est pas encore déposée ; "+
				"seul le dépôt de la requête interrompt la prescription (article 2241 du Code civil).",
			s.PrescriptionDate.French())})
	case "lapse_warning":
		w.step(ctx, litact.Step{Key: "lapse_warning", Kind: "ordonnance_lapse_warning", Summary: fmt.Sprintf(
			"Ordonnance du %s toujours non signifiée : elle sera non avenue si elle n'est pas signifiée au plus tard le %s "+
				"(article 1411 du code de procédure civile). Mandater un commissaire de justice.",
			s.OrdonnanceDate.French(), LapseDate(s.OrdonnanceDate).French())})
	case "lapsed":
		s.Outcome = OutcomeLapsed
		w.step(ctx, litact.Step{Key: "lapsed", Kind: "ordonnance_lapsed", Status: models.LitigationLapsed, Summary: fmt.Sprintf(
			"Ordonnance du %s non avenue : elle n'a pas été signifiée dans les six mois (article 1411 du code de procédure civile).",
			s.OrdonnanceDate.French())})
	case "enforceable":
		s.Outcome, s.EnforceableDate = OutcomeEnforceable, a.at
		w.step(ctx, litact.Step{Key: "enforceable", Kind: "ordonnance_enforceable", Status: models.LitigationEnforceable,
			EnforceableDate: a.at, Summary: fmt.Sprintf(
				"Aucune opposition dans le mois de la signification du %s : l'ordonnance produit les effets d'un jugement "+
					"contradictoire (article 1422 du code de procédure civile) et peut être exécutée.",
				s.SignificationDate.French())})
	}
}

// step queues a step for the timeline and the litigation file.
func (w *litigation) step(ctx workflow.Context, s litact.Step) {
	s.CaseID, s.At = w.in.CaseID, workflow.Now(ctx)
	w.pending = append(w.pending, s)
}

// flush records the queued steps, in order.
func (w *litigation) flush(ctx workflow.Context) error {
	var a *litact.Activities
	for len(w.pending) > 0 {
		s := w.pending[0]
		if err := workflow.ExecuteActivity(ctx, a.RecordStep, s).Get(ctx, nil); err != nil {
			return fmt.Errorf("record %s of case %d: %w", s.Kind, w.in.CaseID, err)
		}
		w.pending = w.pending[1:]
	}
	return nil
}

func (w *litigation) today(ctx workflow.Context) civil.Date { return civil.Of(workflow.Now(ctx)) }

func (w *litigation) amount(cents int64) string {
	cur := w.state.Currency
	if cur == "" {
		cur = "EUR"
	}
	return money.Format(cents, cur)
}

package recovery

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// Workflow runs the recovery of one invoice: it waits for each step of its
// scenario, performs it, and reacts to what people and money do meanwhile.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	in.Settings = in.Settings.withDefaults()
	w := &recovery{in: in}
	if in.Resume != nil {
		w.s = *in.Resume
	} else {
		w.s = State{
			CaseID: in.CaseID, InvoiceNumber: in.InvoiceNumber, Phase: PhasePreDue, Status: models.CaseOpen,
			BalanceCents: in.BalanceCents, Currency: in.Currency, DueDate: in.DueDate,
			Done: []StepDone{}, StepOccurrences: map[string]int{},
		}
	}
	clock, err := newSendingClock(in.Settings.SendingWindow, in.Departement)
	if err != nil {
		return w.s, temporal.NewNonRetryableApplicationError("bad sending window", "BadSettings", err)
	}
	w.clock = clock
	if err := w.setup(ctx); err != nil {
		return w.s, err
	}
	err = w.run(ctx)
	return w.s, err
}

// recovery is one running case.
type recovery struct {
	in      Input
	s       State
	clock   sendingClock
	changed bool // an action arrived: the main loop must look again
	dirty   bool // the state changed: mirror it into SQL
}

// setup registers the query, one update per action and the payment signal.
func (w *recovery) setup(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (State, error) { return w.s, nil }); err != nil {
		return err
	}
	for _, name := range Actions {
		err := workflow.SetUpdateHandlerWithOptions(ctx, name,
			func(ctx workflow.Context, a Action) (State, error) {
				w.act(ctx, name, a)
				return w.s, nil
			},
			workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, a Action) error {
				return w.s.check(name, a, w.today(ctx))
			}})
		if err != nil {
			return err
		}
	}
	// Money signals come from bank reconciliation, which must not wait for a
	// worker: a payment, or the reversal of one when an allocation is unlettered.
	for _, name := range []string{ActionPayment, ActionPaymentReversed} {
		ch := workflow.GetSignalChannel(ctx, name)
		workflow.Go(ctx, func(ctx workflow.Context) {
			for {
				var a Action
				ch.Receive(ctx, &a)
				if err := w.s.check(name, a, w.today(ctx)); err != nil {
					w.note(ctx, event{Kind: "signal_refused", Summary: "Signal " + name + " non appliqué : " + err.Error()})
					continue
				}
				w.act(ctx, name, a)
			}
		})
	}
	return nil
}

// act applies an accepted action and wakes the main loop.
func (w *recovery) act(ctx workflow.Context, name string, a Action) {
	for _, ev := range w.s.apply(name, a, w.today(ctx)) {
		if a.By != "" {
			if ev.Data == nil {
				ev.Data = map[string]any{}
			}
			ev.Data["by"] = a.By
		}
		w.note(ctx, ev)
	}
	w.changed = true
}

// note queues a timeline event; the main loop writes it through an activity.
func (w *recovery) note(ctx workflow.Context, ev event) {
	w.s.EventSeq++
	w.s.Pending = append(w.s.Pending, casebook.Event{
		CaseID: w.in.CaseID, Key: fmt.Sprintf("e%d", w.s.EventSeq), At: workflow.Now(ctx),
		Kind: ev.Kind, Summary: ev.Summary, Channel: ev.Channel, Data: ev.Data,
	})
	w.dirty = true
}

func (w *recovery) today(ctx workflow.Context) civil.Date { return civil.Of(workflow.Now(ctx)) }

func (w *recovery) run(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		// Short enough that an activity lost with a crashed worker is retried
		// within seconds; every activity here is a few database writes.
		StartToCloseTimeout: 20 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: 5 * time.Minute},
	})
	if w.in.Resume == nil {
		if err := w.open(ctx); err != nil {
			return err
		}
	}
	for {
		if err := w.flush(ctx); err != nil {
			return err
		}
		if !w.s.Open() {
			break
		}
		if w.shouldContinueAsNew(ctx) {
			return w.continueAsNew(ctx)
		}
		wake, due := w.next(ctx)
		if err := w.flush(ctx); err != nil { // next() may have moved the phase or the next step
			return err
		}
		if err := w.waitUntil(ctx, wake); err != nil {
			return err
		}
		if w.changed {
			w.changed = false
			continue // something happened: look again
		}
		if err := due(ctx); err != nil {
			return err
		}
	}
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	return w.flush(ctx)
}

// open loads the scenario the case will run and writes its first event.
func (w *recovery) open(ctx workflow.Context) error {
	var a *casebook.Activities
	var stored casebook.StoredScenario
	if err := workflow.ExecuteLocalActivity(localActivity(ctx), a.ActiveScenario).Get(ctx, &stored); err != nil {
		return err
	}
	w.s.Scenario = DefaultScenario()
	if stored.StepsJSON != "" {
		sc, err := ParseSteps(stored.Name, stored.Version, stored.StepsJSON)
		if err != nil {
			return temporal.NewNonRetryableApplicationError("stored scenario is invalid", "BadScenario", err)
		}
		sc.ID = stored.ID
		w.s.Scenario = sc
	}
	today := w.today(ctx)
	if !today.Before(w.s.DueDate) {
		w.s.Phase = PhaseAmicable
	}
	// Steps whose date passed before the case opened (an invoice imported
	// late) are not sent in a burst: the case starts at the most recent one.
	w.s.NextIndex = w.firstStepToRun(today)
	w.s.Done = append(w.s.Done, StepDone{Step: "opened", Label: "Ouverture du dossier", Date: today})
	w.note(ctx, event{Kind: "case_opened", Summary: fmt.Sprintf(
		"Dossier ouvert pour la facture %s (échéance %s, solde %s, scénario %s v%d)",
		w.in.InvoiceNumber, w.in.DueDate.French(), money.Format(w.in.BalanceCents, w.in.Currency),
		w.s.Scenario.Name, w.s.Scenario.Version)})
	return nil
}

// firstStepToRun is the index of the last step already due on day today
// (so it runs now), or of the first future step when none is due.
func (w *recovery) firstStepToRun(today civil.Date) int {
	last := -1
	for i, st := range w.s.Scenario.Steps {
		if st.Anchor != AnchorDueDate {
			continue // relative steps follow the step they count from
		}
		if !stepDate(st, &w.s, today, w.clock).After(today) {
			last = i
		}
	}
	if last < 0 {
		return 0
	}
	return last
}

// waitUntil sleeps until wake (forever when zero) or until an action arrives.
func (w *recovery) waitUntil(ctx workflow.Context, wake time.Time) error {
	if wake.IsZero() {
		return workflow.Await(ctx, func() bool { return w.changed })
	}
	d := wake.Sub(workflow.Now(ctx))
	if d <= 0 {
		return nil
	}
	_, err := workflow.AwaitWithTimeout(ctx, d, func() bool { return w.changed })
	return err
}

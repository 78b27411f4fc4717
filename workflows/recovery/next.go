package recovery

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/internal/civil"
)

// duty is what the case must do when its wake-up time comes.
type duty func(ctx workflow.Context) error

// next decides what the case waits for and what it then does. A zero time
// means it waits for a person. The order is the order of precedence: a
// dispute or a pause holds everything, a promise holds the steps, then
// litigation, then the scenario's next step.
func (w *recovery) next(ctx workflow.Context) (time.Time, duty) {
	wake, d := w.nextDuty(ctx)
	// A case before its due date also wakes on the due date, to enter the
	// amicable phase on that day even when no step falls on it.
	if w.s.Phase == PhasePreDue {
		due := w.s.DueDate.In(civil.Paris, 0, 0)
		if wake.IsZero() || due.Before(wake) {
			return due, func(workflow.Context) error { return nil }
		}
	}
	return wake, d
}

func (w *recovery) nextDuty(ctx workflow.Context) (time.Time, duty) {
	s := &w.s
	now := workflow.Now(ctx)
	today := civil.Of(now)
	if s.Phase == PhasePreDue && !today.Before(s.DueDate) {
		s.Phase = PhaseAmicable
		w.dirty = true
	}
	at := func(d civil.Date) time.Time { return w.clock.wake(d, now) }
	switch {
	case s.Dispute != nil:
		from := s.Dispute.OpenedOn
		if !s.Dispute.RemindedOn.IsZero() {
			from = s.Dispute.RemindedOn
		}
		w.setNext("Relance interne : litige à résoudre", from.AddDays(w.in.Settings.DisputeSLADays))
		return at(s.NextStepDate), w.remindDispute
	case s.Paused && s.PausedUntil.IsZero():
		w.setNext("", civil.Date{})
		return time.Time{}, nil
	case s.Paused:
		w.setNext("Fin de la pause", s.PausedUntil)
		return at(s.PausedUntil), w.endPause
	case s.Promise != nil:
		until, _ := suspendedUntil(s, w.in.Settings.PromiseGraceDays)
		w.setNext("Échéance de la promesse de paiement", until)
		return at(until), w.breakPromise
	case s.Litigation == "approved":
		return now, w.litigate
	case s.Litigation != "":
		w.setNext("", civil.Date{})
		return time.Time{}, nil // awaiting approval, rejected or done: a person decides
	case s.NextIndex < len(s.Scenario.Steps):
		st := s.Scenario.Steps[s.NextIndex]
		day := stepDate(st, s, today, w.clock)
		if s.EscalateNow {
			day = today
		}
		w.setNext(st.Label, day)
		if s.EscalateNow {
			return now, w.performStep
		}
		return at(day), w.performStep
	case !s.DemandDeadline.IsZero():
		day := w.clock.businessDay(s.DemandDeadline.AddDays(1))
		w.setNext("Fin du délai de la mise en demeure", day)
		return at(day), w.demandExpired
	}
	w.setNext("", civil.Date{})
	return time.Time{}, nil
}

func (w *recovery) setNext(step string, day civil.Date) {
	if w.s.NextStep != step || w.s.NextStepDate != day {
		w.s.NextStep, w.s.NextStepDate = step, day
		w.dirty = true
	}
}

// performStep runs the scenario's next step: each of its channels goes to
// the outbox under an idempotency key, and the step joins the timeline.
func (w *recovery) performStep(ctx workflow.Context) error {
	s := &w.s
	st := s.Scenario.Steps[s.NextIndex]
	today := w.today(ctx)
	occurrence := s.StepOccurrences[st.Name] + 1
	done := StepDone{Step: st.Name, Label: st.Label, Date: today}
	for _, ch := range st.Channels {
		id, err := w.enqueue(ctx, st, ch, occurrence)
		if err != nil {
			return err
		}
		done.Outbox = append(done.Outbox, id)
	}
	s.StepOccurrences[st.Name] = occurrence
	s.NextIndex++
	s.EscalateNow = false
	s.Level = max(s.Level, st.Level)
	s.Done = append(s.Done, done)
	kind := "step"
	summary := fmt.Sprintf("%s (%s)", st.Label, channelNames(st.Channels))
	if st.FormalDemand {
		kind = "formal_demand_sent"
		s.DemandDeadline = today.AddDays(st.DeadlineDays)
		summary += ", délai de paiement jusqu'au " + s.DemandDeadline.French()
	}
	w.note(ctx, event{Kind: kind, Summary: summary, Data: map[string]any{"step": st.Name, "level": st.Level, "outbox": done.Outbox}})
	return nil
}

// demandExpired: the formal demand's deadline passed unpaid; the case goes
// to litigation and waits for legal staff to approve it.
func (w *recovery) demandExpired(ctx workflow.Context) error {
	w.s.Phase, w.s.Litigation = PhaseLitigation, "awaiting_approval"
	w.note(ctx, event{Kind: "litigation_pending", Summary: "Délai de la mise en demeure expiré : dossier transmis au service juridique pour décision"})
	return nil
}

// breakPromise: the promised date plus grace passed without the promised payment.
func (w *recovery) breakPromise(ctx workflow.Context) error {
	s := &w.s
	p := s.Promise
	s.Promise = nil
	s.BrokenPromises++
	w.note(ctx, event{Kind: "promise_broken", Summary: "Promesse de paiement du " + p.Date.French() + " non tenue : escalade d'un niveau"})
	// Escalate one level at once: skip the remaining steps of the current level.
	for s.NextIndex < len(s.Scenario.Steps) && s.Scenario.Steps[s.NextIndex].Level <= s.Level {
		st := s.Scenario.Steps[s.NextIndex]
		s.Done = append(s.Done, StepDone{Step: st.Name, Label: st.Label, Date: w.today(ctx), Skipped: true})
		s.NextIndex++
	}
	s.EscalateNow = s.NextIndex < len(s.Scenario.Steps)
	return nil
}

func (w *recovery) endPause(ctx workflow.Context) error {
	w.s.Paused, w.s.PausedUntil = false, civil.Date{}
	w.note(ctx, event{Kind: "resumed", Summary: "Fin de la pause : relances reprises"})
	return nil
}

// remindDispute asks the account manager to resolve a dispute open too long.
func (w *recovery) remindDispute(ctx workflow.Context) error {
	w.s.Dispute.RemindedOn = w.today(ctx)
	w.note(ctx, event{Kind: "dispute_reminder", Channel: ChannelInternalTask,
		Summary: fmt.Sprintf("Litige ouvert depuis le %s : à résoudre par le gestionnaire", w.s.Dispute.OpenedOn.French())})
	return nil
}

var channelLabels = map[string]string{
	ChannelEmail: "e-mail", ChannelLetter: "courrier", ChannelRegisteredLetter: "lettre recommandée avec AR",
	ChannelPhoneTask: "tâche d'appel", ChannelInternalTask: "tâche interne",
}

func channelNames(chs []string) string {
	names := make([]string, len(chs))
	for i, c := range chs {
		names[i] = channelLabels[c]
	}
	return strings.Join(names, ", ")
}

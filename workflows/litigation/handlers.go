package litigation

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/workflow"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/models"
)

// setup registers the query, the updates with their validators and the
// signal receivers. A validator refuses a step the case's state does not
// allow, before anything is written to history; the caller sees why.
func (w *litigation) setup(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (State, error) { return w.state, nil }); err != nil {
		return err
	}
	updates := []struct {
		name      string
		handler   any
		validator any
	}{
		{UpdateFiled, w.onFiled, w.validateFiled},
		{UpdateOrdonnanceRendered, w.onOrdonnance, w.validateOrdonnance},
		{UpdateSignified, w.onSignified, w.validateSignified},
		{UpdateOpposition, w.onOpposition, w.validateOpposition},
	}
	for _, u := range updates {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, u.name, u.handler,
			workflow.UpdateHandlerOptions{Validator: u.validator}); err != nil {
			return err
		}
	}
	paid := workflow.GetSignalChannel(ctx, SignalPaid)
	chosen := workflow.GetSignalChannel(ctx, SignalCourtChosen)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			sel := workflow.NewSelector(ctx)
			sel.AddReceive(paid, func(c workflow.ReceiveChannel, _ bool) {
				var p Paid
				c.Receive(ctx, &p)
				w.onPaid(ctx, p)
			})
			sel.AddReceive(chosen, func(c workflow.ReceiveChannel, _ bool) {
				var cc CourtChosen
				c.Receive(ctx, &cc)
				if w.state.Status == StatusAwaitingCourt || w.state.Status == StatusReady {
					w.needPrepare = true
				}
			})
			sel.Select(ctx)
		}
	})
	return nil
}

// ended refuses any step once the litigation has an outcome.
func (w *litigation) ended() error {
	if w.state.Outcome != "" {
		return fmt.Errorf("the litigation has ended: %s", w.state.Outcome)
	}
	return nil
}

func (w *litigation) expect(status string) error {
	if err := w.ended(); err != nil {
		return err
	}
	if w.state.Status != status {
		return fmt.Errorf("not allowed while the litigation is %q (expected %q)", w.state.Status, status)
	}
	return nil
}

func (w *litigation) validateFiled(ctx workflow.Context, f Filed) error {
	if err := w.expect(StatusReady); err != nil {
		return err
	}
	if f.Date.IsZero() || f.Date.After(w.today(ctx)) {
		return fmt.Errorf("date: %q is missing or in the future", f.Date)
	}
	if _, ok := channels[f.Channel]; !ok {
		return fmt.Errorf("channel: %q is not paper, infogreffe or tribunal_digital", f.Channel)
	}
	return nil
}

func (w *litigation) onFiled(ctx workflow.Context, f Filed) (State, error) {
	s := &w.state
	s.Status, s.FiledDate, s.FiledChannel, s.FiledReference = StatusFiled, f.Date, f.Channel, f.Reference
	summary := fmt.Sprintf("Requête en injonction de payer déposée le %s (%s)", f.Date.French(), channels[f.Channel])
	if f.Reference != "" {
		summary += ", référence " + f.Reference
	}
	w.step(ctx, litact.Step{Key: "filed", Kind: "ip_filed", Actor: f.Actor, Summary: summary, Status: models.LitigationFiled,
		FiledDate: f.Date, FiledChannel: f.Channel, FiledReference: f.Reference})
	return *s, nil
}

func (w *litigation) validateOrdonnance(ctx workflow.Context, o OrdonnanceRendered) error {
	if err := w.expect(StatusFiled); err != nil {
		return err
	}
	if o.Date.IsZero() || o.Date.After(w.today(ctx)) || o.Date.Before(w.state.FiledDate) {
		return fmt.Errorf("date: %q is missing, in the future or before the filing of %s", o.Date, w.state.FiledDate)
	}
	switch o.Outcome {
	case OrdonnanceAccepted, OrdonnanceRejected:
		if o.AmountCents < 0 {
			return fmt.Errorf("amount_cents: %d is negative", o.AmountCents)
		}
	case OrdonnancePartial:
		if o.AmountCents <= 0 || (w.state.ClaimCents > 0 && o.AmountCents >= w.state.ClaimCents) {
			return fmt.Errorf("amount_cents: %d is not a part of the %d claimed", o.AmountCents, w.state.ClaimCents)
		}
	default:
		return fmt.Errorf("outcome: %q is not accepted, partial or rejected", o.Outcome)
	}
	return nil
}

func (w *litigation) onOrdonnance(ctx workflow.Context, o OrdonnanceRendered) (State, error) {
	s := &w.state
	s.OrdonnanceOutcome, s.OrdonnanceDate = o.Outcome, o.Date
	step := litact.Step{Key: "ordonnance", Kind: "ordonnance_rendered", Actor: o.Actor, OrdonnanceOutcome: o.Outcome,
		OrdonnanceDate: o.Date}
	switch o.Outcome {
	case OrdonnanceRejected:
		s.Outcome = OutcomeRejected
		step.Status = models.LitigationRejected
		step.Summary = fmt.Sprintf("Ordonnance du %s : requête rejetée. Le rejet n'est pas susceptible de recours ; "+
			"reste la voie d'une assignation selon les voies de droit commun (article 1409 du code de procédure civile).", o.Date.French())
	default:
		amount := o.AmountCents
		if o.Outcome == OrdonnanceAccepted && amount == 0 {
			amount = s.ClaimCents
		}
		s.Status, s.OrdonnanceAmountCents, s.LapseDate = StatusOrdered, amount, LapseDate(o.Date)
		step.Status, step.OrdonnanceAmountCents = models.LitigationOrdered, amount
		what := "accueillie en totalité"
		if o.Outcome == OrdonnancePartial {
			what = "accueillie partiellement"
		}
		step.Summary = fmt.Sprintf("Ordonnance portant injonction de payer du %s : requête %s, pour %s. "+
			"À signifier au plus tard le %s.", o.Date.French(), what, w.amount(amount), s.LapseDate.French())
	}
	w.step(ctx, step)
	return *s, nil
}

func (w *litigation) validateSignified(ctx workflow.Context, sg Signified) error {
	if err := w.expect(StatusOrdered); err != nil {
		return err
	}
	if sg.Date.IsZero() || sg.Date.After(w.today(ctx)) || sg.Date.Before(w.state.OrdonnanceDate) {
		return fmt.Errorf("date: %q is missing, in the future or before the ordonnance of %s", sg.Date, w.state.OrdonnanceDate)
	}
	if sg.Date.After(w.state.LapseDate) {
		return fmt.Errorf("date: %s is after %s, when the ordonnance lapsed (article 1411 CPC)", sg.Date, w.state.LapseDate)
	}
	if sg.Commissaire == "" {
		return errors.New("commissaire: the commissaire de justice who served is required")
	}
	return nil
}

func (w *litigation) onSignified(ctx workflow.Context, sg Signified) (State, error) {
	s := &w.state
	s.Status, s.SignificationDate, s.Commissaire = StatusSignified, sg.Date, sg.Commissaire
	s.OppositionDeadline = OppositionDeadline(sg.Date)
	w.step(ctx, litact.Step{Key: "signified", Kind: "ordonnance_signified", Actor: sg.Actor, Status: models.LitigationSignified,
		SignificationDate: sg.Date, Commissaire: sg.Commissaire, Summary: fmt.Sprintf(
			"Ordonnance signifiée le %s par %s ; le débiteur peut former opposition jusqu'au %s inclus (article 1416 du code de procédure civile).",
			sg.Date.French(), sg.Commissaire, s.OppositionDeadline.French())})
	return *s, nil
}

func (w *litigation) validateOpposition(ctx workflow.Context, o Opposition) error {
	if err := w.expect(StatusSignified); err != nil {
		return err
	}
	if o.Date.IsZero() || o.Date.After(w.today(ctx)) || o.Date.Before(w.state.SignificationDate) {
		return fmt.Errorf("date: %q is missing, in the future or before the service of %s", o.Date, w.state.SignificationDate)
	}
	if o.Date.After(w.state.OppositionDeadline) {
		return fmt.Errorf("date: %s is after the last day to oppose, %s: the opposition is late", o.Date, w.state.OppositionDeadline)
	}
	return nil
}

func (w *litigation) onOpposition(ctx workflow.Context, o Opposition) (State, error) {
	s := &w.state
	s.OppositionDate, s.Outcome = o.Date, OutcomeOpposition
	w.step(ctx, litact.Step{Key: "opposition", Kind: "ordonnance_opposition", Actor: o.Actor, Status: models.LitigationOpposition,
		OppositionDate: o.Date, Summary: fmt.Sprintf("Opposition formée par le débiteur le %s : l'affaire est renvoyée devant "+
			"le tribunal, qui statuera sur la demande (articles 1417 et suivants du code de procédure civile).", o.Date.French())})
	return *s, nil
}

// onPaid closes the litigation: payment ends it whatever the court stage.
func (w *litigation) onPaid(ctx workflow.Context, p Paid) {
	if w.state.Outcome != "" {
		return
	}
	s := &w.state
	s.Outcome, s.PaidDate, s.PaidCents = OutcomePaid, p.Date, p.AmountCents
	if s.PaidDate.IsZero() {
		s.PaidDate = w.today(ctx)
	}
	w.step(ctx, litact.Step{Key: "paid", Kind: "litigation_paid", Actor: p.Actor, Status: models.LitigationPaid, Summary: fmt.Sprintf(
		"Paiement de %s reçu le %s : la procédure d'injonction de payer est close.", w.amount(p.AmountCents), s.PaidDate.French())})
}

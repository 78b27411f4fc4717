package recovery

import (
	"fmt"
	"slices"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// Actions people (and lettrage) take on a case. Each is a Temporal update of
// that name: the workflow validates it against its state and the caller
// learns at once whether it was accepted. ActionPayment is also a signal,
// for senders that must not wait for a worker (bank reconciliation).
const (
	ActionPayment           = "payment"
	ActionPaymentReversed   = "payment_reversed" // an allocation was unlettered: the invoice owes again
	ActionPromise           = "promise"
	ActionDisputeOpen       = "dispute_open"
	ActionDisputeResolve    = "dispute_resolve"
	ActionPause             = "pause"
	ActionResume            = "resume"
	ActionEscalate          = "escalate"
	ActionSkip              = "skip"
	ActionCallLogged        = "call_logged"
	ActionDelegate          = "delegate"
	ActionRecall            = "recall"
	ActionApproveLitigation = "approve_litigation"
	ActionRejectLitigation  = "reject_litigation"
	ActionWriteOff          = "write_off"
	ActionCancel            = "cancel"
)

// Actions lists every action, in a fixed order (handlers are registered in it).
var Actions = []string{
	ActionPayment, ActionPaymentReversed, ActionPromise, ActionDisputeOpen, ActionDisputeResolve, ActionPause, ActionResume,
	ActionEscalate, ActionSkip, ActionCallLogged, ActionDelegate, ActionRecall,
	ActionApproveLitigation, ActionRejectLitigation, ActionWriteOff, ActionCancel,
}

// Call outcomes of ActionCallLogged.
var CallOutcomes = []string{"reached", "not_reached", "promise", "dispute", "wrong_number"}

// Action is the body of every action; each action reads the fields it needs.
type Action struct {
	By              string     `json:"by,omitempty"`   // who acts; the API sets it from the login
	Role            string     `json:"role,omitempty"` // the actor's role; the API sets it
	AmountCents     int64      `json:"amount_cents,omitempty"`
	Date            civil.Date `json:"date"`
	Reference       string     `json:"reference,omitempty"`
	Reason          string     `json:"reason,omitempty"`
	Outcome         string     `json:"outcome,omitempty"`
	CreditNoteCents int64      `json:"credit_note_cents,omitempty"`
	Until           civil.Date `json:"until"`
	Notes           string     `json:"notes,omitempty"`
	NextCallDate    civil.Date `json:"next_call_date"`
	PartnerID       uint       `json:"partner_id,omitempty"`
}

// FieldError names a missing or wrong field of an action's body.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// CheckBody validates an action's body alone, before any state is known: the
// API answers 400 with these errors.
func CheckBody(name string, a Action) []FieldError {
	var errs []FieldError
	need := func(ok bool, field, msg string) {
		if !ok {
			errs = append(errs, FieldError{field, msg})
		}
	}
	switch name {
	case ActionPayment, ActionPaymentReversed:
		need(a.AmountCents > 0, "amount_cents", "must be a positive number of cents")
	case ActionPromise:
		need(!a.Date.IsZero(), "date", "the promised date is required (YYYY-MM-DD)")
		need(a.AmountCents > 0, "amount_cents", "must be a positive number of cents")
	case ActionDisputeOpen, ActionRejectLitigation, ActionWriteOff:
		need(a.Reason != "", "reason", "is required")
	case ActionDisputeResolve:
		need(slices.Contains([]string{"upheld", "partially_upheld", "rejected"}, a.Outcome), "outcome", "must be upheld, partially_upheld or rejected")
		need(a.CreditNoteCents >= 0, "credit_note_cents", "cannot be negative")
	case ActionCallLogged:
		need(slices.Contains(CallOutcomes, a.Outcome), "outcome", "must be one of reached, not_reached, promise, dispute, wrong_number")
		if a.Outcome == "promise" {
			need(!a.Date.IsZero(), "date", "the promised date is required for outcome promise")
			need(a.AmountCents > 0, "amount_cents", "the promised amount is required for outcome promise")
		}
		if a.Outcome == "dispute" {
			need(a.Reason != "", "reason", "the dispute's reason is required for outcome dispute")
		}
	case ActionDelegate:
		need(a.PartnerID > 0, "partner_id", "is required")
	case ActionPause, ActionResume, ActionEscalate, ActionSkip, ActionRecall, ActionApproveLitigation, ActionCancel:
	default:
		errs = append(errs, FieldError{"action", fmt.Sprintf("unknown action %q", name)})
	}
	return errs
}

// refusal is an action the case's state does not allow; the API answers 409.
func refusal(format string, args ...any) error { return fmt.Errorf(format, args...) }

// check tells whether the state allows the action on day today.
func (s *State) check(name string, a Action, today civil.Date) error {
	if errs := CheckBody(name, a); len(errs) > 0 {
		return refusal("%s", errs[0].Error())
	}
	if !s.Open() {
		return refusal("le dossier est clos (%s)", s.Status)
	}
	litigating := s.Litigation == "running" || s.Litigation == "approved"
	switch name {
	case ActionPromise:
		switch {
		case a.Date.Before(today):
			return refusal("la date promise %s est passée", a.Date.FrenchNumeric())
		case a.AmountCents > s.BalanceCents:
			return refusal("le montant promis %s dépasse le solde %s", money.Format(a.AmountCents, s.Currency), money.Format(s.BalanceCents, s.Currency))
		case s.Dispute != nil:
			return refusal("un litige est ouvert : résolvez-le d'abord")
		case litigating:
			return refusal("le dossier est au contentieux")
		}
	case ActionDisputeOpen:
		if s.Dispute != nil {
			return refusal("un litige est déjà ouvert")
		}
	case ActionDisputeResolve:
		if s.Dispute == nil {
			return refusal("aucun litige n'est ouvert")
		}
		if a.CreditNoteCents > s.BalanceCents {
			return refusal("l'avoir %s dépasse le solde %s", money.Format(a.CreditNoteCents, s.Currency), money.Format(s.BalanceCents, s.Currency))
		}
	case ActionPause:
		switch {
		case s.Paused:
			return refusal("le dossier est déjà en pause")
		case !a.Until.IsZero() && !a.Until.After(today):
			return refusal("la fin de pause %s n'est pas dans le futur", a.Until.FrenchNumeric())
		}
	case ActionResume:
		if !s.Paused {
			return refusal("le dossier n'est pas en pause")
		}
	case ActionEscalate, ActionSkip:
		switch {
		case litigating:
			return refusal("le dossier est au contentieux")
		case s.NextIndex >= len(s.Scenario.Steps):
			return refusal("aucune étape ne reste à venir")
		}
	case ActionCallLogged:
		if a.Outcome == "promise" {
			return s.check(ActionPromise, a, today)
		}
		if a.Outcome == "dispute" {
			return s.check(ActionDisputeOpen, a, today)
		}
	case ActionDelegate:
		if s.PartnerID != nil && *s.PartnerID == a.PartnerID {
			return refusal("le dossier est déjà confié à ce partenaire")
		}
	case ActionRecall:
		if s.PartnerID == nil {
			return refusal("le dossier n'est confié à aucun partenaire")
		}
	case ActionApproveLitigation, ActionRejectLitigation:
		if s.Litigation != "awaiting_approval" {
			return refusal("aucune décision contentieuse n'est attendue")
		}
		if a.Role != string(models.RoleLegal) && a.Role != string(models.RoleAdmin) {
			return refusal("seul le service juridique décide du contentieux")
		}
	}
	return nil
}

// event is a timeline entry produced by an action or a step.
type event struct {
	Kind, Summary, Channel string
	Data                   map[string]any
}

// apply changes the state for an accepted action and says what to record.
// It never fails: check ran first.
func (s *State) apply(name string, a Action, today civil.Date) []event {
	cur := s.Currency
	switch name {
	case ActionPayment:
		return s.applyPayment(a, today)
	case ActionPaymentReversed:
		s.BalanceCents += a.AmountCents
		return []event{{Kind: "payment_reversed", Summary: fmt.Sprintf("Paiement de %s désimputé (%s) ; solde %s",
			money.Format(a.AmountCents, cur), a.Reason, money.Format(s.BalanceCents, cur))}}
	case ActionPromise:
		s.Promise = &Promise{Date: a.Date, AmountCents: a.AmountCents, BalanceBefore: s.BalanceCents}
		return []event{{Kind: "promise", Summary: fmt.Sprintf("Promesse de paiement de %s pour le %s", money.Format(a.AmountCents, cur), a.Date.French())}}
	case ActionDisputeOpen:
		s.Dispute = &Dispute{Reason: a.Reason, OpenedOn: today}
		return []event{{Kind: "dispute_opened", Summary: "Litige ouvert : " + a.Reason}}
	case ActionDisputeResolve:
		s.Dispute = nil
		evs := []event{{Kind: "dispute_resolved", Summary: "Litige résolu (" + disputeOutcome[a.Outcome] + ")"}}
		if a.CreditNoteCents > 0 {
			s.BalanceCents -= a.CreditNoteCents
			evs = append(evs, event{Kind: "credit_note", Summary: fmt.Sprintf("Avoir de %s ; solde %s", money.Format(a.CreditNoteCents, cur), money.Format(s.BalanceCents, cur))})
			if s.BalanceCents == 0 {
				evs = append(evs, s.close(models.CaseCancelled, "Dossier clos : facture soldée par avoir"))
			}
		}
		return evs
	case ActionPause:
		s.Paused, s.PausedUntil = true, a.Until
		if a.Until.IsZero() {
			return []event{{Kind: "paused", Summary: "Relances suspendues"}}
		}
		return []event{{Kind: "paused", Summary: "Relances suspendues jusqu'au " + a.Until.French()}}
	case ActionResume:
		s.Paused, s.PausedUntil = false, civil.Date{}
		return []event{{Kind: "resumed", Summary: "Relances reprises"}}
	case ActionEscalate:
		s.EscalateNow = true
		return []event{{Kind: "escalated", Summary: "Passage immédiat à l'étape suivante : " + s.Scenario.Steps[s.NextIndex].Label}}
	case ActionSkip:
		st := s.Scenario.Steps[s.NextIndex]
		s.NextIndex++
		s.Done = append(s.Done, StepDone{Step: st.Name, Label: st.Label, Date: today, Skipped: true})
		return []event{{Kind: "step_skipped", Summary: "Étape sautée : " + st.Label}}
	case ActionCallLogged:
		evs := []event{{Kind: "call", Channel: ChannelPhoneTask, Summary: "Appel : " + callOutcome[a.Outcome] + notes(a.Notes),
			Data: map[string]any{"outcome": a.Outcome, "next_call_date": a.NextCallDate.String()}}}
		switch a.Outcome {
		case "promise":
			evs = append(evs, s.apply(ActionPromise, a, today)...)
		case "dispute":
			evs = append(evs, s.apply(ActionDisputeOpen, a, today)...)
		}
		return evs
	case ActionDelegate:
		id := a.PartnerID
		s.PartnerID = &id
		return []event{{Kind: "delegated", Summary: fmt.Sprintf("Dossier confié au partenaire n°%d", id), Data: map[string]any{"partner_id": id}}}
	case ActionRecall:
		s.PartnerID = nil
		return []event{{Kind: "recalled", Summary: "Dossier repris au partenaire"}}
	case ActionApproveLitigation:
		s.Litigation = "approved"
		return []event{{Kind: "litigation_approved", Summary: "Contentieux approuvé par le service juridique"}}
	case ActionRejectLitigation:
		s.Litigation, s.LitigationNote, s.Phase = "rejected", a.Reason, PhaseAmicable
		return []event{{Kind: "litigation_rejected", Summary: "Contentieux refusé : " + a.Reason}}
	case ActionWriteOff:
		return []event{s.close(models.CaseWrittenOff, "Créance passée en perte : "+a.Reason)}
	case ActionCancel:
		return []event{s.close(models.CaseCancelled, "Dossier annulé : facture annulée par avoir")}
	}
	return nil
}

func (s *State) applyPayment(a Action, today civil.Date) []event {
	cur := s.Currency
	date := a.Date
	if date.IsZero() {
		date = today
	}
	evs := []event{}
	if a.AmountCents >= s.BalanceCents {
		s.OverpaidCents += a.AmountCents - s.BalanceCents
		s.BalanceCents = 0
		evs = append(evs, event{Kind: "payment", Summary: fmt.Sprintf("Paiement de %s reçu le %s", money.Format(a.AmountCents, cur), date.French()),
			Data: map[string]any{"amount_cents": a.AmountCents, "reference": a.Reference, "date": date.String()}})
		if s.OverpaidCents > 0 {
			evs = append(evs, event{Kind: "overpayment", Summary: "Trop-perçu de " + money.Format(s.OverpaidCents, cur) + " à rembourser ou imputer"})
		}
		return append(evs, s.close(models.CasePaid, "Dossier clos : facture payée"))
	}
	s.BalanceCents -= a.AmountCents
	evs = append(evs, event{Kind: "payment", Summary: fmt.Sprintf("Paiement partiel de %s reçu le %s ; solde %s", money.Format(a.AmountCents, cur), date.French(), money.Format(s.BalanceCents, cur)),
		Data: map[string]any{"amount_cents": a.AmountCents, "reference": a.Reference, "date": date.String()}})
	if s.Promise != nil && s.BalanceCents <= s.Promise.BalanceBefore-s.Promise.AmountCents {
		s.Promise = nil
		evs = append(evs, event{Kind: "promise_kept", Summary: "Promesse de paiement tenue ; les relances reprennent sur le solde"})
	}
	return evs
}

// close ends the case with a status.
func (s *State) close(status models.CaseStatus, summary string) event {
	s.Status, s.Phase = status, PhaseClosed
	s.Promise, s.Dispute, s.Paused = nil, nil, false
	s.NextStep, s.NextStepDate = "", civil.Date{}
	return event{Kind: "closed", Summary: summary, Data: map[string]any{"status": string(status)}}
}

var disputeOutcome = map[string]string{"upheld": "fondé", "partially_upheld": "partiellement fondé", "rejected": "non fondé"}

var callOutcome = map[string]string{
	"reached": "débiteur joint", "not_reached": "débiteur injoignable", "promise": "promesse de paiement",
	"dispute": "contestation", "wrong_number": "mauvais numéro",
}

func notes(n string) string {
	if n == "" {
		return ""
	}
	return " — " + n
}

package recovery

import (
	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Phases of a case.
const (
	PhasePreDue     = "pre_due"
	PhaseAmicable   = "amicable"
	PhaseLitigation = "litigation"
	PhaseClosed     = "closed"
)

// Input starts a recovery workflow. Resume is set when the workflow continues
// as new: it carries the whole state across.
type Input struct {
	CaseID        uint       `json:"case_id"`
	CreditorID    uint       `json:"creditor_id"`
	DebtorID      uint       `json:"debtor_id"`
	InvoiceID     uint       `json:"invoice_id"`
	InvoiceNumber string     `json:"invoice_number"`
	DueDate       civil.Date `json:"due_date"`
	BalanceCents  int64      `json:"balance_cents"`
	Currency      string     `json:"currency"`
	DebtorKind    string     `json:"debtor_kind"`
	Departement   string     `json:"departement"` // decides regional public holidays
	Settings      Settings   `json:"settings"`
	Resume        *State     `json:"resume,omitempty"`
}

// Settings are the tunable delays of a case, fixed when it starts.
type Settings struct {
	SendingWindow    string `json:"sending_window"`     // "09:00-17:00", Europe/Paris; "always" for tests and demos
	PromiseGraceDays int    `json:"promise_grace_days"` // a promise is broken this many days after its date
	DisputeSLADays   int    `json:"dispute_sla_days"`   // remind the account manager of an open dispute
	ContinueAsNewAt  int    `json:"continue_as_new_at"` // history length that triggers continue-as-new
	// LitigationDisabled stops at legal approval without running the
	// litigation child workflow (for a deployment without that module).
	LitigationDisabled bool `json:"litigation_disabled,omitempty"`
}

// DefaultSettings are used when a field is zero.
func DefaultSettings() Settings {
	return Settings{SendingWindow: "09:00-17:00", PromiseGraceDays: 3, DisputeSLADays: 15, ContinueAsNewAt: 2000}
}

func (s Settings) withDefaults() Settings {
	d := DefaultSettings()
	if s.SendingWindow == "" {
		s.SendingWindow = d.SendingWindow
	}
	if s.PromiseGraceDays == 0 {
		s.PromiseGraceDays = d.PromiseGraceDays
	}
	if s.DisputeSLADays == 0 {
		s.DisputeSLADays = d.DisputeSLADays
	}
	if s.ContinueAsNewAt == 0 {
		s.ContinueAsNewAt = d.ContinueAsNewAt
	}
	return s
}

// State is what the workflow knows of its case; the `state` query returns it
// and the back-office shows it live.
type State struct {
	CaseID          uint              `json:"case_id"`
	InvoiceNumber   string            `json:"invoice_number"`
	Phase           string            `json:"phase"`
	Level           int               `json:"level"`
	Status          models.CaseStatus `json:"status"`
	BalanceCents    int64             `json:"balance_cents"`
	OverpaidCents   int64             `json:"overpaid_cents"`
	Currency        string            `json:"currency"`
	DueDate         civil.Date        `json:"due_date"`
	Scenario        Scenario          `json:"scenario"`
	NextIndex       int               `json:"next_index"` // index in Scenario.Steps of the next step
	NextStep        string            `json:"next_step,omitempty"`
	NextStepDate    civil.Date        `json:"next_step_date"`
	Done            []StepDone        `json:"done"`
	Promise         *Promise          `json:"promise,omitempty"`
	Dispute         *Dispute          `json:"dispute,omitempty"`
	Paused          bool              `json:"paused"`
	PausedUntil     civil.Date        `json:"paused_until"`
	PartnerID       *uint             `json:"partner_id,omitempty"`
	DemandDeadline  civil.Date        `json:"demand_deadline"`      // payment deadline of the formal demand
	Litigation      string            `json:"litigation,omitempty"` // "", awaiting_approval, approved, rejected, running, done
	LitigationNote  string            `json:"litigation_note,omitempty"`
	BrokenPromises  int               `json:"broken_promises"`
	EscalateNow     bool              `json:"escalate_now"`
	StepOccurrences map[string]int    `json:"step_occurrences"`  // times each step ran, for idempotency keys
	EventSeq        int               `json:"event_seq"`         // numbers the timeline events of this case
	Pending         []casebook.Event  `json:"pending,omitempty"` // events not yet written to the timeline
	Generation      int               `json:"generation"`        // continue-as-new count
}

// StepDone is a step the workflow has completed.
type StepDone struct {
	Step    string     `json:"step"`
	Label   string     `json:"label"`
	Date    civil.Date `json:"date"`
	Skipped bool       `json:"skipped,omitempty"`
	Outbox  []uint     `json:"outbox,omitempty"` // outbox entries (letters, emails, tasks) it produced
}

// Promise is a promise to pay; it suspends the steps until Date plus grace.
type Promise struct {
	Date          civil.Date `json:"date"`
	AmountCents   int64      `json:"amount_cents"`
	BalanceBefore int64      `json:"balance_before"`
}

// Dispute is an open contestation; every step waits until it is resolved.
type Dispute struct {
	Reason     string     `json:"reason"`
	OpenedOn   civil.Date `json:"opened_on"`
	RemindedOn civil.Date `json:"reminded_on"`
}

// Open tells whether the case is still being worked.
func (s *State) Open() bool { return s.Status == models.CaseOpen }

// doneDate returns the date a step was done, if it was.
func (s *State) doneDate(step string) (civil.Date, bool) {
	for i := len(s.Done) - 1; i >= 0; i-- {
		if s.Done[i].Step == step {
			return s.Done[i].Date, true
		}
	}
	return civil.Date{}, false
}

package api

import (
	"time"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// caseRowView is a case as lists show it; its balance carries the currency.
type caseRowView struct {
	ID             uint         `json:"id"`
	WorkflowID     string       `json:"workflow_id"`
	InvoiceID      uint         `json:"invoice_id"`
	InvoiceNumber  string       `json:"invoice_number"`
	DueDate        civil.Date   `json:"due_date"`
	DebtorID       uint         `json:"debtor_id"`
	DebtorName     string       `json:"debtor_name"`
	Phase          string       `json:"phase"`
	Level          int          `json:"level"`
	Status         string       `json:"status"`
	Balance        money.Amount `json:"balance"`
	NextAction     string       `json:"next_action,omitempty"`
	NextActionDate civil.Date   `json:"next_action_date"`
	PartnerID      *uint        `json:"partner_id,omitempty"`
	UpdatedAt      time.Time    `json:"updated_at"`
}

func caseRowViewOf(r casequery.Row) caseRowView {
	return caseRowView{
		ID: r.ID, WorkflowID: r.WorkflowID, InvoiceID: r.InvoiceID, InvoiceNumber: r.InvoiceNumber, DueDate: r.DueDate,
		DebtorID: r.DebtorID, DebtorName: r.DebtorName, Phase: r.Phase, Level: r.Level, Status: r.Status,
		Balance: moneyOf(r.BalanceCents, r.Currency), NextAction: r.NextAction, NextActionDate: r.NextActionDate,
		PartnerID: r.PartnerID, UpdatedAt: r.UpdatedAt,
	}
}

// caseDetailView is a case with its timeline and the workflow's live state.
type caseDetailView struct {
	caseRowView
	Invoice     invoiceView        `json:"invoice"`
	Debtor      debtorView         `json:"debtor"`
	Timeline    []models.CaseEvent `json:"timeline"`
	LiveState   *stateView         `json:"live_state"`
	LiveError   string             `json:"live_error,omitempty"`
	TemporalURL string             `json:"temporal_url,omitempty"`
}

// stateView is the recovery workflow's live state as the API shows it.
// recovery.State itself keeps its JSON: it travels in Temporal histories and
// continue-as-new payloads of running workflows.
type stateView struct {
	CaseID          uint                `json:"case_id"`
	InvoiceNumber   string              `json:"invoice_number"`
	Phase           string              `json:"phase"`
	Level           int                 `json:"level"`
	Status          models.CaseStatus   `json:"status"`
	Balance         money.Amount        `json:"balance"`
	Overpaid        money.Amount        `json:"overpaid"`
	DueDate         civil.Date          `json:"due_date"`
	Scenario        recovery.Scenario   `json:"scenario"`
	NextIndex       int                 `json:"next_index"`
	NextStep        string              `json:"next_step,omitempty"`
	NextStepDate    civil.Date          `json:"next_step_date"`
	Done            []recovery.StepDone `json:"done"`
	Promise         *promiseView        `json:"promise,omitempty"`
	Dispute         *recovery.Dispute   `json:"dispute,omitempty"`
	Paused          bool                `json:"paused"`
	PausedUntil     civil.Date          `json:"paused_until"`
	PartnerID       *uint               `json:"partner_id,omitempty"`
	DemandDeadline  civil.Date          `json:"demand_deadline"`
	Litigation      string              `json:"litigation,omitempty"`
	LitigationNote  string              `json:"litigation_note,omitempty"`
	BrokenPromises  int                 `json:"broken_promises"`
	EscalateNow     bool                `json:"escalate_now"`
	StepOccurrences map[string]int      `json:"step_occurrences"`
	EventSeq        int                 `json:"event_seq"`
	Pending         []casebook.Event    `json:"pending,omitempty"`
	Generation      int                 `json:"generation"`
}

// promiseView is a promise to pay; BalanceBefore is the balance when it was made.
type promiseView struct {
	Date          civil.Date   `json:"date"`
	Amount        money.Amount `json:"amount"`
	BalanceBefore money.Amount `json:"balance_before"`
}

func stateViewOf(st recovery.State) stateView {
	v := stateView{
		CaseID: st.CaseID, InvoiceNumber: st.InvoiceNumber, Phase: st.Phase, Level: st.Level, Status: st.Status,
		Balance: moneyOf(st.BalanceCents, st.Currency), Overpaid: moneyOf(st.OverpaidCents, st.Currency),
		DueDate: st.DueDate, Scenario: st.Scenario, NextIndex: st.NextIndex, NextStep: st.NextStep,
		NextStepDate: st.NextStepDate, Done: st.Done, Dispute: st.Dispute, Paused: st.Paused,
		PausedUntil: st.PausedUntil, PartnerID: st.PartnerID, DemandDeadline: st.DemandDeadline,
		Litigation: st.Litigation, LitigationNote: st.LitigationNote, BrokenPromises: st.BrokenPromises,
		EscalateNow: st.EscalateNow, StepOccurrences: st.StepOccurrences, EventSeq: st.EventSeq,
		Pending: st.Pending, Generation: st.Generation,
	}
	if p := st.Promise; p != nil {
		v.Promise = &promiseView{Date: p.Date, Amount: moneyOf(p.AmountCents, st.Currency),
			BalanceBefore: moneyOf(p.BalanceBefore, st.Currency)}
	}
	return v
}

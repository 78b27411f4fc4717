package api

import (
	"strconv"
	"time"

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
	// AssigneeID runs the case; AssigneeName is the user's name (or email).
	AssigneeID   *uint  `json:"assignee_id,omitempty"`
	AssigneeName string `json:"assignee_name,omitempty"`
}

func caseRowViewOf(r casequery.Row) caseRowView {
	return caseRowView{
		ID: r.ID, WorkflowID: r.WorkflowID, InvoiceID: r.InvoiceID, InvoiceNumber: r.InvoiceNumber, DueDate: r.DueDate,
		DebtorID: r.DebtorID, DebtorName: r.DebtorName, Phase: r.Phase, Level: r.Level, Status: r.Status,
		Balance: moneyOf(r.BalanceCents, r.Currency), NextAction: r.NextAction, NextActionDate: r.NextActionDate,
		PartnerID: r.PartnerID, UpdatedAt: r.UpdatedAt, AssigneeID: r.AssigneeID, AssigneeName: r.AssigneeName,
	}
}

// caseDetailView is a case with its timeline, documents and the workflow's
// live state.
type caseDetailView struct {
	caseRowView
	Invoice invoiceView `json:"invoice"`
	// Debtor is a debtorView for staff and a debtorContactView for partners.
	Debtor      any               `json:"debtor"`
	Timeline    []storedEventView `json:"timeline"`
	Documents   []documentView    `json:"documents"`
	LiveState   *stateView        `json:"live_state"`
	LiveError   string            `json:"live_error,omitempty"`
	TemporalURL string            `json:"temporal_url,omitempty"`
}

// debtorContactView is who the debtor is and how to reach it: all a partner
// is shown of a debtor. The credit limit, the blocked flag, notes and the
// account manager are the creditor's internal business, as on the
// back-office's debtor card.
type debtorContactView struct {
	ID             uint              `json:"id"`
	Reference      string            `json:"reference"`
	Name           string            `json:"name"`
	NaturalPerson  bool              `json:"natural_person"`
	LegalForm      string            `json:"legal_form,omitempty"`
	SIREN          string            `json:"siren,omitempty"`
	SIRET          string            `json:"siret,omitempty"`
	Kind           models.DebtorKind `json:"kind"`
	Address        models.Address    `json:"address"`
	RCSCity        string            `json:"rcs_city,omitempty"`
	Email          string            `json:"email,omitempty"`
	Phone          string            `json:"phone,omitempty"`
	PaymentContact string            `json:"payment_contact,omitempty"`
}

func debtorContactViewOf(d models.Debtor) debtorContactView {
	return debtorContactView{
		ID: d.ID, Reference: d.Reference, Name: d.Name, NaturalPerson: d.NaturalPerson, LegalForm: d.LegalForm,
		SIREN: d.SIREN, SIRET: d.SIRET, Kind: d.Kind, Address: d.Address, RCSCity: d.RCSCity, Email: d.Email,
		Phone: d.Phone, PaymentContact: d.PaymentContact,
	}
}

// documentView is a document of the case; url downloads it.
type documentView struct {
	ID          uint      `json:"id"`
	Kind        string    `json:"kind"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	URL         string    `json:"url"`
}

func documentViewOf(d models.Document) documentView {
	return documentView{
		ID: d.ID, Kind: d.Kind, FileName: d.FileName, ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256,
		CreatedAt: d.CreatedAt, URL: "/api/v1/documents/" + strconv.FormatUint(uint64(d.ID), 10),
	}
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
	Pending         []eventView         `json:"pending,omitempty"`
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
		Generation: st.Generation,
	}
	for _, e := range st.Pending {
		v.Pending = append(v.Pending, pendingEventViewOf(e, st.Currency))
	}
	if p := st.Promise; p != nil {
		v.Promise = &promiseView{Date: p.Date, Amount: moneyOf(p.AmountCents, st.Currency),
			BalanceBefore: moneyOf(p.BalanceBefore, st.Currency)}
	}
	return v
}

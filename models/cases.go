package models

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// CaseStatus tells whether a case is still being worked.
type CaseStatus string

const (
	CaseOpen        CaseStatus = "open"
	CasePaid        CaseStatus = "paid"
	CaseWrittenOff  CaseStatus = "written_off"
	CaseCancelled   CaseStatus = "cancelled"
	CaseClosedOther CaseStatus = "closed"
)

// Case is the recovery of one overdue invoice, run by one workflow. The row
// mirrors the workflow's state so that lists and dashboards query SQL.
type Case struct {
	ID             uint       `gorm:"primaryKey" json:"id"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	CreditorID     uint       `gorm:"not null;index" json:"creditor_id"`
	DebtorID       uint       `gorm:"not null;index" json:"debtor_id"`
	InvoiceID      uint       `gorm:"not null;uniqueIndex" json:"invoice_id"`
	WorkflowID     string     `gorm:"size:200;not null;uniqueIndex" json:"workflow_id"`
	Phase          string     `gorm:"size:32;not null;index" json:"phase"` // pre_due, amicable, litigation, closed
	Level          int        `gorm:"not null" json:"level"`
	Status         CaseStatus `gorm:"size:16;not null;index" json:"status"`
	BalanceCents   int64      `gorm:"not null" json:"balance_cents"`
	Currency       string     `gorm:"size:3;not null" json:"currency"`
	NextAction     string     `gorm:"size:120" json:"next_action,omitempty"`
	NextActionDate civil.Date `gorm:"index" json:"next_action_date"`
	AssigneeID     *uint      `gorm:"index" json:"assignee_id,omitempty"`
	PartnerID      *uint      `gorm:"index" json:"partner_id,omitempty"`
	ScenarioID     *uint      `json:"scenario_id,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
	// WorkflowStarted is set once Temporal accepted the start; the daily sweep
	// retries cases where it is still false.
	WorkflowStarted bool `gorm:"not null;default:false;index" json:"workflow_started"`
}

// CaseEvent is one line of a case's append-only timeline. Key makes the
// activity that writes it idempotent: a retried activity finds its event.
type CaseEvent struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	CaseID     uint      `gorm:"not null;index;uniqueIndex:ux_case_event_key" json:"case_id"`
	Key        string    `gorm:"size:200;not null;uniqueIndex:ux_case_event_key" json:"-"`
	At         time.Time `gorm:"not null" json:"at"`
	Actor      string    `gorm:"size:200;not null" json:"actor"` // "system", a user's email, a partner
	Kind       string    `gorm:"size:64;not null" json:"kind"`
	Summary    string    `gorm:"size:1000;not null" json:"summary"` // French, shown on the timeline
	Channel    string    `gorm:"size:32" json:"channel,omitempty"`
	DocumentID *uint     `json:"document_id,omitempty"`
	Data       string    `gorm:"type:text" json:"data,omitempty"` // JSON details
}

// Document is a generated or uploaded file. Once sent it is immutable: its
// SHA-256 proves in court what the debtor received.
type Document struct {
	ID              uint      `gorm:"primaryKey" json:"id"`
	CreatedAt       time.Time `json:"created_at"`
	CaseID          *uint     `gorm:"index" json:"case_id,omitempty"`
	DebtorID        *uint     `gorm:"index" json:"debtor_id,omitempty"`
	PartnerID       *uint     `gorm:"index" json:"partner_id,omitempty"` // composed for this partner's delegated cases alone
	Kind            string    `gorm:"size:64;not null" json:"kind"`
	FileName        string    `gorm:"size:200;not null" json:"file_name"`
	ContentType     string    `gorm:"size:100;not null" json:"content_type"`
	SHA256          string    `gorm:"size:64;not null;index" json:"sha256"`
	Size            int64     `gorm:"not null" json:"size"`
	Content         []byte    `json:"-"`
	TemplateID      *uint     `json:"template_id,omitempty"`
	TemplateVersion int       `json:"template_version,omitempty"`
}

// Outbox records each side effect to the outside world (a letter, an email)
// under an idempotency key, so that a retried or replayed activity finds the
// effect already done instead of doing it twice.
type Outbox struct {
	ID         uint       `gorm:"primaryKey" json:"id"`
	CreatedAt  time.Time  `json:"created_at"`
	Key        string     `gorm:"size:250;not null;uniqueIndex" json:"key"`
	CaseID     *uint      `gorm:"index" json:"case_id,omitempty"`
	DebtorID   *uint      `gorm:"index" json:"debtor_id,omitempty"`
	Channel    string     `gorm:"size:32;not null" json:"channel"`
	Status     string     `gorm:"size:32;not null;index" json:"status"` // pending, sent, failed, to_print, printed, posted
	Payload    string     `gorm:"type:text" json:"payload,omitempty"`
	DocumentID *uint      `json:"document_id,omitempty"`
	SentAt     *time.Time `json:"sent_at,omitempty"`
	Error      string     `gorm:"size:1000" json:"error,omitempty"`
}

package recovery

import (
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Input starts a recovery workflow.
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
}

// State is what the workflow knows of its case; the `state` query returns it
// and the back-office shows it live.
type State struct {
	CaseID        uint              `json:"case_id"`
	InvoiceNumber string            `json:"invoice_number"`
	Phase         string            `json:"phase"`
	Level         int               `json:"level"`
	Status        models.CaseStatus `json:"status"`
	BalanceCents  int64             `json:"balance_cents"`
	Currency      string            `json:"currency"`
	DueDate       civil.Date        `json:"due_date"`
	NextStep      string            `json:"next_step,omitempty"`
	NextStepDate  civil.Date        `json:"next_step_date"`
	Done          []StepDone        `json:"done"`
}

// StepDone is a step the workflow has completed.
type StepDone struct {
	Step string     `json:"step"`
	Date civil.Date `json:"date"`
}

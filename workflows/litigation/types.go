// Package litigation is the litigation phase of a case: the child workflow
// the recovery workflow runs once legal staff approve court action. It
// prepares the claim and the injonction de payer dossier, then follows the
// court steps legal staff report — filing, ordonnance, service, opposition,
// payment — each written on the case's timeline, and keeps the deadlines of
// the procedure with durable timers: the six-month lapse of an unserved
// ordonnance (warned a month before), the month for opposition after which
// the ordonnance is enforceable, and the limitation period of the claim.
package litigation

import (
	"github.com/recouvra/recouvra/internal/civil"
)

// WorkflowName is the name the worker registers and the recovery workflow starts.
const WorkflowName = "Litigation"

// QueryState returns the State.
const QueryState = "state"

// Updates: the caller learns whether the step is accepted in this state.
const (
	UpdateFiled              = "Filed"
	UpdateOrdonnanceRendered = "OrdonnanceRendered"
	UpdateSignified          = "Signified"
	UpdateOpposition         = "Opposition"
)

// Signals: accepted whatever the state, so they need no answer.
const (
	SignalPaid        = "Paid"
	SignalCourtChosen = "CourtChosen" // legal staff chose the court: build the dossier
)

// Input starts the workflow; the recovery workflow fills it.
type Input struct {
	CaseID        uint       `json:"case_id"`
	CreditorID    uint       `json:"creditor_id"`
	DebtorID      uint       `json:"debtor_id"`
	InvoiceID     uint       `json:"invoice_id"`
	InvoiceNumber string     `json:"invoice_number"`
	DueDate       civil.Date `json:"due_date"`
	DebtorKind    string     `json:"debtor_kind"` // trader, civil or consumer
}

// Result is how the litigation ended.
type Result struct {
	Outcome string `json:"outcome"`
}

// Outcomes.
const (
	OutcomePaid        = "paid"
	OutcomeEnforceable = "enforceable"
	OutcomeRejected    = "rejected"
	OutcomeLapsed      = "lapsed"
	OutcomeOpposition  = "opposition"
)

// Statuses of State.Status, in the order a case goes through them.
const (
	StatusPreparing     = "preparing"
	StatusAwaitingCourt = "awaiting_court" // legal staff must choose the court
	StatusReady         = "ready"          // dossier built, to be filed
	StatusFiled         = "filed"
	StatusOrdered       = "ordered" // ordonnance accepted in whole or in part, to be served
	StatusSignified     = "signified"
)

// Filed reports the requête lodged with the greffe.
type Filed struct {
	Date      civil.Date `json:"date"`
	Channel   string     `json:"channel"` // paper, infogreffe, tribunal_digital
	Reference string     `json:"reference"`
	Actor     string     `json:"actor,omitempty"`
}

// Channels of filing.
var channels = map[string]string{
	"paper":            "dépôt ou envoi papier au greffe",
	"infogreffe":       "Infogreffe",
	"tribunal_digital": "Tribunal digital",
}

// OrdonnanceRendered reports the judge's decision.
type OrdonnanceRendered struct {
	Outcome     string     `json:"outcome"` // accepted, partial, rejected
	AmountCents int64      `json:"amount_cents"`
	Date        civil.Date `json:"date"`
	Actor       string     `json:"actor,omitempty"`
}

// Ordonnance outcomes.
const (
	OrdonnanceAccepted = "accepted"
	OrdonnancePartial  = "partial"
	OrdonnanceRejected = "rejected"
)

// Signified reports the service of the ordonnance by a commissaire de justice.
type Signified struct {
	Date        civil.Date `json:"date"`
	Commissaire string     `json:"commissaire"`
	Actor       string     `json:"actor,omitempty"`
}

// Opposition reports the debtor's opposition.
type Opposition struct {
	Date  civil.Date `json:"date"`
	Actor string     `json:"actor,omitempty"`
}

// Paid reports the debtor's payment; it closes the litigation whatever its state.
type Paid struct {
	Date        civil.Date `json:"date"`
	AmountCents int64      `json:"amount_cents"`
	Actor       string     `json:"actor,omitempty"`
}

// CourtChosen tells the workflow legal staff recorded the court (see
// activities/litigation.ChooseCourt).
type CourtChosen struct {
	Actor string `json:"actor,omitempty"`
}

// State is what the `state` query returns.
type State struct {
	CaseID                uint       `json:"case_id"`
	Status                string     `json:"status"`
	Outcome               string     `json:"outcome,omitempty"`
	ClaimCents            int64      `json:"claim_cents"`
	Currency              string     `json:"currency"`
	CourtName             string     `json:"court_name,omitempty"`
	Cerfa                 string     `json:"cerfa,omitempty"`
	FeeCents              int64      `json:"fee_cents"`
	DossierPDFID          uint       `json:"dossier_pdf_id,omitempty"`
	DossierZIPID          uint       `json:"dossier_zip_id,omitempty"`
	Warnings              []string   `json:"warnings,omitempty"`
	FiledDate             civil.Date `json:"filed_date"`
	FiledChannel          string     `json:"filed_channel,omitempty"`
	FiledReference        string     `json:"filed_reference,omitempty"`
	OrdonnanceOutcome     string     `json:"ordonnance_outcome,omitempty"`
	OrdonnanceAmountCents int64      `json:"ordonnance_amount_cents"`
	OrdonnanceDate        civil.Date `json:"ordonnance_date"`
	SignificationDate     civil.Date `json:"signification_date"`
	Commissaire           string     `json:"commissaire,omitempty"`
	OppositionDate        civil.Date `json:"opposition_date"`
	EnforceableDate       civil.Date `json:"enforceable_date"`
	PaidDate              civil.Date `json:"paid_date"`
	PaidCents             int64      `json:"paid_cents"`
	// Deadlines kept by timers.
	PrescriptionDate   civil.Date `json:"prescription_date"`
	LapseDate          civil.Date `json:"lapse_date"`
	OppositionDeadline civil.Date `json:"opposition_deadline"`
	// Alerts are the warnings the timers raised, by kind.
	Alerts []string `json:"alerts"`
}

package letters

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
)

// Kind says which step of the recovery a letter belongs to. It decides the
// sections that are printed: only a formal demand carries the words "mise en
// demeure", the deadline and the warning of court action.
type Kind int

// The kinds are prefixed because Statement and FormalDemand are also the
// names of the sections' data types.
const (
	KindPreDueReminder Kind = iota + 1 // courtesy notice before the due date
	KindReminder1                      // first reminder after the due date
	KindReminder2                      // second, firmer reminder
	KindFormalDemand                   // mise en demeure
	KindStatement                      // relevé de compte
)

var kindNames = map[Kind]string{
	KindPreDueReminder: "pre_due_reminder",
	KindReminder1:      "reminder_1",
	KindReminder2:      "reminder_2",
	KindFormalDemand:   "formal_demand",
	KindStatement:      "statement",
}

// String names the kind in logs and error messages.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Party is the creditor or the debtor as printed on a letter. For the creditor
// the legal fields feed the footer's legal mentions and the bank fields the
// payment instructions; for the debtor the address fills the envelope window.
type Party struct {
	LegalForm         string // "SAS", "SARL", "EI"…
	Name              string // raison sociale, or first and last name
	Line1             string // street address
	Line2             string // complement (bâtiment, BP…)
	PostalCode        string
	City              string
	Country           string // empty or "France" for a domestic address
	SIREN             string // nine digits, spaces allowed
	RCSCity           string // greffe of registration, "Nanterre"
	ShareCapitalCents int64  // capital social in euro cents; 0 when not applicable
	Email             string
	Phone             string
	IBAN              string
	BIC               string
	Representative    string // debtor: person the letter is addressed to
}

// Signature closes the letter.
type Signature struct {
	Name  string
	Title string
}

// Letter is everything needed to print one letter. The body is already
// rendered from templates by the caller; this package only lays it out.
type Letter struct {
	Kind           Kind
	Creditor       Party
	Debtor         Party
	Place          string     // city in "Nanterre, le 23 novembre 2026"
	Date           civil.Date // date of the letter
	References     []string   // invoice numbers, case number, account number
	Subject        string     // printed after "Objet :"
	Body           []string   // paragraphs; a "\n" inside one starts a new line
	Statement      *Statement
	Demand         *FormalDemand
	Signature      Signature
	Registered     bool   // lettre recommandée avec accusé de réception
	TrackingNumber string // La Poste number of the registered letter, when known
}

// Statement is the relevé de compte: the open invoices of one customer account.
type Statement struct {
	AccountNumber string
	Lines         []StatementLine
	TotalCents    int64 // sum of the lines' balances
	Currency      string
}

// StatementLine is one invoice in a statement.
type StatementLine struct {
	Number       string
	IssueDate    civil.Date
	DueDate      civil.Date
	AmountCents  int64
	PaidCents    int64
	BalanceCents int64 // AmountCents − PaidCents
	DaysOverdue  int
}

// FormalDemand is the claim set out in a mise en demeure. Penalties are
// computed by the caller; the letter only shows them.
type FormalDemand struct {
	Invoices         []DemandInvoice
	BusinessDebtor   bool       // B2B: the 40 € indemnity applies (C. com. D. 441-5)
	DeadlineDate     civil.Date // last day to pay before court action
	PaymentReference string     // to quote on the transfer
	TotalCents       int64      // sum of principal, penalties and indemnities
	Currency         string
}

// DemandInvoice is one invoice claimed in a mise en demeure.
type DemandInvoice struct {
	Number         string
	DueDate        civil.Date
	PrincipalCents int64
	PenaltyCents   int64
	IndemnityCents int64  // 4 000 (40 €) for a business debtor, 0 otherwise
	PenaltyRate    string // as printed, "12,15 %"
}

// TotalCents is what the debtor owes for this invoice.
func (i DemandInvoice) TotalCents() int64 {
	return i.PrincipalCents + i.PenaltyCents + i.IndemnityCents
}

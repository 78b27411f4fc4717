package api

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// The API answers views, not records: every amount is an object
// {amount_cents, currency} (money.Amount), named without the _cents suffix.
// The records keep their flat *_cents fields because the database, the
// back-office and the workflows' histories depend on them; a view lists the
// fields the API shows, so that a new field of a record does not reach
// clients by accident.

// moneyOf is an amount of cents in currency, as the API shows money.
func moneyOf(cents int64, currency string) money.Amount {
	return money.Amount{Cents: cents, Currency: currency}
}

// viewsOf applies view to every row, answering [] rather than null.
func viewsOf[T, V any](rows []T, view func(T) V) []V {
	out := make([]V, len(rows))
	for i, r := range rows {
		out[i] = view(r)
	}
	return out
}

// asIs is the view of a record that carries no money.
func asIs[T any](row T) T { return row }

type invoiceView struct {
	ID           uint                 `json:"id"`
	CreatedAt    time.Time            `json:"created_at"`
	UpdatedAt    time.Time            `json:"updated_at"`
	CreditorID   uint                 `json:"creditor_id"`
	Number       string               `json:"number"`
	DebtorID     uint                 `json:"debtor_id"`
	IssueDate    civil.Date           `json:"issue_date"`
	DueDate      civil.Date           `json:"due_date"`
	Net          money.Amount         `json:"net"`
	VAT          money.Amount         `json:"vat"`
	Total        money.Amount         `json:"total"`
	Outstanding  money.Amount         `json:"outstanding"`
	LateRateBP   *int64               `json:"late_rate_bp,omitempty"`
	PaymentTerms string               `json:"payment_terms,omitempty"`
	Status       models.InvoiceStatus `json:"status"`
	Source       string               `json:"source,omitempty"`
}

func invoiceViewOf(inv models.Invoice) invoiceView {
	return invoiceView{
		ID: inv.ID, CreatedAt: inv.CreatedAt, UpdatedAt: inv.UpdatedAt, CreditorID: inv.CreditorID,
		Number: inv.Number, DebtorID: inv.DebtorID, IssueDate: inv.IssueDate, DueDate: inv.DueDate,
		Net: moneyOf(inv.NetCents, inv.Currency), VAT: moneyOf(inv.VATCents, inv.Currency),
		Total: moneyOf(inv.TotalCents, inv.Currency), Outstanding: moneyOf(inv.OutstandingCents, inv.Currency),
		LateRateBP: inv.LateRateBP, PaymentTerms: inv.PaymentTerms, Status: inv.Status, Source: inv.Source,
	}
}

// creditNoteView drops the record's currency: each amount carries it.
type creditNoteView struct {
	ID         uint         `json:"id"`
	CreatedAt  time.Time    `json:"created_at"`
	CreditorID uint         `json:"creditor_id"`
	Number     string       `json:"number"`
	DebtorID   uint         `json:"debtor_id"`
	InvoiceID  *uint        `json:"invoice_id,omitempty"`
	IssueDate  civil.Date   `json:"issue_date"`
	Total      money.Amount `json:"total"`
	VAT        money.Amount `json:"vat"`
	Remaining  money.Amount `json:"remaining"` // not yet allocated to an invoice
}

func creditNoteViewOf(n models.CreditNote) creditNoteView {
	return creditNoteView{
		ID: n.ID, CreatedAt: n.CreatedAt, CreditorID: n.CreditorID, Number: n.Number, DebtorID: n.DebtorID,
		InvoiceID: n.InvoiceID, IssueDate: n.IssueDate, Total: moneyOf(n.TotalCents, n.Currency),
		VAT: moneyOf(n.VATCents, n.Currency), Remaining: moneyOf(n.RemainingCents, n.Currency),
	}
}

// debtorView keeps currency: it is the debtor's account currency, a
// setting of the debtor, not only the currency of its credit limit.
type debtorView struct {
	debtorContactView
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
	CreditorID       uint         `json:"creditor_id"`
	CreditLimit      money.Amount `json:"credit_limit"`
	Currency         string       `json:"currency"`
	AccountManagerID *uint        `json:"account_manager_id,omitempty"`
	Blocked          bool         `json:"blocked"`
	Notes            string       `json:"notes,omitempty"`
}

func debtorViewOf(d models.Debtor) debtorView {
	return debtorView{
		debtorContactView: debtorContactViewOf(d), CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		CreditorID: d.CreditorID, CreditLimit: moneyOf(d.CreditLimitCents, d.Currency), Currency: d.Currency,
		AccountManagerID: d.AccountManagerID, Blocked: d.Blocked, Notes: d.Notes,
	}
}

// creditorView keeps currency: it is the currency of the creditor's books
// (the default of its imports), not only that of its share capital.
type creditorView struct {
	ID                  uint           `json:"id"`
	CreatedAt           time.Time      `json:"created_at"`
	UpdatedAt           time.Time      `json:"updated_at"`
	LegalForm           string         `json:"legal_form"`
	Name                string         `json:"name"`
	SIREN               string         `json:"siren"`
	RCSCity             string         `json:"rcs_city"`
	ShareCapital        money.Amount   `json:"share_capital"`
	Currency            string         `json:"currency"`
	Address             models.Address `json:"registered_office"`
	IBAN                string         `json:"iban"`
	BIC                 string         `json:"bic"`
	Representative      string         `json:"representative"`
	RepresentativeTitle string         `json:"representative_title"`
	Email               string         `json:"email"`
	Phone               string         `json:"phone"`
	Mobile              string         `json:"mobile"`
	PaymentTermsDays    int            `json:"payment_terms_days"`
	Employees           int            `json:"employees"`
}

func creditorViewOf(c models.Creditor) creditorView {
	return creditorView{
		ID: c.ID, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, LegalForm: c.LegalForm, Name: c.Name,
		SIREN: c.SIREN, RCSCity: c.RCSCity, ShareCapital: moneyOf(c.ShareCapitalCents, c.Currency),
		Currency: c.Currency, Address: c.Address, IBAN: c.IBAN, BIC: c.BIC, Representative: c.Representative,
		RepresentativeTitle: c.RepresentativeTitle, Email: c.Email, Phone: c.Phone, Mobile: c.Mobile,
		PaymentTermsDays: c.PaymentTermsDays, Employees: c.Employees,
	}
}

package dispatch

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// DefaultDemandDays is the payment deadline a mise en demeure gives, in
// calendar days after its date, when the composer is not told otherwise.
// It matches the default scenario's formal-demand step.
const DefaultDemandDays = 8

// Composer builds what is sent to a debtor — letter, email texts, data for
// the templates — from the database. It writes nothing.
type Composer struct {
	DB         *gorm.DB
	Templates  lettertemplates.Store
	Rates      *claim.RateTable // nil: claim.DefaultRates()
	DemandDays int              // 0: DefaultDemandDays
	// Scope, when partner-only, composes for a factoring partner: only the
	// call tasks of the cases delegated to it, and only those cases'
	// invoices count as the debtor's open invoices (a script or statement
	// must not tell a partner of the debtor's other debts). A group's own
	// PartnerID sets it for that group's piece.
	Scope casequery.Scope
}

// Piece is one composed letter with what the email around it needs.
type Piece struct {
	Letter   letters.Letter
	Data     lettertemplates.Data
	Language string
	Debtor   models.Debtor
	Creditor models.Creditor
	// Manager is the account manager: signs, answers replies.
	Manager lettertemplates.Person
	// BodyTemplate is the version of the letter body used.
	BodyTemplate lettertemplates.Version
	Invoices     []models.Invoice // the invoices the piece is about
	CaseIDs      []uint           // their cases, in the same order
}

// parties loads the debtor, its creditor and its account manager.
func (c Composer) parties(ctx context.Context, debtorID uint) (models.Debtor, models.Creditor, lettertemplates.Person, error) {
	db := c.DB.WithContext(ctx)
	var d models.Debtor
	var cr models.Creditor
	if err := db.First(&d, debtorID).Error; err != nil {
		return d, cr, lettertemplates.Person{}, fmt.Errorf("debtor %d: %w", debtorID, err)
	}
	if err := db.First(&cr, d.CreditorID).Error; err != nil {
		return d, cr, lettertemplates.Person{}, fmt.Errorf("creditor %d of debtor %d: %w", d.CreditorID, debtorID, err)
	}
	manager := lettertemplates.Person{Name: "Service recouvrement", Email: cr.Email, Phone: cr.Phone}
	if d.AccountManagerID != nil {
		var u models.User
		err := db.First(&u, *d.AccountManagerID).Error
		switch {
		case err == nil:
			if u.Name != "" {
				manager.Name = u.Name
			}
			manager.Email = u.Email
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return d, cr, manager, fmt.Errorf("account manager %d of debtor %d: %w", *d.AccountManagerID, debtorID, err)
		}
	}
	return d, cr, manager, nil
}

// openInvoices are the debtor's invoices still owed, oldest due first: the
// lines of the statement of account.
func (c Composer) openInvoices(ctx context.Context, debtorID uint) ([]models.Invoice, error) {
	var invs []models.Invoice
	q := c.DB.WithContext(ctx).Where("debtor_id = ? AND status = ? AND outstanding_cents > 0", debtorID, models.InvoiceOpen)
	if c.Scope.PartnerOnly {
		q = q.Where("id IN (SELECT invoice_id FROM cases WHERE partner_id = ?)", c.Scope.PartnerID)
	}
	err := q.Order("due_date, number").Find(&invs).Error
	if err != nil {
		return nil, fmt.Errorf("open invoices of debtor %d: %w", debtorID, err)
	}
	return invs, nil
}

// assemble gathers the parties, invoices, statement and formal demand of
// group g and the data its templates print; the texts are not rendered yet.
// A group of cases delegated to a factoring partner is the partner's
// receivable: it is composed within that partner's scope, its statement
// listing only the debtor's invoices delegated to the same partner.
func (c Composer) assemble(ctx context.Context, g Group) (Piece, error) {
	if g.PartnerID != 0 {
		c.Scope = casequery.Scope{PartnerOnly: true, PartnerID: g.PartnerID}
	}
	d, cr, manager, err := c.parties(ctx, g.DebtorID)
	if err != nil {
		return Piece{}, err
	}
	p := Piece{Debtor: d, Creditor: cr, Manager: manager, Language: lettertemplates.LanguageFor(d.Address.Country)}
	for _, e := range g.Entries {
		var inv models.Invoice
		if err := c.DB.WithContext(ctx).First(&inv, e.InvoiceID).Error; err != nil {
			return Piece{}, fmt.Errorf("invoice %d of outbox entry %s: %w", e.InvoiceID, e.Key, err)
		}
		p.Invoices = append(p.Invoices, inv)
		p.CaseIDs = append(p.CaseIDs, e.CaseID)
	}
	open, err := c.openInvoices(ctx, g.DebtorID)
	if err != nil {
		return Piece{}, err
	}
	p.Letter = baseLetter(cr, d, manager, g.Date)
	p.Letter.Kind = kindOf(g)
	p.Letter.Registered = g.Channel == "registered_letter"
	p.Letter.References = references(p.Invoices, p.CaseIDs, d)
	if len(open) > 0 && !g.FormalDemand {
		st := statementOf(open, d, g.Date)
		p.Letter.Statement = &st
	}
	p.Data = templateData(d, cr, manager, p.Invoices, open, g.Date, g.Level)
	if g.FormalDemand {
		days, err := c.scenarioDeadlineDays(ctx, g)
		if err != nil {
			return Piece{}, err
		}
		demand, err := c.demand(p.Invoices, d, g.Date, demandDeadline(g, days))
		if err != nil {
			return Piece{}, err
		}
		p.Letter.Demand = &demand
		fillDemandData(&p.Data, demand, p.Language)
	}
	return p, nil
}

// Compose builds the letter of group g (or, for an email, the letter it
// attaches) with the current templates.
func (c Composer) Compose(ctx context.Context, g Group) (Piece, error) {
	p, err := c.assemble(ctx, g)
	if err != nil {
		return Piece{}, err
	}
	subject, _, err := c.templates().RenderCurrent(ctx, g.Step+".email.subject", p.Language, p.Data)
	if err != nil {
		return Piece{}, err
	}
	// The letterhead already names the creditor, which the email subject
	// repeats for the debtor's inbox.
	p.Letter.Subject = strings.TrimSuffix(strings.TrimSpace(subject), " — "+p.Creditor.Name)
	body, v, err := c.templates().RenderCurrent(ctx, letterBodyKey(g), p.Language, p.Data)
	if err != nil {
		return Piece{}, err
	}
	p.Letter.Body = lettertemplates.Paragraphs(body)
	p.BodyTemplate = v
	return p, nil
}

// Statement builds the statement of account of a debtor on date, for the
// back-office's "relevé de compte" download.
func (c Composer) Statement(ctx context.Context, debtorID uint, date civil.Date) (letters.Letter, lettertemplates.Version, error) {
	d, cr, manager, err := c.parties(ctx, debtorID)
	if err != nil {
		return letters.Letter{}, lettertemplates.Version{}, err
	}
	open, err := c.openInvoices(ctx, debtorID)
	if err != nil {
		return letters.Letter{}, lettertemplates.Version{}, err
	}
	if len(open) == 0 {
		return letters.Letter{}, lettertemplates.Version{}, fmt.Errorf("debtor %d (%s) has no open invoice: nothing to state", debtorID, d.Name)
	}
	lang := lettertemplates.LanguageFor(d.Address.Country)
	l := baseLetter(cr, d, manager, date)
	l.Kind = letters.KindStatement
	l.Subject = "Relevé de compte"
	l.References = []string{"Compte client n° " + d.Reference}
	st := statementOf(open, d, date)
	l.Statement = &st
	data := templateData(d, cr, manager, nil, open, date, 0)
	body, v, err := c.templates().RenderCurrent(ctx, "statement.letter.body", lang, data)
	if err != nil {
		return letters.Letter{}, v, err
	}
	l.Body = lettertemplates.Paragraphs(body)
	return l, v, nil
}

// letterBodyKey is the template of the letter of g: its own for a postal
// channel; for an email, the letter of the same step that it attaches.
func letterBodyKey(g Group) string {
	if g.Channel != "email" && g.Template != "" {
		return g.Template + ".body"
	}
	if g.FormalDemand {
		return g.Step + ".registered_letter.body"
	}
	if _, err := lettertemplates.Shipped(g.Step+".letter.body", lettertemplates.French); err == nil {
		return g.Step + ".letter.body"
	}
	return "statement.letter.body"
}

// kindOf chooses the layout of the letter from the step.
func kindOf(g Group) letters.Kind {
	switch {
	case g.FormalDemand:
		return letters.KindFormalDemand
	case g.Level <= 0:
		return letters.KindPreDueReminder
	case g.Level == 1:
		return letters.KindReminder1
	}
	return letters.KindReminder2
}

func baseLetter(cr models.Creditor, d models.Debtor, manager lettertemplates.Person, date civil.Date) letters.Letter {
	place := cr.Address.City
	if place == "" {
		place = "Paris"
	}
	return letters.Letter{
		Creditor: letters.Party{LegalForm: cr.LegalForm, Name: cr.Name, Line1: cr.Address.Line1, Line2: cr.Address.Line2,
			PostalCode: cr.Address.PostalCode, City: cr.Address.City, Country: countryName(cr.Address.Country),
			SIREN: cr.SIREN, RCSCity: cr.RCSCity, ShareCapitalCents: cr.ShareCapitalCents,
			Email: cr.Email, Phone: cr.Phone, IBAN: cr.IBAN, BIC: cr.BIC},
		Debtor: letters.Party{LegalForm: d.LegalForm, Name: d.Name, Line1: d.Address.Line1, Line2: d.Address.Line2,
			PostalCode: d.Address.PostalCode, City: d.Address.City, Country: countryName(d.Address.Country),
			Representative: d.PaymentContact},
		Place:     place,
		Date:      date,
		Signature: letters.Signature{Name: manager.Name, Title: "Service recouvrement"},
	}
}

// countryName is printed on the last address line for a foreign address only.
func countryName(code string) string {
	switch strings.ToUpper(code) {
	case "", "FR":
		return ""
	}
	return strings.ToUpper(code)
}

func references(invs []models.Invoice, caseIDs []uint, d models.Debtor) []string {
	numbers := make([]string, len(invs))
	for i, inv := range invs {
		numbers[i] = inv.Number
	}
	cases := make([]string, len(caseIDs))
	for i, id := range caseIDs {
		cases[i] = fmt.Sprint(id)
	}
	label, caseLabel := "facture ", "dossier n° "
	if len(numbers) > 1 {
		label = "factures "
	}
	if len(cases) > 1 {
		caseLabel = "dossiers n° "
	}
	refs := []string{label + strings.Join(numbers, ", ")}
	if len(cases) > 0 {
		refs = append(refs, caseLabel+strings.Join(cases, ", "))
	}
	return append(refs, "compte client n° "+d.Reference)
}

func statementOf(open []models.Invoice, d models.Debtor, date civil.Date) letters.Statement {
	st := letters.Statement{AccountNumber: d.Reference, Currency: currencyOf(open)}
	for _, inv := range open {
		st.Lines = append(st.Lines, letters.StatementLine{
			Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate,
			AmountCents: inv.TotalCents, PaidCents: inv.TotalCents - inv.OutstandingCents,
			BalanceCents: inv.OutstandingCents, DaysOverdue: max(0, date.DaysSince(inv.DueDate)),
		})
		st.TotalCents += inv.OutstandingCents
	}
	return st
}

func currencyOf(invs []models.Invoice) string {
	if len(invs) == 0 || invs[0].Currency == "" {
		return "EUR"
	}
	return invs[0].Currency
}

// sortedIDs returns ids ascending, without duplicates.
func sortedIDs(ids []uint) []uint {
	out := append([]uint(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	w := 0
	for i, id := range out {
		if i == 0 || id != out[w-1] {
			out[w] = id
			w++
		}
	}
	return out[:w]
}

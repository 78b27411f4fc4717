package dispatch

import (
	"context"
	"fmt"
	"github.com/recouvra/recouvra/activities/outbox"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// paymentReference is what the debtor quotes on its transfer: its account
// number, which the lettrage recognises.
func paymentReference(d models.Debtor) string { return d.Reference }

func templateData(d models.Debtor, cr models.Creditor, manager lettertemplates.Person,
	invs, open []models.Invoice, date civil.Date, level int) lettertemplates.Data {
	f := formatterFor(lettertemplates.LanguageFor(d.Address.Country))
	data := lettertemplates.Data{
		Debtor: lettertemplates.Party{Name: d.Name, Reference: d.Reference, Contact: d.PaymentContact,
			Email: d.Email, Phone: d.Phone},
		Creditor: lettertemplates.Party{Name: cr.Name, Email: cr.Email, Phone: cr.Phone,
			IBAN: groupIBAN(cr.IBAN), BIC: cr.BIC},
		AccountManager:   manager,
		Count:            len(invs),
		Level:            level,
		Date:             f.date(date),
		PaymentReference: paymentReference(d),
	}
	var total, openTotal int64
	numbers := make([]string, len(invs))
	for i, inv := range invs {
		numbers[i] = inv.Number
		total += inv.OutstandingCents
		data.Invoices = append(data.Invoices, lettertemplates.Invoice{Number: inv.Number,
			IssueDate: f.date(inv.IssueDate), DueDate: f.date(inv.DueDate),
			Amount: f.money(inv.TotalCents, inv.Currency), Balance: f.money(inv.OutstandingCents, inv.Currency),
			DaysOverdue: max(0, date.DaysSince(inv.DueDate))})
	}
	for _, inv := range open {
		openTotal += inv.OutstandingCents
	}
	data.InvoiceNumbers = f.list(numbers)
	data.Total = f.money(total, currencyOf(invs))
	data.StatementTotal = f.money(openTotal, currencyOf(open))
	return data
}

func fillDemandData(data *lettertemplates.Data, fd letters.FormalDemand, lang string) {
	f := formatterFor(lang)
	var principal, penalties, indemnities int64
	for _, inv := range fd.Invoices {
		principal += inv.PrincipalCents
		penalties += inv.PenaltyCents
		indemnities += inv.IndemnityCents
	}
	data.Deadline = f.date(fd.DeadlineDate)
	data.Principal = f.money(principal, fd.Currency)
	data.Penalties = f.money(penalties, fd.Currency)
	if indemnities > 0 {
		data.Indemnities = f.money(indemnities, fd.Currency)
	}
	data.DemandTotal = f.money(fd.TotalCents, fd.Currency)
}

// groupIBAN writes an IBAN in groups of four for emails.
func groupIBAN(iban string) string {
	compact := strings.ToUpper(strings.Join(strings.Fields(iban), ""))
	var parts []string
	for len(compact) > 4 {
		parts = append(parts, compact[:4])
		compact = compact[4:]
	}
	if compact != "" {
		parts = append(parts, compact)
	}
	return strings.Join(parts, " ")
}

// CaseData is what a template of key would print for one case today: the
// data of a piece covering that case's invoice alone, as if its step were
// the one the key names, within the scope of the partner the case is
// delegated to, as its letters are. The back-office previews edits with it.
func (c Composer) CaseData(ctx context.Context, caseID uint, key string, date civil.Date) (lettertemplates.Data, error) {
	var cs models.Case
	if err := c.DB.WithContext(ctx).First(&cs, caseID).Error; err != nil {
		return lettertemplates.Data{}, fmt.Errorf("case %d: %w", caseID, err)
	}
	step, channel, _ := strings.Cut(key, ".")
	channel, _, _ = strings.Cut(channel, ".")
	g := Group{DebtorID: cs.DebtorID, Step: step, Level: cs.Level, Channel: channel, Template: step + "." + channel,
		FormalDemand: step == "formal_demand", Date: date,
		Entries: []Entry{{Send: outbox.Send{CaseID: cs.ID, DebtorID: cs.DebtorID, InvoiceID: cs.InvoiceID, Step: step, Channel: channel, DueOn: date}}}}
	if cs.PartnerID != nil {
		g.PartnerID = *cs.PartnerID
		g.Entries[0].PartnerID = *cs.PartnerID
	}
	p, err := c.assemble(ctx, g)
	if err != nil {
		return lettertemplates.Data{}, err
	}
	return p.Data, nil
}

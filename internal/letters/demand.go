package letters

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"

	"github.com/recouvra/recouvra/internal/money"
)

// demandTitle heads a formal demand, so that the debtor cannot mistake it for
// a mere reminder.
func (c *composer) demandTitle() {
	c.space(1)
	c.line(9, "MISE EN DEMEURE", c.style(14, fontstyle.Bold, align.Center))
	c.space(3)
}

// demandClauses prints what makes the letter a mise en demeure (C. civ.
// art. 1344): the sum, the deadline in words, how to pay, and the court
// action that follows if the debtor does not pay.
func (c *composer) demandClauses(l Letter, d FormalDemand) {
	text := c.style(10, fontstyle.Normal, align.Left)
	bold := c.style(10, fontstyle.Bold, align.Left)
	total := money.Format(d.TotalCents, d.Currency)
	deadline := d.DeadlineDate.French()

	c.paragraph("La présente lettre vaut mise en demeure au sens de l’article 1344 du code civil. "+
		"Nous vous demandons de nous régler la somme de "+total+" au plus tard le "+deadline+".", text, 3)
	for _, p := range lateChargeNotes(d) {
		c.paragraph(p, text, 3)
	}

	c.paragraph("Règlement par virement bancaire au profit de "+l.Creditor.Name+" :", bold, 1)
	for _, ln := range paymentLines(l.Creditor, d) {
		c.paragraph(ln, text, 0.5)
	}
	c.space(3)

	c.paragraph("À défaut de règlement intégral au plus tard le "+deadline+", nous déposerons sans autre avis "+
		"une requête en injonction de payer auprès de la juridiction compétente "+
		"(articles 1405 et suivants du code de procédure civile).", bold, 3)
}

// lateChargeNotes cites the legal basis of the penalties and of the fixed
// indemnity, for the charges actually claimed. Between professionals the
// penalties run without reminder from the day after the due date.
func lateChargeNotes(d FormalDemand) []string {
	var penalties, indemnity bool
	for _, inv := range d.Invoices {
		penalties = penalties || inv.PenaltyCents > 0
		indemnity = indemnity || inv.IndemnityCents > 0
	}
	var notes []string
	if d.BusinessDebtor && penalties {
		notes = append(notes, "Les pénalités de retard courent de plein droit à compter du lendemain "+
			"de chaque date d’échéance, au taux indiqué (article L. 441-10 du code de commerce).")
	}
	if indemnity {
		notes = append(notes, "Une indemnité forfaitaire pour frais de recouvrement de "+
			money.Format(FixedIndemnityCents, "EUR")+" est due pour chaque facture payée en retard "+
			"(article D. 441-5 du code de commerce).")
	}
	return notes
}

// paymentLines are the bank details to quote on the transfer.
func paymentLines(creditor Party, d FormalDemand) []string {
	lines := []string{"IBAN : " + formatIBAN(creditor.IBAN)}
	if bic := strings.TrimSpace(creditor.BIC); bic != "" {
		lines = append(lines, "BIC : "+strings.ToUpper(bic))
	}
	if ref := strings.TrimSpace(d.PaymentReference); ref != "" {
		lines = append(lines, "Référence à indiquer sur le virement : "+ref)
	}
	return lines
}

// formatIBAN writes an IBAN in groups of four, as banks print it.
func formatIBAN(iban string) string {
	compact := strings.ToUpper(strings.Join(strings.Fields(iban), ""))
	var b strings.Builder
	for i, r := range []rune(compact) {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

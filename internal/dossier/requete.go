package dossier

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/money"
)

var (
	title    = letters.Style{Size: 14, Bold: true, Align: "center"}
	subtitle = letters.Style{Size: 8.5, Align: "center", Grey: true}
	section  = letters.Style{Size: 10.5, Bold: true}
	body     = letters.Style{Size: 9.5}
	small    = letters.Style{Size: 8.5}
)

// renderRequete prints the requête: court, creditor, mandataire, debtors,
// sums claimed with rate, start date, basis and pieces, the art. 1408
// referral request, and the date and signature block.
func renderRequete(r Request, numbered []numberedPiece) ([]byte, error) {
	heading := "REQUÊTE EN INJONCTION DE PAYER"
	return letters.Compose(heading+" — "+r.Court.Name, r.Creditor.Name, nil, func(d *letters.Document) {
		d.Paragraph(heading, title, 1)
		d.Paragraph("Articles 1405 à 1425 du code de procédure civile — requête établie suivant le formulaire Cerfa n° "+
			r.Court.Cerfa+" et contenant les mentions de l'article 1407 du code de procédure civile", subtitle, 5)

		d.Paragraph("JURIDICTION", section, 1)
		d.Paragraph("À Madame, Monsieur le Président du "+lowerFirst(r.Court.Name), body, 1)
		if r.Reference != "" {
			d.Paragraph("Référence du dossier : "+r.Reference, small, 1)
		}
		d.Space(3)

		d.Paragraph("DEMANDEUR (créancier)", section, 1)
		d.Paragraph(strings.Join(identity(r.Creditor, true), "\n"), body, 1)
		if r.Electronic {
			d.Paragraph("Dépôt par voie électronique — courriel : "+r.Creditor.Email+" ; téléphone portable : "+r.Creditor.Mobile, body, 1)
		}
		d.Space(3)

		d.Paragraph("MANDATAIRE", section, 1)
		if r.Mandataire == nil {
			d.Paragraph("Néant : le demandeur agit lui-même, par son représentant légal.", body, 1)
		} else {
			m := *r.Mandataire
			lines := identity(m, false)
			if m.Role != "" {
				lines[0] = m.Role + " : " + lines[0]
			}
			d.Paragraph(strings.Join(lines, "\n"), body, 1)
		}
		d.Space(3)

		d.Paragraph("DÉBITEUR(S)", section, 1)
		for _, p := range r.Debtors {
			d.Paragraph(strings.Join(identity(p, false), "\n"), body, 2)
		}
		d.Space(2)

		d.Paragraph("SOMMES DEMANDÉES", section, 1)
		d.Paragraph(fmt.Sprintf("Le demandeur expose que le débiteur lui reste redevable des sommes suivantes, calculées au %s :",
			r.Date.French()), body, 2)
		t := d.Table([]letters.Column{
			{Title: "Nature de la somme", Width: 48},
			{Title: "Montant", Width: 24, Right: true},
			{Title: "Taux et point de départ", Width: 36},
			{Title: "Fondement", Width: 40},
			{Title: "Pièces", Width: 22},
		})
		for _, l := range r.Claim.Lines {
			t.WrapRow(lineNature(l), money.Format(l.AmountCents, r.Claim.Currency), lineRate(l), l.Basis,
				pieceNumbers(supportingPieces(l, numbered)))
		}
		t.Total("Total de la créance", money.Format(r.Claim.TotalCents, r.Claim.Currency), 1)
		d.Space(4)

		d.Paragraph("REQUÊTE", section, 1)
		d.Paragraph(fmt.Sprintf("Le demandeur prie le Président de bien vouloir, en application des articles 1405 et suivants du code "+
			"de procédure civile, enjoindre au débiteur de lui payer la somme de %s, détaillée ci-dessus, outre les dépens.",
			money.Format(r.Claim.TotalCents, r.Claim.Currency)), body, 2)
		referral := r.ReferralCourt
		if strings.TrimSpace(referral) == "" {
			referral = r.Court.Name
		}
		d.Paragraph("Le demandeur demande, en application de l'article 1408 du code de procédure civile, qu'en cas d'opposition "+
			"l'affaire soit immédiatement renvoyée devant la juridiction compétente : "+referral+".", body, 2)
		d.Paragraph(fmt.Sprintf("Les documents justificatifs sont énumérés au bordereau de pièces ci-annexé (%d pièce%s).",
			len(numbered), plural(len(numbered))), body, 5)

		d.Paragraph("Fait à "+r.Place+", le "+r.Date.French(), body, 2)
		signer := r.Creditor.Representative
		if r.Mandataire != nil {
			signer = r.Mandataire.Name
		}
		d.Paragraph("Signature du demandeur ou de son mandataire :", body, 1)
		d.Paragraph(signer, letters.Style{Size: 9.5, Bold: true}, 1)
		if r.Mandataire == nil && r.Creditor.RepresentativeTitle != "" {
			d.Paragraph(r.Creditor.RepresentativeTitle+" de "+r.Creditor.Name, body, 1)
		}
	})
}

// identity is how a party is designated: a legal person by form, name,
// registered office, registration and legal representative; a natural
// person by name and domicile.
func identity(p Party, creditor bool) []string {
	address := strings.Join(nonEmpty(p.Line1, p.Line2, strings.TrimSpace(p.PostalCode+" "+p.City), foreignCountry(p.Country)), ", ")
	if p.NaturalPerson {
		return []string{p.Name, "Domicile : " + address}
	}
	name := p.Name
	if p.LegalForm != "" {
		name = p.LegalForm + " " + p.Name
	}
	lines := []string{name, "Siège social : " + address}
	if siren := letters.FormatSIREN(p.SIREN); siren != "" {
		if p.RCSCity != "" {
			lines = append(lines, "Immatriculée au RCS de "+p.RCSCity+" sous le n° "+siren)
		} else {
			lines = append(lines, "SIREN "+siren)
		}
	}
	if p.Representative != "" {
		rep := "Représentée par " + p.Representative
		if p.RepresentativeTitle != "" {
			rep += ", " + p.RepresentativeTitle
		}
		if creditor {
			rep += ", son représentant légal"
		}
		lines = append(lines, rep)
	}
	return lines
}

func lineNature(l claim.Line) string {
	n := l.Label
	if l.Invoice != "" {
		n += " — facture " + l.Invoice
	}
	if l.Kind == claim.KindCost && !l.From.IsZero() {
		n += " (" + l.From.FrenchNumeric() + ")"
	}
	return n
}

// lineRate is the rate and start date art. 1407 requires for interest.
func lineRate(l claim.Line) string {
	if l.RatePercent == nil {
		return "—"
	}
	return fmt.Sprintf("%s l'an du %s au %s (%d jours)", l.RatePercent.String(), l.From.FrenchNumeric(),
		l.To.FrenchNumeric(), l.Days)
}

func pieceNumbers(ns []int) string {
	if len(ns) == 0 {
		return "—"
	}
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return "n° " + strings.Join(s, ", ")
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

func foreignCountry(c string) string {
	switch strings.ToLower(strings.TrimSpace(c)) {
	case "", "fr", "fra", "france":
		return ""
	}
	return strings.ToUpper(c)
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

package dossier

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/money"
)

// DefaultGreffeFeeCents is the greffe fee of an injonction de payer before a
// commercial court, about 35 € incl. VAT (tarif des greffiers des tribunaux
// de commerce; a few euros more online). It changes by decree: callers pass
// their configured value.
const DefaultGreffeFeeCents = 3500

// ContributionThresholdCents and ContributionEmployees are the thresholds of
// the contribution pour la justice économique owed before a tribunal des
// activités économiques (loi n° 2023-1059, art. 27; décret n° 2024-1225):
// claim over 50 000 € by a claimant employing more than 250 people.
const (
	ContributionThresholdCents = 5_000_000
	ContributionEmployees      = 250
)

// Fees is what filing will cost, as shown to legal staff.
type Fees struct {
	GreffeFeeCents int64  `json:"greffe_fee_cents"`
	Note           string `json:"note"`
}

// FeesFor returns the greffe fee for a court kind. Commercial courts charge
// the greffe fee; a tribunal judiciaire, including the chambre commerciale of
// Alsace-Moselle whose greffe is the TJ's, charges none.
func FeesFor(courtKind string, greffeFeeCents int64) Fees {
	switch courtKind {
	case "tribunal_de_commerce", "tribunal_des_activites_economiques", "tribunal_mixte_de_commerce":
		return Fees{GreffeFeeCents: greffeFeeCents, Note: fmt.Sprintf(
			"Frais de greffe de la juridiction commerciale : environ %s TTC (quelques euros de plus en dépôt en ligne), "+
				"à régler au greffe lors du dépôt.", money.Format(greffeFeeCents, "EUR"))}
	case "tribunal_judiciaire", "chambre_commerciale_tj":
		return Fees{Note: "Aucun frais de greffe : la requête au tribunal judiciaire est gratuite."}
	}
	return Fees{Note: "Juridiction non déterminée : frais de greffe inconnus."}
}

// Warnings lists what legal staff must check before filing, in French.
// employees 0 means the creditor's headcount is not known.
func Warnings(courtKind string, employees int, totalCents int64) []string {
	var out []string
	if courtKind == "tribunal_des_activites_economiques" && totalCents > ContributionThresholdCents {
		switch {
		case employees > ContributionEmployees:
			out = append(out, fmt.Sprintf("Contribution pour la justice économique : la demande de %s devant un tribunal des "+
				"activités économiques, par un créancier de plus de %d salariés (%d), peut y être soumise "+
				"(loi n° 2023-1059, art. 27). Vérifier le montant dû avant le dépôt.",
				money.Format(totalCents, "EUR"), ContributionEmployees, employees))
		case employees == 0:
			out = append(out, fmt.Sprintf("Contribution pour la justice économique : la demande de %s devant un tribunal des "+
				"activités économiques y est soumise si le créancier emploie plus de %d salariés ; l'effectif du créancier "+
				"n'est pas renseigné.", money.Format(totalCents, "EUR"), ContributionEmployees))
		}
	}
	return out
}

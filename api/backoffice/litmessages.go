package backoffice

import (
	"errors"
	"fmt"
	"regexp"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/claim"
)

// seriesFrench names the rate series in messages to staff.
var seriesFrench = map[string]string{
	claim.SeriesMRO:   "taux de refinancement de la BCE",
	claim.SeriesLegal: "taux de l'intérêt légal",
}

// claimProblem says in French why a claim or a court cannot be worked out
// from the data, and whether a person can fix it (false: an internal error
// the caller logs).
func claimProblem(err error) (string, bool) {
	var missing *claim.MissingRateError
	switch {
	case errors.As(err, &missing):
		name := seriesFrench[missing.Series]
		if name == "" {
			name = "taux"
		}
		return fmt.Sprintf("Taux manquant : %s (série %q) inconnu pour le %s. Ajoutez-le à la table des taux.",
			name, missing.Series, missing.Period.French()), true
	case errors.Is(err, litact.ErrNoFormalDemand):
		return "Aucune mise en demeure n'a été envoyée : un consommateur ne doit les intérêts qu'à compter de celle-ci.", true
	case errors.Is(err, litact.ErrCourtNotChosen):
		return "La juridiction compétente doit d'abord être choisie parmi les candidates.", true
	}
	return "Calcul impossible (erreur interne, signalée à l'administrateur).", false
}

// stepReasons turns the litigation workflow's refusals (English, for the
// API) into French for the page; each pattern matches one validator message.
var stepReasons = []struct {
	re     *regexp.Regexp
	french string // a fmt format fed the submatches
}{
	{regexp.MustCompile(`^the litigation has ended: (.*)$`), "la procédure est terminée (%s)"},
	{regexp.MustCompile(`^not allowed while the litigation is "(.*)" \(expected "(.*)"\)$`), "étape impossible : la procédure est au statut « %s » (statut attendu : « %s »)"},
	{regexp.MustCompile(`^channel: "(.*)" is not paper, infogreffe or tribunal_digital$`), "canal : « %s » n'est ni papier, ni Infogreffe, ni Tribunal digital"},
	{regexp.MustCompile(`^date: "(.*)" is missing or in the future$`), "date : « %s » est absente ou dans le futur"},
	{regexp.MustCompile(`^date: "(.*)" is missing, in the future or before the filing of (.*)$`), "date : « %s » est absente, dans le futur ou antérieure au dépôt du %s"},
	{regexp.MustCompile(`^date: "(.*)" is missing, in the future or before the ordonnance of (.*)$`), "date : « %s » est absente, dans le futur ou antérieure à l'ordonnance du %s"},
	{regexp.MustCompile(`^date: "(.*)" is missing, in the future or before the service of (.*)$`), "date : « %s » est absente, dans le futur ou antérieure à la signification du %s"},
	{regexp.MustCompile(`^date: (.*) is after (.*), when the ordonnance lapsed \(article 1411 CPC\)$`), "date : le %s est après le %s, date de caducité de l'ordonnance (article 1411 CPC)"},
	{regexp.MustCompile(`^date: (.*) is after the last day to oppose, (.*): the opposition is late$`), "date : le %s est après le dernier jour pour former opposition (%s) : l'opposition est tardive"},
	{regexp.MustCompile(`^amount_cents: (-?\d+) is negative$`), "montant : %s centimes est négatif"},
	{regexp.MustCompile(`^amount_cents: (-?\d+) is not a part of the (\d+) claimed$`), "montant : %s centimes n'est pas une partie des %s centimes réclamés"},
	{regexp.MustCompile(`^outcome: "(.*)" is not accepted, partial or rejected$`), "résultat : « %s » n'est ni accueillie, ni partielle, ni rejetée"},
	{regexp.MustCompile(`^commissaire: the commissaire de justice who served is required$`), "commissaire : le nom du commissaire de justice qui a signifié est obligatoire"},
}

// refusalFrench translates a refusal of the litigation workflow; a reason
// it does not know is shown as is, prefixed, rather than hidden.
func refusalFrench(reason string) string {
	for _, r := range stepReasons {
		if m := r.re.FindStringSubmatch(reason); m != nil {
			args := make([]any, len(m)-1)
			for i, s := range m[1:] {
				args[i] = s
			}
			return "Étape refusée : " + fmt.Sprintf(r.french, args...) + "."
		}
	}
	return "Étape refusée par la procédure : " + reason
}

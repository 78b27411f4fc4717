package tribunal

import "strings"

// The reasons are shown to the creditor and may be quoted in a file note, so
// they are full French sentences that cite the rule applied.

// whoSentence opens a reason with the debtor's category.
func whoSentence(kind DebtorKind, formNote string) string {
	if formNote != "" {
		return formNote
	}
	switch kind {
	case DebtorTrader:
		return "Le débiteur est commerçant, artisan ou société commerciale"
	case DebtorCivil:
		return "Le débiteur n'est pas commerçant (profession libérale, association ou société civile)"
	case DebtorConsumer:
		return "Le débiteur est un consommateur"
	}
	return "La catégorie du débiteur est inconnue"
}

// territorialSentence states art. 1406 and how the court was found.
func territorialSentence(courtName, how string) string {
	return "Le juge territorialement compétent est celui du lieu où demeure le débiteur ou de son siège " +
		"(art. 1406 du code de procédure civile, d'ordre public : une clause attributive de juridiction " +
		"est réputée non écrite) : " + courtName + ", " + how + "."
}

// commercialFamily completes the opening of a reason when the commercial
// court cannot be named.
func commercialFamily(dept string) string {
	if alsaceMoselle(dept) {
		return " : la requête relève de la chambre commerciale du tribunal judiciaire, qui tient lieu de " +
			"tribunal de commerce en Alsace-Moselle (art. L. 731-1 et suivants du code de commerce), formulaire Cerfa " +
			CerfaCommercial + ". "
	}
	return " : la requête relève de la juridiction commerciale (art. L. 721-3 du code de commerce), formulaire Cerfa " +
		CerfaCommercial + ". "
}

// chooseSentence ends the reason of a decision that needs a choice.
func chooseSentence(dept string) string {
	if dept == "" {
		return " Aucune juridiction ne peut être proposée : indiquez-la manuellement."
	}
	return " Choisissez la juridiction parmi celles du département " + dept + " ; aucune n'a été choisie à votre place."
}

// rcsLabel renders the register as "RCS de Nanterre" unless the user already
// wrote the register's name ("RCS Nanterre", "RCS/RM Limoges").
func rcsLabel(rcs string) string {
	rcs = strings.TrimSpace(rcs)
	first := strings.ToUpper(strings.Fields(rcs)[0])
	if strings.HasPrefix(first, "RCS") || strings.HasPrefix(first, "R.C.S") || strings.HasPrefix(first, "RM") {
		return rcs
	}
	return "RCS de " + rcs
}

const reasonPacific = "Le débiteur est situé dans une collectivité d'outre-mer dotée de ses propres juridictions " +
	"et de règles de procédure particulières (Nouvelle-Calédonie, Polynésie française, Wallis-et-Futuna, " +
	"Saint-Pierre-et-Miquelon) : l'art. 1406 du code de procédure civile ne suffit pas à désigner le juge " +
	"et les données embarquées ne couvrent pas ces juridictions. Indiquez la juridiction manuellement."

func unknownKindReason(kind DebtorKind) string {
	return "La catégorie du débiteur « " + string(kind) + " » est inconnue (attendu : trader, civil ou consumer) : " +
		"on ne peut pas savoir si la requête relève de la juridiction commerciale ou du tribunal judiciaire. " +
		"Précisez la catégorie ou choisissez la juridiction parmi celles du département du débiteur."
}

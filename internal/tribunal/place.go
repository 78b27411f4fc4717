package tribunal

import "strings"

// place is where the debtor lives or has its seat, as far as the input tells.
type place struct {
	insee    string // valid INSEE code as given ("" if absent or invalid)
	commune  string // insee with Paris/Lyon/Marseille arrondissements folded into the city
	dept     string // from insee, else from the postal code
	label    string // "Lyon, code INSEE 69383" for messages
	badINSEE string // a non-empty InseeCode that is not a commune code
}

func locate(d Debtor) place {
	p := place{insee: normalizeINSEE(d.InseeCode)}
	if p.insee == "" && strings.TrimSpace(d.InseeCode) != "" {
		p.badINSEE = strings.TrimSpace(d.InseeCode)
	}
	p.commune = seatCommune(p.insee)
	p.dept = departementOfINSEE(p.insee)
	if p.dept == "" {
		p.dept = departementOfPostalCode(d.PostalCode)
	}
	city := strings.TrimSpace(d.City)
	switch {
	case city != "" && p.insee != "":
		p.label = city + ", code INSEE " + p.insee
	case city != "":
		p.label = city
	case p.insee != "":
		p.label = "code INSEE " + p.insee
	default:
		p.label = strings.TrimSpace(d.PostalCode)
	}
	return p
}

// judicialFor finds the TJ of the debtor's commune: the commune is a TJ seat,
// or the ministry table names its TJ, or (without an INSEE code) the city
// named in the address is a TJ seat of the département. how completes the
// sentence "… : <court>, <how>" and names the TJ; problem explains a failure in one sentence.
func (r *Registry) judicialFor(d Debtor, p place) (tj, how, problem string) {
	if p.commune != "" {
		if code := r.tjBySeat[p.commune]; code != "" {
			return code, "sa commune (" + p.label + ") étant le siège du " + lowerFirst(r.judicial[code].name), ""
		}
		if r.table == nil {
			return "", "", "La commune du débiteur (" + p.label + ") n'est pas le siège d'un tribunal judiciaire " +
				"et la liste des juridictions compétentes du ministère de la Justice n'est pas chargée : " +
				"le tribunal de son ressort ne peut pas être déterminé."
		}
		for _, key := range []string{p.insee, p.commune} {
			raw, ok := r.tableRaw[key]
			if !ok {
				continue
			}
			if code := r.table[key]; code != "" {
				j := r.judicial[code]
				return code, "sa commune (" + p.label + ") relevant du " + lowerFirst(j.name) +
					" selon la liste des juridictions compétentes du ministère de la Justice", ""
			}
			return "", "", "La liste du ministère de la Justice rattache la commune du débiteur (" + p.label + ") à « " + raw +
				" », qui ne correspond à aucun tribunal judiciaire connu."
		}
		return "", "", "La commune du débiteur (" + p.label + ") ne figure pas dans la liste des juridictions " +
			"compétentes du ministère de la Justice."
	}
	lead := "Le code INSEE de la commune du débiteur n'est pas renseigné"
	if p.badINSEE != "" {
		lead = "Le code INSEE « " + p.badINSEE + " » n'est pas un code de commune valide"
	}
	if key := cityKey(d.City); key != "" && p.dept != "" {
		var match []*judicialCourt
		for _, j := range r.judicial {
			if j.dept == p.dept && cityKey(j.city) == key {
				match = append(match, j)
			}
		}
		if len(match) == 1 {
			return match[0].code, "sa commune (" + p.label + ") étant le siège du " + lowerFirst(match[0].name), ""
		}
		return "", "", lead + " et « " + strings.TrimSpace(d.City) + " » n'est pas le siège d'un tribunal " +
			"judiciaire du département : le tribunal de son ressort ne peut pas être déterminé."
	}
	if p.dept == "" {
		return "", "", lead + " et le code postal « " + strings.TrimSpace(d.PostalCode) +
			" » ne permet pas de situer le domicile ou le siège du débiteur."
	}
	return "", "", lead + " et la commune n'est pas nommée : le tribunal de son ressort ne peut pas être déterminé."
}

// commercialForms are the companies that are commercial by their form
// whatever their object (C. com. L. 210-1 al. 2), keyed by normalised name.
var commercialForms = map[string]string{
	"sa": "SA", "sas": "SAS", "sasu": "SASU", "sarl": "SARL", "eurl": "EURL",
	"snc": "SNC", "scs": "SCS", "sca": "SCA", "se": "SE",
	"societe anonyme":                                    "SA",
	"societe par actions simplifiee":                     "SAS",
	"societe par actions simplifiee unipersonnelle":      "SASU",
	"societe a responsabilite limitee":                   "SARL",
	"entreprise unipersonnelle a responsabilite limitee": "EURL",
	"societe en nom collectif":                           "SNC",
	"societe en commandite simple":                       "SCS",
	"societe en commandite par actions":                  "SCA",
}

// legalFormKey turns "S.A.R.L.", "sarl " and "Société à responsabilité
// limitée" into keys of commercialForms.
func legalFormKey(form string) string {
	key := normalizeName(form)
	if compact := strings.ReplaceAll(key, " ", ""); len(compact) <= 5 {
		return compact
	}
	return key
}

// effectiveKind applies L. 210-1: a company commercial by its form goes to the
// commercial court even if it was filed under another kind. The note, when not
// empty, opens the reason.
func effectiveKind(d Debtor) (DebtorKind, string) {
	kind := DebtorKind(strings.ToLower(strings.TrimSpace(string(d.Kind))))
	short, commercial := commercialForms[legalFormKey(d.LegalForm)]
	if !commercial {
		return kind, ""
	}
	note := "Le débiteur est une " + short + ", société commerciale par la forme (art. L. 210-1 du code de commerce)"
	if kind != DebtorTrader {
		note += ", quelle que soit la catégorie indiquée"
	}
	return DebtorTrader, note
}

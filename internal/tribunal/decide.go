// Package tribunal decides which court hears a requête en injonction de payer
// against a debtor (art. 1406 CPC: the court of the place where the debtor
// lives or has its seat, of the kind that matches the debt), from embedded
// court lists. The decision is pure: the same debtor and date always give the
// same answer, and when the data cannot settle the court the decision says so
// and lists candidates instead of guessing.
package tribunal

import (
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
)

// DebtorKind says which judge hears debts of this debtor.
type DebtorKind string

const (
	// DebtorTrader is a commerçant, a commercial company or an artisan:
	// commercial court (C. com. L. 721-3, artisans since 1 January 2022).
	DebtorTrader DebtorKind = "trader"
	// DebtorCivil is a liberal profession, an association or a civil company:
	// tribunal judiciaire.
	DebtorCivil DebtorKind = "civil"
	// DebtorConsumer is a private individual: tribunal judiciaire.
	DebtorConsumer DebtorKind = "consumer"
)

// Debtor is what Decide needs to know about the person to be summoned.
// InseeCode (commune, or arrondissement for Paris, Lyon, Marseille) locates the
// domicile or seat best; PostalCode gives at least the département. RCSCity is
// the register named on the Kbis ("RCS Nanterre", "RCS/RM Limoges").
type Debtor struct {
	Kind       DebtorKind
	LegalForm  string
	PostalCode string
	InseeCode  string
	City       string
	RCSCity    string
}

// Decision is the court to petition. When NeedsChoice is true, Kind, Code and
// Name are empty and Candidates lists the courts to choose from (possibly none);
// Cerfa is still filled when every candidate takes the same form.
type Decision struct {
	Kind        string  `json:"kind"`
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Cerfa       string  `json:"cerfa"`
	Reason      string  `json:"reason"`
	NeedsChoice bool    `json:"needs_choice"`
	Candidates  []Court `json:"candidates"`
}

// The tribunaux des activités économiques pilot (loi n° 2023-1059, art. 26).
var (
	pilotStart = civil.New(2025, 1, 1)
	pilotEnd   = civil.New(2028, 12, 31)
)

func inPilot(on civil.Date) bool {
	return !on.Before(pilotStart) && !on.After(pilotEnd)
}

// Decide returns the court for an injonction de payer against d filed on the
// date on. A jurisdiction clause in the contract plays no part: art. 1406 CPC
// makes the rule mandatory and any contrary clause is deemed unwritten.
func (r *Registry) Decide(d Debtor, on civil.Date) Decision {
	p := locate(d)
	kind, formNote := effectiveKind(d)
	if pacificDepartement(p.dept) {
		return choice(nil, "", reasonPacific)
	}
	switch kind {
	case DebtorTrader:
		return r.decideCommercial(d, p, on, formNote)
	case DebtorCivil, DebtorConsumer:
		return r.decideCivil(d, kind, p, formNote)
	}
	var all []Court
	if p.dept != "" {
		all = append(r.commercialCandidates(p.dept, on), r.CourtsIn(p.dept, KindTribunalJudiciaire)...)
	}
	return choice(all, "", unknownKindReason(d.Kind))
}

func (r *Registry) decideCommercial(d Debtor, p place, on civil.Date, formNote string) Decision {
	lead := whoSentence(DebtorTrader, formNote)
	rcs := strings.TrimSpace(d.RCSCity)
	if rcs == "" {
		return r.commercialByPlace(d, p, on, lead)
	}
	if code := r.rcsIndex[seatKey(rcs)]; code != "" {
		how := "d'après son immatriculation au " + rcsLabel(rcs)
		if j, ok := r.judicial[code]; ok {
			return r.chambreDecision(j, lead, how)
		}
		return r.commercialDecision(r.commercial[code], on, lead, how)
	}
	dec := r.commercialByPlace(d, p, on, lead)
	dec.Reason += " Le registre indiqué, « " + rcs + " », ne correspond à aucun greffe connu : " +
		"la juridiction a été cherchée d'après la commune."
	return dec
}

// commercialByPlace finds the commercial court from the commune: the commune
// is the seat of a commercial court, or its TJ lies wholly within the ressort
// of one (C. com. annexe 7-1).
func (r *Registry) commercialByPlace(d Debtor, p place, on civil.Date, lead string) Decision {
	if code := r.tcBySeat[p.commune]; code != "" {
		return r.commercialDecision(r.commercial[code], on, lead,
			"sa commune ("+p.label+") étant le siège de ce tribunal")
	}
	tj, how, problem := r.judicialFor(d, p)
	if tj == "" {
		return choice(r.commercialCandidates(p.dept, on), CerfaCommercial,
			lead+commercialFamily(p.dept)+problem+chooseSentence(p.dept))
	}
	j := r.judicial[tj]
	if j.chambreCommerciale {
		return r.chambreDecision(j, lead, how)
	}
	links := r.links[tj]
	if len(links) == 1 && links[0].whole {
		return r.commercialDecision(r.commercial[links[0].greffe], on, lead,
			how+" ; le ressort de ce tribunal judiciaire relève entièrement de ce tribunal de commerce (annexe 7-1 du code de commerce)")
	}
	if len(links) == 0 {
		return choice(r.commercialCandidates(p.dept, on), CerfaCommercial,
			lead+commercialFamily(p.dept)+"Aucun tribunal de commerce n'est rattaché au "+lowerFirst(j.name)+
				" dans les données disponibles."+chooseSentence(p.dept))
	}
	var cands []Court
	for _, l := range links {
		cands = append(cands, r.commercial[l.greffe].on(on))
	}
	sortCourts(cands)
	return choice(cands, CerfaCommercial, lead+commercialFamily(p.dept)+"Le ressort du "+lowerFirst(j.name)+
		", dont relève la commune du débiteur ("+p.label+"), est partagé entre plusieurs tribunaux de commerce "+
		"(annexe 7-1 du code de commerce, découpage par anciens cantons ou tribunaux d'instance) : "+
		"le tribunal compétent dépend de la commune exacte du siège, que les données ne donnent pas. "+
		"Choisissez parmi les tribunaux proposés, par exemple d'après l'extrait Kbis.")
}

func (r *Registry) decideCivil(d Debtor, kind DebtorKind, p place, formNote string) Decision {
	lead := whoSentence(kind, formNote)
	tj, how, problem := r.judicialFor(d, p)
	if tj == "" {
		return choice(r.CourtsIn(p.dept, KindTribunalJudiciaire), CerfaJudiciaire,
			lead+" : la requête relève du président du tribunal judiciaire (art. 1406 du code de procédure civile), "+
				"formulaire Cerfa "+CerfaJudiciaire+". "+problem+chooseSentence(p.dept))
	}
	c := r.judicial[tj].court()
	reason := lead + " : la requête relève du président du tribunal judiciaire (art. 1406 du code de procédure civile ; " +
		"art. L. 211-3 du code de l'organisation judiciaire), formulaire Cerfa " + CerfaJudiciaire + ". " +
		territorialSentence(c.Name, how)
	if kind == DebtorConsumer {
		reason += " Si la créance naît d'un crédit à la consommation ou d'un bail d'habitation, la requête relève " +
			"du juge des contentieux de la protection (formulaire Cerfa 16040*01)."
	}
	return decided(c, reason)
}

// commercialDecision names c as it is called on the filing date.
func (r *Registry) commercialDecision(c *commercialCourt, on civil.Date, lead, how string) Decision {
	court := c.on(on)
	var rule, after string
	switch court.Kind {
	case KindTribunalMixteDeCommerce:
		rule = "outre-mer, le tribunal mixte de commerce exerce les attributions du tribunal de commerce " +
			"(art. L. 721-3 et L. 732-1 et suivants du code de commerce) : la requête relève de son président"
	case KindTribunalDesActivitesEconomiques:
		rule = "la requête relève du président du tribunal des activités économiques, qui exerce les attributions " +
			"du tribunal de commerce pendant l'expérimentation du 1er janvier 2025 au 31 décembre 2028 " +
			"(art. L. 721-3 du code de commerce ; loi n° 2023-1059 du 20 novembre 2023, art. 26)"
	default:
		rule = "la requête relève du président du tribunal de commerce (art. L. 721-3 du code de commerce)"
		if c.tae {
			after = " Ce tribunal n'est tribunal des activités économiques que pendant l'expérimentation " +
				"du 1er janvier 2025 au 31 décembre 2028, période qui ne couvre pas la date de la requête."
		}
	}
	return decided(court, lead+" : "+rule+", formulaire Cerfa "+CerfaCommercial+". "+territorialSentence(court.Name, how)+after)
}

// chambreDecision sends a trader of Bas-Rhin, Haut-Rhin or Moselle to the
// chambre commerciale of the TJ. Form 12946 is used there: the chamber sits in
// place of the tribunal de commerce and the request is a commercial one; form
// 12948 is addressed to the président du tribunal judiciaire in civil matters.
func (r *Registry) chambreDecision(j *judicialCourt, lead, how string) Decision {
	c := j.chambre()
	return decided(c, lead+" : en Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle), il n'y a pas de tribunal de commerce ; "+
		"la chambre commerciale du tribunal judiciaire en exerce les attributions (art. L. 731-1 et suivants du code de commerce) "+
		"et la requête suit le formulaire des juridictions commerciales, Cerfa "+CerfaCommercial+". "+territorialSentence(c.Name, how))
}

// commercialCandidates lists the courts a trader of dept may be sent to,
// named as on the filing date.
func (r *Registry) commercialCandidates(dept string, on civil.Date) []Court {
	if alsaceMoselle(dept) {
		return r.CourtsIn(dept, KindChambreCommercialeTJ)
	}
	var out []Court
	for _, c := range r.commercial {
		if c.dept == dept {
			out = append(out, c.on(on))
		}
	}
	sortCourts(out)
	return out
}

// on names a commercial court as it is called on a date: the 12 pilot courts
// are tribunaux des activités économiques only from 2025-01-01 to 2028-12-31.
func (c *commercialCourt) on(d civil.Date) Court {
	court := c.labelled()
	if c.tae && !inPilot(d) {
		court.Kind = KindTribunalDeCommerce
		court.Name = strings.Replace(c.name, "Tribunal des activités économiques", "Tribunal de commerce", 1)
	}
	return court
}

func alsaceMoselle(dept string) bool {
	return dept == "57" || dept == "67" || dept == "68"
}

func decided(c Court, reason string) Decision {
	return Decision{Kind: c.Kind, Code: c.Code, Name: c.Name, Cerfa: CerfaFor(c.Kind), Reason: reason}
}

func choice(cands []Court, cerfa, reason string) Decision {
	if cands == nil {
		cands = []Court{}
	}
	return Decision{Cerfa: cerfa, Reason: reason, NeedsChoice: true, Candidates: cands}
}

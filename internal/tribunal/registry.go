package tribunal

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Court kinds, used in Court.Kind and Decision.Kind.
const (
	KindTribunalDeCommerce              = "tribunal_de_commerce"
	KindTribunalDesActivitesEconomiques = "tribunal_des_activites_economiques"
	KindTribunalJudiciaire              = "tribunal_judiciaire"
	KindChambreCommercialeTJ            = "chambre_commerciale_tj"
	KindTribunalMixteDeCommerce         = "tribunal_mixte_de_commerce"
)

// Cerfa numbers of the injonction de payer requests.
const (
	CerfaCommercial = "12946*02" // tribunal de commerce and courts exercising its powers
	CerfaJudiciaire = "12948*06" // président du tribunal judiciaire
)

// CerfaFor returns the request form for a court kind, or "" for an unknown kind.
// Form 12946 is the request to the commercial judge; the Alsace-Moselle
// chambre commerciale and the tribunaux mixtes de commerce exercise that
// judge's powers (C. com. L. 731-1 s., L. 732-1 s.), so they take it too.
func CerfaFor(kind string) string {
	switch kind {
	case KindTribunalDeCommerce, KindTribunalDesActivitesEconomiques,
		KindChambreCommercialeTJ, KindTribunalMixteDeCommerce:
		return CerfaCommercial
	case KindTribunalJudiciaire:
		return CerfaJudiciaire
	}
	return ""
}

// Court is one court a request may be filed with. Code is the greffe code of a
// commercial court ("9201") or the Judilibre key of a tribunal judiciaire
// ("tj92050"); an Alsace-Moselle chambre commerciale carries its TJ's code.
type Court struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	City string `json:"city"`
}

// Registry answers court questions from the embedded court lists and,
// optionally, the Ministry of Justice commune → TJ table. It is immutable and
// safe for concurrent use.
type Registry struct {
	*base
	table    map[string]string // INSEE → TJ code; "" when the label was not recognised
	tableRaw map[string]string // INSEE → label as given, for messages
}

// base is what every Registry shares: the embedded data and its indexes.
type base struct {
	commercial map[string]*commercialCourt // by greffe code
	judicial   map[string]*judicialCourt   // by TJ code
	links      map[string][]tcLink         // TJ code → commercial courts
	tcBySeat   map[string]string           // seat INSEE → greffe code
	tjBySeat   map[string]string           // seat INSEE → TJ code
	rcsIndex   map[string]string           // seatKey → greffe code, or TJ code in Alsace-Moselle
	tjIndex    map[string]string           // seatKey → TJ code
}

var loadBase = sync.OnceValues(buildBase)

// NewRegistry returns a registry over the embedded court data. communeToTJ,
// typically from ParseCompetenceCSV, maps INSEE commune codes to a tribunal
// judiciaire given by name ("Tribunal judiciaire de Lyon", "LYON"), Judilibre
// code ("tj69123") or seat INSEE code; it may be nil. Labels that match no
// known TJ are kept as such, and Decide then asks for a choice for those
// communes rather than guess.
func NewRegistry(communeToTJ map[string]string) *Registry {
	b, err := loadBase()
	if err != nil {
		panic("tribunal: embedded court data: " + err.Error()) // caught by the package tests
	}
	r := &Registry{base: b}
	if communeToTJ != nil {
		r.table = make(map[string]string, len(communeToTJ))
		r.tableRaw = make(map[string]string, len(communeToTJ))
		for insee, label := range communeToTJ {
			code := normalizeINSEE(insee)
			if code == "" || strings.TrimSpace(label) == "" {
				continue
			}
			r.table[code] = b.resolveTJ(label)
			r.tableRaw[code] = strings.TrimSpace(label)
		}
	}
	return r
}

var tjCodePattern = regexp.MustCompile(`^tj(\d{5}|2[ab]\d{3})$`)

// resolveTJ turns a TJ designation from the ministry table into a TJ code, or "".
func (b *base) resolveTJ(label string) string {
	s := strings.ToLower(strings.TrimSpace(label))
	if tjCodePattern.MatchString(s) {
		if _, ok := b.judicial[s]; ok {
			return s
		}
		return ""
	}
	if insee := normalizeINSEE(s); insee != "" {
		return b.tjBySeat[insee]
	}
	return b.tjIndex[seatKey(label)]
}

// Court returns the court with the given greffe or TJ code. Pilot courts carry
// their tribunal des activités économiques label, as in the data; Decide
// names them according to the filing date.
func (r *Registry) Court(code string) (Court, bool) {
	code = strings.TrimSpace(code)
	if c, ok := r.commercial[code]; ok {
		return c.labelled(), true
	}
	if j, ok := r.judicial[strings.ToLower(code)]; ok {
		return j.court(), true
	}
	return Court{}, false
}

// CourtsIn lists the courts of a département ("92", "2A", "974") of one kind,
// sorted by name; kind "" lists every court. Because whether a pilot court is a
// tribunal des activités économiques depends on the date, KindTribunalDeCommerce
// and KindTribunalDesActivitesEconomiques both select all the commercial courts
// of the département (each labelled as in the data). KindChambreCommercialeTJ
// lists the Alsace-Moselle chambers, KindTribunalJudiciaire the TJs and
// chambres détachées.
func (r *Registry) CourtsIn(departement string, kind string) []Court {
	dept := strings.ToUpper(strings.TrimSpace(departement))
	if len(dept) == 1 && isDigits(dept) {
		dept = "0" + dept
	}
	var out []Court
	commercial := kind == "" || kind == KindTribunalDeCommerce || kind == KindTribunalDesActivitesEconomiques
	for _, c := range r.commercial {
		if c.dept == dept && ((commercial && !c.mixte) || (c.mixte && (kind == "" || kind == KindTribunalMixteDeCommerce))) {
			out = append(out, c.labelled())
		}
	}
	for _, j := range r.judicial {
		if j.dept != dept {
			continue
		}
		if kind == "" || kind == KindTribunalJudiciaire {
			out = append(out, j.court())
		}
		if j.chambreCommerciale && (kind == "" || kind == KindChambreCommercialeTJ) {
			out = append(out, j.chambre())
		}
	}
	sortCourts(out)
	return out
}

func sortCourts(cs []Court) {
	sort.Slice(cs, func(i, k int) bool {
		a, b := normalizeName(cs[i].Name), normalizeName(cs[k].Name)
		if a != b {
			return a < b
		}
		return cs[i].Code < cs[k].Code
	})
}

// labelled is the court as named in the data (TAE label for pilot courts).
func (c *commercialCourt) labelled() Court {
	kind := KindTribunalDeCommerce
	switch {
	case c.mixte:
		kind = KindTribunalMixteDeCommerce
	case c.tae:
		kind = KindTribunalDesActivitesEconomiques
	}
	return Court{Code: c.code, Name: c.name, Kind: kind, City: c.city}
}

func (j *judicialCourt) court() Court {
	return Court{Code: j.code, Name: j.name, Kind: KindTribunalJudiciaire, City: j.city}
}

// chambre is the Alsace-Moselle chambre commerciale of the TJ.
func (j *judicialCourt) chambre() Court {
	return Court{Code: j.code, Name: "Chambre commerciale du " + lowerFirst(j.name),
		Kind: KindChambreCommercialeTJ, City: j.city}
}

// lowerFirst turns "Tribunal judiciaire de Lyon" into "tribunal judiciaire de
// Lyon" for use inside a sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// rcsAliases are register names in use on Kbis extracts that differ from the
// seat and label in the data (merged courts, renamed communes).
var rcsAliases = map[string]string{
	"lille":                 "5910", // TC Lille Métropole absorbed TC Lille in 2009
	"roubaix tourcoing":     "5910", // and TC Roubaix-Tourcoing
	"cherbourg en cotentin": "5001", // commune renamed in 2016
	"evry courcouronnes":    "7801", // commune merged in 2019
	"val de briey":          "5401", // commune merged in 2017
}

// tjAliases are TJ designations a ministry file may use that differ from the
// Judilibre seat names.
var tjAliases = map[string]string{
	"cherbourg":           "tj50129",
	"cherbourg octeville": "tj50129",
	"briey":               "tj54099",
	"evry courcouronnes":  "tj91228",
	"saint denis":         "tj97411",
	"saint pierre":        "tj97416",
}

func buildBase() (*base, error) {
	tcs, err := loadCommercial()
	if err != nil {
		return nil, err
	}
	tjs, err := loadJudicial()
	if err != nil {
		return nil, err
	}
	links, err := loadLinks()
	if err != nil {
		return nil, err
	}
	b := &base{
		commercial: map[string]*commercialCourt{}, judicial: map[string]*judicialCourt{},
		links: links, tcBySeat: map[string]string{}, tjBySeat: map[string]string{},
		rcsIndex: map[string]string{}, tjIndex: map[string]string{},
	}
	for i := range tcs {
		c := &tcs[i]
		if err := putUnique(b.commercial, c.code, c, "greffe code"); err != nil {
			return nil, err
		}
		if err := putUnique(b.tcBySeat, c.seatINSEE, c.code, "commercial court seat"); err != nil {
			return nil, err
		}
		addKey(b.rcsIndex, seatKey(c.city), c.code)
		addKey(b.rcsIndex, seatKey(c.name), c.code)
		for _, part := range strings.Split(c.name, " - ") { // "Vesoul - Gray"
			addKey(b.rcsIndex, seatKey(part), c.code)
		}
	}
	for i := range tjs {
		j := &tjs[i]
		if err := putUnique(b.judicial, j.code, j, "TJ code"); err != nil {
			return nil, err
		}
		if err := putUnique(b.tjBySeat, j.seatINSEE, j.code, "TJ seat"); err != nil {
			return nil, err
		}
		addKey(b.tjIndex, seatKey(j.city), j.code)
		addKey(b.tjIndex, seatKey(j.name), j.code)
		if j.chambreCommerciale { // the register is kept by the TJ there
			addKey(b.rcsIndex, seatKey(j.city), j.code)
		}
	}
	for k, code := range rcsAliases {
		addKey(b.rcsIndex, k, code)
	}
	for k, code := range tjAliases {
		addKey(b.tjIndex, k, code)
	}
	for tj, ls := range links {
		if _, ok := b.judicial[tj]; !ok {
			return nil, fmt.Errorf("tj-tc.csv: TJ %s not in tribunaux-judiciaires.csv", tj)
		}
		for _, l := range ls {
			if _, ok := b.commercial[l.greffe]; !ok {
				return nil, fmt.Errorf("tj-tc.csv: greffe %s (TJ %s) not in tribunaux-de-commerce.csv", l.greffe, tj)
			}
		}
	}
	return b, nil
}

func putUnique[V any](m map[string]V, key string, v V, what string) error {
	if key == "" {
		return fmt.Errorf("empty %s", what)
	}
	if _, dup := m[key]; dup {
		return fmt.Errorf("duplicate %s %q", what, key)
	}
	m[key] = v
	return nil
}

// addKey records key → code; a key claimed by two courts becomes "" so that
// lookups on it fail instead of picking one.
func addKey(index map[string]string, key, code string) {
	if key == "" {
		return
	}
	if old, ok := index[key]; ok && old != code {
		index[key] = ""
		return
	}
	index[key] = code
}

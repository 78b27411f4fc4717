package tribunal

import (
	"regexp"
	"strings"
	"unicode"
)

// foldAccents maps the accented letters of French place names to plain ones,
// so that "Châlons", "CHALONS" and "Chalons" compare equal.
var foldAccents = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "á", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "í", "i",
	"ô", "o", "ö", "o", "ó", "o",
	"ù", "u", "û", "u", "ü", "u", "ú", "u",
	"ç", "c", "ÿ", "y", "ñ", "n",
	"œ", "oe", "æ", "ae",
)

// nameTokens lower-cases s, folds accents, treats hyphens, apostrophes and
// other punctuation as spaces and spells out "St"/"Ste", the way La Poste
// and the greffes abbreviate "Saint"/"Sainte".
func nameTokens(s string) []string {
	s = foldAccents.Replace(strings.ToLower(s))
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, f := range fields {
		switch f {
		case "st":
			fields[i] = "saint"
		case "ste":
			fields[i] = "sainte"
		}
	}
	return fields
}

// normalizeName is the comparison key of a place or court name.
func normalizeName(s string) string {
	return strings.Join(nameTokens(s), " ")
}

// courtWords are words that may precede a seat name in what users and
// registers write ("RCS", "R.C.S.", "RM", "Tribunal de commerce de", "TJ de"…).
var courtWords = map[string]bool{
	"rcs": true, "rm": true, "registre": true, "commerce": true, "societes": true,
	"metiers": true, "greffe": true, "tribunal": true, "tc": true, "tae": true,
	"tj": true, "activites": true, "economiques": true, "judiciaire": true,
	"du": true, "de": true, "des": true, "et": true, "au": true, "aux": true,
	"immatricule": true, "immatriculee": true, "sous": true, "numero": true,
	"no": true, "chambre": true, "commerciale": true, "detachee": true,
}

// leadingArticles are dropped at the start of a seat so that "du Havre" and
// "Le Havre" meet on "havre".
var leadingArticles = map[string]bool{"le": true, "la": true, "les": true}

// seatKey reduces a court, register or city designation to the bare seat
// name: "RCS Nanterre B 552 100 554" → "nanterre", "Tribunal de commerce du
// Havre" → "havre", "Tribunal judiciaire de Dole (chambre détachée)" → "dole".
// Numbers and single letters are dropped (the RCS "A"/"B" and SIREN digits),
// and so are court words and articles at either end.
func seatKey(s string) string {
	var kept []string
	for _, t := range nameTokens(s) {
		if len(t) == 1 || ordinal.MatchString(t) {
			continue
		}
		kept = append(kept, t)
	}
	for len(kept) > 1 && (courtWords[kept[0]] || leadingArticles[kept[0]]) {
		kept = kept[1:]
	}
	for len(kept) > 1 && (courtWords[kept[len(kept)-1]] || leadingArticles[kept[len(kept)-1]]) {
		kept = kept[:len(kept)-1]
	}
	if len(kept) == 1 && courtWords[kept[0]] {
		return ""
	}
	return strings.Join(kept, " ")
}

// cityKey is the key of a commune name as written in an address: the
// arrondissement suffix ("Lyon 3e", "Paris 15e Arrondissement", "Marseille
// 8ème") and CEDEX are dropped, since the seat city is what matters.
func cityKey(s string) string {
	var kept []string
	for _, t := range nameTokens(s) {
		if t == "cedex" || t == "arrondissement" || ordinal.MatchString(t) {
			continue
		}
		kept = append(kept, t)
	}
	return strings.Join(kept, " ")
}

var ordinal = regexp.MustCompile(`^\d+(e|er|eme|ieme)?$`)

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

var inseePattern = regexp.MustCompile(`^(\d{5}|2[AB]\d{3})$`)

// normalizeINSEE returns the upper-cased, trimmed INSEE commune code, or ""
// when s is not one (5 digits, or 2A/2B + 3 digits for Corsica).
func normalizeINSEE(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !inseePattern.MatchString(s) {
		return ""
	}
	return s
}

// seatCommune maps the municipal arrondissements of Paris (75101–75120),
// Lyon (69381–69389) and Marseille (13201–13216) to the commune that is the
// court seat; every other code is returned unchanged.
func seatCommune(insee string) string {
	if len(insee) != 5 || !isDigits(insee) {
		return insee
	}
	switch n := atoi(insee); {
	case n >= 75101 && n <= 75120:
		return "75056"
	case n >= 69381 && n <= 69389:
		return "69123"
	case n >= 13201 && n <= 13216:
		return "13055"
	}
	return insee
}

func atoi(digits string) int {
	n := 0
	for _, r := range digits {
		n = n*10 + int(r-'0')
	}
	return n
}

// departementOfINSEE returns the département of a valid INSEE code: three
// characters overseas (971…988), "2A"/"2B" in Corsica, else two digits.
func departementOfINSEE(insee string) string {
	if insee == "" {
		return ""
	}
	if strings.HasPrefix(insee, "97") || strings.HasPrefix(insee, "98") {
		return insee[:3]
	}
	return insee[:2]
}

// departementOfPostalCode returns the département a French postal code
// belongs to, or "" when it is not a 5-digit code. Corsican codes 200xx–201xx
// are Corse-du-Sud (2A), the rest Haute-Corse (2B). Postal codes follow
// départements closely but not perfectly near borders, so the INSEE code is
// preferred whenever it is known.
func departementOfPostalCode(pc string) string {
	pc = strings.ReplaceAll(strings.TrimSpace(pc), " ", "")
	if len(pc) != 5 || !isDigits(pc) {
		return ""
	}
	switch {
	case pc == "00000":
		return ""
	case strings.HasPrefix(pc, "97") || strings.HasPrefix(pc, "98"):
		return pc[:3]
	case strings.HasPrefix(pc, "20"):
		if pc < "20200" {
			return "2A"
		}
		return "2B"
	}
	return pc[:2]
}

package letters

import (
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// nbsp keeps "552 100 554" or "1 234,56 €" on one line; it is in code page 1252.
const nbsp = "\u00a0"

// addressLines is the debtor's address as La Poste reads it through the
// envelope window (NF Z10-011): recipient, attention line, street, complement,
// postal code and CITY in capitals, then the COUNTRY for an address abroad.
func addressLines(p Party) []string {
	lines := []string{strings.TrimSpace(p.Name)}
	if r := strings.TrimSpace(p.Representative); r != "" {
		lines = append(lines, "À l’attention de "+r)
	}
	lines = appendNonEmpty(lines, p.Line1, p.Line2)
	lines = appendNonEmpty(lines, strings.TrimSpace(p.PostalCode+" "+strings.ToUpper(strings.TrimSpace(p.City))))
	if !isDomestic(p.Country) {
		lines = append(lines, strings.ToUpper(strings.TrimSpace(p.Country)))
	}
	return lines
}

// letterheadLines is the creditor's address and contact under its name.
func letterheadLines(p Party) []string {
	lines := appendNonEmpty(nil, p.Line1, p.Line2, strings.TrimSpace(p.PostalCode+" "+strings.TrimSpace(p.City)))
	if !isDomestic(p.Country) {
		lines = append(lines, strings.TrimSpace(p.Country))
	}
	if phone := strings.TrimSpace(p.Phone); phone != "" {
		lines = append(lines, "Tél. : "+phone)
	}
	if email := strings.TrimSpace(p.Email); email != "" {
		lines = append(lines, "Courriel : "+email)
	}
	return lines
}

// legalMentions is the footer every page of a company's letter must carry
// (C. com. R. 123-237): form and share capital, RCS city and SIREN, seat.
// Missing pieces are left out rather than printed empty.
func legalMentions(p Party) string {
	var parts []string
	identity := strings.TrimSpace(p.Name)
	if form := strings.TrimSpace(p.LegalForm); form != "" {
		capital := form
		if p.ShareCapitalCents > 0 {
			capital += " au capital de " + money.Format(p.ShareCapitalCents, "EUR")
		}
		identity += ", " + capital
	}
	parts = append(parts, identity)
	if siren := formatSIREN(p.SIREN); siren != "" {
		if city := strings.TrimSpace(p.RCSCity); city != "" {
			parts = append(parts, "RCS "+city+" "+siren)
		} else {
			parts = append(parts, "SIREN "+siren)
		}
	}
	seat := appendNonEmpty(nil, p.Line1, p.Line2, strings.TrimSpace(p.PostalCode+" "+strings.TrimSpace(p.City)))
	if len(seat) > 0 {
		parts = append(parts, "siège : "+strings.Join(seat, ", "))
	}
	return strings.Join(parts, " — ")
}

// formatSIREN writes nine digits as "552 100 554"; anything else is returned
// trimmed, as typed, so that a wrong number stays visible rather than hidden.
func formatSIREN(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '.' {
			return -1
		}
		return r
	}, s)
	if len(digits) != 9 || strings.Trim(digits, "0123456789") != "" {
		return strings.TrimSpace(s)
	}
	return digits[0:3] + nbsp + digits[3:6] + nbsp + digits[6:9]
}

// placeAndDate is the "Nanterre, le 23 novembre 2026" line.
func placeAndDate(place string, d civil.Date) string {
	return strings.TrimSpace(place) + ", le " + d.French()
}

// registeredMention names the postal service used, with its number when known.
func registeredMention(l Letter) string {
	if !l.Registered {
		return ""
	}
	s := "Lettre recommandée avec accusé de réception"
	if n := strings.TrimSpace(l.TrackingNumber); n != "" {
		s += " n°" + nbsp + n
	}
	return s
}

// referencesLine joins the letter's references on one line.
func referencesLine(refs []string) string {
	refs = appendNonEmpty(nil, refs...)
	if len(refs) == 0 {
		return ""
	}
	return "Réf. : " + strings.Join(refs, ", ")
}

func isDomestic(country string) bool {
	switch strings.ToLower(strings.TrimSpace(country)) {
	case "", "fr", "fra", "france":
		return true
	}
	return false
}

func appendNonEmpty(dst []string, values ...string) []string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			dst = append(dst, v)
		}
	}
	return dst
}

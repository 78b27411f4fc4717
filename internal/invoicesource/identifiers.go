package invoicesource

import "strings"

// ICD scheme identifiers (ISO 6523) that carry French company numbers.
const (
	schemeSIREN = "0002"
	schemeSIRET = "0009"
	schemeFRCTC = "0225" // French e-invoicing address: SIREN, optionally _suffix
)

// partyID is an identifier found on a party, with its scheme.
type partyID struct{ scheme, value string }

// applyCompanyIDs fills SIREN and SIRET from the identifiers of a party, in
// order of authority (legal registration first). Scheme 0002 is SIREN and
// 0009 SIRET, but the length decides: official samples put a 14-digit SIRET
// under 0002. An identifier without scheme counts only for a French party and
// only when it passes the Luhn check, so that a foreign registration number
// of nine digits is not taken for a SIREN. A SIRET also gives the SIREN.
func applyCompanyIDs(p *Party, ids []partyID) {
	french := strings.EqualFold(p.Address.Country, "FR")
	for _, id := range ids {
		v := compact(id.value)
		switch strings.TrimSpace(id.scheme) {
		case schemeSIREN, schemeSIRET:
			setCompanyNumber(p, v)
		case schemeFRCTC:
			if head, _, _ := strings.Cut(v, "_"); len(head) == 9 && allDigits(head) && p.SIREN == "" {
				p.SIREN = head
			}
		case "":
			if french && luhnValid(v) {
				setCompanyNumber(p, v)
			}
		}
	}
	if p.SIREN == "" && len(p.SIRET) == 14 {
		p.SIREN = p.SIRET[:9]
	}
}

func setCompanyNumber(p *Party, v string) {
	if !allDigits(v) {
		return
	}
	switch len(v) {
	case 9:
		if p.SIREN == "" {
			p.SIREN = v
		}
	case 14:
		if p.SIRET == "" {
			p.SIRET = v
		}
	}
}

// luhnValid reports whether a 9- or 14-digit number passes the Luhn check
// that INSEE applies to SIREN and SIRET.
func luhnValid(v string) bool {
	if (len(v) != 9 && len(v) != 14) || !allDigits(v) {
		return false
	}
	sum := 0
	for i := 0; i < len(v); i++ {
		d := int(v[len(v)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

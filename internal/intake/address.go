package intake

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/models"
)

// CheckAddress returns what is wrong with a postal address, naming each
// field after prefix ("debtor.address.", "registered_office."). A French
// address (no country, or FR) has a postal code of 5 digits and an INSEE
// commune code of 5 characters (Corsica's start 2A, 2B); another country
// is an ISO 3166 alpha-2 code.
func CheckAddress(row int, prefix string, a models.Address) []FieldError {
	var errs []FieldError
	fail := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Row: row, Field: prefix + field, Message: fmt.Sprintf(format, args...)})
	}
	if a.Country == "" || strings.EqualFold(a.Country, "FR") {
		if a.PostalCode != "" && !fivedigits(a.PostalCode) {
			fail("postal_code", "%q is not a French postal code of 5 digits", a.PostalCode)
		}
		if a.InseeCode != "" && len(a.InseeCode) != 5 {
			fail("insee_code", "%q is not an INSEE commune code of 5 characters", a.InseeCode)
		}
	} else if !countryCode(strings.ToUpper(a.Country)) {
		fail("country", "%q is not an ISO 3166 country code such as FR", a.Country)
	}
	return errs
}

// NormalizeAddress writes the country upper-case, France when none is given:
// Recouvra's creditors and most of their debtors are French.
func NormalizeAddress(a *models.Address) {
	if a.Country == "" {
		a.Country = "FR"
	}
	a.Country = strings.ToUpper(a.Country)
}

func countryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

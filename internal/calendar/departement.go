package calendar

import (
	"fmt"
	"strings"
)

// DepartementOfPostalCode returns the département of a French postal code:
// its first two digits, "2A" or "2B" for Corsica (20000–20199 is
// Corse-du-Sud, 20200 and above Haute-Corse) and three digits overseas
// (97411 → "974"). A few postal codes straddle a border (a post office in one
// département serving villages of the next); when the INSEE commune code is
// known, DepartementOfINSEE is exact.
func DepartementOfPostalCode(postal string) (string, error) {
	code := strings.TrimSpace(postal)
	if !allDigits(code) || len(code) != 5 {
		return "", fmt.Errorf("postal code %q: want five digits", postal)
	}
	switch prefix := code[:2]; prefix {
	case "00", "96":
		return "", fmt.Errorf("postal code %q: no département %s", postal, prefix)
	case "20":
		if code < "20200" {
			return "2A", nil
		}
		return "2B", nil
	case "97", "98":
		if code[:3] == "980" {
			return "", fmt.Errorf("postal code %q is in Monaco, not in France", postal)
		}
		return code[:3], nil
	default:
		return prefix, nil
	}
}

// DepartementOfINSEE returns the département of an INSEE commune code
// ("code officiel géographique"): "75056" → "75", "2A004" → "2A",
// "97411" → "974".
func DepartementOfINSEE(code string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) != 5 || !allDigits(c[2:]) {
		return "", fmt.Errorf("INSEE commune code %q: want five characters, digits or 2A/2B then digits", code)
	}
	switch prefix := c[:2]; {
	case prefix == "2A" || prefix == "2B":
		return prefix, nil
	case !allDigits(prefix):
		return "", fmt.Errorf("INSEE commune code %q: département %q is not a number, 2A or 2B", code, prefix)
	case prefix == "00" || prefix == "96":
		return "", fmt.Errorf("INSEE commune code %q: no département %s", code, prefix)
	case prefix == "20":
		return "", fmt.Errorf("INSEE commune code %q: Corsica is 2A or 2B since 1976, not 20", code)
	case prefix == "97" || prefix == "98":
		return c[:3], nil
	default:
		return prefix, nil
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

package bankstatement

import (
	"fmt"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// overPunch decodes the last character of a CFONB amount, which carries both
// the last digit and the sign (the COBOL "zoned decimal" convention):
// '{' and 'A'–'I' are +0..+9, '}' and 'J'–'R' are −0..−9.
func overPunch(c rune) (digit int64, negative bool, ok bool) {
	switch {
	case c == '{':
		return 0, false, true
	case c >= 'A' && c <= 'I':
		return int64(c-'A') + 1, false, true
	case c == '}':
		return 0, true, true
	case c >= 'J' && c <= 'R':
		return int64(c-'J') + 1, true, true
	}
	return 0, false, false
}

// decodeAmount reads a 14-character CFONB amount field — 13 digits and an
// over-punched sign character — holding a number with the given count of
// decimals, and returns it in cents. Leading spaces count as zeros, as some
// banks pad that way; any other non-digit is an error.
func decodeAmount(field string, decimals int) (int64, error) {
	r := []rune(field)
	if len(r) != 14 {
		return 0, fmt.Errorf("amount %q: want 14 characters, got %d", field, len(r))
	}
	var v int64
	leading := true
	for i, c := range r[:13] {
		switch {
		case c == ' ' && leading:
			continue
		case c >= '0' && c <= '9':
			leading = false
			v = v*10 + int64(c-'0')
		default:
			return 0, fmt.Errorf("amount %q: character %q at position %d is not a digit", field, c, i+1)
		}
	}
	last, negative, ok := overPunch(r[13])
	if !ok {
		return 0, fmt.Errorf("amount %q: invalid over-punched sign character %q", field, r[13])
	}
	v = v*10 + last
	cents, err := scaleToCents(v, decimals)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", field, err)
	}
	if negative {
		cents = -cents
	}
	return cents, nil
}

// scaleToCents turns v, a number written with the given count of decimals,
// into hundredths. Three-decimal currencies (TND, KWD…) convert only when the
// last digit is zero: rounding money silently is not an option.
func scaleToCents(v int64, decimals int) (int64, error) {
	switch {
	case decimals < 0 || decimals > 9:
		return 0, fmt.Errorf("%d decimals is out of range 0–9", decimals)
	case decimals <= 2:
		for range 2 - decimals {
			v *= 10 // at most 10^14 × 100: no overflow
		}
		return v, nil
	}
	div := int64(1)
	for range decimals - 2 {
		div *= 10
	}
	if v%div != 0 {
		return 0, fmt.Errorf("%d decimals do not fit in cents", decimals)
	}
	return v / div, nil
}

// decodeDecimals reads position 20, the number of decimals of the amounts.
func decodeDecimals(field string) (int, error) {
	if len(field) != 1 || field[0] < '0' || field[0] > '9' {
		return 0, fmt.Errorf("number of decimals %q is not a digit", field)
	}
	return int(field[0] - '0'), nil
}

// parseJJMMAA reads a CFONB date, day-month-year on two digits each. Years
// 00–79 are 2000–2079 and 80–99 are 1980–1999: CFONB 120 dates from 1980s
// bank systems and statements are not imported decades late.
func parseJJMMAA(field string) (civil.Date, error) {
	if len(field) != 6 {
		return civil.Date{}, fmt.Errorf("date %q is not of the form JJMMAA", field)
	}
	var n [3]int
	for i := range 3 {
		a, b := field[2*i], field[2*i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return civil.Date{}, fmt.Errorf("date %q is not of the form JJMMAA", field)
		}
		n[i] = int(a-'0')*10 + int(b-'0')
	}
	day, month, year := n[0], n[1], 2000+n[2]
	if n[2] >= 80 {
		year = 1900 + n[2]
	}
	if month < 1 || month > 12 {
		return civil.Date{}, fmt.Errorf("date %q: month %d does not exist", field, month)
	}
	if day < 1 || day > daysIn(time.Month(month), year) {
		return civil.Date{}, fmt.Errorf("date %q: day %d does not exist in %d-%02d", field, day, year, month)
	}
	return civil.New(year, time.Month(month), day), nil
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

package money

import (
	"fmt"
	"strings"
)

// ParseDecimal reads a decimal amount as written in files and forms —
// "1234.56", "1 234,56", "-12,5", "+3", "1.234,56" is refused as ambiguous —
// and returns it in cents. More than two decimals is an error rather than a
// silent rounding: an accounting file that carries them needs a person to look.
func ParseDecimal(s string) (int64, error) {
	orig := s
	s = strings.TrimSpace(s)
	// Thousands separators: spaces of any kind and apostrophes.
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	if s == "" {
		return 0, fmt.Errorf("amount is empty")
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	if strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, fmt.Errorf("amount %q has more than one decimal separator", orig)
	}
	s = strings.Replace(s, ",", ".", 1)
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" && (!hasFrac || frac == "") {
		return 0, fmt.Errorf("amount %q has no digits", orig)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("amount %q has more than two decimals", orig)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	var cents int64
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("amount %q is not a decimal number", orig)
		}
		if cents > (1<<63-1-9)/10 {
			return 0, fmt.Errorf("amount %q is too large", orig)
		}
		cents = cents*10 + int64(r-'0')
	}
	if neg {
		cents = -cents
	}
	return cents, nil
}

package claim

import (
	"fmt"
	"strings"
)

// Rate is an annual rate in hundredths of a percent: 1215 is 12.15 %. Integer
// hundredths are exactly how the ECB and the legal-rate decrees publish rates,
// so no rate read from a source is ever rounded.
type Rate int64

// maxRate bounds the rates accepted from input. Any rate a French court would
// apply is far below it, and the bound keeps the arithmetic well away from
// overflow.
const maxRate Rate = 100000 // 1 000.00 %

// ParseRate reads a percentage written "12.15", "12,15", "4.5", "12" or "-0.50",
// with at most two decimals; a trailing "%" is allowed. More decimals are an
// error rather than a rounding: published rates have two.
func ParseRate(s string) (Rate, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, fmt.Errorf("rate %q has more than one decimal separator", orig)
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if whole == "" {
		return 0, fmt.Errorf("rate %q has no digits before the decimal separator", orig)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("rate %q has more than two decimals", orig)
	}
	frac += strings.Repeat("0", 2-len(frac))
	var r Rate
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("rate %q is not a decimal number", orig)
		}
		r = r*10 + Rate(c-'0')
		if r > maxRate {
			return 0, fmt.Errorf("rate %q is above %s", orig, maxRate.decimal("."))
		}
	}
	if neg {
		r = -r
	}
	return r, nil
}

// decimal writes the rate in percent with two decimals, "12.15" for 1215,
// with sep as the decimal separator.
func (r Rate) decimal(sep string) string {
	sign := ""
	u := uint64(r)
	if r < 0 {
		sign = "-"
		u = uint64(-(r + 1)) + 1
	}
	return fmt.Sprintf("%s%d%s%02d", sign, u/100, sep, u%100)
}

// String writes the rate as in a French document: "12,15 %", with a no-break
// space (U+00A0) before the sign, like money.Format before "€".
func (r Rate) String() string { return r.decimal(",") + "\u00a0%" }

// Times returns n × r, used for the legal floor of three times the legal rate.
func (r Rate) Times(n int64) Rate { return r * Rate(n) }

// MarshalJSON writes the rate as a JSON number of percent, 12.15 for 1215,
// from its digits rather than through a float.
func (r Rate) MarshalJSON() ([]byte, error) { return []byte(r.decimal(".")), nil }

// UnmarshalJSON reads a JSON number of percent with at most two decimals.
func (r *Rate) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	// JSON numbers allow neither "," nor "%" nor "+", which ParseRate accepts;
	// exponents are refused with them.
	if strings.Trim(s, "-0123456789.") != "" || strings.LastIndex(s, "-") > 0 {
		return fmt.Errorf("rate must be a JSON number of percent such as 12.15, got %s", b)
	}
	p, err := ParseRate(s)
	if err != nil {
		return err
	}
	*r = p
	return nil
}

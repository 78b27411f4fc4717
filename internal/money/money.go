// Package money holds amounts as integer cents with their ISO 4217 currency.
// Floats never appear: a claim filed in court must add up to the cent, and
// binary fractions cannot represent 0,10 € exactly.
package money

import (
	"fmt"
	"strings"
)

// Amount is a sum of money in the smallest unit of its currency (cents for EUR).
type Amount struct {
	Cents    int64  `json:"amount_cents"`
	Currency string `json:"currency"`
}

// EUR returns an amount in euros from cents.
func EUR(cents int64) Amount { return Amount{Cents: cents, Currency: "EUR"} }

// Add returns a+b; it refuses to mix currencies.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, fmt.Errorf("cannot add %s to %s", b.Currency, a.Currency)
	}
	return Amount{Cents: a.Cents + b.Cents, Currency: a.Currency}, nil
}

// String writes the amount in French format, "1 234,56 €".
func (a Amount) String() string { return Format(a.Cents, a.Currency) }

// ValidCurrency reports whether code looks like an ISO 4217 code (three upper-case letters).
func ValidCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Format writes cents in French format: a no-break space (U+00A0) between
// thousands, a decimal comma, and the currency symbol after a no-break space.
// U+00A0 rather than U+202F because the PDF core fonts (code page 1252) have it.
func Format(cents int64, currency string) string {
	return FormatNumber(cents) + "\u00a0" + Symbol(currency)
}

// FormatNumber writes cents as "1 234,56" without a currency.
func FormatNumber(cents int64) string {
	sign := ""
	// Work on the magnitude in uint64 so that the minimum int64 does not overflow.
	u := uint64(cents)
	if cents < 0 {
		sign = "-"
		u = uint64(-(cents + 1)) + 1
	}
	units := fmt.Sprint(u / 100)
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range units {
		if i > 0 && (len(units)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(r)
	}
	fmt.Fprintf(&b, ",%02d", u%100)
	return b.String()
}

// Symbol is the sign written after an amount: € for EUR, the code otherwise.
func Symbol(currency string) string {
	switch currency {
	case "EUR", "":
		return "€"
	case "USD":
		return "$"
	case "GBP":
		return "£"
	}
	return currency
}

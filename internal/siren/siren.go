// Package siren validates the identifiers of French companies: the SIREN
// (9 digits, the company) and the SIRET (14 digits, one of its establishments).
package siren

import "fmt"

// laPoste is the SIREN of La Poste, whose thousands of establishments outgrew
// the Luhn key: their SIRETs are checked by a digit sum divisible by 5.
const laPoste = "356000000"

// CheckSIREN returns an error saying what is wrong with s, or nil.
func CheckSIREN(s string) error {
	if err := digits(s, 9, "SIREN"); err != nil {
		return err
	}
	if !luhn(s) {
		return fmt.Errorf("SIREN %q fails its check digit (Luhn)", s)
	}
	return nil
}

// CheckSIRET returns an error saying what is wrong with s, or nil.
func CheckSIRET(s string) error {
	if err := digits(s, 14, "SIRET"); err != nil {
		return err
	}
	if s[:9] == laPoste {
		sum := 0
		for _, r := range s {
			sum += int(r - '0')
		}
		if sum%5 != 0 {
			return fmt.Errorf("SIRET %q of La Poste: digit sum %d is not a multiple of 5", s, sum)
		}
		return nil
	}
	if err := CheckSIREN(s[:9]); err != nil {
		return fmt.Errorf("SIRET %q: %w", s, err)
	}
	if !luhn(s) {
		return fmt.Errorf("SIRET %q fails its check digit (Luhn)", s)
	}
	return nil
}

func digits(s string, n int, what string) error {
	if len(s) != n {
		return fmt.Errorf("%s %q must have %d digits, has %d characters", what, s, n, len(s))
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return fmt.Errorf("%s %q must have digits only", what, s)
		}
	}
	return nil
}

// luhn checks the Luhn key: double every second digit from the right.
func luhn(s string) bool {
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

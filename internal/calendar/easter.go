// Package calendar knows which days are French business days and when, in
// Europe/Paris, a letter or an e-mail may go out. Deadlines in recovery
// procedures ("huit jours", "quinze jours ouvrés") and sending windows both
// depend on public holidays, which differ in Alsace-Moselle and overseas, so
// every function takes the département of the debtor or of the sending office.
package calendar

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// Easter returns Easter Sunday of the Gregorian year, computed with the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher). Ascension and
// Pentecost, and so three French public holidays, hang off this date.
func Easter(year int) civil.Date {
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil.New(year, time.Month(month), day)
}

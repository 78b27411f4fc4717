package calendar

import (
	"slices"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// Holiday is a public holiday ("jour férié") with its usual French name.
type Holiday struct {
	Date civil.Date
	Name string
}

// alsaceMoselle are the départements where local law adds St Stephen's Day
// and Good Friday (code du travail, art. L3134-13). Good Friday is in law
// limited to communes with a Protestant or mixed church; like the banks and
// courts, we apply it to the whole département.
var alsaceMoselle = map[string]bool{"57": true, "67": true, "68": true}

// abolitionDays are the overseas holidays commemorating the abolition of
// slavery (loi 83-550 and décret 83-1003): month and day for each département.
var abolitionDays = map[string]struct {
	month time.Month
	day   int
}{
	"971": {time.May, 27},      // Guadeloupe
	"972": {time.May, 22},      // Martinique
	"973": {time.June, 10},     // Guyane
	"974": {time.December, 20}, // La Réunion
	"976": {time.April, 27},    // Mayotte
}

// NamedHolidays lists the public holidays of year in the département, sorted
// by date. Departement is a code such as "75", "2A", "67" or "974"; an
// unknown or empty code gets the holidays common to all of France.
func NamedHolidays(year int, departement string) []Holiday {
	easter := Easter(year)
	on := func(month time.Month, day int, name string) Holiday {
		return Holiday{civil.New(year, month, day), name}
	}
	hs := []Holiday{
		on(time.January, 1, "jour de l'An"),
		{easter.AddDays(1), "lundi de Pâques"},
		on(time.May, 1, "fête du Travail"),
		on(time.May, 8, "Victoire 1945"),
		{easter.AddDays(39), "Ascension"},
		{easter.AddDays(50), "lundi de Pentecôte"},
		on(time.July, 14, "fête nationale"),
		on(time.August, 15, "Assomption"),
		on(time.November, 1, "Toussaint"),
		on(time.November, 11, "Armistice 1918"),
		on(time.December, 25, "Noël"),
	}
	if alsaceMoselle[departement] {
		hs = append(hs,
			Holiday{easter.AddDays(-2), "Vendredi saint"},
			on(time.December, 26, "Saint-Étienne"))
	}
	if a, ok := abolitionDays[departement]; ok {
		hs = append(hs, on(a.month, a.day, "abolition de l'esclavage"))
	}
	// Ascension can fall on 1 or 8 May (it did in 2008); keep one entry per day
	// so that callers counting holidays do not count a day twice.
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return slices.CompactFunc(hs, func(a, b Holiday) bool { return a.Date.Equal(b.Date) })
}

// Holidays lists the dates of the public holidays of year in the département,
// sorted.
func Holidays(year int, departement string) []civil.Date {
	hs := NamedHolidays(year, departement)
	dates := make([]civil.Date, len(hs))
	for i, h := range hs {
		dates[i] = h.Date
	}
	return dates
}

// IsHoliday reports whether d is a public holiday in the département and, if
// so, its French name ("lundi de Pâques", "Ascension"...).
func IsHoliday(d civil.Date, departement string) (name string, ok bool) {
	if d.IsZero() {
		return "", false
	}
	for _, h := range NamedHolidays(d.Year(), departement) {
		if h.Date.Equal(d) {
			return h.Name, true
		}
	}
	return "", false
}

package calendar

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// IsBusinessDay reports whether d is a "jour ouvré" in the département:
// Monday to Friday and not a public holiday. Saturdays count as "jours
// ouvrables" in French law but no bank, court or accounts department works
// them, so they are not business days here.
func IsBusinessDay(d civil.Date, departement string) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := IsHoliday(d, departement)
	return !holiday
}

// NextBusinessDay returns d itself when it is a business day, otherwise the
// first business day after it: a deadline falling on a weekend or a holiday
// is carried to the next business day.
func NextBusinessDay(d civil.Date, departement string) civil.Date {
	for !IsBusinessDay(d, departement) {
		d = d.AddDays(1)
	}
	return d
}

// AddBusinessDays moves n business days from d: forward when n > 0, backward
// when n < 0. Day d itself is never counted, so Friday + 1 is Monday and
// Saturday + 1 is also Monday; n == 0 returns d unchanged, even on a holiday
// (use NextBusinessDay to roll it forward).
func AddBusinessDays(d civil.Date, n int, departement string) civil.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if IsBusinessDay(d, departement) {
			n--
		}
	}
	return d
}

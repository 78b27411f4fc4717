package recovery

import (
	"time"

	"github.com/recouvra/recouvra/internal/calendar"
	"github.com/recouvra/recouvra/internal/civil"
)

// stepDate is the business day on which a step is due: its anchor plus its
// delay, moved to the next business day of the debtor's département. A step
// whose anchor has not been done yet counts from today.
func stepDate(st Step, s *State, today civil.Date, departement string) civil.Date {
	anchor := s.DueDate
	if st.Anchor != AnchorDueDate {
		d, ok := s.doneDate(st.Anchor)
		if !ok {
			d = today
		}
		anchor = d
	}
	return calendar.NextBusinessDay(anchor.AddDays(st.DelayDays), departement)
}

// suspendedUntil tells whether steps wait, and until which day (zero: until
// a person acts). Disputes and indefinite pauses wait for a person; promises
// wait for their date plus grace; dated pauses for their date.
func suspendedUntil(s *State, graceDays int) (civil.Date, bool) {
	switch {
	case s.Dispute != nil:
		return civil.Date{}, true
	case s.Paused:
		return s.PausedUntil, true
	case s.Promise != nil:
		return s.Promise.Date.AddDays(graceDays + 1), true
	}
	return civil.Date{}, false
}

// wakeTime is the instant at which a step due on day may run: within the
// sending window of a business day, and never before now.
func wakeTime(day civil.Date, now time.Time, departement string, w calendar.Window) time.Time {
	start := day.In(civil.Paris, 0, 0)
	if start.Before(now) {
		start = now
	}
	return calendar.NextSendingTime(start, departement, w)
}

package recovery

import (
	"time"

	"github.com/recouvra/recouvra/internal/calendar"
	"github.com/recouvra/recouvra/internal/civil"
)

// sendingClock says when a case may act: on business days of the debtor's
// département, inside the sending window. Always (the window "always") acts
// at once on any day, for demonstrations and tests that cannot wait for a
// Monday morning.
type sendingClock struct {
	departement string
	window      calendar.Window
	always      bool
}

func newSendingClock(window, departement string) (sendingClock, error) {
	if window == "always" {
		return sendingClock{departement: departement, always: true}, nil
	}
	w, err := calendar.ParseWindow(window)
	return sendingClock{departement: departement, window: w}, err
}

// businessDay is d, or the next day a letter may go out.
func (c sendingClock) businessDay(d civil.Date) civil.Date {
	if c.always {
		return d
	}
	return calendar.NextBusinessDay(d, c.departement)
}

// wake is the instant at which something due on day may run: within the
// sending window of a business day, and never before now.
func (c sendingClock) wake(day civil.Date, now time.Time) time.Time {
	start := day.In(civil.Paris, 0, 0)
	if start.Before(now) {
		start = now
	}
	if c.always {
		return start
	}
	return calendar.NextSendingTime(start, c.departement, c.window)
}

// stepDate is the business day on which a step is due: its anchor plus its
// delay, moved to the next business day of the debtor's département. A step
// whose anchor has not been done yet counts from today.
func stepDate(st Step, s *State, today civil.Date, c sendingClock) civil.Date {
	anchor := s.DueDate
	if st.Anchor != AnchorDueDate {
		d, ok := s.doneDate(st.Anchor)
		if !ok {
			d = today
		}
		anchor = d
	}
	return c.businessDay(anchor.AddDays(st.DelayDays))
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

package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// Window is the time of day, in Europe/Paris, during which reminders may be
// sent: a debtor who receives a formal notice at 23:00 on a Saturday has a
// ground to complain, and an e-mail read first thing on a Monday gets paid.
// The window is half-open, [Start, End): with 09:00–17:00, 17:00 is already
// outside. End may be 24:00. The zero Window means the whole day.
type Window struct {
	StartHour, StartMinute, EndHour, EndMinute int
}

// ParseWindow reads a window written "09:00-17:00". It also accepts the
// French notation "9h-17h30" and spaces around the dash.
func ParseWindow(s string) (Window, error) {
	start, end, ok := strings.Cut(s, "-")
	if !ok {
		return Window{}, fmt.Errorf("sending window %q: want HH:MM-HH:MM", s)
	}
	sh, sm, err := parseClock(start)
	if err != nil {
		return Window{}, fmt.Errorf("sending window %q: start: %w", s, err)
	}
	eh, em, err := parseClock(end)
	if err != nil {
		return Window{}, fmt.Errorf("sending window %q: end: %w", s, err)
	}
	w := Window{sh, sm, eh, em}
	if err := w.Validate(); err != nil {
		return Window{}, fmt.Errorf("sending window %q: %w", s, err)
	}
	return w, nil
}

// parseClock reads "HH:MM", "H:MM", "HHhMM" or "HHh".
func parseClock(s string) (hour, minute int, err error) {
	s = strings.TrimSpace(s)
	hs, ms, ok := strings.Cut(strings.ToLower(s), ":")
	if !ok {
		hs, ms, ok = strings.Cut(strings.ToLower(s), "h")
		if ok && ms == "" {
			ms = "00"
		}
	}
	if !ok || len(hs) > 2 || len(ms) != 2 || !allDigits(hs) || !allDigits(ms) {
		return 0, 0, fmt.Errorf("time %q is not of the form HH:MM", s)
	}
	hour, _ = strconv.Atoi(hs) // digits only, at most two: cannot fail
	minute, _ = strconv.Atoi(ms)
	return hour, minute, nil
}

// Validate checks that the window is a non-empty span within one day.
func (w Window) Validate() error {
	start, end := w.startMinutes(), w.endMinutes()
	switch {
	case w.StartHour < 0 || w.StartHour > 23 || w.StartMinute < 0 || w.StartMinute > 59:
		return fmt.Errorf("start %02d:%02d is not a time of day", w.StartHour, w.StartMinute)
	case w.EndMinute < 0 || w.EndMinute > 59 || w.EndHour < 0 || end > 24*60:
		return fmt.Errorf("end %02d:%02d is not a time of day", w.EndHour, w.EndMinute)
	case end <= start:
		return fmt.Errorf("end %02d:%02d is not after start %02d:%02d",
			w.EndHour, w.EndMinute, w.StartHour, w.StartMinute)
	}
	return nil
}

func (w Window) startMinutes() int { return w.StartHour*60 + w.StartMinute }
func (w Window) endMinutes() int   { return w.EndHour*60 + w.EndMinute }

// String writes the window as ParseWindow reads it.
func (w Window) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", w.StartHour, w.StartMinute, w.EndHour, w.EndMinute)
}

// NextSendingTime returns the earliest instant at or after t that falls on a
// business day of the département and inside the window, both read in
// Europe/Paris. The result is in the Paris location. Clock times are built
// with time.Date on the day itself, so the window keeps its wall-clock hours
// across daylight-saving changes. It panics if w is neither zero nor valid: a
// window comes from ParseWindow or from code, and a bad one is a bug.
func NextSendingTime(t time.Time, departement string, w Window) time.Time {
	if w == (Window{}) {
		w = Window{EndHour: 24}
	}
	if err := w.Validate(); err != nil {
		panic("calendar.NextSendingTime: " + err.Error())
	}
	t = t.In(civil.Paris)
	day := civil.Of(t)
	for {
		if IsBusinessDay(day, departement) {
			open := day.In(civil.Paris, w.StartHour, w.StartMinute)
			// time.Date normalises 24:00 to midnight of the next day.
			closing := day.In(civil.Paris, w.EndHour, w.EndMinute)
			if t.Before(open) {
				return open
			}
			if t.Before(closing) {
				return t
			}
		}
		day = day.AddDays(1)
	}
}

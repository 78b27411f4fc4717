package claim

import (
	"cmp"
	"fmt"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// HalfYear is a calendar half-year: the period for which the ECB reference
// rate of L441-10 and the legal interest rate are fixed. Half is 1 (January to
// June) or 2 (July to December).
type HalfYear struct {
	Year int `json:"year"`
	Half int `json:"half"`
}

// HalfYearOf returns the half-year containing d.
func HalfYearOf(d civil.Date) HalfYear {
	if d.Month() <= time.June {
		return HalfYear{Year: d.Year(), Half: 1}
	}
	return HalfYear{Year: d.Year(), Half: 2}
}

// Valid reports whether h names a real half-year.
func (h HalfYear) Valid() bool { return h.Half == 1 || h.Half == 2 }

// Start is the first day of the half-year: 1 January or 1 July.
func (h HalfYear) Start() civil.Date {
	if h.Half == 1 {
		return civil.New(h.Year, time.January, 1)
	}
	return civil.New(h.Year, time.July, 1)
}

// End is the last day of the half-year: 30 June or 31 December.
func (h HalfYear) End() civil.Date { return h.Next().Start().AddDays(-1) }

// Next is the half-year that follows h.
func (h HalfYear) Next() HalfYear {
	if h.Half == 1 {
		return HalfYear{Year: h.Year, Half: 2}
	}
	return HalfYear{Year: h.Year + 1, Half: 1}
}

// Compare returns -1, 0 or +1 as h is before, equal to or after o.
func (h HalfYear) Compare(o HalfYear) int {
	if c := cmp.Compare(h.Year, o.Year); c != 0 {
		return c
	}
	return cmp.Compare(h.Half, o.Half)
}

// String writes "H1 2026", the short form of logs, errors and the rate file.
func (h HalfYear) String() string { return fmt.Sprintf("H%d %d", h.Half, h.Year) }

// French writes "1er semestre 2026" or "2e semestre 2026", as in a letter.
func (h HalfYear) French() string {
	if h.Half == 1 {
		return fmt.Sprintf("1er semestre %d", h.Year)
	}
	return fmt.Sprintf("%de semestre %d", h.Half, h.Year)
}

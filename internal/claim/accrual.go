package claim

import (
	"slices"

	"github.com/recouvra/recouvra/internal/civil"
)

// segment is a run of accrued days with the same base and the same rate: one
// line of the claim.
type segment struct {
	from, to civil.Date // first and last accrued day, both included
	base     int64      // cents bearing interest on each of these days
	rate     Rate
}

func (s segment) days() int { return s.to.DaysSince(s.from) + 1 }

// rateFunc returns the rate of the days of a half-year.
type rateFunc func(HalfYear) (Rate, error)

// accrualSegments splits the days D with start < D ≤ at into maximal runs of
// constant base and rate. The base of day D is the outstanding amount minus
// the payments made before D; payments must be those dated up to at. A run
// stops at the end of a half-year (the rate may change), at a payment date
// (the base changes the next day) and at at. Adjacent runs that end up with
// the same base and rate, such as two half-years at the same rate, are one
// segment. Days once the base is nil accrue nothing and ask for no rate.
func accrualSegments(start, at civil.Date, outstanding int64, payments []Payment, rateOf rateFunc) ([]segment, error) {
	payments = slices.Clone(payments)
	slices.SortStableFunc(payments, func(a, b Payment) int { return a.Date.Compare(b.Date) })
	base := outstanding
	next := 0 // first payment not yet deducted
	for next < len(payments) && !payments[next].Date.After(start) {
		base -= payments[next].Cents
		next++
	}
	var segs []segment
	for day := start.AddDays(1); !day.After(at) && base > 0; {
		period := HalfYearOf(day)
		end := at
		if period.End().Before(end) {
			end = period.End()
		}
		if next < len(payments) && payments[next].Date.Before(end) {
			end = payments[next].Date
		}
		rate, err := rateOf(period)
		if err != nil {
			return nil, err
		}
		if n := len(segs); n > 0 && segs[n-1].base == base && segs[n-1].rate == rate {
			segs[n-1].to = end
		} else {
			segs = append(segs, segment{from: day, to: end, base: base, rate: rate})
		}
		for next < len(payments) && !payments[next].Date.After(end) {
			base -= payments[next].Cents
			next++
		}
		day = end.AddDays(1)
	}
	return segs, nil
}

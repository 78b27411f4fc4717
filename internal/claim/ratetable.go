package claim

import (
	"cmp"
	"fmt"
	"slices"
)

// The rate series a RateTable holds.
const (
	// SeriesMRO is the ECB main refinancing operations rate in force on
	// 1 January (H1) or 1 July (H2): L441-10 penalties are this rate plus
	// 10 points when the contract sets none.
	SeriesMRO = "mro"
	// SeriesLegal is the French legal interest rate "dans tous les autres
	// cas", the one that applies when the creditor is a professional, which
	// every Recouvra creditor is. It drives interest owed by consumers and
	// the floor of contractual penalty rates (three times this rate).
	SeriesLegal = "legal"
)

// seriesNames describes each series in error messages.
var seriesNames = map[string]string{
	SeriesMRO:   "ECB main refinancing rate",
	SeriesLegal: "legal interest rate",
}

// MissingRateError reports a half-year for which the table has no rate. The
// computation stops rather than assume zero: a rate not yet published must
// be added by an administrator, not guessed.
type MissingRateError struct {
	Series string
	Period HalfYear
}

func (e *MissingRateError) Error() string {
	name := seriesNames[e.Series]
	if name == "" {
		name = "rate"
	}
	return fmt.Sprintf("no %s (series %q) known for %s: add it to the rate table", name, e.Series, e.Period)
}

// RateTable holds the published rates of each series by half-year. The zero
// value is not usable; build one with NewRateTable or DefaultRates.
type RateTable struct {
	rates map[string]map[HalfYear]RateEntry
}

// NewRateTable returns an empty table.
func NewRateTable() *RateTable {
	t := &RateTable{rates: map[string]map[HalfYear]RateEntry{}}
	for s := range seriesNames {
		t.rates[s] = map[HalfYear]RateEntry{}
	}
	return t
}

// checkSeriesPeriod refuses an unknown series or half-year, so that a typo in
// the rate file cannot create a series nobody reads.
func checkSeriesPeriod(series string, period HalfYear) error {
	if _, ok := seriesNames[series]; !ok {
		return fmt.Errorf("unknown rate series %q (want %q or %q)", series, SeriesMRO, SeriesLegal)
	}
	if !period.Valid() {
		return fmt.Errorf("half %d of %d is not 1 or 2", period.Half, period.Year)
	}
	if period.Year < 1999 || period.Year > 9999 {
		return fmt.Errorf("year %d is outside 1999–9999", period.Year)
	}
	return nil
}

// Set records the rate of series for period, replacing any earlier value.
// The source is left empty; Apply keeps the sources of a rate file.
func (t *RateTable) Set(series string, period HalfYear, r Rate) error {
	return t.set(RateEntry{Series: series, Period: period, Rate: r})
}

func (t *RateTable) set(e RateEntry) error {
	if err := checkSeriesPeriod(e.Series, e.Period); err != nil {
		return err
	}
	if e.Rate < -maxRate || e.Rate > maxRate {
		return fmt.Errorf("rate %s for %s %s is out of range", e.Rate, e.Series, e.Period)
	}
	t.rates[e.Series][e.Period] = e
	return nil
}

// Lookup returns the rate of series for period, or a *MissingRateError.
func (t *RateTable) Lookup(series string, period HalfYear) (Rate, error) {
	e, ok := t.rates[series][period]
	if !ok {
		return 0, &MissingRateError{Series: series, Period: period}
	}
	return e.Rate, nil
}

// Apply sets every entry, as when an administrator loads a rate file on top
// of the defaults. It stops at the first invalid entry.
func (t *RateTable) Apply(entries []RateEntry) error {
	for _, e := range entries {
		if err := t.set(e); err != nil {
			return err
		}
	}
	return nil
}

// Entries lists the table by series, then half-year, for display and export.
func (t *RateTable) Entries() []RateEntry {
	var out []RateEntry
	for _, byPeriod := range t.rates {
		for _, e := range byPeriod {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b RateEntry) int {
		if c := cmp.Compare(a.Series, b.Series); c != 0 {
			return c
		}
		return a.Period.Compare(b.Period)
	})
	return out
}

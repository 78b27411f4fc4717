package claim

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// RateEntry is one line of a rate file: the rate of a series for a half-year
// and where it was published, so that a claim can cite its source.
type RateEntry struct {
	Series string   `json:"series"`
	Period HalfYear `json:"period"`
	Rate   Rate     `json:"rate_percent"`
	Source string   `json:"source"`
}

// ratesHeader is the header every rate file starts with.
var ratesHeader = []string{"series", "year", "half", "rate_percent", "source"}

//go:embed rates.csv
var defaultRatesCSV []byte

// DefaultRates returns a new table holding the rates shipped with Recouvra
// (rates.csv). Each call returns a fresh table the caller may extend with Set
// or Apply without affecting others.
func DefaultRates() *RateTable {
	entries, err := ParseRatesCSV(bytes.NewReader(defaultRatesCSV))
	if err != nil {
		panic("claim: embedded rates.csv: " + err.Error())
	}
	t := NewRateTable()
	if err := t.Apply(entries); err != nil {
		panic("claim: embedded rates.csv: " + err.Error())
	}
	return t
}

// ParseRatesCSV reads a rate file: a header "series,year,half,rate_percent,source"
// then one rate per line, e.g. "mro,2026,2,2.15,BCE …". Lines starting with
// "#" are comments. Errors name the line and the field. A series and
// half-year given twice is an error: which one would win is not obvious.
func ParseRatesCSV(r io.Reader) ([]RateEntry, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = len(ratesHeader)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("rates CSV is empty: want the header %s", strings.Join(ratesHeader, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("rates CSV: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // spreadsheet byte-order mark
	}
	if !slices.Equal(header, ratesHeader) {
		return nil, fmt.Errorf("rates CSV line 1: header is %q, want %q",
			strings.Join(header, ","), strings.Join(ratesHeader, ","))
	}
	var entries []RateEntry
	type key struct {
		series string
		period HalfYear
	}
	seenAt := map[key]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return entries, nil
		}
		if err != nil {
			// csv.ParseError already says "record on line N: …".
			return nil, fmt.Errorf("rates CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		e, err := parseRateRecord(rec)
		if err != nil {
			return nil, fmt.Errorf("rates CSV line %d, %w", line, err)
		}
		k := key{e.Series, e.Period}
		if first, dup := seenAt[k]; dup {
			return nil, fmt.Errorf("rates CSV line %d: %s %s is already given on line %d", line, e.Series, e.Period, first)
		}
		seenAt[k] = line
		entries = append(entries, e)
	}
}

// parseRateRecord reads one record; its errors start with the field name.
func parseRateRecord(rec []string) (RateEntry, error) {
	var e RateEntry
	e.Series = strings.TrimSpace(rec[0])
	if _, ok := seriesNames[e.Series]; !ok {
		return e, fmt.Errorf("field series: %q is not %q or %q", rec[0], SeriesMRO, SeriesLegal)
	}
	year, err := strconv.Atoi(strings.TrimSpace(rec[1]))
	if err != nil || year < 1999 || year > 9999 {
		return e, fmt.Errorf("field year: %q is not a year between 1999 and 9999", rec[1])
	}
	half, err := strconv.Atoi(strings.TrimSpace(rec[2]))
	if err != nil || (half != 1 && half != 2) {
		return e, fmt.Errorf("field half: %q is not 1 or 2", rec[2])
	}
	e.Period = HalfYear{Year: year, Half: half}
	if e.Rate, err = ParseRate(rec[3]); err != nil {
		return e, fmt.Errorf("field rate_percent: %w", err)
	}
	e.Source = strings.TrimSpace(rec[4])
	if e.Source == "" {
		return e, fmt.Errorf("field source: empty; cite where the rate was published")
	}
	return e, nil
}

// WriteRatesCSV writes entries in the format ParseRatesCSV reads, so that an
// administrator can export the table, add a half-year and load it back.
func WriteRatesCSV(w io.Writer, entries []RateEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ratesHeader); err != nil {
		return err
	}
	for _, e := range entries {
		rec := []string{e.Series, strconv.Itoa(e.Period.Year), strconv.Itoa(e.Period.Half),
			e.Rate.decimal("."), e.Source}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

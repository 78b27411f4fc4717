package claim

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// The rates shipped in rates.csv, as published (see the brief of the task and
// /work/shared/notes/french-domain.md).
func TestDefaultRates(t *testing.T) {
	want := map[string]map[HalfYear]Rate{
		SeriesMRO:   {{2024, 1}: 450, {2024, 2}: 425, {2025, 1}: 315, {2025, 2}: 215, {2026, 1}: 215},
		SeriesLegal: {{2024, 1}: 507, {2024, 2}: 492, {2025, 1}: 371, {2025, 2}: 276, {2026, 1}: 262},
	}
	rates := DefaultRates()
	n := 0
	for series, byPeriod := range want {
		for period, r := range byPeriod {
			n++
			got, err := rates.Lookup(series, period)
			if err != nil || got != r {
				t.Errorf("%s %s = %s, %v; want %s", series, period, got, err, r)
			}
		}
	}
	entries := rates.Entries()
	if len(entries) != n {
		t.Errorf("%d entries, want %d", len(entries), n)
	}
	for _, e := range entries {
		if e.Source == "" {
			t.Errorf("%s %s has no source", e.Series, e.Period)
		}
	}
}

func TestParseRatesCSV(t *testing.T) {
	in := "\ufeffseries,year,half,rate_percent,source\n" +
		"# added by the administrator\n" +
		"mro,2026,2,2.15,BCE\n" +
		"legal,2026,2,\"2,40\",\"Arrêté du JO, 2e semestre\"\n"
	got, err := ParseRatesCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []RateEntry{
		{Series: SeriesMRO, Period: HalfYear{2026, 2}, Rate: 215, Source: "BCE"},
		{Series: SeriesLegal, Period: HalfYear{2026, 2}, Rate: 240, Source: "Arrêté du JO, 2e semestre"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	rates := DefaultRates()
	if err := rates.Apply(got); err != nil {
		t.Fatal(err)
	}
	if r, err := rates.Lookup(SeriesLegal, HalfYear{2026, 2}); err != nil || r != 240 {
		t.Errorf("after Apply: legal H2 2026 = %s, %v", r, err)
	}
}

func TestParseRatesCSVErrors(t *testing.T) {
	const header = "series,year,half,rate_percent,source\n"
	const good = "mro,2025,1,3.15,BCE\n"
	tests := []struct {
		name  string
		in    string
		wants []string
	}{
		{"empty", "", []string{"empty", "header"}},
		{"wrong header", "series,year,half,rate,source\n" + good, []string{"line 1", "header"}},
		{"missing field", header + good + "mro,2025,2,2.15\n", []string{"line 3", "fields"}},
		{"unknown series", header + good + "ecb,2025,2,2.15,BCE\n", []string{"line 3", "field series", `"ecb"`}},
		{"bad year", header + "mro,25,2,2.15,BCE\n", []string{"line 2", "field year", `"25"`}},
		{"bad half", header + good + "\n\nmro,2025,3,2.15,BCE\n", []string{"line 5", "field half", `"3"`}},
		{"bad rate", header + good + "mro,2025,2,2.1.5,BCE\n", []string{"line 3", "field rate_percent", `"2.1.5"`}},
		{"too many decimals", header + good + "mro,2025,2,2.155,BCE\n", []string{"line 3", "field rate_percent", "two decimals"}},
		{"no source", header + good + "mro,2025,2,2.15, \n", []string{"line 3", "field source"}},
		{"duplicate", header + good + "legal,2025,1,3.71,JO\n" + good, []string{"line 4", "H1 2025", "line 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRatesCSV(strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestWriteRatesCSVRoundTrip(t *testing.T) {
	entries := DefaultRates().Entries()
	entries = append(entries, RateEntry{Series: SeriesMRO, Period: HalfYear{2026, 2}, Rate: -5, Source: "test, with comma"})
	var buf bytes.Buffer
	if err := WriteRatesCSV(&buf, entries); err != nil {
		t.Fatal(err)
	}
	back, err := ParseRatesCSV(&buf)
	if err != nil {
		t.Fatalf("re-reading the written file: %v", err)
	}
	if len(back) != len(entries) {
		t.Fatalf("%d entries back, want %d", len(back), len(entries))
	}
	for i := range entries {
		if back[i] != entries[i] {
			t.Errorf("entry %d = %+v, want %+v", i, back[i], entries[i])
		}
	}
}

func TestRateTableSet(t *testing.T) {
	rates := NewRateTable()
	tests := []struct {
		series string
		period HalfYear
		rate   Rate
		want   string
	}{
		{"ecb", HalfYear{2026, 2}, 215, `"ecb"`},
		{SeriesMRO, HalfYear{2026, 3}, 215, "half 3"},
		{SeriesMRO, HalfYear{1990, 1}, 215, "1990"},
		{SeriesMRO, HalfYear{2026, 2}, maxRate + 1, "out of range"},
	}
	for _, tt := range tests {
		if err := rates.Set(tt.series, tt.period, tt.rate); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Set(%q, %v, %d) error = %v, want one containing %q", tt.series, tt.period, tt.rate, err, tt.want)
		}
	}
	_, err := rates.Lookup(SeriesMRO, HalfYear{2026, 2})
	var missing *MissingRateError
	if !errors.As(err, &missing) || missing.Period != (HalfYear{2026, 2}) || !strings.Contains(err.Error(), "H2 2026") {
		t.Errorf("Lookup on an empty table: %v", err)
	}
	if err := rates.Set(SeriesMRO, HalfYear{2026, 2}, 0); err != nil {
		t.Fatal(err)
	}
	// A rate of zero, once set, is a real rate and not a missing one.
	if r, err := rates.Lookup(SeriesMRO, HalfYear{2026, 2}); err != nil || r != 0 {
		t.Errorf("Lookup after Set(0) = %d, %v", r, err)
	}
}

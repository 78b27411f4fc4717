package calendar

import (
	"slices"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestEaster(t *testing.T) {
	// Dates from the published Gregorian tables, including the earliest
	// (22 March) and latest (25 April) possible Easter Sundays.
	tests := map[int]string{
		1818: "1818-03-22", 1943: "1943-04-25", 2000: "2000-04-23", 2008: "2008-03-23",
		2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05",
		2027: "2027-03-28", 2038: "2038-04-25", 2285: "2285-03-22",
	}
	for year, want := range tests {
		if got := Easter(year).String(); got != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
}

func TestHolidays(t *testing.T) {
	common := func(year string, easterMonday, ascension, whitMonday string) []string {
		days := []string{year + "-01-01", easterMonday, year + "-05-01", year + "-05-08", ascension,
			whitMonday, year + "-07-14", year + "-08-15", year + "-11-01", year + "-11-11", year + "-12-25"}
		slices.Sort(days) // Ascension falls before 8 May in 2027
		return days
	}
	with := func(base []string, extra ...string) []string {
		out := slices.Concat(base, extra)
		slices.Sort(out) // ISO dates sort as text
		return out
	}
	h24 := common("2024", "2024-04-01", "2024-05-09", "2024-05-20")
	h25 := common("2025", "2025-04-21", "2025-05-29", "2025-06-09")
	h26 := common("2026", "2026-04-06", "2026-05-14", "2026-05-25")
	h27 := common("2027", "2027-03-29", "2027-05-06", "2027-05-17")
	tests := []struct {
		year int
		dep  string
		want []string
	}{
		{2024, "75", h24},
		{2024, "67", with(h24, "2024-03-29", "2024-12-26")},
		{2025, "13", h25},
		{2025, "57", with(h25, "2025-04-18", "2025-12-26")},
		{2026, "2A", h26},
		{2026, "68", with(h26, "2026-04-03", "2026-12-26")},
		{2026, "", h26},
		{2027, "69", h27},
		{2027, "67", with(h27, "2027-03-26", "2027-12-26")},
		{2026, "974", with(h26, "2026-12-20")},
		{2026, "972", with(h26, "2026-05-22")},
		{2026, "971", with(h26, "2026-05-27")},
		{2026, "973", with(h26, "2026-06-10")},
		{2026, "976", with(h26, "2026-04-27")},
		// 2008: Ascension fell on 1 May; the day is listed once.
		{2008, "75", []string{"2008-01-01", "2008-03-24", "2008-05-01", "2008-05-08", "2008-05-12",
			"2008-07-14", "2008-08-15", "2008-11-01", "2008-11-11", "2008-12-25"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range Holidays(tt.year, tt.dep) {
			got = append(got, d.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Holidays(%d, %q)\n got %v\nwant %v", tt.year, tt.dep, got, tt.want)
		}
	}
}

func TestIsHoliday(t *testing.T) {
	tests := []struct {
		date, dep string
		want      string // "" when not a holiday
	}{
		{"2026-01-01", "75", "jour de l'An"},
		{"2024-04-01", "75", "lundi de Pâques"},
		{"2025-05-01", "33", "fête du Travail"},
		{"2025-05-08", "33", "Victoire 1945"},
		{"2025-05-29", "33", "Ascension"},
		{"2026-05-25", "59", "lundi de Pentecôte"},
		{"2027-07-14", "75", "fête nationale"},
		{"2026-08-15", "75", "Assomption"},
		{"2026-11-01", "75", "Toussaint"},
		{"2026-11-11", "75", "Armistice 1918"},
		{"2026-12-25", "75", "Noël"},
		{"2025-04-18", "67", "Vendredi saint"},
		{"2025-04-18", "75", ""},
		{"2025-12-26", "57", "Saint-Étienne"},
		{"2025-12-26", "75", ""},
		{"2025-12-20", "974", "abolition de l'esclavage"},
		{"2025-12-20", "75", ""},
		{"2008-05-01", "75", "fête du Travail"}, // also Ascension that year
		{"2026-04-05", "75", ""},                // Easter Sunday is a Sunday, not a listed holiday
		{"2026-05-02", "75", ""},
		{"2026-12-24", "75", ""},
	}
	for _, tt := range tests {
		name, ok := IsHoliday(civil.MustParse(tt.date), tt.dep)
		if name != tt.want || ok != (tt.want != "") {
			t.Errorf("IsHoliday(%s, %q) = %q, %v; want %q", tt.date, tt.dep, name, ok, tt.want)
		}
	}
	if _, ok := IsHoliday(civil.Date{}, "75"); ok {
		t.Error("the zero date is a holiday")
	}
}

package calendar

import (
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestIsBusinessDay(t *testing.T) {
	tests := []struct {
		date, dep string
		want      bool
	}{
		{"2026-01-14", "75", true},  // Wednesday
		{"2026-01-17", "75", false}, // Saturday
		{"2026-01-18", "75", false}, // Sunday
		{"2026-05-14", "75", false}, // Ascension, Thursday
		{"2026-05-15", "75", true},  // the "pont" Friday is still worked
		{"2025-04-18", "75", true},  // Good Friday outside Alsace-Moselle
		{"2025-04-18", "68", false},
		{"2025-12-26", "67", false},
		{"2025-12-26", "2B", true},
		{"2026-05-22", "972", false},
		{"2026-05-22", "75", true},
	}
	for _, tt := range tests {
		if got := IsBusinessDay(civil.MustParse(tt.date), tt.dep); got != tt.want {
			t.Errorf("IsBusinessDay(%s, %q) = %v", tt.date, tt.dep, got)
		}
	}
}

func TestNextBusinessDay(t *testing.T) {
	tests := []struct{ date, dep, want string }{
		{"2026-01-14", "75", "2026-01-14"},
		{"2026-01-17", "75", "2026-01-19"},
		{"2026-05-01", "75", "2026-05-04"}, // holiday Friday, then weekend
		{"2026-05-14", "75", "2026-05-15"},
		{"2025-04-18", "57", "2025-04-22"}, // Good Friday, weekend, Easter Monday
		{"2025-04-18", "75", "2025-04-18"},
		{"2025-12-25", "67", "2025-12-29"},
		{"2025-12-25", "75", "2025-12-26"},
		{"2026-12-31", "75", "2026-12-31"},
		{"2027-12-31", "75", "2027-12-31"}, // Friday
		{"2028-01-01", "75", "2028-01-03"}, // Saturday and a holiday
	}
	for _, tt := range tests {
		if got := NextBusinessDay(civil.MustParse(tt.date), tt.dep).String(); got != tt.want {
			t.Errorf("NextBusinessDay(%s, %q) = %s, want %s", tt.date, tt.dep, got, tt.want)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		date string
		n    int
		dep  string
		want string
	}{
		{"2026-01-14", 0, "75", "2026-01-14"},
		{"2026-01-17", 0, "75", "2026-01-17"}, // n == 0 does not roll a Saturday
		{"2026-01-09", 1, "75", "2026-01-12"}, // Friday + 1
		{"2026-01-10", 1, "75", "2026-01-12"}, // Saturday + 1
		{"2026-01-12", -1, "75", "2026-01-09"},
		{"2026-01-11", -1, "75", "2026-01-09"}, // Sunday - 1
		{"2026-05-13", 2, "75", "2026-05-18"},  // across Ascension and a weekend
		{"2026-05-04", -1, "75", "2026-04-30"}, // back across 1 May
		{"2025-04-17", 1, "75", "2025-04-18"},
		{"2025-04-17", 1, "67", "2025-04-22"},
		{"2025-12-22", 10, "75", "2026-01-07"},
		{"2025-12-22", 10, "67", "2026-01-08"},
		{"2026-01-07", -10, "75", "2025-12-22"},
		{"2026-01-14", 5, "75", "2026-01-21"},
	}
	for _, tt := range tests {
		got := AddBusinessDays(civil.MustParse(tt.date), tt.n, tt.dep).String()
		if got != tt.want {
			t.Errorf("AddBusinessDays(%s, %d, %q) = %s, want %s", tt.date, tt.n, tt.dep, got, tt.want)
		}
	}
}

// TestAddBusinessDaysRoundTrip checks, over four years of days, that going n
// business days forward and n back returns to a business day, and that the
// days in between hold exactly n business days.
func TestAddBusinessDaysRoundTrip(t *testing.T) {
	for _, dep := range []string{"75", "67"} {
		for d := civil.MustParse("2024-01-01"); d.Year() < 2028; d = d.AddDays(1) {
			if !IsBusinessDay(d, dep) {
				continue
			}
			for _, n := range []int{1, 3, 8, 15} {
				fwd := AddBusinessDays(d, n, dep)
				if back := AddBusinessDays(fwd, -n, dep); !back.Equal(d) {
					t.Fatalf("%s %+d %-d in %s = %s", d, n, n, dep, back)
				}
				count := 0
				for x := d.AddDays(1); !x.After(fwd); x = x.AddDays(1) {
					if IsBusinessDay(x, dep) {
						count++
					}
				}
				if count != n || !IsBusinessDay(fwd, dep) {
					t.Fatalf("%s + %d in %s = %s, which holds %d business days", d, n, dep, fwd, count)
				}
			}
		}
	}
}

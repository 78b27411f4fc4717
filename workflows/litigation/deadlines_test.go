package litigation

import (
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestDeadlines(t *testing.T) {
	d := civil.MustParse
	tests := []struct {
		name string
		got  civil.Date
		want string
	}{
		{"addMonths same day", addMonths(d("2026-03-10"), 1), "2026-04-10"},
		{"addMonths to a shorter month", addMonths(d("2026-08-31"), 1), "2026-09-30"},
		{"addMonths to February of a leap year", addMonths(d("2027-08-31"), 6), "2028-02-29"},
		{"addMonths across the year", addMonths(d("2026-11-15"), 3), "2027-02-15"},
		{"lapse six months later, a weekday", LapseDate(d("2026-03-30")), "2026-09-30"},
		{"lapse on a Saturday runs to Monday", LapseDate(d("2026-04-03")), "2026-10-05"},      // 3 Oct 2026 is a Saturday
		{"lapse on a holiday runs to the next day", LapseDate(d("2026-05-11")), "2026-11-12"}, // 11 Nov is a holiday
		{"lapse warning five months later", LapseWarningDate(d("2026-03-30")), "2026-08-30"},
		{"opposition deadline one month", OppositionDeadline(d("2026-04-15")), "2026-05-15"},
		{"opposition deadline from 31 March: 30 April", OppositionDeadline(d("2026-03-31")), "2026-04-30"},
		{"opposition deadline on 1 May runs to Monday 4 May", OppositionDeadline(d("2026-04-01")), "2026-05-04"},
		{"opposition deadline on a Sunday", OppositionDeadline(d("2026-04-17")), "2026-05-18"}, // 17 May 2026 is a Sunday
		{"enforceable the day after", EnforceableDate(d("2026-04-15")), "2026-05-16"},
		{"prescription between businesses: five years", PrescriptionDate(d("2025-05-15"), false), "2030-05-15"},
		{"prescription for a consumer: two years", PrescriptionDate(d("2024-02-29"), true), "2026-02-28"},
		{"prescription warning 90 days before", PrescriptionWarningDate(d("2024-04-01"), true), "2026-01-01"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

package calendar

import (
	"strings"
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestParseWindow(t *testing.T) {
	valid := []struct {
		in   string
		want Window
	}{
		{"09:00-17:00", Window{9, 0, 17, 0}},
		{"9h-17h30", Window{9, 0, 17, 30}},
		{" 08:30 - 12:00 ", Window{8, 30, 12, 0}},
		{"00:00-24:00", Window{0, 0, 24, 0}},
		{"08H15-18H45", Window{8, 15, 18, 45}},
	}
	for _, tt := range valid {
		got, err := ParseWindow(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseWindow(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	invalid := []string{"", "09:00", "17:00-09:00", "09:00-09:00", "25:00-26:00", "09:60-10:00",
		"9-17", "09:00-24:01", "+9:00-17:00", "09:00-17:00-18:00", "09:0-17:00", "24:00-24:00"}
	for _, in := range invalid {
		_, err := ParseWindow(in)
		if err == nil {
			t.Errorf("ParseWindow(%q) accepted", in)
		} else if !strings.Contains(err.Error(), in) {
			t.Errorf("ParseWindow(%q) error %q does not name the input", in, err)
		}
	}
	if s := (Window{9, 0, 17, 30}).String(); s != "09:00-17:30" {
		t.Errorf("String = %q", s)
	}
}

func TestNextSendingTime(t *testing.T) {
	office := Window{9, 0, 17, 0}
	paris := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", s, civil.Paris)
		if err != nil {
			panic(err)
		}
		return tm
	}
	utc := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			panic(err)
		}
		return tm
	}
	tests := []struct {
		name string
		t    time.Time
		dep  string
		w    Window
		want time.Time
	}{
		{"inside", paris("2026-01-14 10:00:00"), "75", office, paris("2026-01-14 10:00:00")},
		{"just before opening", paris("2026-01-14 08:59:59"), "75", office, paris("2026-01-14 09:00:00")},
		{"at opening", paris("2026-01-14 09:00:00"), "75", office, paris("2026-01-14 09:00:00")},
		{"last second", paris("2026-01-14 16:59:59"), "75", office, paris("2026-01-14 16:59:59")},
		{"at closing", paris("2026-01-14 17:00:00"), "75", office, paris("2026-01-15 09:00:00")},
		{"Friday evening", paris("2026-01-16 18:00:00"), "75", office, paris("2026-01-19 09:00:00")},
		{"Saturday noon", paris("2026-01-17 12:00:00"), "75", office, paris("2026-01-19 09:00:00")},
		{"Ascension", paris("2026-05-14 10:00:00"), "75", office, paris("2026-05-15 09:00:00")},
		{"eve of 1 May", paris("2026-04-30 17:30:00"), "75", office, paris("2026-05-04 09:00:00")},
		{"St Stephen in Strasbourg", paris("2025-12-26 10:00:00"), "67", office, paris("2025-12-29 09:00:00")},
		{"St Stephen in Lyon", paris("2025-12-26 10:00:00"), "69", office, paris("2025-12-26 10:00:00")},
		// UTC evening that is already the next morning in Paris.
		{"UTC winter midnight", utc("2026-01-13 23:30:00"), "75", office, utc("2026-01-14 08:00:00")},
		{"UTC summer midnight", utc("2026-06-30 22:30:00"), "75", office, utc("2026-07-01 07:00:00")},
		// A UTC instant inside 09:00–17:00 UTC but after 17:00 in Paris.
		{"UTC afternoon is Paris evening", utc("2026-07-01 15:30:00"), "75", office, utc("2026-07-02 07:00:00")},
		// Spring forward on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
		{"across spring DST", utc("2026-03-27 17:00:00"), "75", office, utc("2026-03-30 07:00:00")},
		{"in the DST gap", paris("2026-03-29 02:30:00"), "75", office, utc("2026-03-30 07:00:00")},
		// Fall back on Sunday 25 October 2026: Friday is UTC+2, Monday UTC+1.
		{"across autumn DST", utc("2026-10-23 18:00:00"), "75", office, utc("2026-10-26 08:00:00")},
		{"zero window is all day", paris("2026-01-17 23:00:00"), "75", Window{}, paris("2026-01-19 00:00:00")},
		{"window to midnight", paris("2026-01-14 23:59:59"), "75", Window{8, 0, 24, 0}, paris("2026-01-14 23:59:59")},
		{"morning window missed", paris("2026-01-14 12:00:00"), "75", Window{8, 0, 12, 0}, paris("2026-01-15 08:00:00")},
	}
	for _, tt := range tests {
		got := NextSendingTime(tt.t, tt.dep, tt.w)
		if !got.Equal(tt.want) {
			t.Errorf("%s: NextSendingTime(%v) = %v, want %v", tt.name, tt.t, got, tt.want)
		}
		if got.Location() != civil.Paris {
			t.Errorf("%s: result in %v, want Europe/Paris", tt.name, got.Location())
		}
	}
}

func TestNextSendingTimeRejectsBadWindow(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for an inverted window")
		}
	}()
	NextSendingTime(time.Now(), "75", Window{17, 0, 9, 0})
}

package recovery

import (
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestSendingClock(t *testing.T) {
	office, _ := newSendingClock("09:00-17:00", "67")
	always, _ := newSendingClock("always", "67")
	if _, err := newSendingClock("nine to five", ""); err == nil {
		t.Error("a bad window was accepted")
	}
	sat := civil.MustParse("2026-12-26") // Saturday, and Saint-Étienne in Alsace
	now := time.Date(2026, 12, 26, 22, 0, 0, 0, civil.Paris)
	tests := []struct {
		name string
		got  time.Time
		want time.Time
	}{
		{"office hours wait for Monday 09:00", office.wake(sat, now), time.Date(2026, 12, 28, 9, 0, 0, 0, civil.Paris)},
		{"always acts now", always.wake(sat, now), now},
		{"future day, always: midnight of that day", always.wake(civil.MustParse("2026-12-30"), now), time.Date(2026, 12, 30, 0, 0, 0, 0, civil.Paris)},
	}
	for _, tt := range tests {
		if !tt.got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if d := office.businessDay(civil.MustParse("2026-12-25")); d.String() != "2026-12-28" {
		t.Errorf("after Christmas in Bas-Rhin: %s, want 2026-12-28 (26 December is a holiday there)", d)
	}
	if d := always.businessDay(civil.MustParse("2026-12-25")); d.String() != "2026-12-25" {
		t.Errorf("always: %s", d)
	}
}

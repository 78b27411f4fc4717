package casequery

import (
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestCursorRoundTrip(t *testing.T) {
	c := Cursor{DueDate: civil.MustParse("2026-10-15"), ID: 42}
	got, err := ParseCursor(c.String())
	if err != nil || got != c {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	for _, bad := range []string{"", "!!", "MjAyNi0xMC0xNQ", "eC80Mg"} {
		if _, err := ParseCursor(bad); err == nil {
			t.Errorf("ParseCursor(%q) accepted", bad)
		}
	}
	rows := []Row{{ID: 1, DueDate: civil.MustParse("2026-01-01")}, {ID: 9, DueDate: civil.MustParse("2026-02-01")}}
	if n := Next(rows, 2); n == nil || n.ID != 9 || n.DueDate.String() != "2026-02-01" {
		t.Errorf("Next of a full page = %+v", n)
	}
	if n := Next(rows, 3); n != nil {
		t.Errorf("Next of the last page = %+v", n)
	}
}

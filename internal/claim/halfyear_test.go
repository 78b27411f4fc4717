package claim

import (
	"testing"
)

func TestHalfYear(t *testing.T) {
	tests := []struct {
		day         string
		want        HalfYear
		str, french string
		start, end  string
		next        HalfYear
	}{
		{"2026-01-01", HalfYear{2026, 1}, "H1 2026", "1er semestre 2026", "2026-01-01", "2026-06-30", HalfYear{2026, 2}},
		{"2026-06-30", HalfYear{2026, 1}, "H1 2026", "1er semestre 2026", "2026-01-01", "2026-06-30", HalfYear{2026, 2}},
		{"2026-07-01", HalfYear{2026, 2}, "H2 2026", "2e semestre 2026", "2026-07-01", "2026-12-31", HalfYear{2027, 1}},
		{"2024-12-31", HalfYear{2024, 2}, "H2 2024", "2e semestre 2024", "2024-07-01", "2024-12-31", HalfYear{2025, 1}},
	}
	for _, tt := range tests {
		h := HalfYearOf(d(tt.day))
		if h != tt.want {
			t.Errorf("HalfYearOf(%s) = %v, want %v", tt.day, h, tt.want)
			continue
		}
		if h.String() != tt.str || h.French() != tt.french {
			t.Errorf("%v: String %q French %q, want %q %q", h, h.String(), h.French(), tt.str, tt.french)
		}
		if h.Start() != d(tt.start) || h.End() != d(tt.end) {
			t.Errorf("%v: %s–%s, want %s–%s", h, h.Start(), h.End(), tt.start, tt.end)
		}
		if h.Next() != tt.next {
			t.Errorf("%v.Next() = %v, want %v", h, h.Next(), tt.next)
		}
	}
}

func TestHalfYearCompareAndValid(t *testing.T) {
	tests := []struct {
		a, b HalfYear
		want int
	}{
		{HalfYear{2025, 2}, HalfYear{2026, 1}, -1},
		{HalfYear{2026, 1}, HalfYear{2025, 2}, 1},
		{HalfYear{2026, 1}, HalfYear{2026, 2}, -1},
		{HalfYear{2026, 2}, HalfYear{2026, 2}, 0},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	for half, valid := range map[int]bool{0: false, 1: true, 2: true, 3: false} {
		if got := (HalfYear{2026, half}).Valid(); got != valid {
			t.Errorf("half %d: Valid = %v", half, got)
		}
	}
}

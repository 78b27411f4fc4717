package claim

import (
	"math"
	"testing"
)

func TestInterestCents(t *testing.T) {
	tests := []struct {
		name string
		base int64
		rate Rate
		days int
		want int64
	}{
		// 10 % over 73 days is a fifth of 10 %: base / 50.
		{"exact", 5000, 1000, 73, 100},
		{"half rounds up", 25, 1000, 73, 1}, // 0.5
		{"1.5 rounds up", 75, 1000, 73, 2},  // 1.5
		{"2.5 rounds up, not to even", 125, 1000, 73, 3},
		{"just below half", 24, 1000, 73, 0}, // 0.48
		{"negative half rounds away from zero", -25, 1000, 73, -1},
		{"negative below half", -24, 1000, 73, 0},
		{"no days", 1_000_000, 1215, 0, 0},
		{"no rate", 1_000_000, 0, 30, 0},
		// 9·10¹⁸ × 1 000 × 365 overflows int64 long before the division by
		// 3 650 000 brings it back to 9·10¹⁷.
		{"large product", 9_000_000_000_000_000_000, 1000, 365, 900_000_000_000_000_000},
		// One year at 100 % returns the base, to the cent, at the int64 limit.
		{"max int64 at 100 % over a year", math.MaxInt64, 10000, 365, math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := interestCents(tt.base, tt.rate, tt.days)
		if err != nil || got != tt.want {
			t.Errorf("%s: interestCents(%d, %d, %d) = %d, %v; want %d", tt.name, tt.base, tt.rate, tt.days, got, err, tt.want)
		}
	}
	if _, err := interestCents(math.MaxInt64, 10001, 365); err == nil {
		t.Error("result above int64 accepted")
	}
}

func TestAddCents(t *testing.T) {
	if s, err := addCents(math.MaxInt64-1, 1); err != nil || s != math.MaxInt64 {
		t.Errorf("MaxInt64-1 + 1 = %d, %v", s, err)
	}
	if _, err := addCents(math.MaxInt64, 1); err == nil {
		t.Error("overflow accepted")
	}
	if _, err := addCents(math.MinInt64, -1); err == nil {
		t.Error("underflow accepted")
	}
}

func TestComputeTotalOverflow(t *testing.T) {
	c := Case{Debtor: Business, Currency: "EUR", Costs: []Cost{
		{Label: "A", Basis: "x", Cents: math.MaxInt64},
		{Label: "B", Basis: "x", Cents: 1},
	}}
	if _, err := Compute(c, d("2025-06-30"), DefaultRates()); err == nil {
		t.Error("total overflow accepted")
	}
}

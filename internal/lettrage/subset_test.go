package lettrage

import (
	"math/bits"
	"math/rand/v2"
	"testing"
)

func TestExactSubset(t *testing.T) {
	tests := []struct {
		vals   []int64
		target int64
		want   uint64 // 0 when no subset
	}{
		{[]int64{100, 250, 400, 800}, 650, 0b0110},
		{[]int64{100, 250, 400, 800}, 1550, 0b1111},
		{[]int64{100, 250, 400, 800}, 50, 0},
		{[]int64{100, 200, 300, 500}, 600, 0b1001}, // two items beat three
		{[]int64{100, 200, 400, 300}, 500, 0b0101}, // tie: the one with the oldest item
		{[]int64{300, 200, 100}, 300, 0b001},       // a single item is a subset too
		{[]int64{500, -200, 300}, 300, 0b100},      // fewest items, even with negatives
		{[]int64{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192}, 8257, 1 | 1<<6 | 1<<13},
		{[]int64{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192}, 16384, 0},
	}
	var s subsetScratch
	for _, tt := range tests {
		got, ok := exactSubset(tt.vals, tt.target, &s)
		if ok != (tt.want != 0) || got != tt.want {
			t.Errorf("exactSubset(%v, %d) = %b, %v; want %b", tt.vals, tt.target, got, ok, tt.want)
		}
	}
}

// TestMeetInTheMiddleAgreesWithBruteForce checks that the split search finds
// the same preferred subset as trying all of them.
func TestMeetInTheMiddleAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var s1, s2 subsetScratch
	for range 300 {
		n := bruteForceItems + 1 + rng.IntN(5)
		vals := make([]int64, n)
		for i := range vals {
			vals[i] = int64(1 + rng.IntN(40)) // small values: many ties
		}
		// A reachable target half the time, an arbitrary one otherwise.
		target := int64(rng.IntN(200))
		if rng.IntN(2) == 0 {
			var sum int64
			for i := range vals {
				if rng.IntN(3) == 0 {
					sum += vals[i]
				}
			}
			target = sum
		}
		want, wantOK := bruteForceSubset(vals, target, &s1)
		got, gotOK := exactSubset(vals, target, &s2)
		if got != want || gotOK != wantOK {
			t.Fatalf("vals %v target %d: split search %b %v, brute force %b %v", vals, target, got, gotOK, want, wantOK)
		}
		if gotOK {
			var sum int64
			for m := got; m != 0; m &= m - 1 {
				sum += vals[bits.TrailingZeros64(m)]
			}
			if sum != target {
				t.Fatalf("subset %b sums to %d, not %d", got, sum, target)
			}
		}
	}
}

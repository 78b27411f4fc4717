package lettrage

import "math/bits"

// A payer who settles several invoices with one transfer pays their sum. The
// subset rule looks for that sum among the payer's oldest open items; it is
// exponential, hence the bound on the number of items, and meet-in-the-middle
// above bruteForceItems so that 32 items cost 2×65 536 sums, not 4 billion.

const bruteForceItems = 12

type subsetScratch struct {
	sums  []int64
	right map[int64]uint64
}

// exactSubset returns a bit mask over vals (bit i for vals[i]) of a non-empty
// subset summing to target, or false. vals are in due-date order; among
// several subsets it prefers the fewest items, then the oldest ones (the
// lowest index where two candidates differ). len(vals) must be at most 64.
func exactSubset(vals []int64, target int64, s *subsetScratch) (uint64, bool) {
	if len(vals) <= bruteForceItems {
		return bruteForceSubset(vals, target, s)
	}
	h := len(vals) / 2
	left, right := vals[:h], vals[h:]

	// Best right-half mask for every reachable sum.
	if s.right == nil {
		s.right = make(map[int64]uint64)
	}
	clear(s.right)
	s.sums = subsetSums(right, s.sums)
	for mask, sum := range s.sums {
		if old, seen := s.right[sum]; !seen || preferred(uint64(mask), old) {
			s.right[sum] = uint64(mask)
		}
	}

	var best uint64
	found := false
	s.sums = subsetSums(left, s.sums)
	for mask, sum := range s.sums {
		r, ok := s.right[target-sum]
		if !ok {
			continue
		}
		// Left items are the older ones, in the low bits.
		candidate := uint64(mask) | r<<h
		if candidate != 0 && (!found || preferred(candidate, best)) {
			best, found = candidate, true
		}
	}
	return best, found
}

// bruteForceSubset tries every subset; for a dozen items it is faster than
// building a map.
func bruteForceSubset(vals []int64, target int64, s *subsetScratch) (uint64, bool) {
	var best uint64
	found := false
	s.sums = subsetSums(vals, s.sums)
	for mask, sum := range s.sums {
		if mask != 0 && sum == target && (!found || preferred(uint64(mask), best)) {
			best, found = uint64(mask), true
		}
	}
	return best, found
}

// subsetSums fills dst with the sum of every subset of vals, indexed by mask.
func subsetSums(vals []int64, dst []int64) []int64 {
	n := 1 << len(vals)
	if cap(dst) < n {
		dst = make([]int64, n)
	}
	dst = dst[:n]
	dst[0] = 0
	for mask := 1; mask < n; mask++ {
		low := bits.TrailingZeros(uint(mask))
		dst[mask] = dst[mask&(mask-1)] + vals[low]
	}
	return dst
}

// preferred reports whether subset a beats subset b: fewer items, then the
// one holding the oldest item where they differ. Since the right half of a
// combined mask is only compared with right halves paired with the same left
// half, this order is consistent with meet-in-the-middle.
func preferred(a, b uint64) bool {
	na, nb := bits.OnesCount64(a), bits.OnesCount64(b)
	if na != nb {
		return na < nb
	}
	diff := a ^ b
	return diff != 0 && a&(diff&-diff) != 0
}

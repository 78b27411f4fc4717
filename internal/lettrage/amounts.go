package lettrage

// amountIndex finds, in a debtor group too large to scan for every payment,
// the oldest open item owing an exact amount. Each bucket is a min-heap of
// positions (lower position = older due date). Entries are not removed when
// an item's amount changes; they go stale and are dropped when they reach the
// top. Open amounts only ever decrease, so a stale entry never becomes valid
// again and an item is never twice in one bucket.
type amountIndex map[int64][]int32

// add files position pos under amount.
func (ix amountIndex) add(amount int64, pos int32) {
	h := append(ix[amount], pos)
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if h[parent] <= h[i] {
			break
		}
		h[parent], h[i] = h[i], h[parent]
		i = parent
	}
	ix[amount] = h
}

// oldest returns the lowest position still owing amount, as told by owes,
// discarding stale entries on the way.
func (ix amountIndex) oldest(amount int64, owes func(pos int32, amount int64) bool) (int32, bool) {
	h, ok := ix[amount]
	if !ok {
		return 0, false
	}
	for len(h) > 0 && !owes(h[0], amount) {
		h = popMin(h)
	}
	if len(h) == 0 {
		delete(ix, amount)
		return 0, false
	}
	ix[amount] = h
	return h[0], true
}

// popMin removes the top of heap h.
func popMin(h []int32) []int32 {
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		small, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h[l] < h[small] {
			small = l
		}
		if r < len(h) && h[r] < h[small] {
			small = r
		}
		if small == i {
			return h
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
}

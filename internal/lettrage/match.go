package lettrage

import "math/bits"

// Match allocates payments to open items with the rules listed in the
// package documentation. Payments are taken in input order and each
// allocation lowers the item's open amount at once, so two payments never
// consume the same cents and earlier bank lines have priority. Inputs are not
// modified; the output order is deterministic.
//
// A payment whose amount is zero or negative, or whose currency differs from
// every candidate item, goes to suspense untouched. An overpayment settles
// what the matched items owe and leaves the surplus in suspense; it is not
// spread over other invoices, because the payer said what it was paying.
func Match(items []OpenItem, payments []Payment, opt Options) Result {
	m := newMatcher(items, opt)
	for i := range payments {
		m.match(&payments[i])
	}
	return m.res
}

func (m *matcher) match(p *Payment) {
	remaining := p.AmountCents
	if remaining > 0 {
		remaining = m.matchPositive(p)
	}
	if remaining > 0 || p.AmountCents <= 0 {
		rest := *p
		rest.AmountCents = remaining
		m.res.Unmatched = append(m.res.Unmatched, rest)
	}
}

// matchPositive applies rules 1 to 4 and returns the cents left unallocated.
func (m *matcher) matchPositive(p *Payment) int64 {
	debtor := m.payer(p)
	if rest, ok := m.byReference(p, debtor); ok {
		return rest
	}
	g := m.groups[groupKey{debtor, p.Currency}]
	if debtor == "" || g == nil {
		return p.AmountCents
	}
	if m.singleItem(p, g) {
		return 0
	}
	if m.subsetOfItems(p, g) {
		return 0
	}
	return m.oldestFirst(p, g)
}

// payer identifies the debtor: the known DebtorID, else the only debtor whose
// name matches the bank's payer name.
func (m *matcher) payer(p *Payment) string {
	if p.DebtorID != "" {
		return p.DebtorID
	}
	return m.debtorByName[nameKey(p.PayerName)]
}

func (m *matcher) allocate(p *Payment, item int32, cents int64, rule string) {
	m.res.Allocations = append(m.res.Allocations, Allocation{
		PaymentID: p.ID, ItemID: m.items[item].ID, Cents: cents, Rule: rule})
	m.reduce(item, cents)
}

func (m *matcher) writeOff(p *Payment, item int32, cents int64) {
	m.res.WriteOffs = append(m.res.WriteOffs, WriteOff{PaymentID: p.ID, ItemID: m.items[item].ID, Cents: cents})
	m.reduce(item, cents)
}

// payable reports whether payment p may settle item i now.
func (m *matcher) payable(i int32, p *Payment) bool {
	return m.open[i] > 0 && m.items[i].Currency == p.Currency
}

// byReference is rule 1. Items quoted in the reference or remittance are paid
// in the order quoted, each up to its open amount. If the payment falls short
// of the quoted items by no more than the tolerance, the gap is written off.
func (m *matcher) byReference(p *Payment, debtor string) (rest int64, ok bool) {
	m.chosen = m.chosen[:0]
	m.quotedItems(p.Reference, p, debtor)
	m.quotedItems(p.Remittance, p, debtor)
	if len(m.chosen) == 0 {
		return 0, false
	}
	rest = p.AmountCents
	for _, i := range m.chosen {
		if rest == 0 {
			break
		}
		cents := min(rest, m.open[i])
		m.allocate(p, i, cents, RuleReference)
		rest -= cents
	}
	var shortfall int64
	for _, i := range m.chosen {
		shortfall += m.open[i]
	}
	if rest == 0 && shortfall > 0 && shortfall <= m.opt.ToleranceCents {
		for _, i := range m.chosen {
			if m.open[i] > 0 {
				m.writeOff(p, i, m.open[i])
			}
		}
	}
	return rest, true
}

// quotedItems appends to m.chosen the payable items whose key appears in
// text. At each segment the longest known key wins, so "FA-2026-12" finds
// invoice FA202612 and not invoice 2026. A key shared by several payable
// items is narrowed to the payer's, then to the one owing exactly the amount;
// if still ambiguous it is ignored rather than guessed.
func (m *matcher) quotedItems(text string, p *Payment, debtor string) {
	if text == "" || m.maxKeyLen == 0 {
		return
	}
	m.buf, m.segs = segmentText(text, m.buf, m.segs)
	buf, segs := m.buf, m.segs
	for s := 0; s < len(segs); {
		var found []int32
		last := -1
		for e := s; e < len(segs); e++ {
			if e > s && !segs[e].glued {
				break
			}
			key := buf[segs[s].start:segs[e].end]
			if len(key) > m.maxKeyLen {
				break
			}
			if list, ok := m.byKey[string(key)]; ok {
				found, last = list, e
			}
		}
		if last < 0 {
			s++
			continue
		}
		s = last + 1
		if i, ok := m.pickQuoted(found, p, debtor); ok && !containsItem(m.chosen, i) {
			m.chosen = append(m.chosen, i)
		}
	}
}

func (m *matcher) pickQuoted(list []int32, p *Payment, debtor string) (int32, bool) {
	m.cands = m.cands[:0]
	for _, i := range list {
		if m.payable(i, p) {
			m.cands = append(m.cands, i)
		}
	}
	narrow := func(keep func(int32) bool) {
		if len(m.cands) < 2 {
			return
		}
		kept := m.cands[len(m.cands):]
		for _, i := range m.cands {
			if keep(i) {
				kept = append(kept, i)
			}
		}
		if len(kept) > 0 {
			m.cands = append(m.cands[:0], kept...)
		}
	}
	narrow(func(i int32) bool { return debtor != "" && m.items[i].DebtorID == debtor })
	narrow(func(i int32) bool { return m.open[i] == p.AmountCents })
	if len(m.cands) != 1 {
		return 0, false
	}
	return m.cands[0], true
}

func containsItem(list []int32, i int32) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}

// owes reports whether the item at position pos still owes exactly amount.
func (m *matcher) owes(pos int32, amount int64) bool { return m.open[m.order[pos]] == amount }

// singleItem is rule 2: the oldest open item of the payer owing exactly the
// amount, else the one owing the least above it within the tolerance, the gap
// being written off.
func (m *matcher) singleItem(p *Payment, g *group) bool {
	amount, tol := p.AmountCents, m.opt.ToleranceCents
	best, bestGap := int32(-1), int64(-1)
	if idx := m.amountIndex(g); idx != nil && tol < int64(g.end-g.start) {
		for gap := int64(0); gap <= tol && best < 0; gap++ {
			if pos, ok := idx.oldest(amount+gap, m.owes); ok {
				best, bestGap = pos, gap
			}
		}
	} else {
		for pos := m.find(g.start); pos < g.end; pos = m.find(pos + 1) {
			gap := m.open[m.order[pos]] - amount
			if gap >= 0 && gap <= tol && (best < 0 || gap < bestGap) {
				best, bestGap = pos, gap // positions ascend, so ties keep the oldest
			}
		}
	}
	if best < 0 {
		return false
	}
	item := m.order[best]
	rule := RuleExactAmount
	if bestGap > 0 {
		rule = RuleAmountWithinTolerance
	}
	m.allocate(p, item, amount, rule)
	if bestGap > 0 {
		m.writeOff(p, item, bestGap)
	}
	return true
}

// subsetOfItems is rule 3: some of the payer's MaxSubsetItems oldest open
// items add up exactly to the amount.
func (m *matcher) subsetOfItems(p *Payment, g *group) bool {
	m.itemsOf = m.openItems(m.itemsOf[:0], g, m.opt.MaxSubsetItems)
	if len(m.itemsOf) < 2 {
		return false
	}
	m.vals = m.vals[:0]
	var total int64
	for _, i := range m.itemsOf {
		m.vals = append(m.vals, m.open[i])
		total += m.open[i]
	}
	if total < p.AmountCents {
		return false
	}
	mask, ok := exactSubset(m.vals, p.AmountCents, &m.subset)
	if !ok {
		return false
	}
	for ; mask != 0; mask &= mask - 1 {
		m.allocate(p, m.itemsOf[bits.TrailingZeros64(mask)], m.vals[bits.TrailingZeros64(mask)], RuleSubset)
	}
	return true
}

// oldestFirst is rule 4: the payer is known but the amount fits no item or
// combination, so it pays the debts due first, oldest first, in the spirit of
// the code civil's rule for a debtor who does not say what he pays
// (art. 1342-10). Cents beyond everything the payer owes are returned for
// suspense.
func (m *matcher) oldestFirst(p *Payment, g *group) int64 {
	rest := p.AmountCents
	for pos := m.find(g.start); pos < g.end && rest > 0; pos = m.find(pos + 1) {
		item := m.order[pos]
		cents := min(rest, m.open[item])
		m.allocate(p, item, cents, RuleOldestFirst)
		rest -= cents
	}
	return rest
}

package lettrage

import (
	"cmp"
	"slices"
)

// matcher holds the indexes built once per Match call, so that each payment
// costs a few map look-ups instead of a scan of every open item.
type matcher struct {
	items []OpenItem
	open  []int64 // current open cents per item; shrinks as payments are allocated
	opt   Options

	// byKey finds items by folded number or reference; maxKeyLen bounds how
	// many remittance segments are joined when looking for a key.
	byKey     map[string][]int32
	maxKeyLen int

	// Payable items of each (debtor, currency) group, sorted by due date, lie
	// in order[g.start:g.end]. next is a union-find over positions of order:
	// find(p) is the first position >= p whose item is still open, so walking
	// a debtor's open items skips settled ones in amortised constant time.
	groups map[groupKey]*group
	order  []int32
	pos    []int32 // item → position in order, -1 when the item is not payable
	next   []int32
	// groupOf gives the group of a position, to maintain amount indexes.
	groupOf []*group

	// debtorByName resolves a payer name to a debtor ID; "" marks a name
	// shared by several debtors, which identifies none.
	debtorByName map[string]string

	res Result

	// Scratch space reused across payments.
	buf     []byte
	segs    []segment
	chosen  []int32
	cands   []int32
	subset  subsetScratch
	vals    []int64
	itemsOf []int32
}

type groupKey struct{ debtor, currency string }

type group struct {
	start, end int32
	// amounts indexes open positions by open amount once the group is large.
	amounts amountIndex
}

// largeGroup is the size from which a debtor's items are indexed by amount
// rather than scanned for the single-item rule. Tests change it to check that
// both paths agree.
var largeGroup int32 = 32

func newMatcher(items []OpenItem, opt Options) *matcher {
	if opt.ToleranceCents < 0 {
		opt.ToleranceCents = 0
	}
	if opt.MaxSubsetItems <= 0 {
		opt.MaxSubsetItems = DefaultMaxSubsetItems
	}
	opt.MaxSubsetItems = min(opt.MaxSubsetItems, MaxSubsetItemsLimit)

	m := &matcher{
		items:        items,
		open:         make([]int64, len(items)),
		opt:          opt,
		byKey:        make(map[string][]int32, 2*len(items)),
		groups:       make(map[groupKey]*group),
		pos:          make([]int32, len(items)),
		debtorByName: make(map[string]string),
	}
	// Group payable items by (debtor, currency), numbering groups in order of
	// first appearance, then lay them out group by group in m.order.
	groupIDs := make(map[groupKey]int32)
	var groupSizes []int32
	groupOfItem := make([]int32, len(items))
	nameKeys := make(map[string]string) // raw debtor name → nameKey, computed once per name
	var keyBuf []byte
	for i, it := range items {
		m.pos[i] = -1
		groupOfItem[i] = -1
		if it.DebtorName != "" && it.DebtorID != "" {
			name, done := nameKeys[it.DebtorName]
			if !done {
				name = nameKey(it.DebtorName)
				nameKeys[it.DebtorName] = name
			}
			m.noteName(name, it.DebtorID)
		}
		if it.creditNote() {
			continue
		}
		m.open[i] = max(it.OpenCents, 0)
		// Settled invoices stay in the key index: a remittance quoting one
		// must not fall back on a shorter, accidental key.
		keyBuf = appendItemKey(keyBuf[:0], it.Number)
		m.addKey(keyBuf, int32(i))
		keyBuf = appendItemKey(keyBuf[:0], it.Reference)
		m.addKey(keyBuf, int32(i))
		if it.DebtorID != "" && it.OpenCents > 0 {
			k := groupKey{it.DebtorID, it.Currency}
			id, seen := groupIDs[k]
			if !seen {
				id = int32(len(groupSizes))
				groupIDs[k] = id
				groupSizes = append(groupSizes, 0)
			}
			groupOfItem[i] = id
			groupSizes[id]++
		}
	}

	groups := make([]group, len(groupSizes))
	var start int32
	for id, size := range groupSizes {
		groups[id] = group{start: start, end: start}
		start += size
	}
	m.order = make([]int32, start)
	for i, id := range groupOfItem {
		if id >= 0 {
			m.order[groups[id].end] = int32(i)
			groups[id].end++
		}
	}
	for k, id := range groupIDs {
		m.groups[k] = &groups[id]
	}

	m.next = make([]int32, len(m.order)+1)
	m.groupOf = make([]*group, len(m.order))
	for id := range groups {
		g := &groups[id]
		slices.SortFunc(m.order[g.start:g.end], func(a, b int32) int {
			x, y := &items[a], &items[b]
			return cmp.Or(x.due().Compare(y.due()), x.IssueDate.Compare(y.IssueDate), cmp.Compare(a, b))
		})
		for p := g.start; p < g.end; p++ {
			m.pos[m.order[p]] = p
			m.next[p] = p
			m.groupOf[p] = g
		}
	}
	m.next[len(m.order)] = int32(len(m.order))
	return m
}

// noteName records that debtor goes by the normalised name; a name used by
// two debtors is marked ambiguous.
func (m *matcher) noteName(name, debtor string) {
	if name == "" {
		return
	}
	if prev, seen := m.debtorByName[name]; !seen {
		m.debtorByName[name] = debtor
	} else if prev != debtor {
		m.debtorByName[name] = ""
	}
}

func (m *matcher) addKey(key []byte, item int32) {
	if len(key) == 0 {
		return
	}
	list := m.byKey[string(key)]
	if n := len(list); n > 0 && list[n-1] == item {
		return // number and reference fold to the same key
	}
	m.byKey[string(key)] = append(list, item)
	m.maxKeyLen = max(m.maxKeyLen, len(key))
}

// find returns the first position >= p whose item is still open, with path
// halving.
func (m *matcher) find(p int32) int32 {
	for m.next[p] != p {
		m.next[p] = m.next[m.next[p]]
		p = m.next[p]
	}
	return p
}

// openItems appends to dst up to limit open items of g, oldest due first.
func (m *matcher) openItems(dst []int32, g *group, limit int) []int32 {
	for p := m.find(g.start); p < g.end && len(dst) < limit; p = m.find(p + 1) {
		dst = append(dst, m.order[p])
	}
	return dst
}

// reduce lowers the open amount of item i by cents and keeps the indexes in step.
func (m *matcher) reduce(i int32, cents int64) {
	m.open[i] -= cents
	p := m.pos[i]
	if p < 0 {
		return
	}
	if m.open[i] == 0 {
		m.next[p] = p + 1
		return
	}
	if g := m.groupOf[p]; g.amounts != nil {
		g.amounts.add(m.open[i], p)
	}
}

// amountIndex returns the amount index of a large group, building it on
// first use; small groups return nil and are scanned.
func (m *matcher) amountIndex(g *group) amountIndex {
	if g.amounts == nil && g.end-g.start >= largeGroup {
		g.amounts = make(amountIndex)
		for p := m.find(g.start); p < g.end; p = m.find(p + 1) {
			g.amounts.add(m.open[m.order[p]], p)
		}
	}
	return g.amounts
}

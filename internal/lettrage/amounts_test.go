package lettrage

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestAmountIndexOldestSkipsStale(t *testing.T) {
	ix := make(amountIndex)
	for _, p := range []int32{9, 3, 7, 1, 5} {
		ix.add(100, p)
	}
	stale := map[int32]bool{1: true, 5: true}
	owes := func(pos int32, amount int64) bool { return amount == 100 && !stale[pos] }
	if pos, ok := ix.oldest(100, owes); !ok || pos != 3 {
		t.Fatalf("oldest = %d, %v; want 3", pos, ok)
	}
	stale[3], stale[7] = true, true
	if pos, ok := ix.oldest(100, owes); !ok || pos != 9 {
		t.Fatalf("oldest = %d, %v; want 9", pos, ok)
	}
	stale[9] = true
	if _, ok := ix.oldest(100, owes); ok || len(ix) != 0 {
		t.Fatalf("found an item in an all-stale bucket, index %v", ix)
	}
	if _, ok := ix.oldest(200, owes); ok {
		t.Fatal("found an amount never added")
	}
}

// TestAmountIndexAgreesWithScan runs random ledgers with large debtors twice,
// once through the amount index and once scanning, and expects the same result.
func TestAmountIndexAgreesWithScan(t *testing.T) {
	defer func(saved int32) { largeGroup = saved }(largeGroup)
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 40 {
		var items []OpenItem
		for i := range 200 {
			items = append(items, inv(fmt.Sprint("I", i), fmt.Sprint("D", rng.IntN(3)), fmt.Sprint("N", i),
				fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28)), int64(1+rng.IntN(20))*100))
		}
		var payments []Payment
		for i := range 150 {
			remittance := ""
			if rng.IntN(4) == 0 {
				remittance = fmt.Sprint("N", rng.IntN(200))
			}
			payments = append(payments, pay(fmt.Sprint("P", i), int64(rng.IntN(2200)), remittance, fmt.Sprint("D", rng.IntN(3))))
		}
		opt := Options{ToleranceCents: int64(rng.IntN(3)) * 50, MaxSubsetItems: 1 + rng.IntN(6)}
		largeGroup = 1
		indexed := Match(items, payments, opt)
		largeGroup = 1 << 30
		scanned := Match(items, payments, opt)
		if !reflect.DeepEqual(indexed, scanned) {
			t.Fatalf("round %d: index and scan disagree%s", round, diff(outcome(indexed), outcome(scanned)))
		}
	}
}

// TestManyEqualItemsOneDebtor would take minutes if a debtor's items were
// rescanned for every payment.
func TestManyEqualItemsOneDebtor(t *testing.T) {
	const n = 50_000
	items := make([]OpenItem, n)
	payments := make([]Payment, n)
	for i := range n {
		// Input in reverse due order: the oldest item is last.
		items[i] = inv(fmt.Sprint("I", i), "BIG", "", "2026-01-01", 1000)
		items[i].DueDate = items[i].DueDate.AddDays(n - i)
		payments[i] = pay(fmt.Sprint("P", i), 1000, "", "BIG")
	}
	r := Match(items, payments, Options{ToleranceCents: 100})
	if len(r.Allocations) != n || len(r.Unmatched) != 0 {
		t.Fatalf("%d allocations, %d in suspense", len(r.Allocations), len(r.Unmatched))
	}
	for i, a := range r.Allocations {
		if want := fmt.Sprint("I", n-1-i); a.ItemID != want || a.Rule != RuleExactAmount {
			t.Fatalf("payment %d paid %s by %s, want %s", i, a.ItemID, a.Rule, want)
		}
	}
}

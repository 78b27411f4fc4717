package lettrage

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

// FuzzMatch builds items and payments from the fuzzer's bytes and checks
// what must hold whatever the rules decide: no cents invented or lost, no
// item paid beyond what it owes, no currency mixed, and a deterministic result.
func FuzzMatch(f *testing.F) {
	f.Add([]byte{3, 10, 20, 30, 1, 2, 3, 4, 5, 6, 7, 8, 9}, int64(50), uint8(4))
	f.Add([]byte{0, 255, 128, 7, 7, 7, 7, 7, 7, 1, 0, 200}, int64(0), uint8(0))
	f.Add([]byte("F1 F2 F3 FA-12 2012 12"), int64(100), uint8(20))
	f.Fuzz(func(t *testing.T, data []byte, tolerance int64, maxSubset uint8) {
		items, payments := fuzzInput(data)
		opt := Options{ToleranceCents: tolerance % 1000, MaxSubsetItems: int(maxSubset % 40)}
		r := Match(items, payments, opt)
		if again := Match(items, payments, opt); !reflect.DeepEqual(r, again) {
			t.Fatal("two runs differ")
		}
		checkInvariants(t, items, payments, opt, r)
	})
}

// fuzzInput turns bytes into up to 24 items for 4 debtors and up to 16
// payments; each byte chooses amounts, debtors, currencies and remittances.
func fuzzInput(data []byte) ([]OpenItem, []Payment) {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	nItems, nPayments := next()%25, next()%17
	currencies := []string{"EUR", "EUR", "EUR", "USD"}
	var items []OpenItem
	for i := range nItems {
		b := next()
		it := OpenItem{
			ID:         fmt.Sprint("I", i),
			DebtorID:   fmt.Sprint("D", b%4),
			DebtorName: fmt.Sprint("Client ", b%4),
			Number:     fmt.Sprint("F", next()%12),
			DueDate:    civil.New(2026, 1, 1+next()%60),
			OpenCents:  int64(next()%50) * 10,
			Currency:   currencies[b/4%4],
		}
		if b%7 == 0 {
			it.IsCreditNote = true
			it.OpenCents = -it.OpenCents
		}
		items = append(items, it)
	}
	remittances := []string{"", "F1", "F2 F3", "FACT F-1", "2012", "F11, F4", "VIREMENT"}
	var payments []Payment
	for i := range nPayments {
		b := next()
		p := Payment{
			ID:          fmt.Sprint("P", i),
			AmountCents: int64(next()%120)*10 - 20 + int64(b%3),
			Currency:    currencies[b%4],
			Remittance:  remittances[next()%len(remittances)],
		}
		switch b % 3 {
		case 0:
			p.DebtorID = fmt.Sprint("D", next()%5)
		case 1:
			p.PayerName = fmt.Sprint("CLIENT ", next()%5)
		}
		payments = append(payments, p)
	}
	return items, payments
}

func checkInvariants(t *testing.T, items []OpenItem, payments []Payment, opt Options, r Result) {
	t.Helper()
	itemByID := map[string]OpenItem{}
	for _, it := range items {
		itemByID[it.ID] = it
	}
	paymentByID := map[string]Payment{}
	for _, p := range payments {
		paymentByID[p.ID] = p
	}
	allocated := map[string]int64{} // per payment
	consumed := map[string]int64{}  // per item, allocations and write-offs
	for _, a := range r.Allocations {
		p, it := paymentByID[a.PaymentID], itemByID[a.ItemID]
		if a.Cents <= 0 {
			t.Fatalf("allocation of %d cents: %+v", a.Cents, a)
		}
		if p.Currency != it.Currency || it.creditNote() {
			t.Fatalf("allocation %+v pays %+v with %+v", a, it, p)
		}
		allocated[a.PaymentID] += a.Cents
		consumed[a.ItemID] += a.Cents
	}
	writtenOff := map[string]int64{}
	for _, w := range r.WriteOffs {
		if w.Cents <= 0 {
			t.Fatalf("write-off of %d cents", w.Cents)
		}
		writtenOff[w.PaymentID] += w.Cents
		consumed[w.ItemID] += w.Cents
	}
	for id, cents := range writtenOff {
		if cents > max(opt.ToleranceCents, 0) {
			t.Fatalf("payment %s writes off %d cents, tolerance %d", id, cents, opt.ToleranceCents)
		}
	}
	for id, cents := range consumed {
		if cents > itemByID[id].OpenCents {
			t.Fatalf("item %s owes %d but got %d", id, itemByID[id].OpenCents, cents)
		}
	}
	suspense := map[string]int64{}
	for _, u := range r.Unmatched {
		if _, twice := suspense[u.ID]; twice {
			t.Fatalf("payment %s twice in suspense", u.ID)
		}
		suspense[u.ID] = u.AmountCents
	}
	for _, p := range payments {
		rest, inSuspense := suspense[p.ID]
		if allocated[p.ID]+rest != p.AmountCents {
			t.Fatalf("payment %s of %d: %d allocated + %d in suspense", p.ID, p.AmountCents, allocated[p.ID], rest)
		}
		if allocated[p.ID] == 0 && !inSuspense {
			t.Fatalf("payment %s neither allocated nor in suspense", p.ID)
		}
		if p.AmountCents <= 0 && allocated[p.ID] != 0 {
			t.Fatalf("payment %s of %d was allocated", p.ID, p.AmountCents)
		}
		if inSuspense && rest <= 0 && p.AmountCents > 0 {
			t.Fatalf("payment %s in suspense with %d cents", p.ID, rest)
		}
	}
}

package lettrage

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

// syntheticLedger builds a ledger of debtors×perDebtor invoices and one
// payment per debtor (up to payments), in a mix meant to exercise every rule:
// 40 % quote invoice numbers, 20 % pay one invoice from a known account, 10 %
// the same from a payer known only by name, 10 % pay several invoices
// without saying which, 10 % pay a round sum on account, 10 % are unknown.
func syntheticLedger(debtors, perDebtor, payments int, seed uint64) ([]OpenItem, []Payment) {
	rng := rand.New(rand.NewPCG(seed, 7))
	items := make([]OpenItem, 0, debtors*perDebtor)
	base := civil.MustParse("2025-01-01")
	for d := range debtors {
		for k := range perDebtor {
			n := len(items)
			due := base.AddDays(rng.IntN(365))
			items = append(items, OpenItem{
				ID:         fmt.Sprint("I", n),
				DebtorID:   fmt.Sprint("D", d),
				DebtorName: fmt.Sprintf("Client %d SARL", d),
				Number:     fmt.Sprintf("FA-2025-%06d", n),
				Reference:  fmt.Sprintf("RF%02d%d", k, n),
				IssueDate:  due.AddDays(-30),
				DueDate:    due,
				OpenCents:  int64(5000 + rng.IntN(500000)),
				Currency:   "EUR",
			})
		}
	}
	var ps []Payment
	for i := range min(payments, debtors) {
		group := items[i*perDebtor : (i+1)*perDebtor]
		p := Payment{ID: fmt.Sprint("P", i), Date: civil.MustParse("2026-01-15"), Currency: "EUR"}
		a, b, c := &group[0], &group[1], &group[2]
		switch i % 10 {
		case 0, 1, 2, 3:
			p.Remittance = fmt.Sprintf("VIR SEPA %s / %s", a.Number, b.Number)
			p.AmountCents = a.OpenCents + b.OpenCents
		case 4, 5:
			p.DebtorID, p.AmountCents, p.Remittance = a.DebtorID, c.OpenCents, "REGLEMENT FACTURE"
		case 6:
			p.PayerName, p.AmountCents = fmt.Sprintf("CLIENT %d", i), b.OpenCents-37
		case 7:
			p.DebtorID, p.AmountCents = a.DebtorID, a.OpenCents+b.OpenCents+c.OpenCents
		case 8:
			p.DebtorID, p.AmountCents = a.DebtorID, 100000
		case 9:
			p.PayerName, p.AmountCents, p.Remittance = "INCONNU", 12345, "DON 2025"
		}
		ps = append(ps, p)
	}
	return items, ps
}

func TestSyntheticLedgerUsesEveryRule(t *testing.T) {
	items, payments := syntheticLedger(300, 10, 300, 1)
	opt := Options{ToleranceCents: 100}
	r := Match(items, payments, opt)
	checkInvariants(t, items, payments, opt, r)
	rules := map[string]int{}
	for _, a := range r.Allocations {
		rules[a.Rule]++
	}
	for _, rule := range []string{RuleReference, RuleExactAmount, RuleAmountWithinTolerance, RuleSubset, RuleOldestFirst} {
		if rules[rule] == 0 {
			t.Errorf("no allocation by rule %s: %v", rule, rules)
		}
	}
	if len(r.Unmatched) < 30 || len(r.WriteOffs) < 30 {
		t.Errorf("%d in suspense, %d write-offs; want at least 30 each", len(r.Unmatched), len(r.WriteOffs))
	}
}

func BenchmarkMatch10kPaymentsAgainst100kItems(b *testing.B) {
	items, payments := syntheticLedger(10_000, 10, 10_000, 1)
	opt := Options{ToleranceCents: 100}
	b.ReportAllocs()
	for b.Loop() {
		Match(items, payments, opt)
	}
}

package lettrage

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

type matchCase struct {
	name     string
	items    []OpenItem
	payments []Payment
	opt      Options
	want     []string // see outcome
}

func runMatchCases(t *testing.T, cases []matchCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(tc.items)
			got := outcome(Match(tc.items, tc.payments, tc.opt))
			if d := diff(got, tc.want); d != "" {
				t.Error(d)
			}
			if !reflect.DeepEqual(before, tc.items) {
				t.Error("Match modified its input items")
			}
		})
	}
}

func TestMatchByReference(t *testing.T) {
	fa42 := inv("F1", "D1", "FA-2026-0042", "2026-01-31", 10000)
	runMatchCases(t, []matchCase{
		{name: "number as printed", items: []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "Facture FA-2026-0042", "")},
			want:     lines("P1>F1:10000:reference")},
		{name: "lower case with spaces", items: []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "reglement fa 2026 0042", "")},
			want:     lines("P1>F1:10000:reference")},
		{name: "slash and no separator", items: []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "VIR SEPA FA2026/0042 DUPONT", "")},
			want:     lines("P1>F1:10000:reference")},
		{name: "glued to a number", items: []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "2026FA20260042", "")},
			want:     lines("P1>F1:10000:reference")},
		// A key never starts inside a run of letters: bank qualifiers such as
		// CFONB's "RCN" must be stripped by the statement parser.
		{name: "inside a word", items: []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "VIRFA20260042", "")},
			want:     lines("P1:10000")},
		{name: "12 is not found inside 2012",
			items:    []OpenItem{inv("F12", "D1", "12", "2026-01-31", 5000)},
			payments: []Payment{pay("P1", 5000, "PAIEMENT 2012", "")},
			want:     lines("P1:5000")},
		{name: "12 after a word is found",
			items:    []OpenItem{inv("F12", "D1", "12", "2026-01-31", 5000)},
			payments: []Payment{pay("P1", 5000, "FACT12", "")},
			want:     lines("P1>F12:5000:reference")},
		{name: "not across a comma",
			items:    []OpenItem{inv("F1", "D1", "2026-12", "2026-01-31", 5000)},
			payments: []Payment{pay("P1", 5000, "ACOMPTE 2026, 12 ECHEANCES", "")},
			want:     lines("P1:5000")},
		{name: "structured reference field",
			items: []OpenItem{{ID: "F1", DebtorID: "D1", Number: "FA1", Reference: "RF18 5390 0754 7034",
				OpenCents: 8000, Currency: "EUR"}},
			payments: []Payment{{ID: "P1", AmountCents: 8000, Currency: "EUR", Reference: "RF18539007547034"}},
			want:     lines("P1>F1:8000:reference")},
		{name: "several invoices in the order quoted",
			items: []OpenItem{inv("A", "D1", "F230866", "2026-01-31", 10000),
				inv("B", "D1", "F230765", "2026-02-28", 20000)},
			payments: []Payment{pay("P1", 25000, "F230765 F230866", "")},
			want:     lines("P1>B:20000:reference", "P1>A:5000:reference")},
		{name: "numbers run together",
			items: []OpenItem{inv("A", "D1", "F230866", "2026-01-31", 10000),
				inv("B", "D1", "F230765", "2026-02-28", 20000)},
			payments: []Payment{pay("P1", 30000, "F230866F230765", "")},
			want:     lines("P1>A:10000:reference", "P1>B:20000:reference")},
		{name: "quoted twice counts once",
			items:    []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "FA-2026-0042 (FA20260042)", "")},
			want:     lines("P1>F1:10000:reference")},
		{name: "overpayment leaves the surplus in suspense",
			items:    []OpenItem{fa42, inv("F2", "D1", "FA-2026-0050", "2026-01-01", 3000)},
			payments: []Payment{pay("P1", 15000, "FA-2026-0042", "D1")},
			want:     lines("P1>F1:10000:reference", "P1:5000")},
		{name: "bank charges within tolerance are written off",
			items:    []OpenItem{fa42},
			payments: []Payment{pay("P1", 9950, "FA-2026-0042", "")},
			opt:      Options{ToleranceCents: 100},
			want:     lines("P1>F1:9950:reference", "P1>F1:-50")},
		{name: "shortfall beyond tolerance stays open",
			items:    []OpenItem{fa42},
			payments: []Payment{pay("P1", 9800, "FA-2026-0042", ""), pay("P2", 200, "FA-2026-0042", "")},
			opt:      Options{ToleranceCents: 100},
			want:     lines("P1>F1:9800:reference", "P2>F1:200:reference")},
		{name: "currency mismatch",
			items:    []OpenItem{withCurrency(fa42, "USD")},
			payments: []Payment{pay("P1", 10000, "FA-2026-0042", "D1")},
			want:     lines("P1:10000")},
		{name: "longest key wins",
			items: []OpenItem{inv("Y", "D1", "2026", "2026-01-31", 100),
				inv("B", "D1", "FA-2026-12", "2026-01-31", 100)},
			payments: []Payment{pay("P1", 100, "FA 2026 12", ""), pay("P2", 100, "ANNEE 2026", "")},
			want:     lines("P1>B:100:reference", "P2>Y:100:reference")},
		{name: "shared number narrowed by payer",
			items: []OpenItem{inv("X1", "D1", "1001", "2026-01-31", 100),
				inv("X2", "D2", "1001", "2026-01-31", 100)},
			payments: []Payment{pay("P1", 100, "FACTURE 1001", "D2")},
			want:     lines("P1>X2:100:reference")},
		{name: "shared number narrowed by amount",
			items: []OpenItem{inv("X1", "D1", "1001", "2026-01-31", 100),
				inv("X2", "D2", "1001", "2026-01-31", 200)},
			payments: []Payment{pay("P1", 200, "FACTURE 1001", "")},
			want:     lines("P1>X2:200:reference")},
		{name: "shared number left ambiguous",
			items: []OpenItem{inv("X1", "D1", "1001", "2026-01-31", 100),
				inv("X2", "D2", "1001", "2026-01-31", 200)},
			payments: []Payment{pay("P1", 150, "FACTURE 1001", "")},
			want:     lines("P1:150")},
		{name: "settled invoice quoted: later rules apply",
			items: []OpenItem{inv("OLD", "D1", "F1", "2026-01-01", 0),
				inv("NEW", "D1", "F2", "2026-02-01", 100)},
			payments: []Payment{pay("P1", 100, "F1", "D1")},
			want:     lines("P1>NEW:100:exact-amount")},
		{name: "credit note numbers are not paid",
			items:    []OpenItem{{ID: "C1", DebtorID: "D1", Number: "AV-1", OpenCents: -100, Currency: "EUR"}},
			payments: []Payment{pay("P1", 100, "AV-1", "")},
			want:     lines("P1:100")},
		{name: "two payments quoting one invoice",
			items:    []OpenItem{fa42},
			payments: []Payment{pay("P1", 10000, "FA-2026-0042", ""), pay("P2", 10000, "FA-2026-0042", "")},
			want:     lines("P1>F1:10000:reference", "P2:10000")},
	})
}

func TestMatchSingleItem(t *testing.T) {
	three := []OpenItem{inv("A", "D1", "F1", "2026-01-31", 10000),
		inv("B", "D1", "F2", "2026-02-28", 25000), inv("C", "D1", "F3", "2026-03-31", 40000)}
	runMatchCases(t, []matchCase{
		{name: "exact amount", items: three, payments: []Payment{pay("P1", 25000, "VIREMENT", "D1")},
			want: lines("P1>B:25000:exact-amount")},
		{name: "same amount twice: oldest first, then the next",
			items:    []OpenItem{inv("LATE", "D1", "F2", "2026-02-28", 5000), inv("EARLY", "D1", "F1", "2026-01-31", 5000)},
			payments: []Payment{pay("P1", 5000, "", "D1"), pay("P2", 5000, "", "D1")},
			want:     lines("P1>EARLY:5000:exact-amount", "P2>LATE:5000:exact-amount")},
		{name: "payer found by name",
			items:    []OpenItem{withName(three[0], "SARL Dupont et Fils"), withName(three[1], "SARL Dupont et Fils")},
			payments: []Payment{{ID: "P1", AmountCents: 25000, Currency: "EUR", PayerName: "DUPONT ET FILS SARL"}},
			want:     lines("P1>B:25000:exact-amount")},
		{name: "name shared by two debtors identifies none",
			items: []OpenItem{withName(inv("A", "D1", "F1", "2026-01-31", 100), "Martin"),
				withName(inv("B", "D2", "F2", "2026-01-31", 100), "MARTIN")},
			payments: []Payment{{ID: "P1", AmountCents: 100, Currency: "EUR", PayerName: "M. MARTIN"}},
			want:     lines("P1:100")},
		{name: "known debtor ID beats the name",
			items: []OpenItem{withName(inv("A", "D1", "F1", "2026-01-31", 100), "Martin"),
				withName(inv("B", "D2", "F2", "2026-01-31", 100), "Durand")},
			payments: []Payment{{ID: "P1", AmountCents: 100, Currency: "EUR", PayerName: "Martin", DebtorID: "D2"}},
			want:     lines("P1>B:100:exact-amount")},
		{name: "short within tolerance", items: three, opt: Options{ToleranceCents: 100},
			payments: []Payment{pay("P1", 24920, "", "D1")},
			want:     lines("P1>B:24920:amount-within-tolerance", "P1>B:-80")},
		{name: "exact beats tolerance",
			items:    []OpenItem{inv("A", "D1", "F1", "2026-01-31", 10050), inv("B", "D1", "F2", "2026-02-28", 10000)},
			opt:      Options{ToleranceCents: 100},
			payments: []Payment{pay("P1", 10000, "", "D1")},
			want:     lines("P1>B:10000:exact-amount")},
		{name: "smallest gap wins",
			items:    []OpenItem{inv("A", "D1", "F1", "2026-01-31", 10080), inv("B", "D1", "F2", "2026-02-28", 10030)},
			opt:      Options{ToleranceCents: 100},
			payments: []Payment{pay("P1", 10000, "", "D1")},
			want:     lines("P1>B:10000:amount-within-tolerance", "P1>B:-30")},
		{name: "overpayment is not tolerated",
			items:    []OpenItem{inv("A", "D1", "F1", "2026-01-31", 10000)},
			opt:      Options{ToleranceCents: 100},
			payments: []Payment{pay("P1", 10050, "", "D1")},
			want:     lines("P1>A:10000:oldest-first", "P1:50")},
		{name: "no tolerance by default",
			items:    []OpenItem{inv("A", "D1", "F1", "2026-01-31", 10000)},
			payments: []Payment{pay("P1", 9999, "", "D1")},
			want:     lines("P1>A:9999:oldest-first")},
		{name: "other currency of the same debtor",
			items:    []OpenItem{withCurrency(inv("A", "D1", "F1", "2026-01-31", 10000), "CHF")},
			payments: []Payment{pay("P1", 10000, "", "D1")},
			want:     lines("P1:10000")},
	})
}

// TestMatchSingleItemLargeGroup exercises the amount index used for debtors
// with many items, including amounts that change after the index is built.
func TestMatchSingleItemLargeGroup(t *testing.T) {
	var items []OpenItem
	for k := 1; k <= 40; k++ {
		items = append(items, inv(fmt.Sprintf("I%02d", k), "BIG", fmt.Sprintf("BIG-%d", k),
			fmt.Sprintf("2025-%02d-%02d", 1+k/28, 1+k%28), int64(k)*1000))
	}
	runMatchCases(t, []matchCase{{
		name:  "index",
		items: items,
		opt:   Options{ToleranceCents: 100},
		payments: []Payment{
			pay("P0", 20000, "", "BIG"),       // builds the index
			pay("P1", 39000, "BIG-40", "BIG"), // I40 now owes 1 000
			pay("P2", 1000, "", "BIG"),        // I01 is older than I40
			pay("P3", 1000, "", "BIG"),        // then I40 at its new amount
			pay("P4", 24950, "", "BIG"),       // 50 short of I25
			pay("P5", 20000, "", "BIG"),       // I20 is gone: a subset
		},
		want: lines("P0>I20:20000:exact-amount", "P1>I40:39000:reference", "P2>I01:1000:exact-amount",
			"P3>I40:1000:exact-amount", "P4>I25:24950:amount-within-tolerance",
			"P5>I02:2000:subset", "P5>I18:18000:subset", "P4>I25:-50"),
	}})
}

func TestMatchSubset(t *testing.T) {
	four := []OpenItem{inv("A", "D1", "F1", "2026-01-31", 100), inv("B", "D1", "F2", "2026-02-28", 250),
		inv("C", "D1", "F3", "2026-03-31", 400), inv("D", "D1", "F4", "2026-04-30", 800)}
	var powers []OpenItem
	for k := range 14 {
		powers = append(powers, inv(fmt.Sprintf("K%02d", k), "D1", fmt.Sprint("P2-", k),
			fmt.Sprintf("2026-01-%02d", k+1), 1<<k))
	}
	runMatchCases(t, []matchCase{
		{name: "two of four", items: four, payments: []Payment{pay("P1", 650, "", "D1")},
			want: lines("P1>B:250:subset", "P1>C:400:subset")},
		{name: "all four", items: four, payments: []Payment{pay("P1", 1550, "", "D1")},
			want: lines("P1>A:100:subset", "P1>B:250:subset", "P1>C:400:subset", "P1>D:800:subset")},
		{name: "tie goes to the oldest",
			items: []OpenItem{inv("A", "D1", "F1", "2026-01-31", 100), inv("B", "D1", "F2", "2026-02-28", 200),
				inv("C", "D1", "F3", "2026-03-31", 400), inv("D", "D1", "F4", "2026-04-30", 300)},
			payments: []Payment{pay("P1", 500, "", "D1")},
			want:     lines("P1>A:100:subset", "P1>C:400:subset")},
		{name: "item beyond the bound is not considered",
			items: []OpenItem{inv("A", "D1", "F1", "2026-01-31", 1000), inv("B", "D1", "F2", "2026-02-28", 2000),
				inv("C", "D1", "F3", "2026-03-31", 4000), inv("D", "D1", "F4", "2026-04-30", 8)},
			opt:      Options{MaxSubsetItems: 3},
			payments: []Payment{pay("P1", 1008, "", "D1")},
			want:     lines("P1>A:1000:oldest-first", "P1>B:8:oldest-first")},
		{name: "item within the bound",
			items: []OpenItem{inv("A", "D1", "F1", "2026-01-31", 1000), inv("B", "D1", "F2", "2026-02-28", 2000),
				inv("C", "D1", "F3", "2026-03-31", 4000), inv("D", "D1", "F4", "2026-04-30", 8)},
			opt:      Options{MaxSubsetItems: 4},
			payments: []Payment{pay("P1", 1008, "", "D1")},
			want:     lines("P1>A:1000:subset", "P1>D:8:subset")},
		{name: "split search over fourteen items", items: powers,
			payments: []Payment{pay("P1", 1+64+8192, "", "D1")},
			want:     lines("P1>K00:1:subset", "P1>K06:64:subset", "P1>K13:8192:subset")},
		{name: "settled items leave the search",
			items:    four,
			payments: []Payment{pay("P1", 250, "", "D1"), pay("P2", 500, "", "D1")},
			want:     lines("P1>B:250:exact-amount", "P2>A:100:subset", "P2>C:400:subset")},
	})
}

func TestMatchOldestFirst(t *testing.T) {
	three := []OpenItem{inv("C", "D1", "F3", "2026-03-31", 300), inv("A", "D1", "F1", "2026-01-31", 100),
		inv("B", "D1", "F2", "2026-02-28", 200)}
	noDue := []OpenItem{
		{ID: "X", DebtorID: "D1", Number: "F9", IssueDate: inv("", "", "", "2026-03-01", 0).DueDate, OpenCents: 100, Currency: "EUR"},
		inv("Y", "D1", "F8", "2026-02-01", 100),
	}
	runMatchCases(t, []matchCase{
		{name: "partial: due-date order, not input order", items: three,
			payments: []Payment{pay("P1", 250, "", "D1")},
			want:     lines("P1>A:100:oldest-first", "P1>B:150:oldest-first")},
		{name: "more than owed", items: three,
			payments: []Payment{pay("P1", 700, "", "D1")},
			want:     lines("P1>A:100:oldest-first", "P1>B:200:oldest-first", "P1>C:300:oldest-first", "P1:100")},
		{name: "next payment continues where the last stopped", items: three,
			payments: []Payment{pay("P1", 250, "", "D1"), pay("P2", 70, "", "D1")},
			want:     lines("P1>A:100:oldest-first", "P1>B:150:oldest-first", "P2>B:50:oldest-first", "P2>C:20:oldest-first")},
		{name: "no due date: issue date", items: noDue,
			payments: []Payment{pay("P1", 50, "", "D1")},
			want:     lines("P1>Y:50:oldest-first")},
	})
}

func TestMatchSuspense(t *testing.T) {
	items := []OpenItem{inv("A", "D1", "F1", "2026-01-31", 100)}
	runMatchCases(t, []matchCase{
		{name: "unknown payer, no reference", items: items,
			payments: []Payment{pay("P1", 100, "VIREMENT", "")}, want: lines("P1:100")},
		{name: "zero", items: items, payments: []Payment{pay("P1", 0, "F1", "D1")}, want: lines("P1:0")},
		{name: "negative", items: items, payments: []Payment{pay("P1", -100, "F1", "D1")}, want: lines("P1:-100")},
		{name: "debtor without open items", items: items,
			payments: []Payment{pay("P1", 100, "", "D9")}, want: lines("P1:100")},
		{name: "everything already paid", items: items,
			payments: []Payment{pay("P1", 100, "", "D1"), pay("P2", 100, "", "D1")},
			want:     lines("P1>A:100:exact-amount", "P2:100")},
		{name: "no items", payments: []Payment{pay("P1", 100, "F1", "D1")}, want: lines("P1:100")},
		{name: "payment order kept in suspense", items: items,
			payments: []Payment{pay("P2", 5, "", ""), pay("P1", 7, "", "")}, want: lines("P2:5", "P1:7")},
	})
}

func TestMatchKeepsPaymentFields(t *testing.T) {
	p := Payment{ID: "P1", AmountCents: 150, Currency: "EUR", PayerName: "X", Remittance: "F1", Reference: "E2E", DebtorID: "D1"}
	r := Match([]OpenItem{inv("A", "D1", "F1", "2026-01-31", 100)}, []Payment{p}, Options{})
	want := p
	want.AmountCents = 50
	if len(r.Unmatched) != 1 || r.Unmatched[0] != want {
		t.Errorf("suspense line %+v, want %+v", r.Unmatched, want)
	}
}

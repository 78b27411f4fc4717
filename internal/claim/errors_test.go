package claim

import (
	"errors"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestComputeMissingRate(t *testing.T) {
	tests := []struct {
		name   string
		c      Case
		at     string
		series string
		period HalfYear
	}{
		{
			name: "default rate needs the MRO of H2 2026",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-1", DueDate: d("2026-05-31"), OutstandingCents: 100_000}}},
			at: "2026-08-15", series: SeriesMRO, period: HalfYear{2026, 2},
		},
		{
			name: "contractual rate needs the legal rate of H2 2026 for its floor",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-2", DueDate: d("2026-05-31"), OutstandingCents: 100_000, ContractualRate: rp(1500)}}},
			at: "2026-07-01", series: SeriesLegal, period: HalfYear{2026, 2},
		},
		{
			name: "consumer needs the legal rate of H2 2026",
			c: Case{Debtor: Consumer, Currency: "EUR", FormalDemandDate: d("2026-06-15"), Invoices: []Invoice{
				{Number: "P-1", DueDate: d("2026-05-31"), OutstandingCents: 100_000}}},
			at: "2026-12-31", series: SeriesLegal, period: HalfYear{2026, 2},
		},
		{
			name: "a rate before the table starts is missing too",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-3", DueDate: d("2023-11-30"), OutstandingCents: 100_000}}},
			at: "2024-01-15", series: SeriesMRO, period: HalfYear{2023, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compute(tt.c, d(tt.at), DefaultRates())
			var missing *MissingRateError
			if !errors.As(err, &missing) {
				t.Fatalf("error = %v, want a *MissingRateError", err)
			}
			if missing.Series != tt.series || missing.Period != tt.period {
				t.Errorf("missing %s %s, want %s %s", missing.Series, missing.Period, tt.series, tt.period)
			}
			if !strings.Contains(err.Error(), tt.period.String()) || !strings.Contains(err.Error(), tt.c.Invoices[0].Number) {
				t.Errorf("error %q should name %s and the invoice", err, tt.period)
			}
		})
	}
}

// Once an invoice is paid, later half-years accrue nothing and need no rate.
func TestComputeNeedsNoRateAfterFullPayment(t *testing.T) {
	c := Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
		{Number: "F-1", DueDate: d("2025-01-31"), OutstandingCents: 100_000,
			Payments: []Payment{{d("2025-03-02"), 100_000}}}}}
	if _, err := Compute(c, d("2027-12-31"), DefaultRates()); err != nil {
		t.Fatalf("Compute: %v", err)
	}
}

func TestComputeWithAddedRate(t *testing.T) {
	rates := DefaultRates()
	if err := rates.Set(SeriesMRO, HalfYear{2026, 2}, 200); err != nil {
		t.Fatal(err)
	}
	// 01/07–30/07/2026: 30 d at 12.00 %: 100 000 × 0.12 × 30/365 = 986.30 → 986.
	c := Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
		{Number: "F-1", DueDate: d("2026-06-30"), OutstandingCents: 100_000}}}
	got, err := Compute(c, d("2026-07-30"), rates)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, got.Lines, []Line{
		principal("F-1", 100_000),
		accrued(KindPenalty, "F-1", "2026-07-01", "2026-07-30", 30, 1200, 986),
		indemnity("F-1"),
	})
	// The default table is not changed by Set on a copy.
	if _, err := DefaultRates().Lookup(SeriesMRO, HalfYear{2026, 2}); err == nil {
		t.Error("DefaultRates shares its table between calls")
	}
}

func TestComputeRejectsBadInput(t *testing.T) {
	inv := func(mod func(*Invoice)) []Invoice {
		i := Invoice{Number: "F-1", DueDate: d("2025-01-31"), OutstandingCents: 100_000}
		mod(&i)
		return []Invoice{i}
	}
	cost := Cost{Label: "Frais de relance", Basis: "Conditions générales de vente", Cents: 1500}
	tests := []struct {
		name  string
		c     Case
		at    string
		wants []string
	}{
		{"no date", Case{Debtor: Business, Currency: "EUR"}, "", []string{"computation date"}},
		{"unknown debtor", Case{Debtor: "company", Currency: "EUR"}, "2025-06-30", []string{`"company"`}},
		{"no currency", Case{Debtor: Business}, "2025-06-30", []string{`currency ""`}},
		{"lower-case currency", Case{Debtor: Business, Currency: "eur"}, "2025-06-30", []string{`"eur"`}},
		{"consumer without formal demand", Case{Debtor: Consumer, Currency: "EUR"}, "2025-06-30",
			[]string{"formal demand"}},
		{"invoice without number", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) { i.Number = "" })},
			"2025-06-30", []string{"invoice 1", "number"}},
		{"invoice without due date", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) { i.DueDate = civil.Date{} })},
			"2025-06-30", []string{`"F-1"`, "due date"}},
		{"negative outstanding", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) { i.OutstandingCents = -5 })},
			"2025-06-30", []string{`"F-1"`, "-5"}},
		{"zero contractual rate", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) { i.ContractualRate = rp(0) })},
			"2025-06-30", []string{`"F-1"`, "contractual rate 0,00"}},
		{"payment without date", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) { i.Payments = []Payment{{Cents: 10}} })},
			"2025-06-30", []string{`"F-1"`, "payment 1", "date"}},
		{"negative payment", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) {
			i.Payments = []Payment{{d("2025-02-01"), -10}}
		})}, "2025-06-30", []string{`"F-1"`, "payment 1", "-10"}},
		{"overpayment, even after the computation date", Case{Debtor: Business, Currency: "EUR", Invoices: inv(func(i *Invoice) {
			i.Payments = []Payment{{d("2025-02-01"), 60_000}, {d("2025-12-01"), 60_000}}
		})}, "2025-06-30", []string{`"F-1"`, "payment 2", "60000 cents exceeds the 40000"}},
		{"cost without basis", Case{Debtor: Business, Currency: "EUR", Costs: []Cost{{Label: "Greffe", Cents: 10}}},
			"2025-06-30", []string{"cost 1", `"Greffe"`, "basis"}},
		{"negative cost", Case{Debtor: Business, Currency: "EUR", Costs: []Cost{{Label: "Greffe", Basis: "x", Cents: -1}}},
			"2025-06-30", []string{"cost 1", `"Greffe"`, "-1"}},
		{"recovery cost charged to a consumer", Case{Debtor: Consumer, Currency: "EUR", FormalDemandDate: d("2025-02-15"),
			Costs: []Cost{{Label: "Greffe", Basis: "x", Cents: 10, AllowedForConsumer: true}, cost}},
			"2025-06-30", []string{"cost 2", `"Frais de relance"`, "L111-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var at civil.Date
			if tt.at != "" {
				at = d(tt.at)
			}
			_, err := Compute(tt.c, at, DefaultRates())
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	if _, err := Compute(Case{Debtor: Business, Currency: "EUR"}, d("2025-06-30"), nil); err == nil {
		t.Error("nil rate table accepted")
	}
	// The same recovery cost is fine for a business.
	if _, err := Compute(Case{Debtor: Business, Currency: "EUR", Costs: []Cost{cost}}, d("2025-06-30"), DefaultRates()); err != nil {
		t.Errorf("business cost refused: %v", err)
	}
}

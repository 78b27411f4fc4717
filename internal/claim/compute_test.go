package claim

import (
	"testing"
)

// Expected amounts below are worked out by hand from the rule
// base × rate × days / 365, with rates in percent, rounded to the cent half
// away from zero. Default B2B rate = MRO of the half-year + 10 points:
// H1 2024 14.50, H2 2024 14.25, H1 2025 13.15, H2 2025 12.15, H1 2026 12.15.
// Legal rate: H1 2025 3.71, H2 2025 2.76.
func TestComputeGolden(t *testing.T) {
	paidLate := []Payment{{d("2025-03-10"), 200_000}, {d("2025-08-20"), 100_000}}
	tests := []struct {
		name     string
		c        Case
		at       string
		lines    []Line
		total    int64
		warnings [][]string
	}{
		{
			// 10 000,00 € due 31/05/2024, claimed on 15/03/2025: 288 days.
			//  01/06–30/06/2024:  30 d × 14.50 %: 1 000 000 × 0.145 × 30/365 = 11 917.81 → 11 918
			//  01/07–31/12/2024: 184 d × 14.25 %: 1 000 000 × 0.1425 × 184/365 = 71 835.62 → 71 836
			//  01/01–15/03/2025:  74 d × 13.15 %: 1 000 000 × 0.1315 × 74/365 = 26 660.27 → 26 660
			// total 1 000 000 + 11 918 + 71 836 + 26 660 + 4 000 = 1 114 414
			name: "business invoice across three half-years",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-2024-001", DueDate: d("2024-05-31"), OutstandingCents: 1_000_000}}},
			at: "2025-03-15",
			lines: []Line{
				principal("F-2024-001", 1_000_000),
				accrued(KindPenalty, "F-2024-001", "2024-06-01", "2024-06-30", 30, 1450, 11918),
				accrued(KindPenalty, "F-2024-001", "2024-07-01", "2024-12-31", 184, 1425, 71836),
				accrued(KindPenalty, "F-2024-001", "2025-01-01", "2025-03-15", 74, 1315, 26660),
				indemnity("F-2024-001"),
			},
			total: 1_114_414,
		},
		{
			// 5 000,00 € due 31/01/2025; 2 000,00 € paid 10/03, 1 000,00 € paid 20/08; claimed 30/09/2025.
			//  01/02–10/03: 38 d, 5 000 € × 13.15 %: 500 000 × 0.1315 × 38/365 = 6 845.21 → 6 845
			//  11/03–30/06: 112 d, 3 000 € × 13.15 %: 300 000 × 0.1315 × 112/365 = 12 105.21 → 12 105
			//  01/07–20/08: 51 d, 3 000 € × 12.15 %: 300 000 × 0.1215 × 51/365 = 5 093.01 → 5 093
			//  21/08–30/09: 41 d, 2 000 € × 12.15 %: 200 000 × 0.1215 × 41/365 = 2 729.59 → 2 730
			// total 200 000 + 6 845 + 12 105 + 5 093 + 2 730 + 4 000 = 230 773
			name: "partial payments lower the base the day after each payment",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-7", DueDate: d("2025-01-31"), OutstandingCents: 500_000, Payments: paidLate}}},
			at: "2025-09-30",
			lines: []Line{
				principal("F-7", 200_000),
				accrued(KindPenalty, "F-7", "2025-02-01", "2025-03-10", 38, 1315, 6845),
				accrued(KindPenalty, "F-7", "2025-03-11", "2025-06-30", 112, 1315, 12105),
				accrued(KindPenalty, "F-7", "2025-07-01", "2025-08-20", 51, 1215, 5093),
				accrued(KindPenalty, "F-7", "2025-08-21", "2025-09-30", 41, 1215, 2730),
				indemnity("F-7"),
			},
			total: 230_773,
		},
		{
			// Same payments listed out of order, the first split in two on one day:
			// the result must not depend on the order of entry.
			name: "payments out of order and two on one day",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-7", DueDate: d("2025-01-31"), OutstandingCents: 500_000, Payments: []Payment{
					{d("2025-08-20"), 100_000}, {d("2025-03-10"), 150_000}, {d("2025-03-10"), 50_000}}}}},
			at: "2025-09-30",
			lines: []Line{
				principal("F-7", 200_000),
				accrued(KindPenalty, "F-7", "2025-02-01", "2025-03-10", 38, 1315, 6845),
				accrued(KindPenalty, "F-7", "2025-03-11", "2025-06-30", 112, 1315, 12105),
				accrued(KindPenalty, "F-7", "2025-07-01", "2025-08-20", 51, 1215, 5093),
				accrued(KindPenalty, "F-7", "2025-08-21", "2025-09-30", 41, 1215, 2730),
				indemnity("F-7"),
			},
			total: 230_773,
		},
		{
			// H2 2025 and H1 2026 both 12.15 %: one segment of constant rate and base.
			// 01/12/2025–28/02/2026: 31 + 31 + 28 = 90 d; 100 000 × 0.1215 × 90/365 = 2 995.89 → 2 996
			name: "two half-years at the same rate make one line",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "F-9", DueDate: d("2025-11-30"), OutstandingCents: 100_000}}},
			at: "2026-02-28",
			lines: []Line{
				principal("F-9", 100_000),
				accrued(KindPenalty, "F-9", "2025-12-01", "2026-02-28", 90, 1215, 2996),
				indemnity("F-9"),
			},
			total: 100_000 + 2996 + 4000,
		},
		{
			// Contractual 15 % from 16/06 to 15/07/2025 (30 d), one line across the
			// half-years since the rate does not change: 200 000 × 0.15 × 30/365 = 2 465.75 → 2 466.
			// Floors: 3 × 3.71 = 11.13 (H1 2025), 3 × 2.76 = 8.28 (H2 2025): no warning.
			name: "contractual rate above the floor",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "C-1", DueDate: d("2025-06-15"), OutstandingCents: 200_000, ContractualRate: rp(1500)}}},
			at: "2025-07-15",
			lines: []Line{
				principal("C-1", 200_000),
				accrued("contractual", "C-1", "2025-06-16", "2025-07-15", 30, 1500, 2466),
				indemnity("C-1"),
			},
			total: 200_000 + 2466 + 4000,
		},
		{
			// Contractual 10 %: 200 000 × 0.10 × 30/365 = 1 643.84 → 1 644. Below the
			// H1 2025 floor of 11.13 %, above the H2 2025 floor of 8.28 %: one warning
			// naming only the first half-year.
			name: "contractual rate below the floor warns",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "C-2", DueDate: d("2025-06-15"), OutstandingCents: 200_000, ContractualRate: rp(1000)}}},
			at: "2025-07-15",
			lines: []Line{
				principal("C-2", 200_000),
				accrued("contractual", "C-2", "2025-06-16", "2025-07-15", 30, 1000, 1644),
				indemnity("C-2"),
			},
			total:    200_000 + 1644 + 4000,
			warnings: [][]string{{"Facture C-2", "10,00\u00a0%", "11,13\u00a0% au 1er semestre 2025", "L441-10"}},
		},
		{
			// 1 500,00 € due 31/03/2025, mise en demeure 15/05/2025, 500,00 € paid
			// 30/06/2025, claimed 14/08/2025. Legal interest from the demand:
			//  16/05–30/06: 46 d, 1 500 € × 3.71 %: 150 000 × 0.0371 × 46/365 = 701.34 → 701
			//  01/07–14/08: 45 d, 1 000 € × 2.76 %: 100 000 × 0.0276 × 45/365 = 340.27 → 340
			// The payment falls on the last day of H1: no empty segment in between.
			// No penalty, no indemnity; the allowed cost is kept.
			// total 100 000 + 701 + 340 + 4 523 = 105 564
			name: "consumer owes legal interest from the formal demand",
			c: Case{Debtor: Consumer, Currency: "EUR", FormalDemandDate: d("2025-05-15"),
				Invoices: []Invoice{{Number: "P-3", DueDate: d("2025-03-31"), OutstandingCents: 150_000,
					Payments: []Payment{{d("2025-06-30"), 50_000}}}},
				Costs: []Cost{{Label: "Frais de signification", Basis: "Article L111-8 du Code des procédures civiles d'exécution",
					Cents: 4523, Date: d("2025-08-01"), AllowedForConsumer: true}}},
			at: "2025-08-14",
			lines: []Line{
				principal("P-3", 100_000),
				accrued(KindInterest, "P-3", "2025-05-16", "2025-06-30", 46, 371, 701),
				accrued(KindInterest, "P-3", "2025-07-01", "2025-08-14", 45, 276, 340),
				{Kind: KindCost, Label: "Frais de signification", Basis: "Article L111-8 du Code des procédures civiles d'exécution",
					AmountCents: 4523, From: d("2025-08-01")},
			},
			total: 105_564,
		},
		{
			// Demand 01/03 before the due date 31/03/2025: interest from the due date.
			// 01/04–30/04: 30 d, 100 000 × 0.0371 × 30/365 = 304.93 → 305.
			// The contractual rate is not applied to a consumer.
			name: "consumer demand before due date, contractual rate ignored",
			c: Case{Debtor: Consumer, Currency: "EUR", FormalDemandDate: d("2025-03-01"),
				Invoices: []Invoice{{Number: "P-4", DueDate: d("2025-03-31"), OutstandingCents: 100_000, ContractualRate: rp(1200)}}},
			at: "2025-04-30",
			lines: []Line{
				principal("P-4", 100_000),
				accrued(KindInterest, "P-4", "2025-04-01", "2025-04-30", 30, 371, 305),
			},
			total: 100_305,
			warnings: [][]string{
				{"Facture P-4", "01/03/2025", "31/03/2025", "échéance"},
				{"Facture P-4", "12,00\u00a0%", "taux légal"},
			},
		},
		{
			name: "invoice due on the day of computation: no penalty, no indemnity",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "N-1", DueDate: d("2026-03-31"), OutstandingCents: 50_000}}},
			at:    "2026-03-31",
			lines: []Line{principal("N-1", 50_000)},
			total: 50_000,
		},
		{
			name: "invoice not yet due",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "N-2", DueDate: d("2026-05-31"), OutstandingCents: 50_000}}},
			at:    "2026-03-31",
			lines: []Line{principal("N-2", 50_000)},
			total: 50_000,
		},
		{
			// The 01/03 payment comes after the computation date of 15/02/2025.
			// 01/02–15/02: 15 d, 100 000 × 0.1315 × 15/365 = 540.41 → 540.
			name: "payment after the computation date is ignored",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "A-1", DueDate: d("2025-01-31"), OutstandingCents: 100_000,
					Payments: []Payment{{d("2025-03-01"), 100_000}}}}},
			at: "2025-02-15",
			lines: []Line{
				principal("A-1", 100_000),
				accrued(KindPenalty, "A-1", "2025-02-01", "2025-02-15", 15, 1315, 540),
				indemnity("A-1"),
			},
			total: 104_540,
		},
		{
			// A payment on the computation date counts (principal 600,00 €) but the
			// day itself was still late on the full amount: 01/02–10/02, 10 d,
			// 100 000 × 0.1315 × 10/365 = 360.27 → 360.
			name: "payment on the computation date",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "A-2", DueDate: d("2025-01-31"), OutstandingCents: 100_000,
					Payments: []Payment{{d("2025-02-10"), 40_000}}}}},
			at: "2025-02-10",
			lines: []Line{
				principal("A-2", 60_000),
				accrued(KindPenalty, "A-2", "2025-02-01", "2025-02-10", 10, 1315, 360),
				indemnity("A-2"),
			},
			total: 64_360,
		},
		{
			// 600,00 € paid before the due date: penalties on 400,00 € only.
			// 01/02–02/03: 30 d, 40 000 × 0.1315 × 30/365 = 432.33 → 432.
			name: "payment before the due date lowers the base from the start",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "A-3", DueDate: d("2025-01-31"), OutstandingCents: 100_000,
					Payments: []Payment{{d("2025-01-15"), 60_000}}}}},
			at: "2025-03-02",
			lines: []Line{
				principal("A-3", 40_000),
				accrued(KindPenalty, "A-3", "2025-02-01", "2025-03-02", 30, 1315, 432),
				indemnity("A-3"),
			},
			total: 44_432,
		},
		{
			// Paid in full 30 days late. L441-10 penalties run until payment on the
			// unpaid amount and stay due after it; D441-5 makes the 40 € due for
			// every invoice paid late. No principal line is left.
			// 01/02–02/03/2025: 30 d, 100 000 × 0.1315 × 30/365 = 1 080.82 → 1 081.
			name: "fully paid late: penalties until payment and indemnity, no principal",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "L-1", DueDate: d("2025-01-31"), OutstandingCents: 100_000,
					Payments: []Payment{{d("2025-03-02"), 100_000}}}}},
			at: "2025-06-30",
			lines: []Line{
				accrued(KindPenalty, "L-1", "2025-02-01", "2025-03-02", 30, 1315, 1081),
				indemnity("L-1"),
			},
			total: 5081,
		},
		{
			name: "paid in full on the due date: nothing to claim",
			c: Case{Debtor: Business, Currency: "EUR", Invoices: []Invoice{
				{Number: "L-2", DueDate: d("2025-01-31"), OutstandingCents: 100_000,
					Payments: []Payment{{d("2025-01-31"), 100_000}}}}},
			at:    "2025-06-30",
			lines: []Line{},
			total: 0,
		},
		{
			// Half away from zero at exactly half a cent: contractual 12.50 % over
			// 73 days (01/02–14/04/2025) makes base × 0.125 × 73/365 = base / 40.
			// 20 cents → 0.5 → 1 (truncation or banker's rounding would give 0);
			// 60 cents → 1.5 → 2. No indemnity line in USD, but a warning.
			name: "rounding half away from zero, non-euro claim",
			c: Case{Debtor: Business, Currency: "USD", Invoices: []Invoice{
				{Number: "R-1", DueDate: d("2025-01-31"), OutstandingCents: 20, ContractualRate: rp(1250)},
				{Number: "R-2", DueDate: d("2025-01-31"), OutstandingCents: 60, ContractualRate: rp(1250)}}},
			at: "2025-04-14",
			lines: []Line{
				principal("R-1", 20),
				accrued("contractual", "R-1", "2025-02-01", "2025-04-14", 73, 1250, 1),
				principal("R-2", 60),
				accrued("contractual", "R-2", "2025-02-01", "2025-04-14", 73, 1250, 2),
			},
			total:    83,
			warnings: [][]string{{"Facture R-1", "40 €", "USD"}, {"Facture R-2", "40 €", "USD"}},
		},
		{
			// A business may be charged recovery costs; a cost dated after the
			// computation date is left out with a warning.
			name: "business costs, one after the computation date",
			c: Case{Debtor: Business, Currency: "EUR",
				Costs: []Cost{
					{Label: "Frais de greffe", Basis: "Article R444-3 du Code de commerce", Cents: 3388, Date: d("2025-03-01")},
					{Label: "Signification", Basis: "Article 700 du Code de procédure civile", Cents: 9000, Date: d("2025-05-02")},
				}},
			at: "2025-05-01",
			lines: []Line{{Kind: KindCost, Label: "Frais de greffe", Basis: "Article R444-3 du Code de commerce",
				AmountCents: 3388, From: d("2025-03-01")}},
			total:    3388,
			warnings: [][]string{{"Signification", "02/05/2025", "non inclus"}},
		},
	}
	rates := DefaultRates()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Compute(tt.c, d(tt.at), rates)
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			checkLines(t, got.Lines, tt.lines)
			if got.TotalCents != tt.total {
				t.Errorf("total = %d, want %d", got.TotalCents, tt.total)
			}
			if got.Currency != tt.c.Currency {
				t.Errorf("currency = %q, want %q", got.Currency, tt.c.Currency)
			}
			checkWarnings(t, got.Warnings, tt.warnings)
		})
	}
}

package api

import (
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/dashboard"
	"github.com/recouvra/recouvra/internal/money"
)

// dashboardView is the tableau de bord as the API shows it. Its figures are
// all in the one currency of dashboard.Metrics, which each amount carries.
type dashboardView struct {
	Today                  civil.Date         `json:"today"`
	Receivables            money.Amount       `json:"receivables"` // outstanding of every open invoice
	OpenInvoices           int64              `json:"open_invoices"`
	Overdue                money.Amount       `json:"overdue"`
	Aging                  []agingBucketView  `json:"aging"` // not due, 1–30, 31–60, 61–90, over 90 days
	Sales                  money.Amount       `json:"sales"` // invoiced during the DSO window
	DSO                    float64            `json:"dso"`
	BestPossibleDSO        float64            `json:"best_possible_dso"`
	DisputedInvoices       int64              `json:"disputed_invoices"`
	DisputeRate            float64            `json:"dispute_rate"`
	Invoiced               money.Amount       `json:"invoiced"`     // invoices issued during the DSO window
	CreditNotes            money.Amount       `json:"credit_notes"` // credit notes issued during the DSO window
	CreditNoteRate         float64            `json:"credit_note_rate"`
	AvgInvoice             money.Amount       `json:"avg_invoice"`
	AvgCreditNote          money.Amount       `json:"avg_credit_note"`
	CollectedInvoices      int64              `json:"collected_invoices"`
	Collected              money.Amount       `json:"collected"`
	Doubtful               money.Amount       `json:"doubtful"` // open cases in litigation
	DoubtfulCases          int64              `json:"doubtful_cases"`
	CasesByPhaseLevel      []phaseLevelView   `json:"cases_by_phase_level"`
	ActiveCreditors        []dashboard.Option `json:"active_creditors"`
	ActiveAccountManagers  []dashboard.Option `json:"active_account_managers"`
	FilterCreditorID       uint               `json:"filter_creditor_id"`
	FilterAccountManagerID uint               `json:"filter_account_manager_id"`
}

// agingBucketView is one column of the aging balance.
type agingBucketView struct {
	Label  string       `json:"label"`
	Amount money.Amount `json:"amount"`
	Count  int64        `json:"count"`
}

// phaseLevelView counts the open cases of one phase and level.
type phaseLevelView struct {
	Phase   string       `json:"phase"`
	Level   int          `json:"level"`
	Count   int64        `json:"count"`
	Balance money.Amount `json:"balance"`
}

func dashboardViewOf(m dashboard.Metrics) dashboardView {
	cur := m.Currency
	return dashboardView{
		Today: m.Today, Receivables: moneyOf(m.ReceivablesCents, cur), OpenInvoices: m.OpenInvoices,
		Overdue: moneyOf(m.OverdueCents, cur),
		Aging: viewsOf(m.Aging, func(b dashboard.Bucket) agingBucketView {
			return agingBucketView{Label: b.Label, Amount: moneyOf(b.Cents, cur), Count: b.Count}
		}),
		Sales: moneyOf(m.SalesCents, cur), DSO: m.DSO, BestPossibleDSO: m.BestPossibleDSO,
		DisputedInvoices: m.DisputedInvoices, DisputeRate: m.DisputeRate,
		Invoiced: moneyOf(m.InvoicedCents, cur), CreditNotes: moneyOf(m.CreditNoteCents, cur),
		CreditNoteRate: m.CreditNoteRate, AvgInvoice: moneyOf(m.AvgInvoiceCents, cur),
		AvgCreditNote: moneyOf(m.AvgCreditNoteCents, cur), CollectedInvoices: m.CollectedInvoices,
		Collected: moneyOf(m.CollectedCents, cur), Doubtful: moneyOf(m.DoubtfulCents, cur),
		DoubtfulCases: m.DoubtfulCases,
		CasesByPhaseLevel: viewsOf(m.CasesByPhaseLevel, func(p dashboard.PhaseLevel) phaseLevelView {
			return phaseLevelView{Phase: p.Phase, Level: p.Level, Count: p.Count, Balance: moneyOf(p.BalanceCents, cur)}
		}),
		ActiveCreditors: m.ActiveCreditors, ActiveAccountManagers: m.ActiveAccountManagers,
		FilterCreditorID: m.FilterCreditorID, FilterAccountManagerID: m.FilterAccountManagerID,
	}
}

package api

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/dossier"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/tribunal"
	"github.com/recouvra/recouvra/models"
)

// claimView is the claim of a case at a date; every amount carries the
// claim's currency.
type claimView struct {
	At       civil.Date   `json:"at"`
	Lines    []claimLine  `json:"lines"`
	Total    money.Amount `json:"total"`
	Warnings []string     `json:"warnings"`
}

// claimLine is a claim line as the API shows it: every field, null when empty.
type claimLine struct {
	Kind        string       `json:"kind"`
	Invoice     string       `json:"invoice"`
	Label       string       `json:"label"`
	Basis       string       `json:"basis"`
	Amount      money.Amount `json:"amount"`
	RatePercent *claim.Rate  `json:"rate_percent"`
	From        *civil.Date  `json:"from"`
	To          *civil.Date  `json:"to"`
	Days        int          `json:"days"`
}

func claimViewOf(cl claim.Claim, at civil.Date) claimView {
	v := claimView{At: at, Total: moneyOf(cl.TotalCents, cl.Currency), Warnings: cl.Warnings,
		Lines: viewsOf(cl.Lines, func(l claim.Line) claimLine {
			return claimLine{Kind: l.Kind, Invoice: l.Invoice, Label: l.Label, Basis: l.Basis,
				Amount: moneyOf(l.AmountCents, cl.Currency), RatePercent: l.RatePercent,
				From: datePtr(l.From), To: datePtr(l.To), Days: l.Days}
		})}
	if v.Warnings == nil {
		v.Warnings = []string{}
	}
	return v
}

func datePtr(d civil.Date) *civil.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

type tribunalView struct {
	tribunal.Decision
	// Fees are the greffe fees of filing with this court, for legal staff.
	Fees feesView `json:"fees"`
}

// feesView is what filing costs; greffe fees are set in euros by decree.
type feesView struct {
	GreffeFee money.Amount `json:"greffe_fee"`
	Note      string       `json:"note"`
}

func (s *Server) tribunalViewOf(d tribunal.Decision) tribunalView {
	fees := dossier.FeesFor(d.Kind, s.greffeFee())
	v := tribunalView{Decision: d, Fees: feesView{GreffeFee: moneyOf(fees.GreffeFeeCents, "EUR"), Note: fees.Note}}
	if v.Candidates == nil {
		v.Candidates = []tribunal.Court{}
	}
	return v
}

// costView is a cost claimed on a case, in the case's currency.
type costView struct {
	ID                 uint         `json:"id"`
	CreatedAt          time.Time    `json:"created_at"`
	CaseID             uint         `json:"case_id"`
	Label              string       `json:"label"`
	Basis              string       `json:"basis"`
	Amount             money.Amount `json:"amount"`
	Date               civil.Date   `json:"date"`
	AllowedForConsumer bool         `json:"allowed_for_consumer"`
	CreatedBy          string       `json:"created_by"`
}

// costViewIn is the view of the costs of a case in currency.
func costViewIn(currency string) func(models.CaseCost) costView {
	return func(c models.CaseCost) costView {
		return costView{ID: c.ID, CreatedAt: c.CreatedAt, CaseID: c.CaseID, Label: c.Label, Basis: c.Basis,
			Amount: moneyOf(c.Cents, currency), Date: c.Date, AllowedForConsumer: c.AllowedForConsumer,
			CreatedBy: c.CreatedBy}
	}
}

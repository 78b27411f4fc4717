package claim

import (
	"errors"
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
)

// Line kinds, in the order a claim lists them for each invoice.
const (
	KindPrincipal = "principal"
	KindPenalty   = "penalty"
	KindInterest  = "interest"
	KindIndemnity = "indemnity"
	KindCost      = "cost"
)

// Legal bases (fondements) written on the claim form next to each amount.
const (
	BasisPrincipal = "Article 1103 du Code civil"
	BasisPenalty   = "Article L441-10 du Code de commerce"
	BasisIndemnity = "Articles L441-10 et D441-5 du Code de commerce"
	BasisInterest  = "Articles 1231-6 et 1344-1 du Code civil"
)

// RecoveryIndemnityCents is the flat indemnity for recovery costs owed by a
// business for each invoice paid late (D441-5): 40 €, outside the scope of VAT.
const RecoveryIndemnityCents = 4000

// Claim is the breakdown of a claim as filed: every amount with its basis.
type Claim struct {
	Currency   string `json:"currency"`
	Lines      []Line `json:"lines"`
	TotalCents int64  `json:"total_cents"`
	// Warnings are points a person should check before filing, in French.
	Warnings []string `json:"warnings,omitempty"`
}

// Line is one amount claimed. Interest lines carry their rate and the first
// and last days accrued (both included; Days = To − From + 1).
type Line struct {
	Kind        string     `json:"kind"`
	Invoice     string     `json:"invoice,omitempty"`
	Label       string     `json:"label"`
	Basis       string     `json:"basis"`
	AmountCents int64      `json:"amount_cents"`
	RatePercent *Rate      `json:"rate_percent,omitempty"`
	From        civil.Date `json:"from,omitzero"`
	To          civil.Date `json:"to,omitzero"`
	Days        int        `json:"days,omitempty"`
}

// Compute breaks down what the creditor may claim on day at (included):
// for each invoice the principal still due, then penalties (business debtor)
// or legal interest (consumer debtor) by constant-rate period, then the
// recovery indemnity; then the costs. Payments and costs dated after at are
// left out. A half-year whose rate the table lacks stops the computation
// with a *MissingRateError.
func Compute(c Case, at civil.Date, rates *RateTable) (Claim, error) {
	if rates == nil {
		return Claim{}, errors.New("no rate table given")
	}
	if err := c.validate(at); err != nil {
		return Claim{}, err
	}
	cl := Claim{Currency: c.Currency, Lines: []Line{}}
	for _, inv := range c.Invoices {
		lines, warnings, err := invoiceLines(c, inv, at, rates)
		if err != nil {
			return Claim{}, fmt.Errorf("invoice %q: %w", inv.Number, err)
		}
		cl.Lines = append(cl.Lines, lines...)
		cl.Warnings = append(cl.Warnings, warnings...)
	}
	for _, cost := range c.Costs {
		if cost.Date.After(at) {
			cl.Warnings = append(cl.Warnings, fmt.Sprintf(
				"Frais « %s » du %s postérieurs à la date de calcul du %s : non inclus.",
				cost.Label, cost.Date.FrenchNumeric(), at.FrenchNumeric()))
			continue
		}
		cl.Lines = append(cl.Lines, Line{Kind: KindCost, Label: cost.Label, Basis: cost.Basis,
			AmountCents: cost.Cents, From: cost.Date})
	}
	for _, l := range cl.Lines {
		total, err := addCents(cl.TotalCents, l.AmountCents)
		if err != nil {
			return Claim{}, fmt.Errorf("total of the claim: %w", err)
		}
		cl.TotalCents = total
	}
	return cl, nil
}

// invoiceLines computes the lines of one invoice.
func invoiceLines(c Case, inv Invoice, at civil.Date, rates *RateTable) ([]Line, []string, error) {
	var paid []Payment
	principal := inv.OutstandingCents
	for _, p := range inv.Payments {
		if !p.Date.After(at) {
			paid = append(paid, p)
			principal -= p.Cents
		}
	}
	var lines []Line
	var warnings []string
	if principal > 0 {
		lines = append(lines, Line{Kind: KindPrincipal, Invoice: inv.Number, Label: "Principal restant dû",
			Basis: BasisPrincipal, AmountCents: principal})
	}

	var a accrual
	if c.Debtor == Business {
		a = businessAccrual(inv, rates)
	} else {
		a = consumerAccrual(c, inv, rates)
	}
	segs, err := accrualSegments(a.start, at, inv.OutstandingCents, paid, a.rateOf)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range segs {
		amount, err := interestCents(s.base, s.rate, s.days())
		if err != nil {
			return nil, nil, err
		}
		rate := s.rate
		lines = append(lines, Line{Kind: a.kind, Invoice: inv.Number, Label: a.label, Basis: a.basis,
			AmountCents: amount, RatePercent: &rate, From: s.from, To: s.to, Days: s.days()})
	}
	warnings = append(warnings, a.warnings()...)

	if c.Debtor == Business && len(segs) > 0 {
		if c.Currency == "EUR" {
			lines = append(lines, Line{Kind: KindIndemnity, Invoice: inv.Number,
				Label: "Indemnité forfaitaire pour frais de recouvrement", Basis: BasisIndemnity,
				AmountCents: RecoveryIndemnityCents})
		} else {
			warnings = append(warnings, fmt.Sprintf(
				"Facture %s : indemnité forfaitaire de 40 € non ajoutée, la créance est libellée en %s ; à convertir et ajouter à la main.",
				inv.Number, c.Currency))
		}
	}
	return lines, warnings, nil
}

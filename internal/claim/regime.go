package claim

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
)

// accrual is how an invoice bears interest for lateness under the debtor's
// regime: from which day, at which rate, and under which basis.
type accrual struct {
	kind, label, basis string
	start              civil.Date // interest accrues on the days after start
	rateOf             rateFunc
	// warnings is read once rateOf has been asked for every half-year used.
	warnings func() []string
}

// businessAccrual applies article L441-10 du Code de commerce: penalties run
// without any reminder from the day after the due date, at the contractual
// rate if the terms of sale set one, else at the ECB rate of the half-year
// plus 10 points.
func businessAccrual(inv Invoice, rates *RateTable) accrual {
	a := accrual{kind: KindPenalty, basis: BasisPenalty, start: inv.DueDate,
		warnings: func() []string { return nil }}
	if inv.ContractualRate == nil {
		a.label = "Pénalités de retard (taux BCE + 10 points)"
		a.rateOf = func(h HalfYear) (Rate, error) {
			mro, err := rates.Lookup(SeriesMRO, h)
			if err != nil {
				return 0, err
			}
			return mro + 1000, nil
		}
		return a
	}

	// The contractual rate applies as stipulated, but the law forbids one
	// below three times the legal rate: the clause may then be set aside
	// and a person must decide what to claim.
	contractual := *inv.ContractualRate
	a.label = "Pénalités de retard (taux contractuel)"
	var below []string
	var last HalfYear
	a.rateOf = func(h HalfYear) (Rate, error) {
		legal, err := rates.Lookup(SeriesLegal, h)
		if err != nil {
			return 0, err
		}
		if floor := legal.Times(3); contractual < floor && h != last {
			below = append(below, fmt.Sprintf("%s au %s", floor, h.French()))
		}
		last = h
		return contractual, nil
	}
	a.warnings = func() []string {
		if len(below) == 0 {
			return nil
		}
		return []string{fmt.Sprintf("Facture %s : le taux contractuel de %s est inférieur au plancher "+
			"de trois fois le taux d'intérêt légal (article L441-10 du Code de commerce) : %s. "+
			"Vérifier la clause avant de réclamer ce taux.", inv.Number, contractual, strings.Join(below, ", "))}
	}
	return a
}

// consumerAccrual applies articles 1231-6 and 1344-1 du Code civil: a
// consumer owes no L441-10 penalty, only interest at the legal rate from the
// formal demand. The rate is the one for professional creditors ("tous les
// autres cas"), since the creditor is a business.
func consumerAccrual(c Case, inv Invoice, rates *RateTable) accrual {
	a := accrual{kind: KindInterest, label: "Intérêts au taux légal", basis: BasisInterest,
		start: c.FormalDemandDate,
		rateOf: func(h HalfYear) (Rate, error) {
			return rates.Lookup(SeriesLegal, h)
		}}
	var notes []string
	if c.FormalDemandDate.Before(inv.DueDate) {
		// Nothing is late before the due date, whatever the letter says.
		a.start = inv.DueDate
		notes = append(notes, fmt.Sprintf("Facture %s : la mise en demeure du %s précède l'échéance du %s ; "+
			"les intérêts sont comptés à partir de l'échéance.",
			inv.Number, c.FormalDemandDate.FrenchNumeric(), inv.DueDate.FrenchNumeric()))
	}
	if inv.ContractualRate != nil {
		notes = append(notes, fmt.Sprintf("Facture %s : taux contractuel de %s non appliqué à un consommateur ; "+
			"intérêts au taux légal. Une clause pénale se réclame à part et reste réductible par le juge "+
			"(article 1231-5 du Code civil).", inv.Number, *inv.ContractualRate))
	}
	a.warnings = func() []string { return notes }
	return a
}

package dispatch

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/models"
)

// demand computes the mise en demeure with claim.Compute, the code the
// litigation uses: principal, penalties to the letter's date, and the 40 €
// indemnity per invoice for business debtors only.
func (c Composer) demand(invs []models.Invoice, d models.Debtor, date, deadline civil.Date) (letters.FormalDemand, error) {
	rates := c.Rates
	if rates == nil {
		var err error
		if rates, err = c.loadRates(); err != nil {
			return letters.FormalDemand{}, err
		}
	}
	kind := claim.Business
	if d.Kind == models.Consumer {
		kind = claim.Consumer
	}
	cc := claim.Case{Debtor: kind, Currency: currencyOf(invs)}
	if kind == claim.Consumer {
		cc.FormalDemandDate = date // legal interest runs from the demand itself
	}
	for _, inv := range invs {
		ci := claim.Invoice{Number: inv.Number, DueDate: inv.DueDate, OutstandingCents: inv.OutstandingCents}
		if inv.LateRateBP != nil {
			r := claim.Rate(*inv.LateRateBP)
			ci.ContractualRate = &r
		}
		cc.Invoices = append(cc.Invoices, ci)
	}
	computed, err := claim.Compute(cc, date, rates)
	if err != nil {
		return letters.FormalDemand{}, fmt.Errorf("penalties of the formal demand to debtor %d: %w", d.ID, err)
	}
	fd := letters.FormalDemand{BusinessDebtor: kind == claim.Business, DeadlineDate: deadline,
		PaymentReference: paymentReference(d), Currency: cc.Currency}
	byNumber := map[string]*letters.DemandInvoice{}
	for _, inv := range invs {
		fd.Invoices = append(fd.Invoices, letters.DemandInvoice{Number: inv.Number, DueDate: inv.DueDate})
	}
	for i := range fd.Invoices {
		byNumber[fd.Invoices[i].Number] = &fd.Invoices[i]
	}
	for _, l := range computed.Lines {
		di := byNumber[l.Invoice]
		if di == nil {
			continue
		}
		switch l.Kind {
		case claim.KindPrincipal:
			di.PrincipalCents += l.AmountCents
		case claim.KindPenalty, claim.KindInterest:
			di.PenaltyCents += l.AmountCents
			if l.RatePercent != nil {
				di.PenaltyRate = l.RatePercent.String()
			}
		case claim.KindIndemnity:
			di.IndemnityCents += l.AmountCents
		}
	}
	for _, di := range fd.Invoices {
		fd.TotalCents += di.TotalCents()
	}
	return fd, nil
}

func (c Composer) demandDays() int {
	if c.DemandDays <= 0 {
		return DefaultDemandDays
	}
	return c.DemandDays
}

// scenarioDeadlineDays is the payment deadline the step of g gives in the
// scenarios its cases run (the shortest, if they differ), so that the letter
// states the deadline each workflow waits for; without a stored scenario,
// Composer.DemandDays.
func (c Composer) scenarioDeadlineDays(ctx context.Context, g Group) (int, error) {
	days := 0
	for _, e := range g.Entries {
		var cs models.Case
		if err := c.DB.WithContext(ctx).Select("id, scenario_id").First(&cs, e.CaseID).Error; err != nil {
			return 0, fmt.Errorf("case %d: %w", e.CaseID, err)
		}
		if cs.ScenarioID == nil {
			continue
		}
		var sc models.Scenario
		if err := c.DB.WithContext(ctx).First(&sc, *cs.ScenarioID).Error; err != nil {
			return 0, fmt.Errorf("scenario %d of case %d: %w", *cs.ScenarioID, cs.ID, err)
		}
		var steps []struct {
			Name         string `json:"name"`
			DeadlineDays int    `json:"deadline_days"`
		}
		if err := json.Unmarshal([]byte(sc.Steps), &steps); err != nil {
			return 0, fmt.Errorf("scenario %q v%d: steps: %w", sc.Name, sc.Version, err)
		}
		for _, st := range steps {
			if st.Name == g.Step && st.DeadlineDays > 0 && (days == 0 || st.DeadlineDays < days) {
				days = st.DeadlineDays
			}
		}
	}
	if days == 0 {
		days = c.demandDays()
	}
	return days, nil
}

// demandDeadline is the payment deadline a mise en demeure states. Each
// invoice's workflow counts its own deadline from the day its step was
// enqueued, and goes to litigation when it passes; the letter must never
// promise a later day than any of them, so the deadline counts from the
// oldest entry of the group, not from the letter's date. A group that
// waited longer than the deadline itself (a window wider than the
// deadline) falls back to the letter's date.
func demandDeadline(g Group, days int) civil.Date {
	oldest := g.Date
	for _, e := range g.Entries {
		if !e.DueOn.IsZero() && e.DueOn.Before(oldest) {
			oldest = e.DueOn
		}
	}
	if d := oldest.AddDays(days); d.After(g.Date) {
		return d
	}
	return g.Date.AddDays(days)
}

// loadRates is the rate table the litigation computes with: the rates
// shipped with the code (claim.DefaultRates), extended by those an
// administrator stored for later half-years.
func (c Composer) loadRates() (*claim.RateTable, error) {
	t := claim.DefaultRates()
	var rows []models.InterestRate
	if err := c.DB.Order("series, year, half").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read interest rates: %w", err)
	}
	entries := make([]claim.RateEntry, len(rows))
	for i, r := range rows {
		entries[i] = claim.RateEntry{Series: r.Series, Period: claim.HalfYear{Year: r.Year, Half: r.Half},
			Rate: claim.Rate(r.RateBP), Source: r.Source}
	}
	if err := t.Apply(entries); err != nil {
		return nil, fmt.Errorf("stored interest rates: %w", err)
	}
	return t, nil
}

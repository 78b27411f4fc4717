package litigation

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/models"
)

// FormalDemandEventKind is the timeline kind the recovery workflow writes
// when it sends the mise en demeure; a consumer owes interest from its date.
const FormalDemandEventKind = "formal_demand_sent"

// ErrNoFormalDemand reports a consumer case whose claim cannot be computed
// because no formal demand was sent yet.
var ErrNoFormalDemand = errors.New("no formal demand (mise en demeure) was sent on this case: a consumer owes interest only from it")

// CaseData is what the database holds about a case, loaded once for the
// claim, the court and the dossier.
type CaseData struct {
	Case     models.Case
	Invoice  models.Invoice
	Debtor   models.Debtor
	Creditor models.Creditor
	// FormalDemand is the day the mise en demeure was sent; zero if none.
	FormalDemand civil.Date
	Payments     []claim.Payment
	Costs        []models.CaseCost
}

// LoadCase reads a case and what hangs from it.
func LoadCase(ctx context.Context, db *gorm.DB, caseID uint) (CaseData, error) {
	var d CaseData
	db = db.WithContext(ctx)
	if err := db.Take(&d.Case, caseID).Error; err != nil {
		return d, fmt.Errorf("case %d: %w", caseID, err)
	}
	if err := db.Take(&d.Invoice, d.Case.InvoiceID).Error; err != nil {
		return d, fmt.Errorf("invoice %d of case %d: %w", d.Case.InvoiceID, caseID, err)
	}
	if err := db.Take(&d.Debtor, d.Case.DebtorID).Error; err != nil {
		return d, fmt.Errorf("debtor %d of case %d: %w", d.Case.DebtorID, caseID, err)
	}
	if err := db.Take(&d.Creditor, d.Case.CreditorID).Error; err != nil {
		return d, fmt.Errorf("creditor %d of case %d: %w", d.Case.CreditorID, caseID, err)
	}
	var demand models.CaseEvent
	res := db.Where("case_id = ? AND kind = ?", caseID, FormalDemandEventKind).Order("at").Limit(1).Find(&demand)
	if res.Error != nil {
		return d, fmt.Errorf("formal demand of case %d: %w", caseID, res.Error)
	}
	if res.RowsAffected > 0 {
		d.FormalDemand = civil.Of(demand.At)
	}
	payments, err := invoicePayments(db, d.Invoice.ID)
	if err != nil {
		return d, err
	}
	d.Payments = payments
	if err := db.Where("case_id = ?", caseID).Order("date, id").Find(&d.Costs).Error; err != nil {
		return d, fmt.Errorf("costs of case %d: %w", caseID, err)
	}
	return d, nil
}

// invoicePayments are the payments and credit notes lettered against an
// invoice and not reversed, each at the date money came in or the credit
// note was issued.
func invoicePayments(db *gorm.DB, invoiceID uint) ([]claim.Payment, error) {
	type row struct {
		Cents       int64
		PaymentDate civil.Date
		CreditDate  civil.Date
	}
	var rows []row
	err := db.Table("allocations").
		Select("allocations.cents, payments.date AS payment_date, credit_notes.issue_date AS credit_date").
		Joins("LEFT JOIN payments ON payments.id = allocations.payment_id").
		Joins("LEFT JOIN credit_notes ON credit_notes.id = allocations.credit_note_id").
		Where("allocations.invoice_id = ? AND allocations.reversed_at IS NULL AND allocations.cents > 0", invoiceID).
		Order("allocations.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("payments of invoice %d: %w", invoiceID, err)
	}
	var out []claim.Payment
	for _, r := range rows {
		date := r.PaymentDate
		if date.IsZero() {
			date = r.CreditDate
		}
		if date.IsZero() {
			return nil, fmt.Errorf("invoice %d: an allocation of %d cents has neither a payment nor a credit note date", invoiceID, r.Cents)
		}
		out = append(out, claim.Payment{Date: date, Cents: r.Cents})
	}
	// The claim wants payments in date order; the SQL order is lettering order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date.Before(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// ClaimCase turns the case's data into the input of claim.Compute. The
// amount due before payments is what is outstanding now plus what was
// lettered: a payment received but not lettered is then simply left out of
// the base, which claims slightly less rather than too much. Costs a
// consumer may not be charged (CPCE L111-8) are left out with a warning.
func (d CaseData) ClaimCase() (claim.Case, []string, error) {
	var warnings []string
	c := claim.Case{Currency: d.Invoice.Currency, FormalDemandDate: d.FormalDemand}
	switch d.Debtor.Kind {
	case models.Trader, models.Civil:
		c.Debtor = claim.Business
	case models.Consumer:
		c.Debtor = claim.Consumer
		if d.FormalDemand.IsZero() {
			return c, nil, ErrNoFormalDemand
		}
	default:
		return c, nil, fmt.Errorf("debtor %d has kind %q, not trader, civil or consumer", d.Debtor.ID, d.Debtor.Kind)
	}
	inv := claim.Invoice{Number: d.Invoice.Number, DueDate: d.Invoice.DueDate, OutstandingCents: d.Invoice.OutstandingCents,
		Payments: d.Payments}
	for _, p := range d.Payments {
		inv.OutstandingCents += p.Cents
	}
	if d.Invoice.LateRateBP != nil {
		r := claim.Rate(*d.Invoice.LateRateBP)
		inv.ContractualRate = &r
	}
	c.Invoices = []claim.Invoice{inv}
	for _, cost := range d.Costs {
		if c.Debtor == claim.Consumer && !cost.AllowedForConsumer {
			warnings = append(warnings, fmt.Sprintf("Frais « %s » non réclamés : un consommateur ne peut pas supporter "+
				"les frais de recouvrement engagés sans titre exécutoire (article L111-8 du Code des procédures civiles d'exécution).",
				cost.Label))
			continue
		}
		c.Costs = append(c.Costs, claim.Cost{Label: cost.Label, Basis: cost.Basis, Cents: cost.Cents, Date: cost.Date,
			AllowedForConsumer: cost.AllowedForConsumer})
	}
	return c, warnings, nil
}

// CaseClaim computes the claim of a case on day at with the stored rates.
func CaseClaim(ctx context.Context, db *gorm.DB, caseID uint, at civil.Date) (claim.Claim, error) {
	d, err := LoadCase(ctx, db, caseID)
	if err != nil {
		return claim.Claim{}, err
	}
	return d.Claim(ctx, db, at)
}

// Claim computes the claim of the loaded case on day at.
func (d CaseData) Claim(ctx context.Context, db *gorm.DB, at civil.Date) (claim.Claim, error) {
	c, warnings, err := d.ClaimCase()
	if err != nil {
		return claim.Claim{}, err
	}
	rates, err := LoadRates(ctx, db)
	if err != nil {
		return claim.Claim{}, err
	}
	cl, err := claim.Compute(c, at, rates)
	if err != nil {
		return claim.Claim{}, err
	}
	cl.Warnings = append(cl.Warnings, warnings...)
	return cl, nil
}

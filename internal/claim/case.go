package claim

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// DebtorKind decides which regime applies: a business owes L441-10 penalties
// and the 40 € indemnity; a consumer owes only legal interest from the
// formal demand.
type DebtorKind string

const (
	Business DebtorKind = "business"
	Consumer DebtorKind = "consumer"
)

// Case is what the creditor claims: invoices still unpaid (or paid late) and
// costs incurred.
type Case struct {
	Debtor   DebtorKind `json:"debtor"`
	Currency string     `json:"currency"`
	Invoices []Invoice  `json:"invoices"`
	Costs    []Cost     `json:"costs,omitempty"`
	// FormalDemandDate is the mise en demeure, from which a consumer owes
	// legal interest (articles 1231-6 and 1344-1 du Code civil). Required
	// for consumers.
	FormalDemandDate civil.Date `json:"formal_demand_date,omitzero"`
}

// Invoice is one unpaid or late invoice.
type Invoice struct {
	Number  string     `json:"number"`
	DueDate civil.Date `json:"due_date"`
	// OutstandingCents is the amount including VAT still due before the
	// payments listed below.
	OutstandingCents int64 `json:"outstanding_cents"`
	// ContractualRate is the late-payment rate stipulated in the terms of
	// sale; nil when they set none.
	ContractualRate *Rate     `json:"contractual_rate,omitempty"`
	Payments        []Payment `json:"payments,omitempty"`
}

// Payment is a partial or full payment received on an invoice.
type Payment struct {
	Date  civil.Date `json:"date"`
	Cents int64      `json:"cents"`
}

// Cost is an expense the creditor claims besides the invoices (court fees,
// bailiff's acts…), with its legal basis.
type Cost struct {
	Label string     `json:"label"`
	Basis string     `json:"basis"`
	Cents int64      `json:"cents"`
	Date  civil.Date `json:"date,omitzero"`
	// AllowedForConsumer marks costs a consumer may be charged: article
	// L111-8 of the Code des procédures civiles d'exécution leaves recovery
	// costs incurred without an enforceable title with the creditor.
	AllowedForConsumer bool `json:"allowed_for_consumer"`
}

// validate checks what Compute cannot sensibly work around. Its errors name
// the invoice, payment or cost and the value at fault.
func (c Case) validate(at civil.Date) error {
	if at.IsZero() {
		return fmt.Errorf("computation date is missing")
	}
	if c.Debtor != Business && c.Debtor != Consumer {
		return fmt.Errorf("debtor kind %q is not %q or %q", c.Debtor, Business, Consumer)
	}
	if !money.ValidCurrency(c.Currency) {
		return fmt.Errorf("currency %q is not an ISO 4217 code", c.Currency)
	}
	if c.Debtor == Consumer && c.FormalDemandDate.IsZero() {
		return fmt.Errorf("formal demand date (mise en demeure) is missing: a consumer owes interest only from it")
	}
	for i, inv := range c.Invoices {
		if err := inv.validate(); err != nil {
			return fmt.Errorf("invoice %d (%q): %w", i+1, inv.Number, err)
		}
	}
	for i, cost := range c.Costs {
		if err := cost.validate(c.Debtor); err != nil {
			return fmt.Errorf("cost %d (%q): %w", i+1, cost.Label, err)
		}
	}
	return nil
}

func (inv Invoice) validate() error {
	if inv.Number == "" {
		return fmt.Errorf("number is empty")
	}
	if inv.DueDate.IsZero() {
		return fmt.Errorf("due date is missing")
	}
	if inv.OutstandingCents < 0 {
		return fmt.Errorf("outstanding amount %d cents is negative", inv.OutstandingCents)
	}
	if r := inv.ContractualRate; r != nil && (*r <= 0 || *r > maxRate) {
		return fmt.Errorf("contractual rate %s is not a positive rate up to %s", *r, maxRate)
	}
	// Payments after the computation date count here too: a payment that
	// exceeds the invoice means the data is wrong, whatever the date.
	left := inv.OutstandingCents
	for j, p := range inv.Payments {
		if p.Date.IsZero() {
			return fmt.Errorf("payment %d: date is missing", j+1)
		}
		if p.Cents <= 0 {
			return fmt.Errorf("payment %d of %s: amount %d cents is not positive", j+1, p.Date, p.Cents)
		}
		if p.Cents > left {
			return fmt.Errorf("payment %d of %s: %d cents exceeds the %d cents still due", j+1, p.Date, p.Cents, left)
		}
		left -= p.Cents
	}
	return nil
}

func (cost Cost) validate(debtor DebtorKind) error {
	if cost.Label == "" {
		return fmt.Errorf("label is empty")
	}
	if cost.Basis == "" {
		return fmt.Errorf("basis (fondement) is empty")
	}
	if cost.Cents < 0 {
		return fmt.Errorf("amount %d cents is negative", cost.Cents)
	}
	if debtor == Consumer && !cost.AllowedForConsumer {
		return fmt.Errorf("cannot be charged to a consumer: recovery costs incurred without an enforceable title stay with the creditor (article L111-8 du Code des procédures civiles d'exécution)")
	}
	return nil
}

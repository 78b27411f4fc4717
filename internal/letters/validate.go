package letters

import (
	"errors"
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/money"
)

// FixedIndemnityCents is the indemnité forfaitaire pour frais de recouvrement
// owed per late invoice by a business debtor (C. com. D. 441-5): 40 €.
const FixedIndemnityCents = 4000

// ErrConsumerIndemnity is returned when a formal demand to a consumer claims the
// 40 € indemnity: it exists only between professionals (C. com. L. 441-10), and
// charging a consumer recovery costs before a court title is an offence
// (CPCE L. 111-8).
var ErrConsumerIndemnity = errors.New("the 40 € recovery indemnity cannot be claimed from a consumer")

// Validate reports the first reason why l cannot be printed. A letter that
// passes is complete enough for a window envelope and, for a formal demand,
// contains the elements the law expects. Render calls it.
func Validate(l Letter) error {
	if _, ok := kindNames[l.Kind]; !ok {
		return fmt.Errorf("letter kind %d is unknown", int(l.Kind))
	}
	if strings.TrimSpace(l.Creditor.Name) == "" {
		return errors.New("creditor name is empty")
	}
	if err := validatePostalAddress("debtor", l.Debtor); err != nil {
		return err
	}
	if strings.TrimSpace(l.Place) == "" {
		return errors.New("place of the letter is empty")
	}
	if l.Date.IsZero() {
		return errors.New("date of the letter is missing")
	}
	if strings.TrimSpace(l.Subject) == "" {
		return errors.New("subject is empty")
	}
	if l.TrackingNumber != "" && !l.Registered {
		return fmt.Errorf("tracking number %q given for a letter that is not registered", l.TrackingNumber)
	}
	if l.Kind == KindStatement && l.Statement == nil {
		return errors.New("a statement letter needs its Statement")
	}
	if l.Kind == KindFormalDemand && l.Demand == nil {
		return errors.New("a formal demand letter needs its Demand")
	}
	if l.Kind != KindFormalDemand && l.Demand != nil {
		return fmt.Errorf("a %s letter cannot carry a formal demand", l.Kind)
	}
	if l.Statement != nil {
		if err := validateStatement(*l.Statement); err != nil {
			return fmt.Errorf("statement: %w", err)
		}
	}
	if l.Demand != nil {
		if err := validateDemand(l, *l.Demand); err != nil {
			return fmt.Errorf("formal demand: %w", err)
		}
	}
	return nil
}

func validatePostalAddress(who string, p Party) error {
	switch {
	case strings.TrimSpace(p.Name) == "":
		return fmt.Errorf("%s name is empty", who)
	case strings.TrimSpace(p.Line1) == "":
		return fmt.Errorf("%s address line 1 is empty", who)
	case strings.TrimSpace(p.City) == "":
		return fmt.Errorf("%s city is empty", who)
	}
	return nil
}

func validateCurrency(code string) error {
	if code != "" && !money.ValidCurrency(code) {
		return fmt.Errorf("currency %q is not an ISO 4217 code", code)
	}
	return nil
}

func validateStatement(s Statement) error {
	if err := validateCurrency(s.Currency); err != nil {
		return err
	}
	if len(s.Lines) == 0 {
		return errors.New("no lines")
	}
	var sum int64
	for i, line := range s.Lines {
		n := i + 1
		if strings.TrimSpace(line.Number) == "" {
			return fmt.Errorf("line %d: invoice number is empty", n)
		}
		if line.BalanceCents != line.AmountCents-line.PaidCents {
			return fmt.Errorf("line %d (%s): balance %d ≠ amount %d − paid %d",
				n, line.Number, line.BalanceCents, line.AmountCents, line.PaidCents)
		}
		if line.DaysOverdue < 0 {
			return fmt.Errorf("line %d (%s): days overdue %d is negative", n, line.Number, line.DaysOverdue)
		}
		sum += line.BalanceCents
	}
	if sum != s.TotalCents {
		return fmt.Errorf("total %d ≠ sum of balances %d", s.TotalCents, sum)
	}
	return nil
}

func validateDemand(l Letter, d FormalDemand) error {
	if err := validateCurrency(d.Currency); err != nil {
		return err
	}
	if len(d.Invoices) == 0 {
		return errors.New("no invoices")
	}
	if d.DeadlineDate.IsZero() {
		return errors.New("payment deadline is missing")
	}
	if !d.DeadlineDate.After(l.Date) {
		return fmt.Errorf("payment deadline %s is not after the letter date %s", d.DeadlineDate, l.Date)
	}
	if strings.TrimSpace(l.Creditor.IBAN) == "" {
		return errors.New("creditor IBAN is empty: the letter must say how to pay")
	}
	var sum int64
	for i, inv := range d.Invoices {
		if err := validateDemandInvoice(inv, d); err != nil {
			return fmt.Errorf("invoice %d (%s): %w", i+1, inv.Number, err)
		}
		sum += inv.TotalCents()
	}
	if sum != d.TotalCents {
		return fmt.Errorf("total %d ≠ sum of principal, penalties and indemnities %d", d.TotalCents, sum)
	}
	return nil
}

func validateDemandInvoice(inv DemandInvoice, d FormalDemand) error {
	switch {
	case strings.TrimSpace(inv.Number) == "":
		return errors.New("invoice number is empty")
	case inv.PrincipalCents <= 0:
		return fmt.Errorf("principal %d is not positive", inv.PrincipalCents)
	case inv.PenaltyCents < 0:
		return fmt.Errorf("penalty %d is negative", inv.PenaltyCents)
	case inv.PenaltyCents > 0 && strings.TrimSpace(inv.PenaltyRate) == "":
		return errors.New("penalty claimed without its rate")
	case inv.IndemnityCents != 0 && !d.BusinessDebtor:
		return ErrConsumerIndemnity
	case inv.IndemnityCents != 0 && inv.IndemnityCents != FixedIndemnityCents:
		return fmt.Errorf("indemnity %d cents: the fixed indemnity is %d cents", inv.IndemnityCents, FixedIndemnityCents)
	case inv.IndemnityCents != 0 && d.Currency != "" && d.Currency != "EUR":
		return fmt.Errorf("the 40 € indemnity cannot be claimed in %s", d.Currency)
	}
	return nil
}

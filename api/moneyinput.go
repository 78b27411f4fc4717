package api

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
)

// moneyInput is an amount a request body may give two ways: as whole cents
// in the long-standing flat field (amount_cents, cents) or, as responses
// show money, as an object {amount_cents, currency} (amount). Cents and
// Amount are what the body held, nil when absent.
type moneyInput struct {
	CentsField, Field string // "amount_cents", "amount"
	Cents             *int64
	Amount            *money.Amount
}

// resolve returns the cents given (0 when neither form was) and whether
// the object form was used. currency is the currency the amount must be in
// (the case's, the invoice's) and owner names it in errors ("the case").
// Both forms at once, an object without its currency or in another
// currency are refused with an error naming the field.
func (m moneyInput) resolve(currency, owner string) (cents int64, object bool, ferr *intake.FieldError) {
	switch {
	case m.Amount == nil && m.Cents == nil:
		return 0, false, nil
	case m.Amount == nil:
		return *m.Cents, false, nil
	case m.Cents != nil:
		return 0, true, &intake.FieldError{Field: m.Field, Message: fmt.Sprintf("give %s or %s, not both", m.CentsField, m.Field)}
	case m.Amount.Currency == "":
		return 0, true, &intake.FieldError{Field: m.Field + ".currency", Message: fmt.Sprintf("is required: the currency of %s, %s", owner, currency)}
	case m.Amount.Currency != currency:
		return 0, true, &intake.FieldError{Field: m.Field + ".currency", Message: fmt.Sprintf("is %s but %s is in %s", m.Amount.Currency, owner, currency)}
	}
	return m.Amount.Cents, true, nil
}

// fieldName is how errors about the amount name it: the object's
// amount_cents when the body used the object form.
func (m moneyInput) fieldName(object bool) string {
	if object {
		return m.Field + ".amount_cents"
	}
	return m.CentsField
}

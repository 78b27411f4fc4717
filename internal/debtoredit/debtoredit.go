// Package debtoredit changes what the creditor's staff maintain on a
// debtor — credit limit, blocked flag, notes, account manager, contacts —
// for the API's PATCH /debtors/:id and the back-office's debtor card alike:
// the same checks, the same write, the same before and after in the audit
// log.
package debtoredit

import (
	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"reflect"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/models"
)

// Changes maps fields of a debtor to their new values. Fields are named as
// the API and the debtors table name them: credit_limit_cents, blocked,
// notes, account_manager_id (a *uint; nil clears it), email, phone,
// payment_contact. Callers check values with the functions below first.
type Changes map[string]any

// Result is a debtor once changed, with the fields that did change, as they
// were and as they are, for the audit log.
type Result struct {
	Debtor        models.Debtor
	Before, After map[string]any
}

// Apply writes ch to the debtor d (as read before the request) and reads it
// back in the same transaction.
func Apply(ctx context.Context, db *gorm.DB, d models.Debtor, ch Changes) (Result, error) {
	res := Result{Before: map[string]any{}, After: map[string]any{}}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&models.Debtor{ID: d.ID}).Updates(map[string]any(ch)).Error; err != nil {
			return err
		}
		return tx.Take(&res.Debtor, d.ID).Error
	})
	if err != nil {
		return res, fmt.Errorf("update debtor %d: %w", d.ID, err)
	}
	before, after := fieldsOf(d), fieldsOf(res.Debtor)
	for field := range ch {
		if !reflect.DeepEqual(before[field], after[field]) {
			res.Before[field], res.After[field] = before[field], after[field]
		}
	}
	return res, nil
}

// fieldsOf is the debtor as its JSON shows it: the names and values the
// audit log records.
func fieldsOf(d models.Debtor) map[string]any {
	fields := map[string]any{}
	b, _ := json.Marshal(d) // a struct of plain fields always marshals
	_ = json.Unmarshal(b, &fields)
	return fields
}

// CheckCreditLimit refuses a negative limit; zero means none.
func CheckCreditLimit(cents int64) error {
	if cents < 0 {
		return fmt.Errorf("must be zero (no limit) or positive, got %d", cents)
	}
	return nil
}

// CheckAccountManager accepts nil (no account manager), the debtor's
// current one (kept even if since disabled) or an active user of a role
// that runs case files (casefile.AssigneeRoles: admin, credit_manager), the
// people casefile.Assignees lists.
func CheckAccountManager(ctx context.Context, db *gorm.DB, d models.Debtor, id *uint) error {
	if id == nil || (d.AccountManagerID != nil && *d.AccountManagerID == *id) {
		return nil
	}
	return casefile.CheckAssignable(db.WithContext(ctx), *id)
}

// contactWidths are the columns' widths, in characters.
var contactWidths = map[string]int{"email": 200, "phone": 40, "payment_contact": 200}

// CheckContact checks a contact field (email, phone, payment_contact) once
// trimmed: it must fit its column, an email must be a bare address, and
// none may span lines. Empty clears it.
func CheckContact(field, value string) error {
	width, known := contactWidths[field]
	switch {
	case !known:
		return fmt.Errorf("%s is not a contact field", field)
	case utf8.RuneCountInString(value) > width:
		return fmt.Errorf("is at most %d characters, got %d", width, utf8.RuneCountInString(value))
	case strings.ContainsAny(value, "\r\n"):
		return fmt.Errorf("must fit on one line")
	case field == "email" && value != "":
		if a, err := mail.ParseAddress(value); err != nil || a.Address != value {
			return fmt.Errorf("%q is not an email address", value)
		}
	}
	return nil
}

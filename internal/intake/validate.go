package intake

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/siren"
	"github.com/recouvra/recouvra/models"
)

// validInvoice is an input that passed validation, in domain types.
type validInvoice struct {
	Row        int
	In         InvoiceInput
	IssueDate  civil.Date
	DueDate    civil.Date
	Total      int64
	VAT        int64
	Currency   string
	LateRateBP *int64
}

// validate checks one row without touching the database.
func validate(r Row) (validInvoice, []FieldError) {
	in := r.Input
	v := validInvoice{Row: r.Row, In: in}
	var errs []FieldError
	fail := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Row: r.Row, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(in.Number) == "" {
		fail("number", "is required")
	} else if len(in.Number) > 64 {
		fail("number", "is %d characters long, at most 64", len(in.Number))
	}
	var err error
	if v.IssueDate, err = parseDate(in.IssueDate); err != nil {
		fail("issue_date", "%v", err)
	}
	if v.DueDate, err = parseDate(in.DueDate); err != nil {
		fail("due_date", "%v", err)
	}
	if !v.IssueDate.IsZero() && !v.DueDate.IsZero() && v.DueDate.Before(v.IssueDate) {
		fail("due_date", "%s is before the issue date %s", v.DueDate, v.IssueDate)
	}
	switch {
	case in.TotalCents == nil:
		fail("total_cents", "is required (the amount including VAT, in cents)")
	case *in.TotalCents <= 0:
		fail("total_cents", "must be positive, got %d", *in.TotalCents)
	default:
		v.Total = *in.TotalCents
	}
	if in.VATCents != nil {
		v.VAT = *in.VATCents
		if v.VAT < 0 || (in.TotalCents != nil && v.VAT > *in.TotalCents) {
			fail("vat_cents", "%d is not between 0 and the total", v.VAT)
		}
	}
	if in.OutstandingCents != nil && (*in.OutstandingCents < 0 || (in.TotalCents != nil && *in.OutstandingCents > *in.TotalCents)) {
		fail("outstanding_cents", "%d is not between 0 and the total", *in.OutstandingCents)
	}
	v.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if v.Currency == "" {
		v.Currency = "EUR"
	}
	if !money.ValidCurrency(v.Currency) {
		fail("currency", "%q is not an ISO 4217 code such as EUR", in.Currency)
	}
	if in.LateRatePercent != nil && *in.LateRatePercent != "" {
		bp, err := money.ParseDecimal(string(*in.LateRatePercent)) // hundredths of a percent, like cents
		if err != nil || bp < 0 || bp > 10000 {
			fail("late_rate_percent", "%q is not a percentage such as 12.15", *in.LateRatePercent)
		} else {
			v.LateRateBP = &bp
		}
	}
	switch {
	case in.DebtorID == nil && in.Debtor == nil:
		fail("debtor", "either debtor_id or debtor is required")
	case in.DebtorID != nil && in.Debtor != nil:
		fail("debtor", "give debtor_id or debtor, not both")
	case in.Debtor != nil:
		errs = append(errs, validateDebtor(r.Row, in.Debtor)...)
	}
	return v, errs
}

func validateDebtor(row int, d *DebtorInput) []FieldError {
	var errs []FieldError
	fail := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Row: row, Field: "debtor." + field, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(d.Name) == "" {
		fail("name", "is required")
	}
	if !models.DebtorKind(d.Kind).Valid() {
		fail("kind", "%q is not one of trader, civil, consumer", d.Kind)
	}
	if d.SIREN != "" {
		if err := siren.CheckSIREN(d.SIREN); err != nil {
			fail("siren", "%v", err)
		}
	}
	if d.SIRET != "" {
		if err := siren.CheckSIRET(d.SIRET); err != nil {
			fail("siret", "%v", err)
		} else if d.SIREN != "" && d.SIRET[:9] != d.SIREN {
			fail("siret", "SIRET %s does not belong to SIREN %s", d.SIRET, d.SIREN)
		}
	}
	if d.Email != "" && !strings.Contains(d.Email, "@") {
		fail("email", "%q is not an email address", d.Email)
	}
	errs = append(errs, CheckAddress(row, "debtor.address.", d.Address)...)
	return errs
}

// parseDate reads YYYY-MM-DD, and DD/MM/YYYY as French spreadsheets write it.
func parseDate(s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, fmt.Errorf("is required (YYYY-MM-DD)")
	}
	if len(s) == 10 && s[2] == '/' && s[5] == '/' {
		s = s[6:] + "-" + s[3:5] + "-" + s[:2]
	}
	return civil.Parse(s)
}

func fivedigits(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

package moneyin

import (
	"bytes"
	"context"
	"fmt"

	"github.com/recouvra/recouvra/internal/bankstatement"
	"github.com/recouvra/recouvra/models"
)

// ImportBank imports a CFONB 120 or camt.053 file: every credit entry becomes
// a payment in suspense, then the lettrage pass allocates what it can. A
// statement that does not balance rejects the whole file. Debits and
// reversals are not payments and are only counted.
func (s *Service) ImportBank(ctx context.Context, f File) (Summary, error) {
	return s.run(ctx, KindBank, f, func(st *importTx) error {
		content, err := st.body.all()
		if err != nil {
			return err
		}
		format, err := bankstatement.Detect(f.Name, content[:min(len(content), 4096)])
		if err != nil {
			return &RejectedError{Rejected: []Rejection{{Field: "file", Message: err.Error()}}}
		}
		statements, err := bankstatement.Parse(f.Name, bytes.NewReader(content))
		if err != nil {
			return &RejectedError{Rejected: []Rejection{{Message: err.Error()}}}
		}
		source := "cfonb120"
		if format == bankstatement.FormatCAMT053 {
			source = "camt053"
		}
		st.sum.Statements = len(statements)
		rank := map[string]int{}
		for _, stmt := range statements {
			for _, e := range stmt.Entries {
				if !e.IsCredit() || e.Reversal {
					continue
				}
				if err := s.bankPayment(st, stmt, e, source, rank); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// bankPayment records one credit entry once: its key is the account, the
// bank's reference, the date and the amount, ranked among identical entries
// of the file, so an overlapping statement imported later adds nothing.
func (s *Service) bankPayment(st *importTx, stmt bankstatement.Statement, e bankstatement.Entry, source string, rank map[string]int) error {
	date := e.BookingDate
	if date.IsZero() {
		date = e.ValueDate
	}
	if date.IsZero() {
		return &RejectedError{Rejected: []Rejection{{Line: e.Line, Path: e.Path, Field: "date", Message: "credit entry without a booking or value date"}}}
	}
	base := fmt.Sprintf("bank|%s|%s|%s|%d", stmt.AccountID, e.BankReference, date, e.AmountCents)
	rank[base]++
	reference := e.EndToEndID
	if reference == "NOTPROVIDED" {
		reference = ""
	}
	p := models.Payment{CreditorID: st.creditor.ID, Date: date, AmountCents: e.AmountCents, Currency: e.Currency,
		PayerName: clip(e.PayerName, 200), Reference: clip(reference, 140), Remittance: clip(e.Remittance, 500),
		BankReference: clip(e.BankReference, 64), Source: source, UnallocatedCents: e.AmountCents}
	return s.paymentOnce(st, fmt.Sprintf("%s|%d", base, rank[base]), &p)
}

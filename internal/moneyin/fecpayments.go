package moneyin

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvra/recouvra/internal/invoicesource"
	"github.com/recouvra/recouvra/models"
)

// paymentChunk is how many payments one key lookup and one insert cover.
const paymentChunk = 500

type keyedPayment struct {
	line int
	key  string
	p    models.Payment
}

// fecPayments records the unmatched payments found on customer accounts of
// a FEC. A payment's key holds the account, piece, date and amount, and its
// rank among identical lines of the file: two transfers of the same amount
// on the same day are two payments, and the same FEC imported again is no
// new payment. Keys are looked up, and new payments inserted, 500 at a time.
func (s *Service) fecPayments(st *importTx, docs []invoicesource.Document) error {
	rank := map[string]int{}
	all := make([]keyedPayment, 0, len(docs))
	for _, d := range docs {
		debtorID, err := s.debtorFor(st, d.Buyer, d.Currency)
		if err != nil {
			if rej := (*RejectedError)(nil); errors.As(err, &rej) {
				return err
			}
			return fmt.Errorf("%s: %w", where(d), err)
		}
		base := fmt.Sprintf("fec|%s|%s|%s|%d", d.Buyer.AccountRef, strings.TrimSpace(d.Number), d.IssueDate, d.TotalCents)
		rank[base]++
		all = append(all, keyedPayment{line: d.Line, key: clip(fmt.Sprintf("%s|%d", base, rank[base]), 300),
			p: models.Payment{CreditorID: st.creditor.ID, DebtorID: &debtorID, Date: d.IssueDate,
				AmountCents: d.TotalCents, Currency: d.Currency, PayerName: clip(d.Buyer.Name, 200),
				Reference: clip(d.Number, 140), Source: "fec", UnallocatedCents: d.TotalCents}})
	}
	for chunk := range slices.Chunk(all, paymentChunk) {
		if err := s.paymentsOnce(st, chunk); err != nil {
			return fmt.Errorf("payments on lines %d to %d: %w", chunk[0].line, chunk[len(chunk)-1].line, err)
		}
	}
	return nil
}

// paymentsOnce creates the payments whose key is not known yet, with their keys.
func (s *Service) paymentsOnce(st *importTx, chunk []keyedPayment) error {
	keys := make([]string, len(chunk))
	for i, kp := range chunk {
		keys[i] = kp.key
	}
	var found []string
	if err := st.tx.Model(&models.PaymentKey{}).Where("creditor_id = ? AND key IN ?", st.creditor.ID, keys).
		Pluck("key", &found).Error; err != nil {
		return fmt.Errorf("look up %d payment keys: %w", len(keys), err)
	}
	known := make(map[string]bool, len(found))
	for _, k := range found {
		known[k] = true
	}
	var fresh []models.Payment
	var freshKeys []string
	for _, kp := range chunk {
		if known[kp.key] {
			st.sum.Payments.add("unchanged")
			continue
		}
		fresh, freshKeys = append(fresh, kp.p), append(freshKeys, kp.key)
	}
	if len(fresh) == 0 {
		return nil
	}
	if err := st.tx.Create(&fresh).Error; err != nil {
		return fmt.Errorf("save %d payments: %w", len(fresh), err)
	}
	rows := make([]models.PaymentKey, len(fresh))
	for i, p := range fresh {
		rows[i] = models.PaymentKey{CreditorID: st.creditor.ID, Key: freshKeys[i], PaymentID: p.ID}
	}
	if err := st.tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("save %d payment keys: %w", len(rows), err)
	}
	st.sum.Payments.Created += len(fresh)
	return nil
}

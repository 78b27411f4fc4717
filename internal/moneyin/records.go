package moneyin

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/invoicesource"
	"github.com/recouvra/recouvra/models"
)

func addressOf(a invoicesource.Address) models.Address {
	return models.Address{Line1: clip(a.Line1, 200), Line2: clip(a.Line2, 200), PostalCode: clip(a.PostalCode, 16),
		City: clip(a.City, 120), Country: strings.ToUpper(clip(a.Country, 2))}
}

// debtorFor finds the debtor of a credit note or payment the way intake
// finds an invoice's: by account reference, else SIREN, else name and postal
// code. A debtor not known yet is created; a known one is left as it is,
// since a credit line says less about a customer than an invoice does.
func (s *Service) debtorFor(st *importTx, p invoicesource.Party, currency string) (uint, error) {
	in := debtorInput(p, &st.sum.Warnings)
	q := st.tx.Where("creditor_id = ?", st.creditor.ID)
	ref := in.Reference
	switch {
	case ref != "":
		q = q.Where("reference = ?", ref)
	case in.SIREN != "":
		ref = "SIREN:" + in.SIREN
		q = q.Where("siren = ?", in.SIREN)
	default:
		ref = clip("NOM:"+strings.ToUpper(strings.Join(strings.Fields(in.Name), " "))+"/"+in.Address.PostalCode, 64)
		q = q.Where("reference = ?", ref)
	}
	// A FEC holds many payments of one account: it is looked up once.
	cacheKey := ref
	if in.Reference == "" && in.SIREN != "" {
		cacheKey = "siren:" + in.SIREN
	}
	if id, ok := st.debtorIDs[cacheKey]; ok {
		return id, nil
	}
	var d models.Debtor
	if err := q.Order("id").Limit(1).Find(&d).Error; err != nil {
		return 0, fmt.Errorf("look up debtor %q: %w", in.Name, err)
	}
	if d.ID != 0 {
		st.rememberDebtor(cacheKey, d.ID)
		return d.ID, nil
	}
	if in.Name == "" {
		return 0, &RejectedError{Rejected: []Rejection{{Field: "buyer", Message: "the buyer has neither a name nor an account"}}}
	}
	d = models.Debtor{CreditorID: st.creditor.ID, Reference: ref, Name: in.Name, Kind: models.Trader,
		SIREN: in.SIREN, SIRET: in.SIRET, Email: in.Email, Address: in.Address, Currency: currency}
	if d.Address.Country == "" {
		d.Address.Country = "FR"
	}
	if err := st.tx.Create(&d).Error; err != nil {
		return 0, fmt.Errorf("create debtor %q: %w", in.Name, err)
	}
	st.rememberDebtor(cacheKey, d.ID)
	return d.ID, nil
}

func (st *importTx) rememberDebtor(key string, id uint) {
	if st.debtorIDs == nil {
		st.debtorIDs = map[string]uint{}
	}
	st.debtorIDs[key] = id
}

// upsertCreditNote creates a credit note, or updates it by number. What was
// already allocated of it stays allocated.
func (s *Service) upsertCreditNote(st *importTx, d invoicesource.Document) error {
	number := strings.TrimSpace(d.Number)
	if number == "" || len(number) > 64 || d.TotalCents <= 0 {
		return &RejectedError{Rejected: []Rejection{{Line: d.Line, Path: d.Path, Field: "number/total",
			Message: fmt.Sprintf("credit note %q of %d cents: a number of at most 64 characters and a positive total are required", number, d.TotalCents)}}}
	}
	debtorID, err := s.debtorFor(st, d.Buyer, d.Currency)
	if err != nil {
		return err
	}
	var cn models.CreditNote
	if err := st.tx.Where("creditor_id = ? AND number = ?", st.creditor.ID, number).Limit(1).Find(&cn).Error; err != nil {
		return err
	}
	before := cn
	var invoiceID *uint
	for _, ref := range d.PrecedingInvoices {
		var inv models.Invoice
		if err := st.tx.Where("creditor_id = ? AND number = ?", st.creditor.ID, strings.TrimSpace(ref)).Limit(1).Find(&inv).Error; err != nil {
			return err
		}
		if inv.ID != 0 {
			invoiceID = &inv.ID
			break
		}
	}
	remaining := d.TotalCents
	if cn.ID != 0 {
		remaining = max(0, cn.RemainingCents+d.TotalCents-cn.TotalCents)
	}
	cn.CreditorID, cn.Number, cn.DebtorID, cn.IssueDate = st.creditor.ID, number, debtorID, d.IssueDate
	cn.TotalCents, cn.VATCents, cn.Currency, cn.RemainingCents = d.TotalCents, d.VATCents, d.Currency, remaining
	if invoiceID != nil {
		cn.InvoiceID = invoiceID
	}
	switch {
	case cn.ID == 0:
		st.sum.CreditNotes.add("created")
		return st.tx.Create(&cn).Error
	case sameCreditNote(before, cn):
		st.sum.CreditNotes.add("unchanged")
		return nil
	default:
		st.sum.CreditNotes.add("updated")
		return st.tx.Save(&cn).Error
	}
}

func sameCreditNote(a, b models.CreditNote) bool {
	id := func(p *uint) uint {
		if p == nil {
			return 0
		}
		return *p
	}
	return a.DebtorID == b.DebtorID && a.IssueDate == b.IssueDate && a.TotalCents == b.TotalCents &&
		a.VATCents == b.VATCents && a.Currency == b.Currency && a.RemainingCents == b.RemainingCents &&
		id(a.InvoiceID) == id(b.InvoiceID)
}

// paymentOnce creates p unless a payment with the same key exists.
func (s *Service) paymentOnce(st *importTx, key string, p *models.Payment) error {
	key = clip(key, 300)
	var k models.PaymentKey
	err := st.tx.Where("creditor_id = ? AND key = ?", st.creditor.ID, key).Take(&k).Error
	if err == nil {
		st.sum.Payments.add("unchanged")
		return nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("look up payment %s: %w", key, err)
	}
	if err := st.tx.Create(p).Error; err != nil {
		return fmt.Errorf("save payment %s: %w", key, err)
	}
	if err := st.tx.Create(&models.PaymentKey{CreditorID: st.creditor.ID, Key: key, PaymentID: p.ID}).Error; err != nil {
		return fmt.Errorf("save payment key %s: %w", key, err)
	}
	st.sum.Payments.add("created")
	return nil
}

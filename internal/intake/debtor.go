package intake

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// debtor finds or creates the debtor of an invoice. An embedded debtor is
// matched by its reference, else by SIREN, else by name and postal code, and
// updated with what the invoice says of it.
func (s *Service) debtor(tx *gorm.DB, creditor models.Creditor, v validInvoice) (uint, error) {
	if v.In.DebtorID != nil {
		var d models.Debtor
		err := tx.Where("id = ? AND creditor_id = ?", *v.In.DebtorID, creditor.ID).Take(&d).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return 0, &ValidationError{Errors: []FieldError{{Row: v.Row, Field: "debtor_id", Message: fmt.Sprintf("no debtor %d for this creditor", *v.In.DebtorID)}}}
		}
		return d.ID, err
	}
	in := v.In.Debtor
	ref := debtorReference(in)
	var d models.Debtor
	q := tx.Where("creditor_id = ?", creditor.ID)
	var err error
	switch {
	case in.Reference != "":
		err = q.Where("reference = ?", ref).Take(&d).Error
	case in.SIREN != "":
		err = q.Where("siren = ?", in.SIREN).Order("id").Take(&d).Error
	default:
		err = q.Where("reference = ?", ref).Take(&d).Error
	}
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, fmt.Errorf("row %d: look up debtor %q: %w", v.Row, in.Name, err)
	}
	if d.ID == 0 {
		d.CreditorID, d.Reference, d.Currency = creditor.ID, ref, v.Currency
	}
	applyDebtorInput(&d, in)
	if err := tx.Save(&d).Error; err != nil {
		return 0, fmt.Errorf("row %d: save debtor %q: %w", v.Row, in.Name, err)
	}
	return d.ID, nil
}

// applyDebtorInput updates a debtor with what an invoice says of it.
func applyDebtorInput(d *models.Debtor, in *DebtorInput) {
	d.Name = strings.TrimSpace(in.Name)
	d.Kind = models.DebtorKind(in.Kind)
	d.NaturalPerson = d.Kind == models.Consumer
	d.LegalForm, d.SIREN, d.SIRET, d.RCSCity = in.LegalForm, in.SIREN, in.SIRET, in.RCSCity
	d.Email, d.Phone, d.PaymentContact = in.Email, in.Phone, in.PaymentContact
	d.Address = in.Address
	NormalizeAddress(&d.Address)
}

// debtorReference is the account a debtor is known by: the one given, else
// its SIREN, else its name and postal code.
func debtorReference(in *DebtorInput) string {
	ref := in.Reference
	switch {
	case ref != "":
	case in.SIREN != "":
		ref = "SIREN:" + in.SIREN
	default:
		ref = "NOM:" + strings.ToUpper(strings.Join(strings.Fields(in.Name), " ")) + "/" + in.Address.PostalCode
	}
	if len(ref) > 64 {
		ref = ref[:64]
	}
	return ref
}

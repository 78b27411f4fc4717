package moneyin

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// keepKnownDebtorFields completes each row's debtor with what is already
// known of it. Intake updates a debtor with what the invoice says; a FEC
// line or a MINIMUM-profile Factur-X says little (a name, an account), and
// must not erase the address or SIREN an earlier, richer invoice gave.
func (s *Service) keepKnownDebtorFields(st *importTx, rows []intake.Row) error {
	known := map[string]*models.Debtor{}
	for i := range rows {
		in := rows[i].Input.Debtor
		if in == nil {
			continue
		}
		key, column, value := "", "", ""
		switch {
		case in.Reference != "":
			key, column, value = "ref:"+in.Reference, "reference", in.Reference
		case in.SIREN != "":
			key, column, value = "siren:"+in.SIREN, "siren", in.SIREN
		default:
			continue
		}
		d, seen := known[key]
		if !seen {
			var found models.Debtor
			if err := st.tx.Where("creditor_id = ? AND "+column+" = ?", st.creditor.ID, value).
				Order("id").Limit(1).Find(&found).Error; err != nil {
				return fmt.Errorf("look up debtor %q: %w", in.Name, err)
			}
			if found.ID != 0 {
				d = &found
			}
			known[key] = d
		}
		if d == nil {
			continue
		}
		fill(&in.SIREN, d.SIREN)
		if in.SIRET == "" && len(d.SIRET) == 14 && d.SIRET[:9] == in.SIREN {
			in.SIRET = d.SIRET
		}
		fill(&in.LegalForm, d.LegalForm)
		fill(&in.RCSCity, d.RCSCity)
		fill(&in.Email, d.Email)
		fill(&in.Phone, d.Phone)
		fill(&in.PaymentContact, d.PaymentContact)
		if d.Kind.Valid() {
			in.Kind = string(d.Kind) // a person may have corrected "trader"
		}
		if in.Address.Line1 == "" && in.Address.PostalCode == "" && in.Address.City == "" {
			in.Address = d.Address
		}
	}
	return nil
}

func fill(dst *string, known string) {
	if *dst == "" {
		*dst = known
	}
}

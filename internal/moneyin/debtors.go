package moneyin

import (
	"fmt"
	"slices"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// keepKnownDebtorFields completes each row's debtor with what is already
// known of it. Intake updates a debtor with what the invoice says; a FEC
// line or a MINIMUM-profile Factur-X says little (a name, an account), and
// must not erase the address or SIREN an earlier, richer invoice gave.
func (s *Service) keepKnownDebtorFields(st *importTx, rows []intake.Row) error {
	known, err := s.knownDebtors(st, rows)
	if err != nil {
		return err
	}
	for i := range rows {
		in := rows[i].Input.Debtor
		if in == nil {
			continue
		}
		var d *models.Debtor
		switch {
		case in.Reference != "":
			d = known["ref:"+in.Reference]
		case in.SIREN != "":
			d = known["siren:"+in.SIREN]
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

// knownDebtors reads the creditor's debtors the rows name, by reference or
// else by SIREN (the lowest ID when several share it), a thousand a query.
func (s *Service) knownDebtors(st *importTx, rows []intake.Row) (map[string]*models.Debtor, error) {
	var refs, sirens []string
	for _, r := range rows {
		switch in := r.Input.Debtor; {
		case in == nil:
		case in.Reference != "":
			refs = append(refs, in.Reference)
		case in.SIREN != "":
			sirens = append(sirens, in.SIREN)
		}
	}
	known := map[string]*models.Debtor{}
	for _, by := range []struct {
		column, prefix string
		values         []string
	}{{"reference", "ref:", refs}, {"siren", "siren:", sirens}} {
		slices.Sort(by.values)
		for chunk := range slices.Chunk(slices.Compact(by.values), 1000) {
			var found []models.Debtor
			if err := st.tx.Where("creditor_id = ? AND "+by.column+" IN ?", st.creditor.ID, chunk).
				Order("id").Find(&found).Error; err != nil {
				return nil, fmt.Errorf("look up %d debtors by %s: %w", len(chunk), by.column, err)
			}
			for i := range found {
				key := by.prefix + found[i].Reference
				if by.column == "siren" {
					key = by.prefix + found[i].SIREN
				}
				if known[key] == nil {
					known[key] = &found[i]
				}
			}
		}
	}
	return known, nil
}

func fill(dst *string, known string) {
	if *dst == "" {
		*dst = known
	}
}

package models

import "gorm.io/gorm"

// A letter covering several cases delegated to one partner is stored once,
// without a case: documents.partner_id says it was composed in that
// partner's scope, so that the partner may open it (casefile.Visible).
func init() {
	register(Migration{9, "documents composed for a partner", func(tx *gorm.DB) error {
		if tx.Migrator().HasColumn(&Document{}, "PartnerID") {
			return nil
		}
		if err := tx.Migrator().AddColumn(&Document{}, "PartnerID"); err != nil {
			return err
		}
		return tx.Migrator().CreateIndex(&Document{}, "PartnerID")
	}})
}

package models

import "gorm.io/gorm"

// Tokens issued before version 7 followed their user's current role. They
// are scoped to the role and partner their user has when the migration runs,
// so that existing integrations keep working until their user changes.
func init() {
	register(Migration{7, "API tokens scoped to a role and a partner", func(tx *gorm.DB) error {
		m := tx.Migrator()
		for _, field := range []string{"Role", "PartnerID"} {
			if !m.HasColumn(&APIToken{}, field) {
				if err := m.AddColumn(&APIToken{}, field); err != nil {
					return err
				}
			}
		}
		return tx.Exec(`UPDATE api_tokens SET
			role = (SELECT users.role FROM users WHERE users.id = api_tokens.user_id),
			partner_id = (SELECT users.partner_id FROM users WHERE users.id = api_tokens.user_id)
			WHERE role = '' AND EXISTS (SELECT 1 FROM users WHERE users.id = api_tokens.user_id)`).Error
	}})
}

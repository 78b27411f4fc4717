package models_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestTokenScopeMigration: on a database from before version 7, the
// migration adds the token's role and partner and fills them with the role
// and partner its user has then.
func TestTokenScopeMigration(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			// Back to version 6: api_tokens without its scope.
			for _, field := range []string{"Role", "PartnerID"} {
				if err := db.Migrator().DropColumn(&models.APIToken{}, field); err != nil {
					t.Fatal(err)
				}
			}
			db.Where("version = 7").Delete(&models.SchemaMigration{})
			partner := models.Partner{Name: "Affacturage Durand"}
			if err := db.Create(&partner).Error; err != nil {
				t.Fatal(err)
			}
			users := []models.User{
				{Email: "manager@test.local", Role: models.RoleCreditManager},
				{Email: "partner@test.local", Role: models.RolePartner, PartnerID: &partner.ID},
			}
			if err := db.Create(&users).Error; err != nil {
				t.Fatal(err)
			}
			for i, u := range users {
				if err := db.Exec("INSERT INTO api_tokens (created_at, user_id, hash, prefix) VALUES (CURRENT_TIMESTAMP, ?, ?, ?)",
					u.ID, string(rune('a'+i)), "rcv_x").Error; err != nil {
					t.Fatal(err)
				}
			}
			if n, err := models.Migrate(db); err != nil || n != 1 {
				t.Fatalf("Migrate ran %d migrations, err %v; want 1, nil", n, err)
			}
			var tokens []models.APIToken
			db.Order("user_id").Find(&tokens)
			if len(tokens) != 2 {
				t.Fatalf("%d tokens", len(tokens))
			}
			if tokens[0].Role != models.RoleCreditManager || tokens[0].PartnerID != nil {
				t.Errorf("manager's token scoped to %s, partner %v", tokens[0].Role, tokens[0].PartnerID)
			}
			if tokens[1].Role != models.RolePartner || tokens[1].PartnerID == nil || *tokens[1].PartnerID != partner.ID {
				t.Errorf("partner's token scoped to %s, partner %v; want partner %d", tokens[1].Role, tokens[1].PartnerID, partner.ID)
			}
		})
	}
}

package accounts_test

import (
	"errors"
	"testing"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestTokenScopedToRoleAndPartner: a token carries the role and partner of
// its user when issued, and stops authenticating when either changes, even
// if the change is undone later only for the other one.
func TestTokenScopedToRoleAndPartner(t *testing.T) {
	db, _ := testenv.SQLite(t)
	st := accounts.Store{DB: db}
	ctx := t.Context()
	durand, martin := models.Partner{Name: "Affacturage Durand"}, models.Partner{Name: "Affacturage Martin"}
	db.Create(&durand)
	db.Create(&martin)

	manager, err := st.CreateUser(ctx, "gestion@test.local", "Gestion", models.RoleCreditManager, nil)
	if err != nil {
		t.Fatal(err)
	}
	secret, tok, err := st.NewToken(ctx, manager.ID, "ERP")
	if err != nil {
		t.Fatal(err)
	}
	if tok.Role != models.RoleCreditManager || tok.PartnerID != nil {
		t.Errorf("manager's token scoped to %q, partner %v", tok.Role, tok.PartnerID)
	}
	if u, err := st.Authenticate(ctx, secret); err != nil || u.ID != manager.ID {
		t.Fatalf("fresh token: %+v, %v", u, err)
	}
	var used models.APIToken
	db.Take(&used, tok.ID)
	if used.LastUsedAt == nil {
		t.Error("last use not recorded")
	}
	// Promoted to admin: the token does not become an admin token.
	db.Model(&models.User{}).Where("id = ?", manager.ID).Update("role", models.RoleAdmin)
	if _, err := st.Authenticate(ctx, secret); !errors.Is(err, accounts.ErrUnauthenticated) {
		t.Errorf("token after the user became admin: %v, want ErrUnauthenticated", err)
	}
	// Back to credit manager: the token fits again.
	db.Model(&models.User{}).Where("id = ?", manager.ID).Update("role", models.RoleCreditManager)
	if _, err := st.Authenticate(ctx, secret); err != nil {
		t.Errorf("token after the role came back: %v", err)
	}

	partner, err := st.CreateUser(ctx, "api@durand.example", "Durand", models.RolePartner, &durand.ID)
	if err != nil {
		t.Fatal(err)
	}
	psecret, ptok, err := st.NewToken(ctx, partner.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if ptok.Role != models.RolePartner || ptok.PartnerID == nil || *ptok.PartnerID != durand.ID {
		t.Errorf("partner's token scoped to %q, partner %v; want partner %d", ptok.Role, ptok.PartnerID, durand.ID)
	}
	if _, err := st.Authenticate(ctx, psecret); err != nil {
		t.Fatalf("partner's fresh token: %v", err)
	}
	// Moved to another partner organisation: the token does not follow.
	db.Model(&models.User{}).Where("id = ?", partner.ID).Update("partner_id", martin.ID)
	if _, err := st.Authenticate(ctx, psecret); !errors.Is(err, accounts.ErrUnauthenticated) {
		t.Errorf("token after the user moved to another partner: %v, want ErrUnauthenticated", err)
	}
	// Made staff (no partner): refused too.
	db.Model(&models.User{}).Where("id = ?", partner.ID).Updates(map[string]any{"role": models.RoleLegal, "partner_id": nil})
	if _, err := st.Authenticate(ctx, psecret); !errors.Is(err, accounts.ErrUnauthenticated) {
		t.Errorf("token after the partner user became legal staff: %v, want ErrUnauthenticated", err)
	}

	if _, _, err := st.NewToken(ctx, 9999, ""); err == nil {
		t.Error("a token was issued for a user that does not exist")
	}
}

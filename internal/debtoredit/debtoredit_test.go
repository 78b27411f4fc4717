package debtoredit_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/debtoredit"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

func TestApplyKeepsTheChangedFieldsForTheAudit(t *testing.T) {
	for kind, open := range testenv.Databases {
		t.Run(kind, func(t *testing.T) {
			db, _ := open(t)
			cm := models.User{Email: "cm@test.local", Role: models.RoleCreditManager}
			cr := models.Creditor{Name: "Fournitures du Val", Currency: "EUR"}
			for _, v := range []any{&cm, &cr} {
				if err := db.Create(v).Error; err != nil {
					t.Fatal(err)
				}
			}
			d := models.Debtor{CreditorID: cr.ID, Reference: "C1", Name: "Boulangerie", Kind: models.Trader, Currency: "EUR",
				CreditLimitCents: 100000, AccountManagerID: &cm.ID, Phone: "01 02 03 04 05"}
			if err := db.Create(&d).Error; err != nil {
				t.Fatal(err)
			}
			res, err := debtoredit.Apply(t.Context(), db, d, debtoredit.Changes{
				"credit_limit_cents": int64(250000), "blocked": true, "account_manager_id": (*uint)(nil),
				"phone": "01 02 03 04 05", // unchanged: not in the audit
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Debtor; got.CreditLimitCents != 250000 || !got.Blocked || got.AccountManagerID != nil || got.Phone != "01 02 03 04 05" {
				t.Errorf("debtor after: %+v", got)
			}
			if !res.Debtor.UpdatedAt.After(d.UpdatedAt) {
				t.Error("updated_at did not move")
			}
			want := map[string][2]any{
				"credit_limit_cents": {100000.0, 250000.0}, "blocked": {false, true}, "account_manager_id": {float64(cm.ID), nil},
			}
			if len(res.Before) != len(want) || len(res.After) != len(want) {
				t.Errorf("audit before %v, after %v: want only %v", res.Before, res.After, want)
			}
			for field, w := range want {
				if res.Before[field] != w[0] || res.After[field] != w[1] {
					t.Errorf("%s: before %v after %v, want %v", field, res.Before[field], res.After[field], w)
				}
			}
		})
	}
}

func TestCheckAccountManager(t *testing.T) {
	db, _ := testenv.SQLite(t)
	users := map[string]*models.User{
		"admin": {Email: "a@test.local", Role: models.RoleAdmin}, "cm": {Email: "cm@test.local", Role: models.RoleCreditManager},
		"legal": {Email: "l@test.local", Role: models.RoleLegal}, "gone": {Email: "g@test.local", Role: models.RoleCreditManager},
	}
	for _, u := range users {
		if err := db.Create(u).Error; err != nil {
			t.Fatal(err)
		}
	}
	db.Model(&models.User{}).Where("id = ?", users["gone"].ID).Update("disabled", true)
	id := func(key string) *uint { return &users[key].ID }
	none := models.Debtor{}
	managedByGone := models.Debtor{AccountManagerID: id("gone")}
	missing := uint(999)
	for _, tt := range []struct {
		name string
		d    models.Debtor
		id   *uint
		ok   bool
	}{
		{"none", none, nil, true}, {"admin", none, id("admin"), true}, {"credit manager", none, id("cm"), true},
		{"legal", none, id("legal"), false}, {"disabled", none, id("gone"), false}, {"no such user", none, &missing, false},
		{"disabled but already the manager", managedByGone, id("gone"), true},
	} {
		if err := debtoredit.CheckAccountManager(t.Context(), db, tt.d, tt.id); (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestCheckContact(t *testing.T) {
	for _, tt := range []struct {
		field, value string
		ok           bool
	}{
		{"email", "compta@eclair.example", true}, {"email", "", true}, {"email", "compta", false},
		{"email", "Compta <compta@eclair.example>", false}, {"phone", "+33 1 02 03 04 05", true},
		{"phone", "0102030405 0102030405 0102030405 0102030405", false}, {"payment_contact", "Mme\nDurand", false},
		{"name", "x", false},
	} {
		if err := debtoredit.CheckContact(tt.field, tt.value); (err == nil) != tt.ok {
			t.Errorf("%s %q: %v, want ok %v", tt.field, tt.value, err, tt.ok)
		}
	}
	if debtoredit.CheckCreditLimit(-1) == nil || debtoredit.CheckCreditLimit(0) != nil {
		t.Error("credit limit: negative accepted or zero refused")
	}
}

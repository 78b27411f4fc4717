package backoffice

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestDebtorCreditForm sets the credit limit as French forms type amounts,
// and sees the debtor card's over-limit alert follow it; then the account
// manager. Each change is audited with its before and after.
func TestDebtorCreditForm(t *testing.T) {
	f := newFixture(t)
	manager := f.as("credit_manager")
	path := fmt.Sprintf("/debiteurs/%d", f.debtor.ID)
	card := func() string {
		t.Helper()
		rec := manager.get(path)
		if rec.Code != http.StatusOK {
			t.Fatalf("card: %d %s", rec.Code, errorOf(rec.Body.String()))
		}
		return rec.Body.String()
	}
	limit := func() int64 {
		var d models.Debtor
		f.db.Take(&d, f.debtor.ID)
		return d.CreditLimitCents
	}
	post := func(form url.Values) int {
		t.Helper()
		return manager.post(path+"/credit", form).Code
	}

	// The open invoices of the fixture's debtor come to 2 000,00 €.
	if page := card(); !strings.Contains(page, `id="form-credit"`) || !strings.Contains(page, `name="csrf" value="`+manager.csrf+`"`) {
		t.Fatal("the card has no credit form with the session's CSRF token")
	}
	if status := post(url.Values{"credit_limit": {"5 000,00"}}); status != http.StatusSeeOther {
		t.Fatalf("limit above the exposure: %d", status)
	}
	if got := limit(); got != 500000 {
		t.Errorf("limit %d cents, want 500000", got)
	}
	if page := card(); strings.Contains(page, `id="over-limit"`) || !strings.Contains(page, `value="5`+"\u00a0"+`000,00"`) {
		t.Errorf("limit above the exposure: alert shown or limit not in the form")
	}
	if status := post(url.Values{"credit_limit": {"1 500,00"}}); status != http.StatusSeeOther {
		t.Fatalf("limit below the exposure: %d", status)
	}
	if page := card(); !strings.Contains(page, `id="over-limit"`) || !strings.Contains(page, "supérieur à la limite de crédit de 1\u00a0500,00\u00a0€") {
		t.Errorf("limit below the exposure: no alert on the card")
	}
	before, after := lastAudit(t, f, "debtor.update")
	if before["credit_limit_cents"] != 500000.0 || after["credit_limit_cents"] != 150000.0 {
		t.Errorf("audit: before %v, after %v", before, after)
	}
	if status := post(url.Values{"credit_limit": {""}}); status != http.StatusSeeOther || limit() != 0 {
		t.Errorf("empty limit: %d, %d cents; want no limit", status, limit())
	}
	if strings.Contains(card(), `id="over-limit"`) {
		t.Error("no limit, yet the alert shows")
	}

	for _, bad := range []string{"-5,00", "12,345", "douze"} {
		if status := post(url.Values{"credit_limit": {bad}}); status != http.StatusBadRequest {
			t.Errorf("limit %q: %d, want 400", bad, status)
		}
	}
	if rec := manager.post(path+"/credit", url.Values{"credit_limit": {"1,00"}, "csrf": {""}}); rec.Code != http.StatusForbidden || limit() != 0 {
		t.Errorf("no CSRF token: %d, limit %d", rec.Code, limit())
	}

	// The account manager: an active admin or credit manager, or none.
	cm, legal := f.users["credit_manager"], f.users["legal"]
	if status := post(url.Values{"account_manager_id": {fmt.Sprint(cm.ID)}}); status != http.StatusSeeOther {
		t.Fatalf("account manager: %d", status)
	}
	var d models.Debtor
	if f.db.Take(&d, f.debtor.ID); d.AccountManagerID == nil || *d.AccountManagerID != cm.ID || d.CreditLimitCents != 0 {
		t.Errorf("account manager %v, limit %d: the limit should be kept", d.AccountManagerID, d.CreditLimitCents)
	}
	if before, after := lastAudit(t, f, "debtor.update"); before["account_manager_id"] != nil || after["account_manager_id"] != float64(cm.ID) {
		t.Errorf("audit: before %v, after %v", before, after)
	}
	for _, bad := range []string{fmt.Sprint(legal.ID), "99999", "x"} {
		if status := post(url.Values{"account_manager_id": {bad}}); status != http.StatusBadRequest {
			t.Errorf("account manager %q: %d, want 400", bad, status)
		}
	}
	// A manager disabled since stays on the card and survives a save.
	f.db.Model(&models.User{}).Where("id = ?", cm.ID).Update("disabled", true)
	admin := f.as("admin")
	if page := admin.get(path).Body.String(); !strings.Contains(page, fmt.Sprintf(`<option value="%d" selected>`, cm.ID)) || !strings.Contains(page, "(désactivé)") {
		t.Error("the disabled account manager is not selected on the form")
	}
	if rec := admin.post(path+"/credit", url.Values{"credit_limit": {"3 000"}, "account_manager_id": {fmt.Sprint(cm.ID)}}); rec.Code != http.StatusSeeOther {
		t.Errorf("saving with the disabled manager kept: %d %s", rec.Code, errorOf(rec.Body.String()))
	}
	if status := admin.post(path+"/credit", url.Values{"account_manager_id": {""}}).Code; status != http.StatusSeeOther {
		t.Errorf("clearing the account manager: %d", status)
	}
	if f.db.Take(&d, f.debtor.ID); d.AccountManagerID != nil || d.CreditLimitCents != 300000 {
		t.Errorf("after clearing: manager %v, limit %d", d.AccountManagerID, d.CreditLimitCents)
	}
}

// TestDebtorCreditFormHiddenFromLegalAndPartners: they see the card without
// the form, and may not post it.
func TestDebtorCreditFormHiddenFromLegalAndPartners(t *testing.T) {
	f := newFixture(t)
	path := fmt.Sprintf("/debiteurs/%d", f.debtor.ID)
	for _, role := range []string{"legal", "partner"} {
		s := f.as(role)
		if rec := s.get(path); rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "form-credit") {
			t.Errorf("%s: card %d, credit form shown: %v", role, rec.Code, strings.Contains(rec.Body.String(), "form-credit"))
		}
		if rec := s.post(path+"/credit", url.Values{"credit_limit": {"1,00"}}); rec.Code != http.StatusForbidden {
			t.Errorf("%s: posting the credit form answers %d, want 403", role, rec.Code)
		}
	}
	var d models.Debtor
	if f.db.Take(&d, f.debtor.ID); d.CreditLimitCents != f.debtor.CreditLimitCents {
		t.Errorf("limit changed to %d", d.CreditLimitCents)
	}
}

// lastAudit returns the before and after of the latest audit row of action.
func lastAudit(t *testing.T, f *fixture, action string) (before, after map[string]any) {
	t.Helper()
	var row models.AuditLog
	if err := f.db.Where("action = ?", action).Order("id DESC").Take(&row).Error; err != nil {
		t.Fatalf("no %s in the audit log: %v", action, err)
	}
	if err := json.Unmarshal([]byte(row.Before), &before); err != nil {
		t.Fatalf("before %q: %v", row.Before, err)
	}
	if err := json.Unmarshal([]byte(row.After), &after); err != nil {
		t.Fatalf("after %q: %v", row.After, err)
	}
	return before, after
}

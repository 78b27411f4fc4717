package backoffice

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestFormsChangeAndAudit posts each administrative form and checks both
// the change and its audit row (who, what, before and after).
func TestFormsChangeAndAudit(t *testing.T) {
	f := newFixture(t)
	admin, manager := f.as("admin"), f.as("credit_manager")
	steps := []struct {
		s      *session
		path   string
		form   url.Values
		status int
		action string
		check  func() bool
	}{
		{admin, "/admin/partenaires", url.Values{"name": {"Factor C"}, "siren": {"552100554"}}, 303, "partner.create", func() bool {
			var n int64
			f.db.Model(&models.Partner{}).Where("name = 'Factor C'").Count(&n)
			return n == 1
		}},
		{admin, "/admin/partenaires", url.Values{"name": {"Factor D"}, "siren": {"123"}}, 400, "", nil},
		{admin, "/admin/utilisateurs", url.Values{"email": {"Nouvelle@Test.local"}, "role": {"legal"}, "password": {"une phrase de passe"}}, 303, "user.create", func() bool {
			u, err := f.pages.Accounts.CheckPassword(t.Context(), "nouvelle@test.local", "une phrase de passe")
			return err == nil && u.Role == models.RoleLegal
		}},
		{admin, "/admin/utilisateurs", url.Values{"email": {"court@test.local"}, "role": {"legal"}, "password": {"court"}}, 400, "", nil},
		{admin, "/admin/utilisateurs", url.Values{"email": {"p@test.local"}, "role": {"partner"}, "password": {"une phrase de passe"}}, 400, "", nil},
		{admin, fmt.Sprintf("/admin/utilisateurs/%d/role", f.users["legal"].ID), url.Values{"role": {"credit_manager"}}, 303, "user.set_role", func() bool {
			var u models.User
			f.db.Take(&u, f.users["legal"].ID)
			return u.Role == models.RoleCreditManager
		}},
		{admin, fmt.Sprintf("/admin/utilisateurs/%d/role", f.users["admin"].ID), url.Values{"role": {"legal"}}, 400, "", nil},
		{manager, fmt.Sprintf("/debiteurs/%d/blocage", f.debtor.ID), url.Values{"blocked": {"1"}}, 303, "debtor.blocked", func() bool {
			var d models.Debtor
			f.db.Take(&d, f.debtor.ID)
			return d.Blocked
		}},
		{manager, fmt.Sprintf("/debiteurs/%d/notes", f.debtor.ID), url.Values{"note": {"Paie toujours le 10"}}, 303, "debtor.note", func() bool {
			var d models.Debtor
			f.db.Take(&d, f.debtor.ID)
			return strings.Contains(d.Notes, "credit_manager@test.local : Paie toujours le 10")
		}},
		{manager, "/ma-journee/imprimes", url.Values{"outbox": {"2"}}, 303, "outbox.printed", func() bool {
			var o models.Outbox
			f.db.Take(&o, 2)
			return o.Status == "printed"
		}},
		{manager, fmt.Sprintf("/dossiers/%d/actions/promise", f.cases[0].ID), url.Values{"amount_cents": {"douze"}, "date": {"2026-12-01"}}, 400, "", nil},
	}
	for i, st := range steps {
		var before int64
		f.db.Model(&models.AuditLog{}).Count(&before)
		rec := st.s.post(st.path, st.form)
		if rec.Code != st.status {
			t.Fatalf("step %d %s: status %d, want %d: %s", i, st.path, rec.Code, st.status, errorOf(rec.Body.String()))
		}
		if st.check != nil && !st.check() {
			t.Errorf("step %d %s: the change is not in the database", i, st.path)
		}
		var rows []models.AuditLog
		f.db.Where("id > ?", before).Find(&rows)
		switch {
		case st.action == "" && len(rows) != 0:
			t.Errorf("step %d %s: refused form audited as %s", i, st.path, rows[0].Action)
		case st.action != "" && (len(rows) != 1 || rows[0].Action != st.action || rows[0].UserID == nil || rows[0].After == ""):
			t.Errorf("step %d %s: audit rows %+v, want one %s with user and after", i, st.path, rows, st.action)
		}
	}
}

// TestOtherPartnerSeesNothing: partner B asks for partner A's case, its
// document and its actions by ID and gets 404 every time, never the data.
func TestOtherPartnerSeesNothing(t *testing.T) {
	f := newFixture(t)
	b := f.as("partner_b")
	c0 := f.cases[0].ID
	for _, rec := range []struct {
		name string
		code int
		body string
	}{
		{"case", b.get(fmt.Sprintf("/dossiers/%d", c0)).Code, b.get(fmt.Sprintf("/dossiers/%d", c0)).Body.String()},
		{"document", b.get(fmt.Sprintf("/documents/%d", f.doc.ID)).Code, b.get(fmt.Sprintf("/documents/%d", f.doc.ID)).Body.String()},
		{"payment", b.post(fmt.Sprintf("/dossiers/%d/actions/payment", c0), url.Values{"amount_cents": {"10"}}).Code, ""},
		{"note", b.post(fmt.Sprintf("/dossiers/%d/notes", c0), url.Values{"note": {"x"}}).Code, ""},
		{"debtor", b.get(fmt.Sprintf("/debiteurs/%d", f.debtor.ID)).Code, b.get(fmt.Sprintf("/debiteurs/%d", f.debtor.ID)).Body.String()},
		{"csv", b.get("/dossiers.csv").Code, b.get("/dossiers.csv").Body.String()},
	} {
		if rec.name == "csv" {
			if rec.code != http.StatusOK || strings.Contains(rec.body, "FA-00") {
				t.Errorf("csv: status %d, body %q shows other cases", rec.code, rec.body)
			}
			continue
		}
		if rec.code != http.StatusNotFound || strings.Contains(rec.body, "FA-001") || strings.Contains(rec.body, "%PDF") {
			t.Errorf("%s: status %d, want 404 without the data", rec.name, rec.code)
		}
	}
}

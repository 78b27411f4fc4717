package backoffice

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestPagesShowTheirContent opens each page as each role that may see it and
// checks a piece of content only the right data would produce.
func TestPagesShowTheirContent(t *testing.T) {
	f := newFixture(t)
	c0, c1 := f.cases[0].ID, f.cases[1].ID
	tests := []struct {
		role, path string
		want       []string
		notWant    []string
	}{
		{"admin", "/tableau-de-bord", []string{"Encours clients", "2\u00a0000,00", "Balance âgée", "Plus de 90 jours"}, nil},
		{"credit_manager", "/tableau-de-bord", []string{"Taux de litige", "Créances douteuses"}, nil},
		{"credit_manager", "/ma-journee", []string{"Appels à passer (1)", "Courriers à imprimer (1)", "Marquer le lot", "en attente de décision contentieuse (1)"}, nil},
		{"partner", "/ma-journee", []string{"Appels à passer (1)", "Courriers à imprimer (0)", "décision contentieuse (0)"}, []string{"FA-002"}},
		{"partner_b", "/ma-journee", []string{"Appels à passer (0)"}, []string{"FA-001"}},
		{"admin", "/dossiers", []string{"3 dossier(s)", "FA-001", "FA-002", "FA-003"}, nil},
		{"partner", "/dossiers", []string{"1 dossier(s)", "FA-001"}, []string{"FA-002", "FA-003"}},
		{"admin", "/dossiers?phase=litigation", []string{"1 dossier(s)", "FA-002"}, []string{"FA-001"}},
		{"admin", "/dossiers?jours_min=30&jours_max=60", []string{"1 dossier(s)", "FA-001"}, []string{"FA-002"}},
		{"admin", "/dossiers?q=fa-003", []string{"FA-003"}, []string{"FA-001"}},
		{"admin", "/dossiers?montant_min=400&montant_max=600", []string{"FA-002"}, []string{"FA-001", "FA-003"}},
		{"admin", fmt.Sprintf("/dossiers/%d", c0), []string{"Boulangerie Martin", "relance.pdf", "Dossier ouvert FA-001", "Affacturage A",
			"Temporal n&#39;est pas configuré", "http://temporal.test/namespaces/default/workflows/recovery-FA-001", "Promesse de paiement"}, nil},
		{"partner", fmt.Sprintf("/dossiers/%d", c0), []string{"Enregistrer un paiement", "Promesse de paiement"}, []string{"Passer en perte", "Confier à un partenaire", "Affacturage B"}},
		{"partner", fmt.Sprintf("/debiteurs/%d", f.debtor.ID), []string{"Boulangerie Martin", "01 23 45 67 89", "FA-001"}, []string{"FA-002", "FA-003", "Limite de crédit", "Bloquer"}},
		{"legal", fmt.Sprintf("/dossiers/%d", c1), []string{"Approuver le contentieux"}, []string{"Enregistrer un paiement"}},
		{"credit_manager", fmt.Sprintf("/debiteurs/%d", f.debtor.ID), []string{"Boulangerie Martin", "over-limit", "Bloquer le débiteur", "FA-002"}, nil},
		{"legal", fmt.Sprintf("/debiteurs/%d", f.debtor.ID), []string{"Boulangerie Martin"}, []string{"Bloquer le débiteur"}},
		{"legal", "/contentieux", []string{"FA-002", "approve_litigation"}, []string{"FA-001"}},
		{"admin", "/admin/utilisateurs", []string{"partner_b@test.local", "Juriste"}, nil},
		{"admin", "/admin/partenaires", []string{"Affacturage B"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.role+tt.path, func(t *testing.T) {
			rec := f.as(tt.role).get(tt.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d, want 200: %s", rec.Code, errorOf(rec.Body.String()))
			}
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("page shows %q, which this role must not see", w)
				}
			}
		})
	}
}

// TestCSRF: a form posted without the session's token, or with another
// session's, is refused and changes nothing; with it, it goes through.
func TestCSRF(t *testing.T) {
	f := newFixture(t)
	path := fmt.Sprintf("/dossiers/%d/notes", f.cases[0].ID)
	other := f.as("admin").csrf
	s := f.as("credit_manager")
	for _, tt := range []struct {
		name   string
		token  []string
		status int
	}{
		{"no token", nil, http.StatusForbidden},
		{"empty token", []string{""}, http.StatusForbidden},
		{"another session's token", []string{other}, http.StatusForbidden},
		{"own token", []string{s.csrf}, http.StatusSeeOther},
	} {
		form := url.Values{"note": {"Appelé, rappeler lundi (" + tt.name + ")"}}
		if tt.token != nil {
			form["csrf"] = tt.token
		}
		rec := s.do(http.MethodPost, path, form)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.status)
		}
		var n int64
		f.db.Model(&models.CaseEvent{}).Where("kind = 'note' AND summary LIKE ?", "%("+tt.name+")").Count(&n)
		if want := int64(map[bool]int{true: 1}[tt.status == http.StatusSeeOther]); n != want {
			t.Errorf("%s: %d note(s) written, want %d", tt.name, n, want)
		}
	}
	// A cross-site post is refused before any handler, even with the token.
	body := url.Values{"csrf": {s.csrf}, "note": {"cross-site"}}.Encode()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: s.cookie})
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", rec.Code)
	}
}

// TestLoginFlow: the form's own CSRF cookie, the session cookie's flags, the
// rate limit, and the audit of logins.
func TestLoginFlow(t *testing.T) {
	f := newFixture(t)
	f.pages.SecureCookies = true
	if err := f.pages.Accounts.SetPassword(t.Context(), f.users["credit_manager"].ID, "un mot de passe solide"); err != nil {
		t.Fatal(err)
	}
	anon := f.as("")
	form := func(token, password string) *http.Request {
		v := url.Values{"email": {"credit_manager@test.local"}, "password": {password}, "csrf": {token}}
		req, _ := http.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = "192.0.2.1:1234"
		if token != "" {
			req.AddCookie(&http.Cookie{Name: loginCSRFCookie, Value: token})
		}
		return req
	}
	serve := func(req *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		return rec.Result()
	}
	// The login page sets the login CSRF cookie, HttpOnly, Lax and Secure.
	page := anon.get("/login")
	if c := page.Result().Cookies(); len(c) != 1 || !c[0].HttpOnly || !c[0].Secure || c[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("login page cookies %+v", c)
	}
	if res := serve(form("", "un mot de passe solide")); res.StatusCode != http.StatusForbidden {
		t.Errorf("login without CSRF token: %d, want 403", res.StatusCode)
	}
	res := serve(form("jeton", "un mot de passe solide"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("good login: %d", res.StatusCode)
	}
	var sess *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			sess = c
		}
	}
	if sess == nil || !sess.HttpOnly || !sess.Secure || sess.SameSite != http.SameSiteLaxMode || sess.Value == "" {
		t.Fatalf("session cookie %+v", sess)
	}
	// Four more tries pass the limiter (five in the minute), the sixth is refused.
	for i := 2; i <= 6; i++ {
		res := serve(form("jeton", "mauvais"))
		want := http.StatusUnauthorized
		if i == 6 {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want {
			t.Errorf("attempt %d: %d, want %d", i, res.StatusCode, want)
		}
	}
	var logins, failures int64
	f.db.Model(&models.AuditLog{}).Where("action = 'backoffice.login'").Count(&logins)
	f.db.Model(&models.AuditLog{}).Where("action = 'backoffice.login_failed'").Count(&failures)
	if logins != 1 || failures != 4 {
		t.Errorf("audit: %d logins and %d failures, want 1 and 4", logins, failures)
	}
}

// errorOf extracts the error message of a page, for short failure reports.
func errorOf(body string) string {
	if i := strings.Index(body, `class="error"`); i >= 0 {
		return body[i:min(len(body), i+300)]
	}
	return body[:min(len(body), 300)]
}

// TestCSVExport: the export follows the list's filter, in the format French
// spreadsheets open (BOM, semicolons, decimal comma).
func TestCSVExport(t *testing.T) {
	f := newFixture(t)
	rec := f.as("credit_manager").get("/dossiers.csv?phase=litigation")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want a header and one case:\n%s", len(lines), rec.Body)
	}
	if !strings.HasPrefix(lines[0], "\ufeffDossier;Facture;Débiteur;Échéance;Solde") {
		t.Errorf("header %q", lines[0])
	}
	want := fmt.Sprintf("%d;FA-002;Boulangerie Martin;%s;500,00;EUR;Contentieux;4;En cours", f.cases[1].ID, testToday.AddDays(-75).FrenchNumeric())
	if !strings.HasPrefix(lines[1], want) {
		t.Errorf("row %q, want it to start with %q", lines[1], want)
	}
}

// TestDashboardReuse: within its TTL the dashboard shows the figures it
// computed; "Recalculer" recomputes them at once.
func TestDashboardReuse(t *testing.T) {
	f := newFixture(t)
	s := f.as("credit_manager")
	receivables := func(path string) bool {
		return strings.Contains(s.get(path).Body.String(), `id="receivables">2`+"\u00a0"+`100,00`)
	}
	s.get("/tableau-de-bord")
	f.create(&models.Invoice{CreditorID: 1, Number: "FA-NEW", DebtorID: f.debtor.ID, IssueDate: testToday, DueDate: testToday.AddDays(30),
		TotalCents: 10000, Currency: "EUR", OutstandingCents: 10000, Status: models.InvoiceOpen})
	if receivables("/tableau-de-bord") {
		t.Error("the dashboard was recomputed within its TTL")
	}
	if !receivables("/tableau-de-bord?recalculer=1") {
		t.Error("Recalculer did not recompute the dashboard")
	}
	f.pages.DashboardTTL = -1
	f.db.Model(&models.Invoice{}).Where("number = 'FA-NEW'").Update("outstanding_cents", 0)
	if receivables("/tableau-de-bord") {
		t.Error("with a negative TTL the dashboard was not recomputed")
	}
}

// TestPrintBatch: the letters waiting for the printer come as one PDF, and
// the download is audited.
func TestPrintBatch(t *testing.T) {
	f := newFixture(t)
	rec := f.as("credit_manager").get("/ma-journee/lot.pdf")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF-") {
		t.Fatalf("status %d, type %q, body starts %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()[:min(8, rec.Body.Len())])
	}
	var n int64
	f.db.Model(&models.AuditLog{}).Where("action = 'outbox.print_batch'").Count(&n)
	if n != 1 {
		t.Errorf("%d audit rows for the batch, want 1", n)
	}
	f.db.Model(&models.Outbox{}).Where("status = 'to_print'").Update("status", "printed")
	if rec := f.as("credit_manager").get("/ma-journee/lot.pdf"); rec.Code != http.StatusNotFound {
		t.Errorf("empty batch: status %d, want 404", rec.Code)
	}
}

package backoffice

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// samplesDir holds real files published by others (see SOURCES.md there).
const samplesDir = "../../../shared/samples"

func readSample(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, rel))
	if os.IsNotExist(err) {
		t.Skipf("shared samples not available at %s", samplesDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// upload posts a multipart form with the session's CSRF token and one file.
func (s *session) upload(path string, fields map[string]string, name string, content []byte) *httptest.ResponseRecorder {
	s.f.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fields["csrf"] = s.csrf
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			s.f.t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		s.f.t.Fatal(err)
	}
	fw.Write(content)
	w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: s.cookie})
	rec := httptest.NewRecorder()
	s.f.handler.ServeHTTP(rec, req)
	return rec
}

// moneyRows counts what an import may change.
type moneyRows struct{ Invoices, Payments, Debtors, Allocations, Files int64 }

func (f *fixture) moneyRows() moneyRows {
	var r moneyRows
	f.db.Model(&models.Invoice{}).Count(&r.Invoices)
	f.db.Model(&models.Payment{}).Count(&r.Payments)
	f.db.Model(&models.Debtor{}).Count(&r.Debtors)
	f.db.Model(&models.Allocation{}).Count(&r.Allocations)
	f.db.Model(&models.ImportedFile{}).Count(&r.Files)
	return r
}

func (f *fixture) audits(action string) int64 {
	var n int64
	f.db.Model(&models.AuditLog{}).Where("action = ?", action).Count(&n)
	return n
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

// TestImportRealFECTwice uploads a real FEC through the form: the summary
// shows what the database gained; the same file again shows it all unchanged
// and changes nothing; the file is listed once among past imports.
func TestImportRealFECTwice(t *testing.T) {
	f := newFixture(t)
	const name = "111111111FEC20221231.TXT"
	content := readSample(t, "fec/"+name)
	s := f.as("credit_manager")
	before := f.moneyRows()

	rec := s.upload("/imports", map[string]string{"kind": "fec"}, name, content)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	after := f.moneyRows()
	created := after.Invoices - before.Invoices
	if created == 0 || after.Files != before.Files+1 {
		t.Fatalf("database after import %+v (before %+v): want invoices and one imported file", after, before)
	}
	mustContain(t, rec.Body.String(), "Résultat de l", name,
		fmt.Sprintf("<td>Factures</td><td class=\"num\">%d</td>", created),
		fmt.Sprintf("<td>Paiements</td><td class=\"num\">%d</td>", after.Payments-before.Payments),
		"Rejetés : <strong>0</strong>")
	if n := f.audits("backoffice.import"); n != 1 {
		t.Errorf("%d back-office audit entries for the import, want 1", n)
	}

	rec = s.upload("/imports", map[string]string{"kind": "fec"}, name, content)
	if rec.Code != http.StatusOK {
		t.Fatalf("second upload: status %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	if again := f.moneyRows(); again != after {
		t.Errorf("the second upload changed the database: %+v, then %+v", after, again)
	}
	body := rec.Body.String()
	mustContain(t, body, "déjà été importé", "Créés : <strong>0</strong>", "Mis à jour : <strong>0</strong>",
		fmt.Sprintf("<td>Factures</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">%d</td>", created))
	if strings.Contains(body, "Inchangés : <strong>0</strong>") {
		t.Error("the second upload shows nothing unchanged")
	}

	list := s.get("/imports").Body.String()
	if n := strings.Count(list, "<td>"+name+"</td>"); n != 1 {
		t.Errorf("past imports list the file %d times, want once", n)
	}
}

// TestImportBadFileNamesTheLine: a FEC with a letter O in an amount on its
// third line is refused whole; the page names the line, the field and the
// value, and the database is as it was.
func TestImportBadFileNamesTheLine(t *testing.T) {
	f := newFixture(t)
	header := "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"
	line := "VE\tVentes\t%d\t20261001\t411000\tClients\t%s\t%s\t%s\t20261001\tFacture\t%s\t0,00\t\t\t20261001\t\t\n"
	bad := header + fmt.Sprintf(line, 1, "C010", "Quincaillerie Morel", "FA-900", "100,00") +
		fmt.Sprintf(line, 2, "C011", "Pressing Lavande", "FA-901", "12O,50")
	before := f.moneyRows()
	rec := f.as("admin").upload("/imports", map[string]string{"kind": "fec"}, "412345670FEC20261231.txt", []byte(bad))
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %s", rec.Code, errorOf(rec.Body.String()))
	}
	mustContain(t, rec.Body.String(), "412345670FEC20261231.txt", "refusé", "Rejetés : 1", "ligne 3", "Debit (column 12)", "12O,50")
	if after := f.moneyRows(); after != before {
		t.Errorf("a rejected file changed the database: %+v, then %+v", before, after)
	}
	if n := f.audits("backoffice.import_rejected"); n != 1 {
		t.Errorf("%d audit entries for the rejection, want 1", n)
	}
}

// TestImportFormErrors: no file, an unknown kind and a bad CSV mapping are
// refused in French before any import.
func TestImportFormErrors(t *testing.T) {
	f := newFixture(t)
	s := f.as("admin")
	for _, tt := range []struct {
		name   string
		fields map[string]string
		want   string
	}{
		{"unknown kind", map[string]string{"kind": "xls"}, "n&#39;est pas un type proposé"},
		{"bad mapping", map[string]string{"kind": "csv", "source": "ERP", "mapping": "{nope"}, "Correspondance des colonnes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := s.upload("/imports", tt.fields, "f.csv", []byte("number\n"))
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", rec.Code)
			}
			mustContain(t, rec.Body.String(), tt.want)
		})
	}
	rec := s.post("/imports", url.Values{"kind": {"fec"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "choisissez le fichier") {
		t.Errorf("no file: status %d, want 400 asking for the file", rec.Code)
	}
	if rows := f.moneyRows(); rows.Files != 0 {
		t.Errorf("%d files recorded after refused forms", rows.Files)
	}
}

// TestManualLettrageAndReversal letters part of a payment by the form,
// refuses in French what the service refuses, and unletters with a reason:
// each step is seen in the database and in the audit log.
func TestManualLettrageAndReversal(t *testing.T) {
	f := newFixture(t)
	inv := f.cases[0].InvoiceID // FA-001, 1 200,00 € outstanding
	pay := models.Payment{CreditorID: f.debtor.CreditorID, DebtorID: &f.debtor.ID, Date: testToday, AmountCents: 500_00,
		Currency: "EUR", PayerName: "BOULANGERIE MARTIN", Reference: "VIR-77", UnallocatedCents: 500_00}
	f.create(&pay)
	s := f.as("credit_manager")
	page := s.get("/lettrage")
	if page.Code != http.StatusOK {
		t.Fatalf("status %d: %s", page.Code, errorOf(page.Body.String()))
	}
	mustContain(t, page.Body.String(), "Paiements en attente de lettrage (1)", "VIR-77", "Boulangerie Martin",
		fmt.Sprintf("<option value=\"%d\">FA-001", inv))
	amounts := func() (outstanding, unallocated int64) {
		f.db.Model(&models.Invoice{}).Where("id = ?", inv).Select("outstanding_cents").Scan(&outstanding)
		f.db.Model(&models.Payment{}).Where("id = ?", pay.ID).Select("unallocated_cents").Scan(&unallocated)
		return
	}
	form := func(amount, reason string) url.Values {
		return url.Values{"payment_id": {fmt.Sprint(pay.ID)}, "invoice_id": {fmt.Sprint(inv)}, "amount": {amount}, "reason": {reason}}
	}
	for _, tt := range []struct {
		name, amount, reason string
		status               int
		want                 string
	}{
		{"more than the payment", "600,00", "Virement VIR-77", http.StatusBadRequest, "Montant : il dépasse"},
		{"not an amount", "deux cents", "Virement VIR-77", http.StatusBadRequest, "n&#39;est pas un montant"},
		{"no reason", "200,00", " ", http.StatusBadRequest, "Motif : obligatoire"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := s.post("/lettrage/imputer", form(tt.amount, tt.reason))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, errorOf(rec.Body.String()))
			}
			mustContain(t, rec.Body.String(), tt.want)
			if o, u := amounts(); o != 1200_00 || u != 500_00 {
				t.Errorf("a refused allocation moved money: invoice owes %d, payment has %d left", o, u)
			}
		})
	}

	rec := s.post("/lettrage/imputer", form("200,00", "Virement VIR-77 cite FA-001"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/lettrage?fait=lettrage" {
		t.Fatalf("allocation: status %d (%s): %s", rec.Code, rec.Header().Get("Location"), errorOf(rec.Body.String()))
	}
	if o, u := amounts(); o != 1000_00 || u != 300_00 {
		t.Errorf("after lettering 200,00: invoice owes %d, payment has %d left; want 100000 and 30000", o, u)
	}
	var a models.Allocation
	if err := f.db.Where("payment_id = ? AND invoice_id = ?", pay.ID, inv).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	if a.Cents != 200_00 || a.CreatedBy != "credit_manager@test.local" {
		t.Errorf("allocation %+v", a)
	}
	var audit models.AuditLog
	f.db.Where("action = ?", "allocation.manual").Take(&audit)
	if audit.UserID == nil || *audit.UserID != f.users["credit_manager"].ID {
		t.Errorf("manual allocation audited as %+v, want the user", audit)
	}
	mustContain(t, s.get("/lettrage?fait=lettrage").Body.String(), "Lettrage enregistré.", "Annuler le lettrage",
		fmt.Sprintf("action=\"/lettrage/%d/annuler\"", a.ID))

	reverse := fmt.Sprintf("/lettrage/%d/annuler", a.ID)
	if rec := s.post(reverse, url.Values{"reason": {""}}); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Motif : obligatoire") {
		t.Errorf("reversal without a reason: status %d, want 400 asking for it", rec.Code)
	}
	if o, _ := amounts(); o != 1000_00 {
		t.Errorf("a refused reversal moved money: invoice owes %d", o)
	}
	rec = s.post(reverse, url.Values{"reason": {"Virement d'un autre client"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("reversal: status %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	if o, u := amounts(); o != 1200_00 || u != 500_00 {
		t.Errorf("after unlettering: invoice owes %d, payment has %d left; want both back", o, u)
	}
	f.db.Take(&a, a.ID)
	if a.ReversedAt == nil || a.ReverseReason != "Virement d'un autre client" || f.audits("allocation.reverse") != 1 {
		t.Errorf("allocation after reversal %+v, %d reverse audits", a, f.audits("allocation.reverse"))
	}
	rec = s.post(reverse, url.Values{"reason": {"encore"}})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "déjà été annulé") {
		t.Errorf("second reversal: status %d, want 409 saying it was reversed", rec.Code)
	}
	mustContain(t, s.get("/lettrage").Body.String(), "annulé le", "Virement d&#39;un autre client")
}

// TestMoneyInMenu: the Imports and Lettrage links appear for the roles that
// may open the pages, and only for them.
func TestMoneyInMenu(t *testing.T) {
	f := newFixture(t)
	for role, want := range map[string]bool{"admin": true, "credit_manager": true, "legal": false, "partner": false} {
		body := f.as(role).get("/dossiers").Body.String()
		for _, link := range []string{`href="/imports"`, `href="/lettrage"`} {
			if strings.Contains(body, link) != want {
				t.Errorf("%s: link %s shown = %v, want %v", role, link, !want, want)
			}
		}
	}
}

package backoffice

import (
	"encoding/json"
	"fmt"
	"github.com/recouvra/recouvra/activities/outbox"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// withLettersAndCalls adds to the fixture a registered letter to print
// today (covering the "letter-1" outbox entry of case 2) and gives the
// "call-1" task of case 1 (delegated to partner A) the payload the
// workflow writes, so that its script can be rendered.
func (f *fixture) withLettersAndCalls() models.Mailing {
	f.t.Helper()
	var letter, call models.Outbox
	if err := f.db.Where("key = ?", "letter-1").First(&letter).Error; err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.Where("key = ?", "call-1").First(&call).Error; err != nil {
		f.t.Fatal(err)
	}
	c0 := f.cases[0]
	payload, err := json.Marshal(outbox.Send{Key: "call-1", CaseID: c0.ID, DebtorID: c0.DebtorID, InvoiceID: c0.InvoiceID,
		Step: "call1", Level: 1, Channel: dispatch.ChannelPhoneTask, Template: "call1.phone_task", DueOn: testToday})
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.Model(&call).Update("payload", string(payload)).Error; err != nil {
		f.t.Fatal(err)
	}
	m := models.Mailing{Key: "letter-1", DebtorID: f.debtor.ID, Step: "formal_demand", Channel: dispatch.ChannelRegisteredLetter,
		Status: dispatch.StatusToPrint, DueOn: testToday, DocumentID: &f.doc.ID, OutboxIDs: fmt.Sprintf("[%d]", letter.ID)}
	f.create(&m)
	return m
}

func TestLetterPagesPerRole(t *testing.T) {
	f := newFixture(t)
	m := f.withLettersAndCalls()
	tests := []struct {
		role, path string
		status     int
		want       []string
		notWant    []string
	}{
		{"admin", "/courriers", http.StatusOK, []string{"Boulangerie Martin", "À imprimer", "Marquer imprimé", "/courriers/lot.pdf?date=2026-11-23",
			fmt.Sprintf("/documents/%d", f.doc.ID), `name="csrf"`}, []string{"Marquer posté"}},
		{"credit_manager", "/courriers?statut=posted", http.StatusOK, []string{"Aucun courrier."}, []string{"Boulangerie Martin"}},
		{"credit_manager", "/courriers?date=2026-11-22", http.StatusOK, []string{"Aucun courrier."}, nil},
		{"legal", "/courriers", http.StatusForbidden, nil, []string{"Boulangerie Martin"}},
		{"partner", "/courriers", http.StatusForbidden, nil, nil},
		{"admin", "/appels", http.StatusOK, []string{"1 appel(s)", "Boulangerie Martin", "FA-001", "01 23 45 67 89",
			"Appeler Boulangerie Martin au 01 23 45 67 89", fmt.Sprintf("/dossiers/%d#form-call_logged", f.cases[0].ID)}, nil},
		{"credit_manager", "/appels", http.StatusOK, []string{"1 appel(s)", "Se présenter"}, nil},
		{"partner", "/appels", http.StatusOK, []string{"1 appel(s)", "FA-001", `href="/appels" class="on"`}, []string{`href="/courriers"`, `href="/modeles"`}},
		{"partner_b", "/appels", http.StatusOK, []string{"0 appel(s)", "Aucun appel"}, []string{"Boulangerie Martin"}},
		{"legal", "/appels", http.StatusForbidden, nil, nil},
		{"admin", "/modeles", http.StatusOK, []string{"call1", "Script d&#39;appel", "Lettre recommandée", "Anglais", "/modeles/level1.email.subject?langue=fr", "v1"}, nil},
		{"credit_manager", "/modeles/level1.email.subject", http.StatusOK, []string{"Relance : {{if eq .Count 1}}", "Historique des versions", `name="csrf"`}, nil},
		{"credit_manager", "/modeles/level1.email.subject?langue=de", http.StatusBadRequest, []string{"choisir fr ou en"}, nil},
		{"admin", "/modeles/nope.email.subject", http.StatusNotFound, []string{"Modèle introuvable"}, nil},
		{"legal", "/modeles", http.StatusForbidden, nil, nil},
		{"partner", "/modeles/level1.email.subject", http.StatusForbidden, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.role+tt.path, func(t *testing.T) {
			rec := f.as(tt.role).get(tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, errorOf(rec.Body.String()))
			}
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
	t.Run("print batch", func(t *testing.T) {
		rec := f.as("credit_manager").get("/courriers/lot.pdf?date=" + m.DueOn.String())
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF") {
			t.Fatalf("status %d, type %q: %s", rec.Code, rec.Header().Get("Content-Type"), errorOf(rec.Body.String()))
		}
		if rec := f.as("admin").get("/courriers/lot.pdf?date=2026-11-22"); rec.Code != http.StatusNotFound {
			t.Errorf("a day without letters: status %d, want 404", rec.Code)
		}
	})
}

// TestLetterSteps walks a registered letter through its life from the
// Courriers page and checks that refused steps change nothing.
func TestLetterSteps(t *testing.T) {
	f := newFixture(t)
	m := f.withLettersAndCalls()
	s := f.as("credit_manager")
	forged := s.post(fmt.Sprintf("/courriers/%d/imprime", m.ID), url.Values{"csrf": {f.as("admin").csrf}})
	if forged.Code != http.StatusForbidden {
		t.Fatalf("form with another session's token: status %d, want 403", forged.Code)
	}
	steps := []struct {
		step       string
		form       url.Values
		status     int
		wantStatus string
		check      func(models.Mailing) string
	}{
		{"poste", url.Values{"date": {"2026-11-23"}}, http.StatusConflict, dispatch.StatusToPrint, nil},
		{"accuse", url.Values{"date": {"2026-11-25"}}, http.StatusConflict, dispatch.StatusToPrint, nil},
		{"imprime", nil, http.StatusSeeOther, dispatch.StatusPrinted, func(m models.Mailing) string {
			if m.PrintedAt == nil {
				return "printed_at not set"
			}
			return ""
		}},
		{"poste", url.Values{"date": {"23/11/2026"}}, http.StatusBadRequest, dispatch.StatusPrinted, nil},
		{"poste", url.Values{"date": {"2026-11-23"}}, http.StatusSeeOther, dispatch.StatusPosted, func(m models.Mailing) string {
			if m.PostedOn.String() != "2026-11-23" {
				return "posted on " + m.PostedOn.String()
			}
			return ""
		}},
		{"suivi", url.Values{"suivi": {"1A 0012 3456 789"}}, http.StatusSeeOther, dispatch.StatusPosted, func(m models.Mailing) string {
			if m.TrackingNumber != "1A00123456789" {
				return "tracking " + m.TrackingNumber
			}
			return ""
		}},
		{"suivi", url.Values{"suivi": {"12"}}, http.StatusConflict, dispatch.StatusPosted, nil},
		{"accuse", url.Values{"date": {"2026-11-20"}}, http.StatusConflict, dispatch.StatusPosted, nil},
		{"accuse", url.Values{"date": {"2026-11-25"}}, http.StatusSeeOther, dispatch.StatusAcknowledged, func(m models.Mailing) string {
			if m.AcknowledgedOn.String() != "2026-11-25" {
				return "acknowledged on " + m.AcknowledgedOn.String()
			}
			return ""
		}},
	}
	for i, st := range steps {
		rec := s.post(fmt.Sprintf("/courriers/%d/%s", m.ID, st.step), st.form)
		if rec.Code != st.status {
			t.Fatalf("step %d %s: status %d, want %d: %s", i, st.step, rec.Code, st.status, errorOf(rec.Body.String()))
		}
		if st.status != http.StatusSeeOther && !strings.Contains(rec.Body.String(), fmt.Sprintf("Courrier n° %d", m.ID)) {
			t.Errorf("step %d %s: the refusal does not name the letter: %s", i, st.step, errorOf(rec.Body.String()))
		}
		var got models.Mailing
		if err := f.db.First(&got, m.ID).Error; err != nil {
			t.Fatal(err)
		}
		if got.Status != st.wantStatus {
			t.Errorf("step %d %s: status %q, want %q", i, st.step, got.Status, st.wantStatus)
		}
		if st.check != nil {
			if msg := st.check(got); msg != "" {
				t.Errorf("step %d %s: %s", i, st.step, msg)
			}
		}
	}
	var outbox models.Outbox
	f.db.Where("key = ?", "letter-1").First(&outbox)
	if outbox.Status != dispatch.StatusAcknowledged {
		t.Errorf("outbox entry status %q, want it to follow the letter", outbox.Status)
	}
	for _, action := range []string{"letter.printed", "letter.posted", "letter.tracking", "letter.acknowledged"} {
		var n int64
		f.db.Model(&models.AuditLog{}).Where("action = ? AND entity_id = ? AND actor = ?", action, fmt.Sprint(m.ID), "credit_manager@test.local").Count(&n)
		if n != 1 {
			t.Errorf("audit rows for %s: %d, want 1", action, n)
		}
	}
}

func TestTemplateEditor(t *testing.T) {
	f := newFixture(t)
	const key = "level1.email.subject"
	s := f.as("credit_manager")
	count := func() (versions, audits int64) {
		f.db.Model(&models.Template{}).Count(&versions)
		f.db.Model(&models.AuditLog{}).Where("action = ?", "template.save").Count(&audits)
		return
	}

	t.Run("unknown placeholder", func(t *testing.T) {
		rec := s.post("/modeles/"+key, url.Values{"langue": {"fr"}, "body": {"Relance {{.Debtor.Nom}} — {{.InvoiceNumbers}}"}})
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", rec.Code)
		}
		body := rec.Body.String()
		for _, w := range []string{"Champ inconnu {{.Debtor.Nom}}", "Rien n&#39;a été enregistré", "Relance {{.Debtor.Nom}} — {{.InvoiceNumbers}}</textarea>"} {
			if !strings.Contains(body, w) {
				t.Errorf("form lacks %q: %s", w, errorOf(body))
			}
		}
		if v, a := count(); v != 0 || a != 0 {
			t.Errorf("%d version(s) and %d audit row(s) written, want none", v, a)
		}
	})

	t.Run("valid edits make versions N+1", func(t *testing.T) {
		store := lettertemplates.Store{DB: f.db}
		for _, text := range []string{"Facture {{.InvoiceNumbers}} impayée", "Rappel : facture {{.InvoiceNumbers}}"} {
			before, err := store.Current(t.Context(), key, "fr")
			if err != nil {
				t.Fatal(err)
			}
			rec := s.post("/modeles/"+key, url.Values{"langue": {"fr"}, "body": {text}})
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("status %d, want 303: %s", rec.Code, errorOf(rec.Body.String()))
			}
			after, err := store.Current(t.Context(), key, "fr")
			if err != nil {
				t.Fatal(err)
			}
			if after.Version != before.Version+1 || after.Body != text || after.CreatedBy != "credit_manager@test.local" {
				t.Errorf("after saving %q: v%d %q by %q, want v%d", text, after.Version, after.Body, after.CreatedBy, before.Version+1)
			}
		}
		if _, a := count(); a != 2 {
			t.Errorf("%d template.save audit rows, want 2", a)
		}
		page := s.get("/modeles/" + key).Body.String()
		for _, w := range []string{"Rappel : facture {{.InvoiceNumbers}}", "v3", "v2", "v1", "version=2"} {
			if !strings.Contains(page, w) {
				t.Errorf("edit page lacks %q", w)
			}
		}
		if old := s.get("/modeles/" + key + "?version=2").Body.String(); !strings.Contains(old, "Facture {{.InvoiceNumbers}} impayée</textarea>") {
			t.Errorf("version 2 not loaded in the editor: %s", errorOf(old))
		}
		if en := s.get("/modeles/" + key + "?langue=en").Body.String(); strings.Contains(en, "Rappel : facture") {
			t.Errorf("the English template shows the French edit")
		}
	})

	t.Run("preview on a real case", func(t *testing.T) {
		v0, _ := count()
		rec := s.post("/modeles/"+key+"/apercu", url.Values{"langue": {"fr"}, "body": {"Objet : facture {{.InvoiceNumbers}} de {{.Debtor.Name}}"},
			"dossier": {fmt.Sprint(f.cases[0].ID)}})
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, errorOf(rec.Body.String()))
		}
		if !strings.Contains(rec.Body.String(), "Objet : facture FA-001 de Boulangerie Martin") {
			t.Errorf("preview not rendered on case FA-001")
		}
		for _, tt := range []struct {
			caseNumber, body, want string
			status                 int
		}{
			{"abc", "{{.InvoiceNumbers}}", "n&#39;est pas un numéro de dossier", http.StatusBadRequest},
			{"99999", "{{.InvoiceNumbers}}", "Dossier n° 99999 introuvable", http.StatusNotFound},
			{fmt.Sprint(f.cases[0].ID), "{{.Factures}}", "Champ inconnu {{.Factures}}", http.StatusBadRequest},
		} {
			rec := s.post("/modeles/"+key+"/apercu", url.Values{"langue": {"fr"}, "body": {tt.body}, "dossier": {tt.caseNumber}})
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("preview on %q: status %d, want %d and %q: %s", tt.caseNumber, rec.Code, tt.status, tt.want, errorOf(rec.Body.String()))
			}
		}
		if v, _ := count(); v != v0 {
			t.Errorf("a preview saved a version")
		}
	})
}

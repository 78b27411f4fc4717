package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

func TestDocumentsAPI(t *testing.T) {
	today := civil.New(2026, 11, 23)
	env := apptest.Start(t, "sqlite", today)
	db := env.DB
	fx := dispatchtest.New(t, db)
	d := fx.Debtor(t, "C-0042", models.Trader, "FR")
	a := fx.Invoice(t, d, "FA-API-1", today.AddDays(-20), 120000, 120000)
	b := fx.Invoice(t, d, "FA-API-2", today.AddDays(-15), 34567, 34567)
	fx.Enqueue(t, a, "level1", 1, dispatch.ChannelLetter, today)
	fx.Enqueue(t, b, "level1", 1, dispatch.ChannelLetter, today)
	fx.Enqueue(t, a, "formal_demand", 3, dispatch.ChannelRegisteredLetter, today)
	fx.Enqueue(t, b, "call1", 1, dispatch.ChannelPhoneTask, today)
	acts := &dispatch.Activities{DB: db, Mailer: fx.Sender}
	groups, err := acts.DueMailings(context.Background(), today)
	if err != nil || len(groups) != 2 {
		t.Fatalf("groups %+v, %v", groups, err)
	}
	var letterID, registeredID uint
	var docID uint
	for _, g := range groups {
		r, err := acts.PrepareLetter(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		if g.Channel == dispatch.ChannelRegisteredLetter {
			registeredID = r.MailingID
		} else {
			letterID, docID = r.MailingID, r.DocumentID
		}
	}

	t.Run("document download", func(t *testing.T) {
		status, raw := env.Do(t, "GET", fmt.Sprintf("/api/v1/documents/%d", docID), "", nil, nil)
		if status != http.StatusOK || !strings.HasPrefix(string(raw), "%PDF-") {
			t.Fatalf("GET document: %d", status)
		}
		text := dispatchtest.PDFText(t, raw)
		for _, want := range []string{"FA-API-1", "FA-API-2", "1 545,67 €"} {
			if !strings.Contains(text, dispatchtest.Normalize(want)) {
				t.Errorf("downloaded letter lacks %q", want)
			}
		}
		if status, _ := env.Do(t, "GET", "/api/v1/documents/99999", "", nil, nil); status != http.StatusNotFound {
			t.Errorf("unknown document: %d", status)
		}
		// A partner sees only the documents of cases delegated to it.
		p := env.NewPartner(t, "Affacturage Durand")
		partner := *env
		partner.Token = env.UserToken(t, "p@durand.example", models.RolePartner, &p.ID)
		if status, _ := partner.Do(t, "GET", fmt.Sprintf("/api/v1/documents/%d", docID), "", nil, nil); status != http.StatusNotFound {
			t.Errorf("partner without the case: %d, want 404", status)
		}
		// A letter shared by several cases is no partner's, even with one of
		// its cases delegated to it: it names the others (partnerdocs_test.go
		// shows a partner reads its own case's letters).
		db.Model(&models.Case{}).Where("id = ?", b.Case.ID).Update("partner_id", p.ID)
		if status, _ := partner.Do(t, "GET", fmt.Sprintf("/api/v1/documents/%d", docID), "", nil, nil); status != http.StatusNotFound {
			t.Errorf("partner with one of the cases of a shared letter: %d, want 404", status)
		}
	})

	t.Run("print batch and letter progress", func(t *testing.T) {
		status, raw := env.Do(t, "GET", "/api/v1/print-batch?date=2026-11-23", "", nil, nil)
		if status != http.StatusOK || dispatchtest.PDFPages(t, raw)%2 != 0 {
			t.Fatalf("print batch: %d", status)
		}
		if status, _ := env.Do(t, "GET", "/api/v1/print-batch?date=2026-11-24", "", nil, nil); status != http.StatusNotFound {
			t.Errorf("empty day: %d", status)
		}
		if status, _ := env.Do(t, "GET", "/api/v1/print-batch?date=23/11/2026", "", nil, nil); status != http.StatusBadRequest {
			t.Errorf("bad date: %d", status)
		}
		post := func(id uint, action, body string) (int, models.Mailing) {
			var m models.Mailing
			status, raw := env.Do(t, "POST", fmt.Sprintf("/api/v1/letters/%d/%s", id, action), "application/json", []byte(body), nil)
			json.Unmarshal(raw, &m)
			return status, m
		}
		if status, _ := post(registeredID, "posted", `{"date":"2026-11-23"}`); status != http.StatusConflict {
			t.Errorf("posting an unprinted letter: %d, want 409", status)
		}
		today := civil.Today().String()
		if status, m := post(registeredID, "printed", ""); status != http.StatusOK || m.Status != "printed" {
			t.Errorf("printed: %d %+v", status, m)
		}
		if status, m := post(registeredID, "posted", `{"date":"`+today+`"}`); status != http.StatusOK || m.Status != "posted" {
			t.Errorf("posted: %d %+v", status, m)
		}
		if status, m := post(registeredID, "tracking", `{"tracking_number":"1A 001 234 5678 9"}`); status != http.StatusOK || m.TrackingNumber != "1A00123456789" {
			t.Errorf("tracking: %d %+v", status, m)
		}
		if status, m := post(registeredID, "acknowledged", `{"date":"`+today+`"}`); status != http.StatusOK || m.Status != "acknowledged" {
			t.Errorf("acknowledged: %d %+v", status, m)
		}
		if status, _ := post(letterID, "tracking", `{"tracking_number":"1A00123456789"}`); status != http.StatusConflict {
			t.Errorf("tracking on a plain letter: %d, want 409", status)
		}
		if status, _ := post(letterID, "posted", `{}`); status != http.StatusBadRequest {
			t.Errorf("posted without date: %d, want 400", status)
		}
		if status, _ := post(letterID, "burnt", ""); status != http.StatusNotFound {
			t.Errorf("unknown action: %d", status)
		}
	})

	t.Run("tasks", func(t *testing.T) {
		var out struct{ Tasks []dispatch.Task }
		status, raw := env.Do(t, "GET", "/api/v1/tasks?date=2026-11-23", "", nil, &out)
		if status != http.StatusOK || len(out.Tasks) != 1 || !strings.Contains(out.Tasks[0].Script, "01 42 00 00 00") {
			t.Errorf("tasks: %d %s", status, raw)
		}
	})

	t.Run("templates", func(t *testing.T) {
		var list struct {
			Templates []struct{ Key string }
		}
		if status, _ := env.Do(t, "GET", "/api/v1/templates", "", nil, &list); status != http.StatusOK || len(list.Templates) < 18 {
			t.Errorf("list: %d, %d templates", status, len(list.Templates))
		}
		status, raw := env.Do(t, "PUT", "/api/v1/templates/level1.email.subject", "application/json",
			[]byte(`{"language":"fr","body":"Relance {{.Debiteur.Nom}}"}`), nil)
		if status != http.StatusBadRequest || !strings.Contains(string(raw), "{{.Debiteur.Nom}}") {
			t.Errorf("bad placeholder: %d %s", status, raw)
		}
		var saved struct {
			Version struct{ Version int }
			Preview string
		}
		status, raw = env.Do(t, "PUT", "/api/v1/templates/level1.email.subject", "application/json",
			[]byte(`{"language":"fr","body":"Relance {{.InvoiceNumbers}} — {{.Debtor.Name}}"}`), &saved)
		if status != http.StatusOK || saved.Version.Version != 2 || !strings.Contains(saved.Preview, "Menuiserie Bérénice") {
			t.Errorf("save: %d %s", status, raw)
		}
		var got struct {
			Versions []struct{ Version int }
		}
		if status, _ := env.Do(t, "GET", "/api/v1/templates/level1.email.subject?language=fr", "", nil, &got); status != http.StatusOK || len(got.Versions) != 2 {
			t.Errorf("versions: %d %+v", status, got)
		}
		var pv struct{ Preview string }
		status, raw = env.Do(t, "POST", "/api/v1/templates/level1.email.subject/preview", "application/json",
			[]byte(fmt.Sprintf(`{"body":"{{.InvoiceNumbers}} : {{.Total}}","case_id":%d}`, a.Case.ID)), &pv)
		if status != http.StatusOK || dispatchtest.Normalize(pv.Preview) != "FA-API-1 : 1 200,00 €" {
			t.Errorf("preview on a real case: %d %s", status, raw)
		}
	})

	t.Run("statement", func(t *testing.T) {
		status, raw := env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d/statement.pdf?date=2026-11-23", a.Case.ID), "", nil, nil)
		if status != http.StatusOK {
			t.Fatalf("statement: %d %s", status, raw)
		}
		text := dispatchtest.PDFText(t, raw)
		if !strings.Contains(text, "Relevé de compte") || !strings.Contains(text, dispatchtest.Normalize("1 545,67 €")) {
			t.Errorf("statement text:\n%s", text)
		}
	})
}

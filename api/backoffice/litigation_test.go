package backoffice

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// locateDebtor gives the fixture's debtor, an SAS, an address and an RCS
// registration (either may leave the court undecided).
func (f *fixture) locateDebtor(city, insee, rcs string) {
	err := f.db.Model(&models.Debtor{}).Where("id = ?", f.debtor.ID).Updates(map[string]any{
		"legal_form": "SAS", "addr_line1": "3 rue du Four", "addr_postal_code": "92000", "addr_city": city, "addr_insee_code": insee,
		"addr_country": "FR", "rcs_city": rcs,
	}).Error
	if err != nil {
		f.t.Fatal(err)
	}
}

// startLitigation approves a case for court: it gets a litigation file.
func (f *fixture) startLitigation(caseID uint) models.LitigationFile {
	lf := models.LitigationFile{CaseID: caseID, Status: models.LitigationPreparing}
	f.create(&lf)
	return lf
}

// TestLitigationPreview: a case awaiting decision shows its claim total and
// its court; once in litigation, a court the data leave open is chosen on
// the page among the candidates only.
func TestLitigationPreview(t *testing.T) {
	f := newFixture(t)
	f.locateDebtor("Nanterre", "92050", "Nanterre")
	// The rate of the current half-year, whatever the shipped table holds.
	rate := claim.RateEntry{Series: claim.SeriesMRO, Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 215, Source: "test"}
	if err := litact.SaveRates(t.Context(), f.db, []claim.RateEntry{rate}); err != nil {
		t.Fatal(err)
	}
	c1 := f.cases[1]
	cl, err := litact.CaseClaim(t.Context(), f.db, c1.ID, testToday)
	if err != nil {
		t.Fatal(err)
	}
	if cl.TotalCents <= c1.BalanceCents {
		t.Fatalf("claim %d not above the principal %d: nothing would show penalties", cl.TotalCents, c1.BalanceCents)
	}
	page := f.as("legal").get("/contentieux")
	if page.Code != http.StatusOK {
		t.Fatalf("page: %d: %s", page.Code, errorOf(page.Body.String()))
	}
	mustContain(t, page.Body.String(), "FA-002", "Créance : <strong class=\"claim-total\">"+money.Format(cl.TotalCents, "EUR"),
		"activités économiques de Nanterre", "Aucun dossier au contentieux")

	// In litigation, the commune unknown: the court is to be chosen.
	f.locateDebtor("Nullepart", "", "")
	f.startLitigation(c1.ID)
	page = f.as("admin").get("/contentieux")
	mustContain(t, page.Body.String(), "Aucun dossier en attente", "Juridiction à choisir", "Choisir la juridiction", "/contentieux/"+fmt.Sprint(c1.ID)+"/etapes/filed")
	d, err := litact.LoadCase(t.Context(), f.db, c1.ID)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := litact.DecideCourt(t.Context(), f.db, d, testToday)
	if err != nil || !dec.NeedsChoice || len(dec.Candidates) == 0 {
		t.Fatalf("decision %+v, %v: want a choice", dec, err)
	}
	choose := fmt.Sprintf("/contentieux/%d/juridiction", c1.ID)
	rec := f.as("legal").post(choose, url.Values{"code": {"tj-inexistant"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "pas parmi les candidates") {
		t.Errorf("choosing outside the candidates: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	if rec := f.as("legal").post(choose, url.Values{"code": {dec.Candidates[0].Code}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("choosing a candidate: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	file, err := litact.File(t.Context(), f.db, c1.ID)
	if err != nil || file.CourtCode != dec.Candidates[0].Code || file.CourtSetBy != "legal@test.local" {
		t.Errorf("litigation file %+v, %v: want the chosen court by the juriste", file, err)
	}
	mustContain(t, f.as("legal").get("/contentieux").Body.String(), dec.Candidates[0].Name, "Requête (PDF)")
	if n := f.audits("court.choose"); n != 1 {
		t.Errorf("%d audit entries of the choice, want 1", n)
	}
}

// TestLitigationMissingRate: a claim reaching a half-year without a
// published rate says so in French, naming the half-year, on its row.
func TestLitigationMissingRate(t *testing.T) {
	f := newFixture(t)
	f.locateDebtor("Nanterre", "92050", "Nanterre")
	if err := f.db.Model(&models.Invoice{}).Where("id = ?", f.cases[1].InvoiceID).Update("due_date", "1990-03-01").Error; err != nil {
		t.Fatal(err)
	}
	_, err := litact.CaseClaim(t.Context(), f.db, f.cases[1].ID, testToday)
	msg, fixable := claimProblem(err)
	if !fixable || !strings.Contains(msg, "semestre 1990") {
		t.Fatalf("claim error %v gave %q, want a missing rate of 1990", err, msg)
	}
	page := f.as("legal").get("/contentieux").Body.String()
	mustContain(t, page, "Taux manquant", "semestre 1990", "activités économiques de Nanterre")
}

// TestLitigationDossier: the stored dossier is served as is; an unknown
// format is not found.
func TestLitigationDossier(t *testing.T) {
	f := newFixture(t)
	c1 := f.cases[1].ID
	lf := f.startLitigation(c1)
	stored := models.Document{CaseID: &c1, Kind: litact.DocDossierPDF, FileName: "requete-injonction-de-payer-FA-002.pdf",
		ContentType: "application/pdf", SHA256: strings.Repeat("b", 64), Size: int64(len(letterPDF(t))), Content: letterPDF(t)}
	f.create(&stored)
	f.db.Model(&lf).Update("dossier_pdf_id", stored.ID)
	rec := f.as("legal").get(fmt.Sprintf("/contentieux/%d/dossier/pdf", c1))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.Equal(rec.Body.Bytes(), stored.Content) ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), stored.FileName) {
		t.Errorf("stored dossier: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"))
	}
	if rec := f.as("legal").get(fmt.Sprintf("/contentieux/%d/dossier/docx", c1)); rec.Code != http.StatusNotFound {
		t.Errorf("unknown format: %d, want 404", rec.Code)
	}
}

// fakeTemporal records the court steps sent and answers with refusal.
type fakeTemporal struct {
	client.Client
	refusal   string
	workflow  string
	name      string
	arg       any
	signalled bool
}

func (t *fakeTemporal) UpdateWorkflow(_ context.Context, o client.UpdateWorkflowOptions) (client.WorkflowUpdateHandle, error) {
	t.workflow, t.name, t.arg = o.WorkflowID, o.UpdateName, o.Args[0]
	return fakeHandle{t.refusal}, nil
}

func (t *fakeTemporal) SignalWorkflow(_ context.Context, id, _ string, name string, arg any) error {
	t.workflow, t.name, t.arg, t.signalled = id, name, arg, true
	return nil
}

type fakeHandle struct{ refusal string }

func (fakeHandle) WorkflowID() string { return "" }
func (fakeHandle) RunID() string      { return "" }
func (fakeHandle) UpdateID() string   { return "" }
func (h fakeHandle) Get(context.Context, any) error {
	if h.refusal != "" {
		return temporal.NewApplicationError(h.refusal, "refused")
	}
	return nil
}

// TestCourtSteps: a step goes to the child workflow as the update the API
// sends, with the actor from the login; a refusal shows the workflow's
// reason in French; a bad form never reaches the workflow.
func TestCourtSteps(t *testing.T) {
	f := newFixture(t)
	c1 := f.cases[1]
	f.startLitigation(c1.ID)
	legal := f.as("legal")
	path := func(step string) string { return fmt.Sprintf("/contentieux/%d/etapes/%s", c1.ID, step) }

	if rec := legal.post(path("filed"), url.Values{"date": {"2026-11-20"}}); rec.Code != http.StatusServiceUnavailable ||
		!strings.Contains(rec.Body.String(), "Temporal n&#39;est pas configuré") {
		t.Errorf("without Temporal: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	tc := &fakeTemporal{}
	f.pages.Temporal = tc
	rec := legal.post(path("filed"), url.Values{"date": {"2026-11-20"}, "channel": {"infogreffe"}, "reference": {"IP-42"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("filed: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	filed, _ := tc.arg.(*litigation.Filed)
	if tc.workflow != c1.WorkflowID+"/litigation" || tc.name != litigation.UpdateFiled || filed == nil ||
		filed.Date.String() != "2026-11-20" || filed.Channel != "infogreffe" || filed.Reference != "IP-42" || filed.Actor != "legal@test.local" {
		t.Errorf("sent %q to %q: %+v", tc.name, tc.workflow, tc.arg)
	}
	if rec := legal.post(path("paid"), url.Values{"date": {"2026-11-21"}, "amount": {"512,30"}, "actor": {"intrus"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("paid: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	if paid, _ := tc.arg.(*litigation.Paid); !tc.signalled || tc.name != litigation.SignalPaid || paid == nil || paid.AmountCents != 51230 || paid.Actor != "legal@test.local" {
		t.Errorf("payment: signal %v %q %+v", tc.signalled, tc.name, tc.arg)
	}
	if n := f.audits("court.filed") + f.audits("court.paid"); n != 2 {
		t.Errorf("%d audit entries, want 2", n)
	}

	tc.refusal, tc.arg = `not allowed while the litigation is "ready" (expected "filed")`, nil
	rec = legal.post(path("ordonnance"), url.Values{"date": {"2026-11-22"}, "outcome": {"accepted"}})
	if rec.Code != http.StatusConflict {
		t.Fatalf("refused step: %d", rec.Code)
	}
	mustContain(t, rec.Body.String(), "Étape refusée", "statut « ready »", "« filed »")

	tc.arg = nil
	rec = legal.post(path("signified"), url.Values{"date": {"hier"}, "commissaire": {"Me Durand"}})
	if rec.Code != http.StatusBadRequest || tc.arg != nil || !strings.Contains(rec.Body.String(), "n&#39;est pas une date") {
		t.Errorf("bad date: %d, sent %+v: %s", rec.Code, tc.arg, errorOf(rec.Body.String()))
	}
	if rec := legal.post(path("appel"), url.Values{}); rec.Code != http.StatusNotFound {
		t.Errorf("unknown step: %d, want 404", rec.Code)
	}
}

// TestRefusalFrench: each refusal the litigation workflow words in English
// comes out in French with its values; an unknown one is shown as is.
func TestRefusalFrench(t *testing.T) {
	for _, tt := range []struct{ reason, want string }{
		{"the litigation has ended: paid", "la procédure est terminée (paid)"},
		{`channel: "fax" is not paper, infogreffe or tribunal_digital`, "« fax » n'est ni papier"},
		{`date: "2026-12-01" is missing or in the future`, "« 2026-12-01 » est absente ou dans le futur"},
		{`date: "2026-01-01" is missing, in the future or before the filing of 2026-02-01`, "antérieure au dépôt du 2026-02-01"},
		{`date: 2026-09-01 is after 2026-08-01, when the ordonnance lapsed (article 1411 CPC)`, "date de caducité"},
		{`date: 2026-09-01 is after the last day to oppose, 2026-08-01: the opposition is late`, "l'opposition est tardive"},
		{`amount_cents: 900000 is not a part of the 500000 claimed`, "900000 centimes n'est pas une partie des 500000"},
		{`outcome: "maybe" is not accepted, partial or rejected`, "« maybe »"},
		{"commissaire: the commissaire de justice who served is required", "commissaire de justice qui a signifié est obligatoire"},
		{"something new", "Étape refusée par la procédure : something new"},
	} {
		if got := refusalFrench(tt.reason); !strings.Contains(got, tt.want) {
			t.Errorf("refusalFrench(%q) = %q, want %q in it", tt.reason, got, tt.want)
		}
	}
}

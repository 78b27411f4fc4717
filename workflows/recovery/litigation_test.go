package recovery

import (
	"testing"
	"time"

	"go.temporal.io/sdk/workflow"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/models"
	litwf "github.com/recouvra/recouvra/workflows/litigation"
)

// TestLitigationEndToEnd runs the real litigation child workflow with its
// real activities: after legal approval the claim and the injonction de
// payer dossier are built and stored, the court steps follow, and the
// payment recorded by legal staff closes the case as paid.
func TestLitigationEndToEnd(t *testing.T) {
	h := newHarness(t, paris("2026-11-02", 9, 30), "2026-10-01", 100000)
	creditor := demo.Creditor
	creditor.ID = 1
	h.db.Create(&creditor)
	h.db.Create(&models.Debtor{ID: 1, CreditorID: 1, Reference: "411001", Name: "Boulangerie Martin", Kind: models.Trader,
		LegalForm: "SARL", SIREN: "552100554", RCSCity: "Nanterre", Currency: "EUR",
		Address: models.Address{Line1: "5 place du Marché", PostalCode: "92000", City: "Nanterre", InseeCode: "92050", Country: "FR"}})
	// The H2 2026 rates are not published in the shipped table: an admin adds
	// them (`recouvra rates import`); here, as if they had.
	err := litact.SaveRates(t.Context(), h.db, []claim.RateEntry{
		{Series: claim.SeriesMRO, Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 215, Source: "test"},
		{Series: claim.SeriesLegal, Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 262, Source: "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	h.env.RegisterWorkflowWithOptions(litwf.Workflow, workflow.RegisterOptions{Name: litwf.WorkflowName})
	h.env.RegisterActivity(&litact.Activities{DB: h.db})
	child := "default-test-workflow-id/litigation"
	h.env.RegisterDelayedCallback(func() {
		h.env.SignalWorkflowByID(child, litwf.SignalPaid, litwf.Paid{Date: civil.MustParse("2026-11-20"), AmountCents: 100000, Actor: "juriste@example.fr"})
	}, 18*24*time.Hour)
	h.run([]at{{12, ActionApproveLitigation, Action{Role: "legal", By: "juriste@example.fr"}}}, 40)
	if err := h.env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow: %v (state %+v, timeline %v)", err, h.final.Litigation, h.eventKinds())
	}
	if h.final.Status != models.CasePaid {
		t.Fatalf("status %s, litigation %q; want paid", h.final.Status, h.final.Litigation)
	}
	var docs []models.Document
	h.db.Where("case_id = ?", h.caseID).Find(&docs)
	if len(docs) < 2 {
		t.Errorf("%d documents stored; want the dossier PDF and ZIP", len(docs))
	}
	for _, d := range docs {
		if len(d.SHA256) != 64 || d.Size == 0 {
			t.Errorf("document %s stored without its SHA-256 or content", d.FileName)
		}
	}
	if kinds := h.eventKinds(); !isSubsequence([]string{"litigation_pending", "litigation_approved", "litigation_started", "litigation_done", "closed"}, kinds) {
		t.Errorf("timeline %v", kinds)
	}
}

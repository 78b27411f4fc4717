package caseactions

import (
	"testing"

	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// TestMirrorAndReferences: an accepted call closes the case's open call
// tasks and a delegation writes the partner at once, whichever surface sent
// them; a delegation to an organisation that does not exist is refused.
func TestMirrorAndReferences(t *testing.T) {
	db, _ := testenv.SQLite(t)
	ctx := t.Context()
	p := models.Partner{Name: "Affacturage"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Create(&p).Error)
	c := models.Case{CreditorID: 1, DebtorID: 1, InvoiceID: 1, WorkflowID: "recovery/1/F1", Phase: "amicable", Status: models.CaseOpen, Currency: "EUR"}
	must(db.Create(&c).Error)
	other := models.Case{CreditorID: 1, DebtorID: 1, InvoiceID: 2, WorkflowID: "recovery/1/F2", Phase: "amicable", Status: models.CaseOpen, Currency: "EUR"}
	must(db.Create(&other).Error)
	for i, id := range []uint{c.ID, other.ID} {
		must(db.Create(&models.Outbox{Key: "call-" + string(rune('a'+i)), CaseID: &id, Channel: "phone_task", Status: "task_open"}).Error)
	}

	must(Mirror(ctx, db, c.ID, recovery.ActionCallLogged, recovery.State{}))
	var open []uint
	db.Model(&models.Outbox{}).Where("status = ?", "task_open").Pluck("case_id", &open)
	if len(open) != 1 || open[0] != other.ID {
		t.Errorf("open call tasks after the call on case %d: cases %v, want only %d", c.ID, open, other.ID)
	}

	must(Mirror(ctx, db, c.ID, recovery.ActionDelegate, recovery.State{PartnerID: &p.ID}))
	var got models.Case
	must(db.Take(&got, c.ID).Error)
	if got.PartnerID == nil || *got.PartnerID != p.ID {
		t.Errorf("partner after delegate: %v, want %d", got.PartnerID, p.ID)
	}

	if errs := CheckReferences(ctx, db, recovery.ActionDelegate, recovery.Action{PartnerID: p.ID}); len(errs) != 0 {
		t.Errorf("delegation to an existing partner refused: %v", errs)
	}
	if errs := CheckReferences(ctx, db, recovery.ActionDelegate, recovery.Action{PartnerID: 999}); len(errs) != 1 || errs[0].Field != "partner_id" {
		t.Errorf("delegation to partner 999: %v, want a refusal naming partner_id", errs)
	}
}

package moneyin_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// TestSignalsWaitInOutbox: when Temporal is unreachable after the commit,
// the allocation stands and its signal stays pending until RetrySignals
// sends it, once.
func TestSignalsWaitInOutbox(t *testing.T) {
	svc, db, rec := newService(t, "sqlite")
	if _, err := svc.ImportFEC(t.Context(), ledgerFEC); err != nil {
		t.Fatal(err)
	}
	rec.down = true
	statement := camt053(account, 0, 0, credit{800_00, "2026-11-20", "CAFE LUNA", "FA-300", "R1"})
	if sum, err := svc.ImportBank(t.Context(), statement); err != nil || sum.Allocations != 1 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	var pending []models.Outbox
	db.Where("channel = ? AND status = ?", moneyin.ChannelWorkflowSignal, "pending").Find(&pending)
	if len(pending) != 1 || pending[0].Error == "" || pending[0].CaseID == nil {
		t.Fatalf("pending signals %+v", pending)
	}
	if n, err := svc.RetrySignals(t.Context()); n != 0 || err != nil {
		t.Errorf("retry while Temporal is down sent %d, %v", n, err)
	}
	rec.down = false
	if n, err := svc.RetrySignals(t.Context()); n != 1 || err != nil {
		t.Errorf("retry sent %d, %v; want 1", n, err)
	}
	if n, _ := svc.RetrySignals(t.Context()); n != 0 {
		t.Errorf("a sent signal was sent again")
	}
	got := rec.signals[recovery.WorkflowID(1, "FA-300")]
	if len(got) != 1 || got[0].AmountCents != 800_00 || got[0].Reference != "R1" {
		t.Errorf("signals %+v", got)
	}
}

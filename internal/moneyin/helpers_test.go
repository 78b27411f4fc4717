package moneyin_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// samplesDir holds real files published by others (see SOURCES.md there).
const samplesDir = "../../../shared/samples"

var today = civil.MustParse("2026-11-23")

func readSample(t testing.TB, rel string) moneyin.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, rel))
	if os.IsNotExist(err) {
		t.Skipf("shared samples not available at %s", samplesDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return moneyin.File{Name: filepath.Base(rel), Content: data, By: "test"}
}

func sampleFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(samplesDir, dir))
	if os.IsNotExist(err) {
		t.Skipf("shared samples not available at %s", samplesDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

// recorder keeps the signals the service sends, to check what it tells the
// workflows (the end-to-end test in api uses the real Temporal signaller).
type recorder struct {
	mu      sync.Mutex
	signals map[string][]recovery.Action
	down    bool // Temporal unreachable: every signal fails
}

func (r *recorder) Signal(_ context.Context, workflowID, name string, a recovery.Action) error {
	if name == recovery.ActionPaymentReversed {
		a.AmountCents = -a.AmountCents // recorded as a negative payment
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		return errors.New("connection refused")
	}
	if r.signals == nil {
		r.signals = map[string][]recovery.Action{}
	}
	r.signals[workflowID] = append(r.signals[workflowID], a)
	return nil
}

// newService returns a service on a fresh database of the given kind with
// the demo creditor, and no Temporal: cases are saved, not started.
func newService(t testing.TB, dbKind string) (*moneyin.Service, *gorm.DB, *recorder) {
	t.Helper()
	db, _ := testenv.Databases[dbKind](t)
	creditor := demo.Creditor
	if err := db.Create(&creditor).Error; err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	in := &intake.Service{DB: db, WorkflowID: recovery.WorkflowID, PreDueDays: 5,
		Today: func() civil.Date { return today }, Log: quiet}
	rec := &recorder{}
	return moneyin.New(db, in, rec, quiet), db, rec
}

// snapshot counts the rows and sums the amounts an import may change.
type snapshot struct {
	Invoices, CreditNotes, Payments, Allocations, Debtors, Cases, Files, Audits int64
	Outstanding, Unallocated, Remaining                                         int64
}

func takeSnapshot(t testing.TB, db *gorm.DB) snapshot {
	t.Helper()
	var s snapshot
	db.Model(&models.Invoice{}).Count(&s.Invoices)
	db.Model(&models.CreditNote{}).Count(&s.CreditNotes)
	db.Model(&models.Payment{}).Count(&s.Payments)
	db.Model(&models.Allocation{}).Count(&s.Allocations)
	db.Model(&models.Debtor{}).Count(&s.Debtors)
	db.Model(&models.Case{}).Count(&s.Cases)
	db.Model(&models.ImportedFile{}).Count(&s.Files)
	db.Model(&models.AuditLog{}).Count(&s.Audits)
	db.Model(&models.Invoice{}).Select("COALESCE(SUM(outstanding_cents), 0)").Scan(&s.Outstanding)
	db.Model(&models.Payment{}).Select("COALESCE(SUM(unallocated_cents), 0)").Scan(&s.Unallocated)
	db.Model(&models.CreditNote{}).Select("COALESCE(SUM(remaining_cents), 0)").Scan(&s.Remaining)
	return s
}

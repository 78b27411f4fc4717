package moneyin_test

import (
	"context"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// fecFigures are the open lines of each sample FEC as counted with awk (see
// internal/invoicesource/fec_samples_test.go): debits are invoices, credits
// payments; none of the samples books a credit note on a customer account.
var fecFigures = map[string]struct {
	debitCents, creditCents int64
	payments, debtors       int64
}{
	"0000000001FEC20220831.txt": {67261_96, 8289_14, 2, 8},
	"000000000FEC20231231.txt":  {187770_84, 159999_14, 133, 4},
	"111111111FEC20221231.TXT":  {14900_54, 484_02, 4, 19},
}

// TestImportFECSamples imports each real FEC into an empty database: the
// invoices and payments add up to the file's open debits and credits, what
// lettrage allocated moved from both sides alike, and a second import of
// the same file changes nothing.
func TestImportFECSamples(t *testing.T) {
	for _, dbKind := range []string{"sqlite", "postgres"} {
		for _, rel := range sampleFiles(t, "fec") {
			name := filepath.Base(rel)
			want, ok := fecFigures[name]
			if !ok {
				t.Errorf("sample %s has no expected figures: add them", name)
				continue
			}
			t.Run(dbKind+"/"+name, func(t *testing.T) {
				svc, db, _ := newService(t, dbKind)
				f := readSample(t, rel)
				sum, err := svc.ImportFEC(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				if sum.Invoices.Created == 0 || sum.Payments.Created != int(want.payments) || sum.Rejected != nil {
					t.Errorf("summary %+v", sum)
				}
				var totals struct{ Total, Outstanding int64 }
				db.Model(&models.Invoice{}).Select("SUM(total_cents) AS total, SUM(outstanding_cents) AS outstanding").Scan(&totals)
				if totals.Total != want.debitCents {
					t.Errorf("invoices total %d, want the file's open debits %d", totals.Total, want.debitCents)
				}
				var paid struct{ Amount, Unallocated int64 }
				db.Model(&models.Payment{}).Select("SUM(amount_cents) AS amount, SUM(unallocated_cents) AS unallocated").Scan(&paid)
				if paid.Amount != want.creditCents {
					t.Errorf("payments total %d, want the file's open credits %d", paid.Amount, want.creditCents)
				}
				allocated, writtenOff := allocationSums(t, db)
				if totals.Total-totals.Outstanding != allocated+writtenOff || paid.Amount-paid.Unallocated != allocated {
					t.Errorf("invoices lowered by %d and payments by %d, but %d allocated and %d written off",
						totals.Total-totals.Outstanding, paid.Amount-paid.Unallocated, allocated, writtenOff)
				}
				if allocated != sum.AllocatedCents || paid.Unallocated != sum.SuspenseCents {
					t.Errorf("summary says %d allocated and %d in suspense; database %d and %d",
						sum.AllocatedCents, sum.SuspenseCents, allocated, paid.Unallocated)
				}
				var debtors int64
				db.Model(&models.Debtor{}).Count(&debtors)
				if debtors != want.debtors {
					t.Errorf("%d debtors, want %d customer sub-accounts with open lines", debtors, want.debtors)
				}
				importAgainChangesNothing(t, svc, db, f, svc.ImportFEC)
			})
		}
	}
}

func allocationSums(t testing.TB, db *gorm.DB) (allocated, writtenOff int64) {
	t.Helper()
	db.Model(&models.Allocation{}).Where("reversed_at IS NULL AND rule <> ?", moneyin.RuleWriteOff).
		Select("COALESCE(SUM(cents), 0)").Scan(&allocated)
	db.Model(&models.Allocation{}).Where("reversed_at IS NULL AND rule = ?", moneyin.RuleWriteOff).
		Select("COALESCE(SUM(cents), 0)").Scan(&writtenOff)
	return allocated, writtenOff
}

// importAgainChangesNothing imports f a second time and checks that no row
// count or amount moved and that the summary says so.
func importAgainChangesNothing(t *testing.T, svc *moneyin.Service, db *gorm.DB, f moneyin.File,
	importFile func(context.Context, moneyin.File) (moneyin.Summary, error)) {
	t.Helper()
	before := takeSnapshot(t, db)
	sum, err := importFile(t.Context(), f)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	if after := takeSnapshot(t, db); after != before {
		t.Errorf("second import changed the database:\nbefore %+v\nafter  %+v", before, after)
	}
	if !sum.AlreadyImported || sum.Created != 0 || sum.Updated != 0 || sum.Allocations != 0 {
		t.Errorf("second import summary %+v", sum)
	}
}

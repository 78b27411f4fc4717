package intake_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

type startRecorder struct{ started []string }

func (r *startRecorder) StartCase(_ context.Context, c models.Case, inv models.Invoice, d models.Debtor) error {
	r.started = append(r.started, fmt.Sprintf("%s %s %s %d", c.WorkflowID, inv.Number, d.Reference, inv.OutstandingCents))
	return nil
}

func newIntake(t *testing.T, dbKind string) (*intake.Service, *gorm.DB, *startRecorder) {
	t.Helper()
	db, _ := testenv.Databases[dbKind](t)
	creditor := demo.Creditor
	if err := db.Create(&creditor).Error; err != nil {
		t.Fatal(err)
	}
	rec := &startRecorder{}
	return &intake.Service{DB: db, Starter: rec, PreDueDays: 5, Log: slog.New(slog.DiscardHandler),
		WorkflowID: func(c uint, n string) string { return fmt.Sprintf("case-%d-%s", c, n) },
		Today:      func() civil.Date { return civil.MustParse("2026-11-23") }}, db, rec
}

func row(n int, number, issue, due string, total int64, outstanding *int64, d intake.DebtorInput) intake.Row {
	vat := total / 6
	return intake.Row{Row: n, Input: intake.InvoiceInput{Number: number, IssueDate: issue, DueDate: due,
		TotalCents: &total, VATCents: &vat, OutstandingCents: outstanding, Currency: "EUR", Debtor: &d}}
}

// dump lists what an import leaves in the database, without the timestamps
// a second run necessarily changes.
func dump(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var out []string
	var debtors []models.Debtor
	db.Order("id").Find(&debtors)
	for _, d := range debtors {
		d.CreatedAt, d.UpdatedAt = time.Time{}, time.Time{}
		out = append(out, fmt.Sprintf("debtor %+v", d))
	}
	var invoices []models.Invoice
	db.Order("id").Find(&invoices)
	for _, inv := range invoices {
		inv.CreatedAt, inv.UpdatedAt = time.Time{}, time.Time{}
		out = append(out, fmt.Sprintf("invoice %+v", inv))
	}
	var cases []models.Case
	db.Order("id").Find(&cases)
	for _, c := range cases {
		c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
		out = append(out, fmt.Sprintf("case %+v", c))
	}
	return out
}

// TestImportBulkWritesWhatImportWrites runs the same batches through Import
// and ImportBulk on two databases: debtors found by reference, by SIREN and
// by name, a debtor on several rows, invoices due later without a case, then
// a second batch updating some of them. Both must leave the same rows, say
// the same, and start the same workflows.
func TestImportBulkWritesWhatImportWrites(t *testing.T) {
	zero := int64(0)
	morel := intake.DebtorInput{Reference: "C010", Name: "Quincaillerie Morel", Kind: "trader"}
	lavande := intake.DebtorInput{Name: "Pressing Lavande", Kind: "trader", SIREN: "732829320"}
	luna := intake.DebtorInput{Name: "Café  Luna", Kind: "consumer", Address: models.Address{PostalCode: "69001", City: "Lyon"}}
	first := []intake.Row{
		row(2, "FA-1", "2026-09-01", "2026-10-01", 100_00, nil, morel),
		row(3, "FA-2", "2026-09-02", "2026-10-02", 200_00, nil, lavande),
		row(4, "FA-3", "2026-11-20", "2026-12-20", 300_00, nil, luna), // due later: no case yet
		row(5, "FA-4", "2026-09-04", "2026-10-04", 400_00, &zero, morel),
	}
	morelMoved := morel
	morelMoved.Address = models.Address{Line1: "3 rue Neuve", PostalCode: "75011", City: "Paris"}
	lavandeByRef := lavande
	lavandeByRef.Reference = "C011"
	second := []intake.Row{
		row(2, "FA-1", "2026-09-01", "2026-10-01", 150_00, nil, morelMoved),
		row(3, "FA-2", "2026-09-02", "2026-10-02", 200_00, nil, lavande),
		row(4, "FA-5", "2026-09-05", "2026-10-05", 500_00, nil, lavandeByRef),
		row(5, "FA-6", "2026-09-06", "2026-10-06", 600_00, nil, luna),
	}
	for _, dbKind := range []string{"sqlite", "postgres"} {
		t.Run(dbKind, func(t *testing.T) {
			one, oneDB, oneRec := newIntake(t, dbKind)
			bulk, bulkDB, bulkRec := newIntake(t, dbKind)
			for i, batch := range [][]intake.Row{first, second, second} {
				want, err := one.Import(t.Context(), batch)
				if err != nil {
					t.Fatal(err)
				}
				got, err := bulk.ImportBulk(t.Context(), batch)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
					t.Errorf("batch %d: ImportBulk says\n%+v\nImport says\n%+v", i, got, want)
				}
				if a, b := dump(t, bulkDB), dump(t, oneDB); !slices.Equal(a, b) {
					t.Errorf("batch %d: ImportBulk wrote\n%v\nImport wrote\n%v", i, a, b)
				}
			}
			if !slices.Equal(bulkRec.started, oneRec.started) || len(oneRec.started) != 4 {
				t.Errorf("ImportBulk started %v, Import %v; want 4 cases (FA-4 is paid, FA-3 not due yet)", bulkRec.started, oneRec.started)
			}
		})
	}
}

// TestImportBulkRejectsWhole: one bad row means nothing is written, and the
// error names the row and field.
func TestImportBulkRejectsWhole(t *testing.T) {
	svc, db, _ := newIntake(t, "sqlite")
	d := intake.DebtorInput{Reference: "C1", Name: "Garage Dupont", Kind: "trader"}
	_, err := svc.ImportBulk(t.Context(), []intake.Row{
		row(2, "FA-1", "2026-09-01", "2026-10-01", 100_00, nil, d),
		row(3, "FA-2", "2026-09-31", "2026-10-01", 100_00, nil, d),
	})
	verr, ok := err.(*intake.ValidationError)
	if !ok || len(verr.Errors) != 1 || verr.Errors[0].Row != 3 || verr.Errors[0].Field != "issue_date" {
		t.Fatalf("err %v, want row 3's issue_date", err)
	}
	if rows := dump(t, db); len(rows) != 0 {
		t.Errorf("a rejected batch wrote %v", rows)
	}
}

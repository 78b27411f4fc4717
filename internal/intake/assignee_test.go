package intake_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// TestCaseAssignee: a case opens assigned to its debtor's account manager,
// whichever way it opens (an import, a bulk import, the daily sweep), and
// unassigned when the debtor has none.
func TestCaseAssignee(t *testing.T) {
	managed := intake.DebtorInput{Reference: "C100", Name: "Quincaillerie Morel", Kind: "trader"}
	unmanaged := intake.DebtorInput{Reference: "C200", Name: "Pressing Lavande", Kind: "trader"}
	for _, dbKind := range []string{"sqlite", "postgres"} {
		for _, bulk := range []bool{false, true} {
			t.Run(dbKind, func(t *testing.T) {
				svc, db, _ := newIntake(t, dbKind)
				var creditor models.Creditor
				db.Take(&creditor)
				manager := models.User{Email: "gestion@test.local", Name: "Gestion", Role: models.RoleCreditManager}
				if err := db.Create(&manager).Error; err != nil {
					t.Fatal(err)
				}
				debtor := models.Debtor{CreditorID: creditor.ID, Reference: "C100", Name: "Quincaillerie Morel",
					Kind: models.Trader, Currency: "EUR", AccountManagerID: &manager.ID}
				if err := db.Create(&debtor).Error; err != nil {
					t.Fatal(err)
				}
				byID := row(4, "FA-3", "2026-09-03", "2026-10-03", 300_00, nil, intake.DebtorInput{})
				byID.Input.Debtor, byID.Input.DebtorID = nil, &debtor.ID
				rows := []intake.Row{
					row(2, "FA-1", "2026-09-01", "2026-10-01", 100_00, nil, managed),
					row(3, "FA-2", "2026-09-02", "2026-10-02", 200_00, nil, unmanaged),
					byID,
					row(5, "FA-4", "2026-11-20", "2027-01-20", 400_00, nil, managed), // due later: the sweep opens it
				}
				importRows := svc.Import
				if bulk {
					importRows = svc.ImportBulk
				}
				if _, err := importRows(t.Context(), rows); err != nil {
					t.Fatal(err)
				}
				svc.Today = func() civil.Date { return civil.MustParse("2027-01-20") }
				if _, err := svc.Sweep(t.Context()); err != nil {
					t.Fatal(err)
				}
				want := map[string]*uint{"FA-1": &manager.ID, "FA-2": nil, "FA-3": &manager.ID, "FA-4": &manager.ID}
				var got []struct {
					Number     string
					AssigneeID *uint
				}
				err := db.Table("cases").Select("invoices.number, cases.assignee_id").
					Joins("JOIN invoices ON invoices.id = cases.invoice_id").Order("invoices.number").Scan(&got).Error
				if err != nil || len(got) != len(want) {
					t.Fatalf("bulk=%v: cases %+v, %v; want %d", bulk, got, err, len(want))
				}
				for _, c := range got {
					if w := want[c.Number]; (w == nil) != (c.AssigneeID == nil) || (w != nil && *w != *c.AssigneeID) {
						t.Errorf("bulk=%v: case of %s assigned to %v, want %v", bulk, c.Number, c.AssigneeID, w)
					}
				}
			})
		}
	}
}

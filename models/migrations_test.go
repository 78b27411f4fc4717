package models_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestMigrationsOnBothDatabases: the versioned migrations run on PostgreSQL
// and SQLite, run once, and give the same constraints on both.
func TestMigrationsOnBothDatabases(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t) // migrated once already
			n, err := models.Migrate(db)
			if err != nil || n != 0 {
				t.Fatalf("second Migrate ran %d migrations, err %v; want 0, nil", n, err)
			}
			var versions []int
			db.Model(&models.SchemaMigration{}).Order("version").Pluck("version", &versions)
			if len(versions) != len(models.Migrations) {
				t.Errorf("recorded versions %v, want %d", versions, len(models.Migrations))
			}
			inv := models.Invoice{CreditorID: 1, DebtorID: 1, Number: "FA-1", IssueDate: civil.MustParse("2026-01-31"),
				DueDate: civil.MustParse("2026-03-02"), TotalCents: 100, Currency: "EUR", Status: models.InvoiceOpen}
			if err := db.Create(&inv).Error; err != nil {
				t.Fatal(err)
			}
			dup := inv
			dup.ID = 0
			if err := db.Create(&dup).Error; err == nil {
				t.Error("a second invoice with the same creditor and number was accepted")
			}
			other := inv
			other.ID, other.CreditorID = 0, 2
			if err := db.Create(&other).Error; err != nil {
				t.Errorf("another creditor's invoice with the same number was refused: %v", err)
			}
			// Dates survive the round trip and compare as dates in SQL.
			var got models.Invoice
			if err := db.Where("due_date > ?", civil.MustParse("2026-03-01")).Take(&got, inv.ID).Error; err != nil {
				t.Fatalf("date comparison in SQL: %v", err)
			}
			if got.IssueDate.String() != "2026-01-31" || got.DueDate.String() != "2026-03-02" {
				t.Errorf("dates read back as %s and %s", got.IssueDate, got.DueDate)
			}
		})
	}
}

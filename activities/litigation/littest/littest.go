// Package littest seeds the records a litigation test needs: a creditor, a
// debtor of a given kind, an overdue invoice with its case, and optionally a
// partial payment and a formal demand.
package littest

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Case describes the case to seed.
type Case struct {
	DebtorKind   models.DebtorKind
	LegalForm    string
	PostalCode   string
	City         string
	InseeCode    string
	RCSCity      string
	DueDate      civil.Date
	TotalCents   int64
	LateRateBP   *int64
	Payment      *Payment   // lettered against the invoice
	FormalDemand civil.Date // zero: none sent
	Number       string
}

// Payment is a lettered payment.
type Payment struct {
	Date  civil.Date
	Cents int64
}

// Seeded are the IDs of what was created.
type Seeded struct {
	CaseID, CreditorID, DebtorID, InvoiceID uint
}

// Creditor is the creditor every seeded case belongs to.
var Creditor = models.Creditor{
	LegalForm: "SAS", Name: "Fournitures Industrielles du Val de Seine", SIREN: "412345674", RCSCity: "Nanterre",
	Currency: "EUR", Address: models.Address{Line1: "12 rue des Trois Fontanot", PostalCode: "92000", City: "Nanterre",
		InseeCode: "92050", Country: "FR"},
	Representative: "Claire Dubois", RepresentativeTitle: "Présidente",
	Email: "recouvrement@fivs.example", Mobile: "06 12 34 56 78", Employees: 85,
}

// Seed writes the case into db.
func Seed(t testing.TB, db *gorm.DB, c Case) Seeded {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var cr models.Creditor
	if err := db.Where("siren = ?", Creditor.SIREN).Limit(1).Find(&cr).Error; err != nil || cr.ID == 0 {
		cr = Creditor
		must(db.Create(&cr).Error)
	}
	if c.Number == "" {
		c.Number = "FA-" + time.Now().Format("150405.000000000")
	}
	de := models.Debtor{CreditorID: cr.ID, Reference: "C-" + c.Number, Name: "Boulangerie Éclair", Kind: c.DebtorKind,
		LegalForm: c.LegalForm, RCSCity: c.RCSCity, Currency: "EUR", NaturalPerson: c.DebtorKind == models.Consumer,
		Address: models.Address{Line1: "5 place du Marché", PostalCode: c.PostalCode, City: c.City, InseeCode: c.InseeCode, Country: "FR"}}
	if c.DebtorKind == models.Consumer {
		de.Name = "Jean Dupont"
	}
	must(db.Create(&de).Error)
	outstanding := c.TotalCents
	if c.Payment != nil {
		outstanding -= c.Payment.Cents
	}
	inv := models.Invoice{CreditorID: cr.ID, Number: c.Number, DebtorID: de.ID, IssueDate: c.DueDate.AddDays(-30),
		DueDate: c.DueDate, TotalCents: c.TotalCents, Currency: "EUR", OutstandingCents: outstanding, LateRateBP: c.LateRateBP,
		Status: models.InvoiceOpen}
	must(db.Create(&inv).Error)
	cs := models.Case{CreditorID: cr.ID, DebtorID: de.ID, InvoiceID: inv.ID, WorkflowID: "recovery/" + c.Number,
		Phase: "litigation", Status: models.CaseOpen, BalanceCents: outstanding, Currency: "EUR"}
	must(db.Create(&cs).Error)
	if c.Payment != nil {
		p := models.Payment{CreditorID: cr.ID, DebtorID: &de.ID, Date: c.Payment.Date, AmountCents: c.Payment.Cents, Currency: "EUR"}
		must(db.Create(&p).Error)
		must(db.Create(&models.Allocation{InvoiceID: inv.ID, PaymentID: &p.ID, Cents: c.Payment.Cents, Rule: "manual"}).Error)
	}
	if !c.FormalDemand.IsZero() {
		must(db.Create(&models.CaseEvent{CaseID: cs.ID, Key: "formal_demand", At: c.FormalDemand.In(civil.Paris, 10, 0),
			Actor: "system", Kind: "formal_demand_sent", Summary: "Mise en demeure envoyée"}).Error)
	}
	return Seeded{CaseID: cs.ID, CreditorID: cr.ID, DebtorID: de.ID, InvoiceID: inv.ID}
}

package moneyin_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestImportEInvoiceSamples imports every real Factur-X and UBL sample into
// one database, in name order. The figures come from the documents (see
// internal/invoicesource/xml_samples_test.go): several samples are the same
// invoice in another syntax, and the Factur-X credit note AV-2017-0005
// corrects FA-2017-0010 of the same buyer, so it is allocated against it.
func TestImportEInvoiceSamples(t *testing.T) {
	for _, dbKind := range []string{"sqlite", "postgres"} {
		t.Run(dbKind, func(t *testing.T) {
			svc, db, _ := newService(t, dbKind)
			for _, dir := range []string{"facturx", "ubl"} {
				for _, rel := range sampleFiles(t, dir) {
					f := readSample(t, rel)
					importFile := svc.ImportUBL
					if dir == "facturx" {
						importFile = svc.ImportFacturX
					}
					sum, err := importFile(t.Context(), f)
					if err != nil {
						t.Fatalf("%s: %v", filepath.Base(rel), err)
					}
					if sum.Invoices.Created+sum.Invoices.Updated+sum.Invoices.Unchanged+
						sum.CreditNotes.Created+sum.CreditNotes.Updated+sum.CreditNotes.Unchanged != 1 {
						t.Errorf("%s: one document expected, summary %+v", filepath.Base(rel), sum)
					}
					importAgainChangesNothing(t, svc, db, f, importFile)
				}
			}
			want := map[string]struct {
				total, outstanding int64
				currency, debtor   string
			}{
				"FA-2017-0010": {671_15, 470_15 - 233_47, "EUR", "Ma jolie boutique SARL"}, // acompte 201.00, avoir 233.47
				"F20260023":    {104_90, 104_90, "EUR", "LE CLIENT"},
				"471102":       {197_65, 147_65, "EUR", "Kunden AG Mitte"}, // 50.00 prepaid
				"F124212":      {308_03, 208_03, "EUR", "Ma jolie boutique SARL"},
				"12115118":     {250_33, 250_33, "EUR", "ODIN 59"},
				"TOSL108":      {1801_78, 801_78, "NOK", "The Buyercompany"},
			}
			var invoices []models.Invoice
			db.Order("number").Find(&invoices)
			if len(invoices) != len(want) {
				t.Errorf("%d invoices, want %d", len(invoices), len(want))
			}
			for _, inv := range invoices {
				w, ok := want[inv.Number]
				var d models.Debtor
				db.Take(&d, inv.DebtorID)
				if !ok || inv.TotalCents != w.total || inv.OutstandingCents != w.outstanding || inv.Currency != w.currency || d.Name != w.debtor {
					t.Errorf("invoice %s: total %d, outstanding %d %s, debtor %q; want %+v", inv.Number,
						inv.TotalCents, inv.OutstandingCents, inv.Currency, d.Name, w)
				}
			}
			var boutique models.Debtor
			db.Where("siren = ?", "787878784").Take(&boutique)
			if boutique.SIRET != "78787878400018" || boutique.Address.City != "Lyon" || boutique.Address.PostalCode != "69001" {
				t.Errorf("buyer not stored from the UBL party: %+v", boutique)
			}
			var client models.Debtor // its SIREN fails the Luhn check: it is kept as its reference
			db.Where("reference = ?", "SIREN:987654321").Take(&client)
			if !strings.HasPrefix(client.Address.Line1, "MON ADRESSE") {
				t.Errorf("the MINIMUM profile erased the address the EN 16931 invoice gave: %+v", client.Address)
			}
			var notes []models.CreditNote
			db.Order("number").Find(&notes)
			if len(notes) != 2 || notes[0].Number != "018304 / 28865" || notes[0].RemainingCents != 100_11 ||
				notes[1].Number != "AV-2017-0005" || notes[1].RemainingCents != 0 {
				t.Errorf("credit notes %+v", notes)
			}
			var alloc models.Allocation
			db.Where("credit_note_id = ?", notes[len(notes)-1].ID).Take(&alloc)
			if alloc.Cents != 233_47 || alloc.Rule != "credit-note" {
				t.Errorf("credit note allocation %+v", alloc)
			}
		})
	}
}

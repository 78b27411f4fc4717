package moneyin_test

import (
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

const account = "FR7630006000011234567890189"

// ledgerFEC books four invoices of three customers.
var ledgerFEC = fec(
	[6]string{"C001", "Boulangerie Éclair", "FA-100", "20260901", "1200,00", ""},
	[6]string{"C001", "Boulangerie Éclair", "FA-101", "20261001", "300,00", ""},
	[6]string{"C002", "Garage Dupont", "FA-200", "20260915", "500,00", ""},
	[6]string{"C003", "Café Luna", "FA-300", "20260920", "800,00", ""},
)

func invoice(t *testing.T, db *gorm.DB, number string) models.Invoice {
	t.Helper()
	var inv models.Invoice
	if err := db.Where("number = ?", number).Take(&inv).Error; err != nil {
		t.Fatalf("invoice %s: %v", number, err)
	}
	return inv
}

func payment(t *testing.T, db *gorm.DB, bankRef string) models.Payment {
	t.Helper()
	var p models.Payment
	if err := db.Where("bank_reference = ?", bankRef).Take(&p).Error; err != nil {
		t.Fatalf("payment %s: %v", bankRef, err)
	}
	return p
}

// TestLettrage runs the rules on a statement against a FEC's invoices: an
// invoice number in the remittance, a shortfall within the tolerance booked
// as a write-off, an unknown payer left in suspense; an overlapping statement
// adds only its new line; manual lettrage and unlettering are audited.
func TestLettrage(t *testing.T) {
	for _, dbKind := range []string{"sqlite", "postgres"} {
		t.Run(dbKind, func(t *testing.T) {
			svc, db, rec := newService(t, dbKind)
			if sum, err := svc.ImportFEC(t.Context(), ledgerFEC); err != nil || sum.Invoices.Created != 4 || len(sum.Cases) != 4 {
				t.Fatalf("FEC: %+v, %v", sum, err)
			}
			statement := camt053(account, 10_000_00, 0,
				credit{1200_00, "2026-11-20", "BOULANGERIE ECLAIR", "Reglement FA-100 merci", "BANK1"},
				credit{499_20, "2026-11-20", "GARAGE DUPONT", "virement novembre", "BANK2"},
				credit{250_00, "2026-11-20", "INCONNU SA", "commande 77", "BANK3"},
			)
			sum, err := svc.ImportBank(t.Context(), statement)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Payments.Created != 3 || sum.Allocations != 3 || sum.AllocatedCents != 1699_20 ||
				sum.WrittenOffCents != 80 || sum.SuspenseCount != 1 || sum.SuspenseCents != 250_00 {
				t.Errorf("summary %+v", sum)
			}
			for number, want := range map[string]struct {
				outstanding int64
				status      models.InvoiceStatus
			}{"FA-100": {0, models.InvoicePaid}, "FA-200": {0, models.InvoicePaid},
				"FA-101": {300_00, models.InvoiceOpen}, "FA-300": {800_00, models.InvoiceOpen}} {
				if inv := invoice(t, db, number); inv.OutstandingCents != want.outstanding || inv.Status != want.status {
					t.Errorf("%s: %d outstanding, %s; want %d, %s", number, inv.OutstandingCents, inv.Status, want.outstanding, want.status)
				}
			}
			fa200 := invoice(t, db, "FA-200")
			var lines []models.Allocation
			db.Where("invoice_id = ?", fa200.ID).Order("id").Find(&lines)
			if len(lines) != 2 || lines[0].Cents != 499_20 || lines[1].Cents != 80 || lines[1].Rule != moneyin.RuleWriteOff {
				t.Errorf("FA-200 allocation lines %+v", lines)
			}
			if p := payment(t, db, "BANK2"); p.UnallocatedCents != 0 || p.DebtorID == nil || *p.DebtorID != fa200.DebtorID {
				t.Errorf("BANK2 payment %+v", p)
			}
			if p := payment(t, db, "BANK3"); p.UnallocatedCents != 250_00 || p.DebtorID != nil {
				t.Errorf("BANK3 payment should wait in suspense: %+v", p)
			}
			// One signal per invoice and payment; the write-off goes with
			// the payment it completes, so the workflow sees the invoice paid.
			wantSignals := map[string]int64{recovery.WorkflowID(1, "FA-100"): 1200_00, recovery.WorkflowID(1, "FA-200"): 500_00}
			if len(rec.signals) != len(wantSignals) {
				t.Errorf("signals %+v", rec.signals)
			}
			for wf, cents := range wantSignals {
				if got := rec.signals[wf]; len(got) != 1 || got[0].AmountCents != cents || got[0].Date.String() != "2026-11-20" || got[0].Reference == "" {
					t.Errorf("signals to %s: %+v, want one of %d cents", wf, got, cents)
				}
			}
			var audits int64
			db.Model(&models.AuditLog{}).Where("action = ?", "allocation.auto").Count(&audits)
			if audits != 3 {
				t.Errorf("%d audit entries for 3 allocation lines", audits)
			}

			importAgainChangesNothing(t, svc, db, statement, svc.ImportBank)

			// The next day's statement repeats BANK2 and brings a payment of FA-101.
			next := camt053(account, 11_949_20, 0,
				credit{499_20, "2026-11-20", "GARAGE DUPONT", "virement novembre", "BANK2"},
				credit{300_00, "2026-11-21", "Boulangerie Eclair", "FA-101", "BANK4"},
			)
			if sum, err := svc.ImportBank(t.Context(), next); err != nil || sum.Payments.Created != 1 || sum.Payments.Unchanged != 1 {
				t.Errorf("overlapping statement: %+v, %v", sum, err)
			}
			if inv := invoice(t, db, "FA-101"); inv.Status != models.InvoicePaid {
				t.Errorf("FA-101 not paid by BANK4: %+v", inv)
			}

			manualAndReverse(t, svc, db, rec)
		})
	}
}

func manualAndReverse(t *testing.T, svc *moneyin.Service, db *gorm.DB, rec *recorder) {
	t.Helper()
	by := moneyin.Actor{Email: "gestionnaire@test.local"}
	fa300, bank3 := invoice(t, db, "FA-300"), payment(t, db, "BANK3")
	if _, err := svc.Allocate(t.Context(), moneyin.ManualAllocation{InvoiceID: fa300.ID, PaymentID: &bank3.ID}, by); err == nil {
		t.Error("a manual allocation without a reason was accepted")
	}
	tooMuch := moneyin.ManualAllocation{InvoiceID: fa300.ID, PaymentID: &bank3.ID, Cents: 250_01, Reason: "x"}
	var inputErr *moneyin.InputError
	if _, err := svc.Allocate(t.Context(), tooMuch, by); !errors.As(err, &inputErr) || inputErr.Field != "cents" {
		t.Errorf("allocating more than the payment: %v", err)
	}
	a, err := svc.Allocate(t.Context(), moneyin.ManualAllocation{InvoiceID: fa300.ID, PaymentID: &bank3.ID,
		Reason: "Café Luna paie via sa maison mère Inconnu SA"}, by)
	if err != nil {
		t.Fatal(err)
	}
	if a.Cents != 250_00 || a.Rule != moneyin.RuleManual || a.CreatedBy != by.Email {
		t.Errorf("manual allocation %+v", a)
	}
	if inv := invoice(t, db, "FA-300"); inv.OutstandingCents != 550_00 {
		t.Errorf("FA-300 outstanding %d after 250.00 lettered by hand", inv.OutstandingCents)
	}
	if got := rec.signals[recovery.WorkflowID(1, "FA-300")]; len(got) != 1 || got[0].AmountCents != 250_00 || got[0].By != by.Email {
		t.Errorf("manual allocation signals %+v", got)
	}
	var audit models.AuditLog
	db.Where("action = ?", "allocation.manual").Take(&audit)
	if !strings.Contains(audit.After, "maison mère") || audit.Actor != by.Email {
		t.Errorf("manual allocation audit %+v", audit)
	}

	if _, err := svc.Reverse(t.Context(), a.ID, " ", by); !errors.As(err, &inputErr) {
		t.Errorf("reversal without a reason: %v", err)
	}
	rev, err := svc.Reverse(t.Context(), a.ID, "erreur de tiers", by)
	if err != nil || len(rev.Allocations) != 1 || rev.Allocations[0].ReversedAt == nil {
		t.Fatalf("reverse: %+v, %v", rev, err)
	}
	if inv, p := invoice(t, db, "FA-300"), payment(t, db, "BANK3"); inv.OutstandingCents != 800_00 || p.UnallocatedCents != 250_00 {
		t.Errorf("after reversal FA-300 owes %d and BANK3 has %d unallocated", inv.OutstandingCents, p.UnallocatedCents)
	}
	if _, err := svc.Reverse(t.Context(), a.ID, "encore", by); !errors.Is(err, moneyin.ErrConflict) {
		t.Errorf("second reversal: %v, want ErrConflict", err)
	}

	// Unlettering a payment settled with a write-off reopens the invoice whole.
	var line models.Allocation
	db.Where("invoice_id = ? AND rule <> ?", invoice(t, db, "FA-200").ID, moneyin.RuleWriteOff).Take(&line)
	rev, err = svc.Reverse(t.Context(), line.ID, "virement rejeté par la banque", by)
	if err != nil || len(rev.Allocations) != 2 {
		t.Fatalf("reverse FA-200: %+v, %v", rev, err)
	}
	if inv := invoice(t, db, "FA-200"); inv.OutstandingCents != 500_00 || inv.Status != models.InvoiceOpen {
		t.Errorf("FA-200 after unlettering: %+v", inv)
	}
	var unlettered int64
	db.Model(&models.CaseEvent{}).Where("kind = ?", "unlettered").Count(&unlettered)
	if unlettered != 2 || rev.Warning != "" {
		t.Errorf("%d unlettering events on case timelines, want 2; warning %q", unlettered, rev.Warning)
	}
	// The open case's workflow is told to owe again (recorded as a negative payment).
	var c models.Case
	db.Where("invoice_id = ?", invoice(t, db, "FA-200").ID).Take(&c)
	sigs := rec.signals[c.WorkflowID]
	if len(sigs) == 0 || sigs[len(sigs)-1].AmountCents >= 0 {
		t.Errorf("signals to %s: %+v, want a payment_reversed last", c.WorkflowID, sigs)
	}
	var reversals int64
	db.Model(&models.AuditLog{}).Where("action = ?", "allocation.reverse").Count(&reversals)
	if reversals != 3 {
		t.Errorf("%d reversal audit entries, want 3 (one per line)", reversals)
	}
	// The next import leaves unlettered payments to people.
	if sum, err := svc.ImportBank(t.Context(), camt053(account, 0, 0)); err != nil || sum.Allocations != 0 {
		t.Errorf("an empty statement lettered again: %+v, %v", sum, err)
	}
	suspense, err := svc.Suspense(t.Context(), 0)
	if err != nil || len(suspense) != 2 {
		t.Errorf("suspense list %+v, %v; want BANK2 and BANK3", suspense, err)
	}
}

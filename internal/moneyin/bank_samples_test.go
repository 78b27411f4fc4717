package moneyin_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// bankFigures are the credit entries of each sample statement: for CFONB
// counted from the 04 records' over-punched amounts with a separate script,
// for camt.053 as SOURCES.md describes the files. Debits (card payments,
// direct debits, bank fees) and reversals are not payments.
var bankFigures = map[string]struct {
	payments int64
	cents    int64
	currency string
	rejected bool // the statement does not add up: refused whole
}{
	"oca_cfonb_classic.cfo":       {9, 17968_57, "EUR", false},
	"oca_test_cfonb.txt":          {0, 0, "", false},
	"oca_test_cfonb_one_line.txt": {0, 0, "", false},
	"pennylane_example.txt":       {1, 97_49, "EUR", false},
	"silarhi_complex-test.txt":    {0, 0, "", false},
	// Its balances are invented: 15,568.27 − 754.25 − 664.05 + 1,405.31 is
	// not the 15,121.12 it closes with (see internal/bankstatement).
	"oca_test-camt053.xml": {0, 0, "", true},
	// One entry of 3,483.00 split into two transactions, two payments.
	"oca_test-camt053-txdtls.xml":           {2, 3483_00, "CHF", false},
	"genkgo_camt053.v2.multi.statement.xml": {1, 8_85, "EUR", false},
	// Its closing balance is in SEK and its opening balance in EUR.
	"genkgo_camt053.v8.xml": {0, 0, "", true},
}

// TestImportBankSamples imports every real statement into one database with
// no invoices: each credit becomes one payment, all of it in suspense, and
// importing a statement again adds nothing.
func TestImportBankSamples(t *testing.T) {
	for _, dbKind := range []string{"sqlite", "postgres"} {
		t.Run(dbKind, func(t *testing.T) {
			svc, db, _ := newService(t, dbKind)
			for _, rel := range append(sampleFiles(t, "cfonb120"), sampleFiles(t, "camt053")...) {
				name := filepath.Base(rel)
				want, ok := bankFigures[name]
				if !ok {
					t.Errorf("sample %s has no expected figures: add them", name)
					continue
				}
				before := takeSnapshot(t, db)
				f := readSample(t, rel)
				sum, err := svc.ImportBank(t.Context(), f)
				if want.rejected {
					var rej *moneyin.RejectedError
					if !errors.As(err, &rej) || len(sum.Rejected) != 1 {
						t.Errorf("%s: err %v, summary %+v; want the file rejected", name, err, sum)
					}
					if after := takeSnapshot(t, db); after != before {
						t.Errorf("%s: a rejected statement changed the database", name)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var added struct {
					N     int64
					Cents int64
				}
				q := db.Model(&models.Payment{}).Where("id > ?", lastPaymentID(before))
				if want.currency != "" {
					q = q.Where("currency = ?", want.currency)
				}
				q.Select("COUNT(*) AS n, COALESCE(SUM(unallocated_cents), 0) AS cents").Scan(&added)
				if added.N != want.payments || added.Cents != want.cents || int64(sum.Payments.Created) != want.payments {
					t.Errorf("%s: %d payments of %d cents in suspense (summary %+v), want %d of %d %s",
						name, added.N, added.Cents, sum.Payments, want.payments, want.cents, want.currency)
				}
				importAgainChangesNothing(t, svc, db, f, svc.ImportBank)
			}
			var p models.Payment
			db.Where("amount_cents = ? AND source = ?", 2187_00, "camt053").Take(&p)
			if p.BankReference == "" && p.Reference == "" || p.Remittance == "" {
				t.Errorf("camt payment lost its references: %+v", p)
			}
		})
	}
}

// lastPaymentID is the highest payment ID in a snapshot's database: payments
// are only ever added, so their count is it.
func lastPaymentID(s snapshot) int64 { return s.Payments }

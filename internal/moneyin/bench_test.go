package moneyin_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// BenchmarkImportBank1kAgainst10k measures a bank import on SQLite with its
// lettrage pass: 1 000 transfers (half quoting an invoice number, half
// paying the exact amount of one of the payer's invoices) against 10 000
// open invoices of 1 000 debtors. Matching itself is benchmarked at 10 000
// against 100 000 in internal/lettrage; this adds the database work.
func BenchmarkImportBank1kAgainst10k(b *testing.B) {
	const debtors, perDebtor, transfers = 1000, 10, 1000
	for b.Loop() {
		b.StopTimer()
		svc, db, _ := newService(b, "sqlite")
		ds := make([]models.Debtor, debtors)
		for i := range ds {
			ds[i] = models.Debtor{CreditorID: 1, Reference: fmt.Sprintf("C%05d", i), Name: fmt.Sprintf("Client %05d SARL", i),
				Kind: models.Trader, Currency: "EUR"}
		}
		db.CreateInBatches(&ds, 500)
		invoices := make([]models.Invoice, 0, debtors*perDebtor)
		issue := civil.MustParse("2026-09-01")
		for i := range debtors * perDebtor {
			cents := int64(100_00 + i)
			invoices = append(invoices, models.Invoice{CreditorID: 1, DebtorID: ds[i%debtors].ID, Number: fmt.Sprintf("FA-%06d", i),
				IssueDate: issue, DueDate: issue.AddDays(30 + i%60), TotalCents: cents, NetCents: cents, Currency: "EUR",
				OutstandingCents: cents, Status: models.InvoiceOpen, Source: "bench"})
		}
		db.CreateInBatches(&invoices, 500)
		var credits []credit
		var total int64
		for i := range transfers {
			inv := invoices[i*7%len(invoices)]
			c := credit{inv.TotalCents, "2026-11-20", ds[(i*7%len(invoices))%debtors].Name, "virement", fmt.Sprintf("B%06d", i)}
			if i%2 == 0 {
				c.remittance = "Facture " + inv.Number
			}
			credits = append(credits, c)
			total += c.cents
		}
		f := camt053(account, 0, 0, credits...)
		b.StartTimer()
		sum, err := svc.ImportBank(b.Context(), f)
		if err != nil || sum.Payments.Created != transfers || sum.Allocations < transfers {
			b.Fatalf("%d payments, %d allocations, %v", sum.Payments.Created, sum.Allocations, err)
		}
		b.ReportMetric(float64(sum.AllocatedCents)/float64(total), "allocated/paid")
	}
}

// BenchmarkImportFEC100kLines imports a FEC of 100 000 lines of which one in
// 50 is an open customer invoice (2 000 invoices of 200 debtors, each with a
// case), on SQLite, in one transaction. The parser streams; the service
// holds the file's bytes and the open lines, not the parsed file.
func BenchmarkImportFEC100kLines(b *testing.B) {
	const lines, openEvery, debtors = 100_000, 50, 200
	var buf strings.Builder
	buf.WriteString("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n")
	for i := 1; i < lines; i++ {
		date := fmt.Sprintf("202609%02d", 1+i%28)
		if i%openEvery == 0 {
			d := i / openEvery % debtors
			fmt.Fprintf(&buf, "VE\tVentes\t%d\t%s\t411000\tClients\tC%04d\tClient %04d SARL\tFA-%06d\t%s\tFacture\t%d,%02d\t0,00\t\t\t%s\t\t\n",
				i, date, d, d, i, date, 100+i%900, i%100, date)
			continue
		}
		fmt.Fprintf(&buf, "VE\tVentes\t%d\t%s\t706000\tVentes de services\t\t\tFA-%06d\t%s\tPrestation\t0,00\t%d,%02d\t\t\t%s\t\t\n",
			i, date, i, date, 80+i%700, i%100, date)
	}
	f := moneyin.File{Name: "412345670FEC20261231.txt", Content: []byte(buf.String())}
	b.SetBytes(int64(len(f.Content)))
	for b.Loop() {
		b.StopTimer()
		svc, _, _ := newService(b, "sqlite")
		b.StartTimer()
		sum, err := svc.ImportFEC(b.Context(), f)
		if err != nil || sum.Invoices.Created != (lines-1)/openEvery {
			b.Fatalf("%+v, %v", sum.Invoices, err)
		}
	}
}

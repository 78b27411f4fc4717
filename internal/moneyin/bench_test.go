package moneyin_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

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

// fecStream produces a FEC of n lines (header included) on the fly, one in
// openEvery an open invoice on one of debtors customer accounts and the
// others sales lines, so that a benchmark can import a file larger than it
// would want to hold.
type fecStream struct {
	n, openEvery, debtors int
	i                     int // next line, 0 being the header
	pending               []byte
}

func (s *fecStream) Read(p []byte) (int, error) {
	for len(s.pending) < len(p) && s.i < s.n {
		s.pending = s.appendLine(s.pending, s.i)
		s.i++
	}
	if len(s.pending) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.pending)
	s.pending = s.pending[:copy(s.pending, s.pending[n:])]
	return n, nil
}

func (s *fecStream) appendLine(b []byte, i int) []byte {
	if i == 0 {
		return append(b, "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"...)
	}
	date := fmt.Sprintf("202609%02d", 1+i%28)
	if i%(4*s.openEvery) == s.openEvery/2 {
		// One invoice in four is paid by a transfer quoting it, still in
		// suspense on the customer account.
		inv := i - s.openEvery/2
		d := inv / s.openEvery % s.debtors
		return fmt.Appendf(b, "BQ\tBanque\t%d\t%s\t411000\tClients\tC%04d\tClient %04d SARL\tVIR-%07d\t%s\tVirement FA-%07d\t0,00\t%d,%02d\t\t\t%s\t\t\n",
			i, date, d, d, i, date, inv, 100+inv%900, inv%100, date)
	}
	if i%s.openEvery == 0 {
		d := i / s.openEvery % s.debtors
		return fmt.Appendf(b, "VE\tVentes\t%d\t%s\t411000\tClients\tC%04d\tClient %04d SARL\tFA-%07d\t%s\tFacture\t%d,%02d\t0,00\t\t\t%s\t\t\n",
			i, date, d, d, i, date, 100+i%900, i%100, date)
	}
	return fmt.Appendf(b, "VE\tVentes\t%d\t%s\t706000\tVentes de services\t\t\tFA-%07d\t%s\tPrestation\t0,00\t%d,%02d\t\t\t%s\t\t\n",
		i, date, i, date, 80+i%700, i%100, date)
}

// BenchmarkImportFEC1MLines streams a FEC of 1 000 000 lines (2 % open
// invoices: 20 000 invoices of 200 debtors, each opening a case, and 5 000
// transfers paying one in four of them) into PostgreSQL in one transaction,
// then imports it again, which must change nothing. It reports the seconds of each import and the peak heap in use;
// BenchmarkImportFEC200kLines shows the heap does not follow the file size.
func BenchmarkImportFEC1MLines(b *testing.B) { benchmarkFECStream(b, 1_000_000, 50) }

// BenchmarkImportFEC200kLines is BenchmarkImportFEC1MLines at 200 000 lines.
func BenchmarkImportFEC200kLines(b *testing.B) { benchmarkFECStream(b, 200_000, 50) }

// BenchmarkImportFEC1MLinesFewOpen has the 4 000 open invoices of
// BenchmarkImportFEC200kLines in a file five times as long: what the heap
// holds follows the open lines, not the bytes of the file.
func BenchmarkImportFEC1MLinesFewOpen(b *testing.B) { benchmarkFECStream(b, 1_000_000, 250) }

func benchmarkFECStream(b *testing.B, lines, openEvery int) {
	const debtors = 200
	for b.Loop() {
		b.StopTimer()
		svc, db, _ := newService(b, "postgres")
		runtime.GC()
		peak := watchHeap()
		b.StartTimer()
		start := time.Now()
		sum, err := svc.ImportFEC(b.Context(), moneyin.File{Name: "412345670FEC20261231.txt",
			Body: &fecStream{n: lines, openEvery: openEvery, debtors: debtors}})
		first := time.Since(start)
		if err != nil || sum.Invoices.Created != (lines-1)/openEvery || sum.Payments.Created != (lines+3*openEvery/2)/(4*openEvery) {
			b.Fatalf("%+v, %+v, %v", sum.Invoices, sum.Payments, err)
		}
		before := takeSnapshot(b, db)
		start = time.Now()
		again, err := svc.ImportFEC(b.Context(), moneyin.File{Name: "412345670FEC20261231.txt",
			Body: &fecStream{n: lines, openEvery: openEvery, debtors: debtors}})
		second := time.Since(start)
		b.StopTimer()
		heap := peak()
		if err != nil || !again.AlreadyImported || again.Created+again.Updated != 0 || again.SHA256 != sum.SHA256 {
			b.Fatalf("second import %+v, %v", again, err)
		}
		if after := takeSnapshot(b, db); after != before {
			b.Fatalf("second import changed the database:\nbefore %+v\nafter  %+v", before, after)
		}
		b.ReportMetric(first.Seconds(), "s/import")
		b.ReportMetric(second.Seconds(), "s/reimport")
		b.ReportMetric(float64(heap)/(1<<20), "MB-peak-heap")
		b.ReportMetric(float64(sum.Allocations), "allocations")
		b.StartTimer()
	}
}

// watchHeap samples the heap in use every 5 ms until the returned function
// is called, which gives the highest value seen.
func watchHeap() func() uint64 {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		var m runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

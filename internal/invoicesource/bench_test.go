package invoicesource

import (
	"io"
	"runtime"
	"strconv"
	"testing"
)

// fecGenerator is an io.Reader producing a FEC of lines lines (header
// included) on the fly, so that a benchmark over a million lines measures the
// parser and not a file held in memory. Every fifth entry is on a customer
// account; openEvery tells how many of those stay open (0: none).
type fecGenerator struct {
	lines, written int
	openEvery      int
	pending, store []byte
	onLine         func(n int) // called every 50 000 lines, for memory sampling
}

const fecGenHeader = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"

func (g *fecGenerator) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(g.pending) == 0 {
			if g.written >= g.lines {
				if n == 0 {
					return 0, io.EOF
				}
				break
			}
			g.store = g.appendLine(g.store[:0], g.written)
			g.pending = g.store
			g.written++
			if g.onLine != nil && g.written%50000 == 0 {
				g.onLine(g.written)
			}
		}
		c := copy(p[n:], g.pending)
		g.pending = g.pending[c:]
		n += c
	}
	return n, nil
}

func (g *fecGenerator) appendLine(b []byte, i int) []byte {
	if i == 0 {
		return append(b, fecGenHeader...)
	}
	day := 1 + i%28
	cents := int64(100 + i%997*113)
	date := func(b []byte) []byte {
		b = append(b, "202403"...)
		if day < 10 {
			b = append(b, '0')
		}
		return strconv.AppendInt(b, int64(day), 10)
	}
	amount := func(b []byte, c int64) []byte {
		b = strconv.AppendInt(b, c/100, 10)
		b = append(b, ',')
		if c%100 < 10 {
			b = append(b, '0')
		}
		return strconv.AppendInt(b, c%100, 10)
	}
	b = append(b, "VE\tVentes\t"...)
	b = strconv.AppendInt(b, int64(i/5), 10)
	b = append(b, '\t')
	b = date(b)
	customer := i%5 == 0
	if customer {
		b = append(b, "\t411000\tClients\tC"...)
		b = strconv.AppendInt(b, int64(i%1000), 10)
		b = append(b, "\tClient n°"...)
		b = strconv.AppendInt(b, int64(i%1000), 10)
	} else {
		b = append(b, "\t706000\tPrestations de services\t\t"...)
	}
	b = append(b, "\tFA"...)
	b = strconv.AppendInt(b, int64(i/5), 10)
	b = append(b, '\t')
	b = date(b)
	b = append(b, "\tFacture de prestation été\t"...)
	if customer {
		b = amount(b, cents)
		b = append(b, "\t0,00\t"...)
		if g.openEvery == 0 || i%(5*g.openEvery) != 0 {
			b = append(b, "AA\t20240415"...)
		} else {
			b = append(b, '\t')
		}
	} else {
		b = append(b, "0,00\t"...)
		b = amount(b, cents)
		b = append(b, "\t\t"...)
	}
	return append(b, "\t20240430\t\t\n"...)
}

// BenchmarkScanFEC1M scans a generated FEC of one million lines, one in
// fifty being an open receivable, and reports throughput, allocations per
// line and the peak live heap, which must not grow with the file.
func BenchmarkScanFEC1M(b *testing.B) {
	const lines = 1_000_000
	b.ReportAllocs()
	var peak uint64
	var ms runtime.MemStats
	sample := func(int) {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	var mallocsBefore uint64
	runtime.ReadMemStats(&ms)
	mallocsBefore = ms.Mallocs
	for b.Loop() {
		gen := &fecGenerator{lines: lines, openEvery: 10, onLine: sample}
		open := 0
		st, err := ScanFEC(gen, FECOptions{}, func(Document) error { open++; return nil })
		if err != nil {
			b.Fatal(err)
		}
		if st.Lines != lines || open != (lines-1)/50 {
			b.Fatalf("scanned %d lines, %d open; want %d, %d", st.Lines, open, lines, (lines-1)/50)
		}
	}
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(ms.Mallocs-mallocsBefore)/float64(lines*b.N), "allocs/line")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// Memory must not depend on the file size: a settled line (lettered, or not
// on a customer account) allocates nothing.
func TestScanFECAllocationsIndependentOfSize(t *testing.T) {
	allocs := func(lines int) float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := ScanFEC(&fecGenerator{lines: lines}, FECOptions{}, func(Document) error { return nil }); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(1_000), allocs(20_000)
	if large > small+5 {
		t.Errorf("%v allocations for 20 000 lines against %v for 1 000: memory grows with the file", large, small)
	}
}

func TestFECGeneratorIsValid(t *testing.T) {
	var docs []Document
	st, err := ScanFEC(&fecGenerator{lines: 1001, openEvery: 10}, FECOptions{}, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Lines != 1001 || st.CustomerLines != 200 || len(docs) != 20 || docs[0].Buyer.Name != "Client n°50" {
		t.Errorf("stats %+v, %d documents, first %+v", st, len(docs), docs[0])
	}
}

package invoicesource

import (
	"bytes"
	"testing"

	"github.com/recouvra/recouvra/internal/money"
)

// addSamples seeds a fuzz target with every sample file of dirs.
func addSamples(f *testing.F, dirs ...string) {
	for _, dir := range dirs {
		for _, name := range sampleNames(f, dir) {
			f.Add(readSample(f, dir, name))
		}
	}
}

// checkDocumentInvariants holds for anything a parser accepts.
func checkDocumentInvariants(t *testing.T, d Document) {
	t.Helper()
	if d.Number == "" && d.Source != SourceFEC {
		t.Errorf("document without number: %+v", d)
	}
	if d.Type != TypeInvoice && d.Type != TypeCreditNote && d.Type != TypePayment {
		t.Errorf("type %q", d.Type)
	}
	if !money.ValidCurrency(d.Currency) {
		t.Errorf("currency %q", d.Currency)
	}
	if d.IssueDate.IsZero() {
		t.Errorf("no issue date: %+v", d)
	}
}

func FuzzParseFEC(f *testing.F) {
	addSamples(f, "fec")
	f.Add([]byte(fecText("|", "|\n", fecHeader, sale("C1", "Crème", "F1", "20240101", "1,00"))))
	f.Add([]byte("JournalCode\tMontant\tSens\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var sum int64
		n := 0
		st, err := ScanFEC(bytes.NewReader(data), FECOptions{}, func(d Document) error {
			checkDocumentInvariants(t, d)
			if d.TotalCents <= 0 {
				t.Errorf("line %d: amount %d not positive", d.Line, d.TotalCents)
			}
			if d.Type == TypeInvoice {
				sum += d.TotalCents
			} else {
				sum -= d.TotalCents
			}
			n++
			return nil
		})
		if err == nil && (n != st.OpenLines || sum != st.OpenBalanceCents()) {
			t.Errorf("%d documents summing to %d, stats %+v", n, sum, st)
		}
	})
}

func FuzzParseCII(f *testing.F) {
	for _, name := range sampleNames(f, "facturx") {
		if data := readSample(f, "facturx", name); !bytes.HasPrefix(data, []byte("%PDF")) {
			f.Add(data)
		}
	}
	f.Add([]byte(ciiTemplate))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := ParseCII(bytes.NewReader(data)); err == nil {
			checkDocumentInvariants(t, d)
		}
	})
}

func FuzzParseUBL(f *testing.F) {
	addSamples(f, "ubl")
	f.Add([]byte(ublTemplate))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := ParseUBL(bytes.NewReader(data)); err == nil {
			checkDocumentInvariants(t, d)
		}
	})
}

func FuzzParseFacturX(f *testing.F) {
	for _, name := range sampleNames(f, "facturx") {
		if data := readSample(f, "facturx", name); bytes.HasPrefix(data, []byte("%PDF")) {
			f.Add(data)
		}
	}
	f.Add(attachmentPDF("factur-x.xml", testObj{num: 4, dict: "<< /Filter /FlateDecode /Length 6 0 R >>",
		stream: deflate([]byte(ciiTemplate))}, testObj{num: 6, dict: "999"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := ParseFacturX(bytes.NewReader(data), int64(len(data))); err == nil {
			checkDocumentInvariants(t, d)
		}
	})
}

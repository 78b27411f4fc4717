package bankstatement

import (
	"bytes"
	"strings"
	"testing"
)

// seedSamples adds every file of a samples sub-directory to the corpus.
func seedSamples(f *testing.F, dir string) {
	for _, rel := range sampleFiles(f, dir) {
		f.Add(readSample(f, rel))
	}
}

func FuzzParseCFONB120(f *testing.F) {
	seedSamples(f, "cfonb120")
	f.Add([]byte(lines(r01("0000000010000{"), r04("0000000001234X", "VIR"), r05("LC2", "é"), r07("0000000010000{"))))
	f.Add([]byte(r01("0000000010000{") + r04("0000000000500{", "VIR") + r05("LCC", "ÉTÉ") + r07("0000000010500{")))
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := ParseCFONB120(bytes.NewReader(data))
		if err != nil {
			if ss != nil {
				t.Errorf("statements returned with error %v", err)
			}
			return
		}
		for _, s := range ss {
			_ = s.Check()
			if !strings.HasPrefix(s.Source, "line ") {
				t.Errorf("statement source %q", s.Source)
			}
			for _, e := range s.Entries {
				if e.Line < 1 || e.BookingDate.IsZero() || len(e.Currency) != 3 {
					t.Errorf("entry without line, date or currency: %+v", e)
				}
			}
		}
		_, _ = Parse("fuzz.txt", bytes.NewReader(data))
	})
}

func FuzzParseCAMT053(f *testing.F) {
	seedSamples(f, "camt053")
	f.Add([]byte(camtDoc(camtStmt("130.00", camtNtry("30.00", "CRDT", "<NtryDtls>"+
		camtTxDtls("A", "50.00", "CRDT", "X", "F1")+camtTxDtls("B", "20.00", "DBIT", "Y", "F2")+"</NtryDtls>")))))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><Document><BkToCstmrStmt><Stmt/></BkToCstmrStmt></Document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := ParseCAMT053(bytes.NewReader(data))
		if err != nil {
			if ss != nil {
				t.Errorf("statements returned with error %v", err)
			}
			return
		}
		for _, s := range ss {
			_ = s.Check()
			for _, e := range s.Entries {
				if !strings.HasPrefix(e.Path, "Document/BkToCstmrStmt/Stmt[") || e.BookingDate.IsZero() {
					t.Errorf("entry without path or date: %+v", e)
				}
			}
		}
		_, _ = Parse("fuzz.xml", bytes.NewReader(data))
	})
}

package bankstatement

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// rec builds a 120-character record from texts placed at 1-based positions.
func rec(fields ...any) string {
	b := []rune(strings.Repeat(" ", recordLen))
	for i := 0; i+1 < len(fields); i += 2 {
		copy(b[fields[i].(int)-1:], []rune(fields[i+1].(string)))
	}
	return string(b)
}

// The records of a small statement of account 30003 01234 01234567890.
func r01(amount string) string {
	return rec(1, "0130003    01234EUR2 01234567890  120124", 91, amount)
}

func r04(amount, label string) string {
	return rec(1, "0430003000501234EUR2E0123456789018130124  130124", 49, label, 91, amount)
}

func r05(qualifier, text string) string {
	return rec(1, "0530003000501234EUR2E0123456789018130124", 46, qualifier, 49, text)
}

func r07(amount string) string {
	return rec(1, "0730003    01234EUR2 01234567890  130124", 91, amount)
}

// put overwrites record r with text at the 1-based position pos.
func put(r string, pos int, text string) string { return rec(1, r, pos, text) }

func lines(records ...string) string { return strings.Join(records, "\n") + "\n" }

func TestParseCFONB120Errors(t *testing.T) {
	good04 := r04("0000000010000{", "VIR CLIENT")
	tests := []struct {
		name, input, wantErr string
	}{
		{"empty file", "", "no CFONB 120 record in the file"},
		{"blank lines only", "\n  \r\n", "no CFONB 120 record in the file"},
		{"short line", lines(r01("0000000010000{"), good04[:100]), "line 2: record is 100 characters long, want 120"},
		{"long line", lines(r01("0000000010000{") + "XYZ"), "line 1: record is 123 characters long"},
		{"bad record code", lines(r01("0000000010000{"), put(good04, 1, "03")), `line 2: unknown record code "03" (want 01, 04, 05 or 07)`},
		{"unknown code first", lines(put(good04, 1, "00")), `line 1: unknown record code "00"`},
		{"movement before any opening", lines(good04), `line 1: record "04" outside a statement`},
		{"complement without movement", lines(r01("0000000010000{"), r05("LIB", "X")),
			"line 2: complement record 05 does not follow a movement record 04"},
		{"statement never closed", lines(r01("0000000010000{"), good04), "line 1: statement opened here has no closing record 07"},
		{"second opening before closing", lines(r01("0000000010000{"), r01("0000000010000{")),
			"line 2: new statement (record 01) before the statement opened at line 1 was closed"},
		{"wrong over-punch", lines(r01("0000000010000{"), r04("0000000001234X", "VIR")),
			`line 2: amount "0000000001234X": invalid over-punched sign character 'X'`},
		{"letter in amount", lines(r01("00000000100O0{")), `line 1: amount "00000000100O0{": character 'O' at position 12 is not a digit`},
		{"impossible booking date", lines(r01("0000000010000{"), put(good04, 35, "320124")),
			`line 2: booking date (positions 35–40): date "320124": day 32 does not exist in 2024-01`},
		{"bad value date", lines(r01("0000000010000{"), put(good04, 43, "13XX24")),
			`line 2: value date (positions 43–48): date "13XX24" is not of the form JJMMAA`},
		{"bad closing date", lines(r01("0000000010000{"), put(r07("0000000010000{"), 35, "      ")),
			"line 2: closing balance date (positions 35–40)"},
		{"bad decimals", lines(put(r01("0000000010000{"), 20, "X")),
			`line 1: number of decimals "X" is not a digit`},
		{"bad currency", lines(put(r01("0000000010000{"), 17, "eur")),
			`line 1: currency "eur" (positions 17–19) is not an ISO 4217 code`},
		{"other account", lines(r01("0000000010000{"), put(good04, 22, "99999999999")),
			`line 2: account "99999999999" differs from "01234567890" of the statement opened at line 1`},
		{"error located in a one-line file", r01("0000000010000{") + r04("000000000100?{", "VIR"),
			`line 1, record 2: amount "000000000100?{": character '?' at position 13 is not a digit`},
	}
	for _, tt := range tests {
		_, err := ParseCFONB120(strings.NewReader(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error = %v, want it to contain %q", tt.name, err, tt.wantErr)
		}
	}
}

// The exact wording asked for in the specification of this package.
func TestParseCFONB120AmountErrorWording(t *testing.T) {
	in := lines(r01("0000000010000{"), r04("0000000001234X", "VIR"), r07("0000000010000{"))
	_, err := ParseCFONB120(strings.NewReader(in))
	want := `line 2: amount "0000000001234X": invalid over-punched sign character 'X'`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

func TestParseCFONB120Encodings(t *testing.T) {
	const text = "RÈGLEMENT FACTURE F-2024-017 ŒUVRE 12 € à Noël"
	utf8File := lines(r01("0000000010000{"), r04("0000000001200{", "VIR SOCIÉTÉ GÉNÉRALE"), r05("LIB", text),
		r05("NPY", "ÉTS DUPRÉ & FILS"), r07("0000000011200{"))
	latin9File, err := charmap.ISO8859_15.NewEncoder().String(utf8File)
	if err != nil {
		t.Fatal(err)
	}
	if len(latin9File) == len(utf8File) {
		t.Fatal("test is broken: the Latin-9 copy should be shorter than the UTF-8 one")
	}
	for name, in := range map[string]string{"UTF-8": utf8File, "ISO-8859-15": latin9File} {
		ss, err := ParseCFONB120(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		e := ss[0].Entries[0]
		if want := "VIR SOCIÉTÉ GÉNÉRALE " + text; e.Remittance != want {
			t.Errorf("%s: remittance %q, want %q", name, e.Remittance, want)
		}
		if e.PayerName != "ÉTS DUPRÉ & FILS" || e.AmountCents != 12000 {
			t.Errorf("%s: payer %q amount %d", name, e.PayerName, e.AmountCents)
		}
	}
}

func TestParseCFONB120LineLayouts(t *testing.T) {
	records := []string{r01("0000000010000{"), r04("0000000000250J", "PRLV SEPA EDF"), r05("LIB", "ECHEANCE 3"),
		r04("0000000001500{", "VIR M DUPONT"), r05("NPY", "M DUPONT"), r05("RCN", "F2024-0042"), r07("0000000011249I")}
	want, err := ParseCFONB120(strings.NewReader(strings.Join(records, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 1 || len(want[0].Entries) != 2 || want[0].Entries[1].EndToEndID != "F2024-0042" ||
		want[0].Entries[0].AmountCents != -2501 || want[0].ClosingCents != 112499 || want[0].Check() != nil {
		t.Fatalf("reference parse wrong: %+v", want)
	}
	layouts := map[string]string{
		"CRLF":               strings.Join(records, "\r\n") + "\r\n",
		"CR":                 strings.Join(records, "\r"),
		"blank lines and ^Z": "\n" + strings.Join(records, "\n\n") + "\n\n\x1a",
		"trailing spaces":    strings.Join(records, "   \n"),
		"byte-order mark":    "\ufeff" + strings.Join(records, "\n"),
	}
	for name, in := range layouts {
		got, err := ParseCFONB120(strings.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !sameStatementsIgnoringLines(got, want) {
			t.Errorf("%s: got %+v, want %+v", name, got, want)
		}
	}
	oneLine, err := ParseCFONB120(strings.NewReader(strings.Join(records, "")))
	if err != nil {
		t.Fatal(err)
	}
	if !sameStatementsIgnoringLines(oneLine, want) || oneLine[0].Entries[1].Line != 1 {
		t.Errorf("one line: got %+v", oneLine)
	}
}

func sameStatementsIgnoringLines(a, b []Statement) bool {
	strip := func(ss []Statement) []Statement {
		out := make([]Statement, len(ss))
		for i, s := range ss {
			s.Source = ""
			s.Entries = append([]Entry(nil), s.Entries...)
			for j := range s.Entries {
				s.Entries[j].Line = 0
			}
			out[i] = s
		}
		return out
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

func TestParseCFONB120Details(t *testing.T) {
	reject := put(r04("0000000004500}", "IMPAYE PRLV"), 41, "AC")
	tnd := func(r string) string { return put(r, 17, "TND3") }
	tests := []struct {
		name  string
		input string
		check func(ss []Statement) bool
	}{
		{"reject code marks a reversal", lines(r01("0000000010000{"), reject, r07("0000000005500{")),
			func(ss []Statement) bool { return ss[0].Entries[0].Reversal && ss[0].Entries[0].AmountCents == -45000 }},
		{"blank value date is no date", lines(r01("0000000010000{"), put(r04("0000000000100{", "X"), 43, "      "),
			r07("0000000010100{")),
			func(ss []Statement) bool { return ss[0].Entries[0].ValueDate.IsZero() }},
		{"three-decimal currency", lines(tnd(r01("0000000012340{")), tnd(r04("0000000000500{", "VIR")), tnd(r07("0000000012840{"))),
			func(ss []Statement) bool {
				// 123.400 TND and 5.000 TND
				return ss[0].Currency == "TND" && ss[0].OpeningCents == 12340 && ss[0].Entries[0].AmountCents == 500
			}},
		{"NOTPROVIDED is no end-to-end id", lines(r01("0000000010000{"), r04("0000000000100{", "VIR"), r05("RCN", "NOTPROVIDED"),
			r07("0000000010100{")),
			func(ss []Statement) bool { return ss[0].Entries[0].EndToEndID == "" }},
		{"LC2 alone is its own text", lines(r01("0000000010000{"), r04("0000000000100{", "VIR"), r05("LIB", "A"),
			r05("LC2", "SUITE"), r07("0000000010100{")),
			func(ss []Statement) bool { return ss[0].Entries[0].Remittance == "VIR A SUITE" }},
		{"payer name from NPY only", lines(r01("0000000010000{"), r04("0000000000100{", "VIR"), r05("NBE", "MOI"),
			r05("NPY", "CLIENT  SARL"), r07("0000000010100{")),
			func(ss []Statement) bool { return ss[0].Entries[0].PayerName == "CLIENT SARL" }},
	}
	for _, tt := range tests {
		ss, err := ParseCFONB120(strings.NewReader(tt.input))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !tt.check(ss) {
			t.Errorf("%s: unexpected result %+v", tt.name, ss)
		}
	}
}

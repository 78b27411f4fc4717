package invoicesource

import (
	"errors"
	"strings"
	"testing"
)

var fecHeader = []string{"JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",
	"CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit",
	"Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"}

// fecRow is one entry of the standard 18-column layout.
type fecRow struct {
	journal, journalLib, date, account, aux, auxLib, piece, pieceDate, label, debit, credit, letter string
}

func (r fecRow) fields() []string {
	return []string{r.journal, r.journalLib, "1", r.date, r.account, "Clients", r.aux, r.auxLib,
		r.piece, r.pieceDate, r.label, r.debit, r.credit, r.letter, "", "20240101", "", ""}
}

// fecText builds a file with sep between fields and newline at the end of lines.
func fecText(sep, newline string, header []string, rows ...[]string) string {
	var b strings.Builder
	b.WriteString(strings.Join(header, sep) + newline)
	for _, r := range rows {
		b.WriteString(strings.Join(r, sep) + newline)
	}
	return b.String()
}

func sale(aux, name, piece, date, debit string) []string {
	return fecRow{"VE", "Ventes", date, "411000", aux, name, piece, date, "Facture " + piece, debit, "0,00", ""}.fields()
}

func TestScanFECSyntheticFile(t *testing.T) {
	rows := [][]string{
		sale("C001", "Société Générale d'Études", "F-001", "20240115", "1 200,50"),
		fecRow{"VE", "Ventes", "20240115", "706000", "", "", "F-001", "20240115", "Facture F-001", "0,00", "1200,50", ""}.fields(),
		sale("C002", "Boulangerie Noël", "F-002", "20240201", "300,00"),
		fecRow{"BQ", "Banque", "20240210", "411000", "C002", "Boulangerie Noël", "VIR", "20240210", "Virement reçu", "0,00", "100,00", ""}.fields(),
		fecRow{"VE", "Ventes", "20240220", "411000", "C002", "Boulangerie Noël", "AV-002", "20240220", "Avoir sur F-002", "0,00", "50,00", ""}.fields(),
		fecRow{"VE", "Ventes", "20240110", "411000", "C003", "Payé SARL", "F-000", "20240110", "Facture", "80,00", "0,00", "AA"}.fields(),
		fecRow{"VE", "Ventes", "20240110", "411000", "", "", "F-009", "", "Sans compte auxiliaire", "80,00", "0,00", ""}.fields(),
		fecRow{"OD", "Divers", "20240301", "416000", "C004", "Douteux SA", "OD-1", "", "Client douteux", "500,00", "0,00", ""}.fields(),
	}
	var docs []Document
	st, err := ScanFEC(strings.NewReader(fecText("\t", "\r\n", fecHeader, rows...)),
		FECOptions{AccountPrefixes: []string{"411", "416"}}, func(d Document) error {
			docs = append(docs, d)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line              int
		number, typ, name string
		cents             int64
		issue, due        string
	}{
		{2, "F-001", TypeInvoice, "Société Générale d'Études", 1200_50, "2024-01-15", "2024-02-14"},
		{4, "F-002", TypeInvoice, "Boulangerie Noël", 300_00, "2024-02-01", "2024-03-02"},
		{5, "VIR", TypePayment, "Boulangerie Noël", 100_00, "2024-02-10", "2024-03-11"},
		{6, "AV-002", TypeCreditNote, "Boulangerie Noël", 50_00, "2024-02-20", "2024-03-21"},
		// No PieceDate: the entry date counts.
		{9, "OD-1", TypeInvoice, "Douteux SA", 500_00, "2024-03-01", "2024-03-31"},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want %d: %+v", len(docs), len(want), docs)
	}
	for i, w := range want {
		d := docs[i]
		if d.Line != w.line || d.Number != w.number || d.Type != w.typ || d.Buyer.Name != w.name ||
			d.TotalCents != w.cents || d.IssueDate.String() != w.issue || d.DueDate.String() != w.due {
			t.Errorf("document %d = line %d %q %s %q %d %s→%s, want %+v", i, d.Line, d.Number, d.Type,
				d.Buyer.Name, d.TotalCents, d.IssueDate, d.DueDate, w)
		}
	}
	if st.LetteredLines != 1 || st.NoAuxiliaryLines != 1 || st.CustomerLines != 7 || st.Entries != 8 {
		t.Errorf("stats = %+v", st)
	}
	if st.OpenBalanceCents() != 1200_50+300_00-100_00-50_00+500_00 {
		t.Errorf("balance = %d", st.OpenBalanceCents())
	}
}

func TestScanFECMontantSensPipeLatin9(t *testing.T) {
	header := []string{"JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
		"CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Montant", "Sens",
		"EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"}
	row := func(aux, lib, piece, amount, sens string) []string {
		return []string{"VT", "Ventes", "7", "20250301", "41100000", "Clients", aux, lib, piece, "20250228",
			"Vente", amount, sens, "", "", "20250331", "", ""}
	}
	text := fecText("|", "|\n", header,
		row("C1", "Crème brûlée & Cie", "FA1", "0000001234,56", "D"),
		row("C2", "Œuvres d'art €", "FA2", "10,00", "C"),
	)
	// ISO-8859-15: é E9, è E8, û FB, Œ BC, € A4.
	latin := []byte(text)
	var b []byte
	for _, r := range string(latin) {
		switch r {
		case 'é':
			b = append(b, 0xE9)
		case 'è':
			b = append(b, 0xE8)
		case 'û':
			b = append(b, 0xFB)
		case 'Œ':
			b = append(b, 0xBC)
		case '€':
			b = append(b, 0xA4)
		default:
			b = append(b, string(r)...)
		}
	}
	res, err := ParseFEC(strings.NewReader(string(b)), FECOptions{PaymentTermsDays: 45})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Variant != VariantMontantSens || res.Stats.Separator != '|' || res.Stats.Encoding() != "ISO-8859-15" {
		t.Errorf("stats = %+v", res.Stats)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("documents = %+v", res.Documents)
	}
	d1, d2 := res.Documents[0], res.Documents[1]
	if d1.Buyer.Name != "Crème brûlée & Cie" || d1.TotalCents != 1234_56 || d1.Type != TypeInvoice ||
		d1.DueDate.String() != "2025-04-14" {
		t.Errorf("first = %+v", d1)
	}
	if d2.Buyer.Name != "Œuvres d'art €" || d2.TotalCents != 10_00 || d2.Type != TypeCreditNote {
		t.Errorf("second = %+v", d2)
	}
}

func TestScanFECStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	text := fecText("\t", "\n", fecHeader, sale("A", "A", "1", "20240101", "1,00"), sale("B", "B", "2", "20240101", "2,00"))
	_, err := ScanFEC(strings.NewReader(text), FECOptions{}, func(Document) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("err = %v after %d calls, want stop after 1", err, calls)
	}
}

func TestParseFECErrors(t *testing.T) {
	good := sale("C1", "Client", "F1", "20240115", "10,00")
	with := func(col int, v string) []string {
		r := append([]string(nil), good...)
		r[col] = v
		return r
	}
	noLetter := append(append([]string(nil), fecHeader[:13]...), fecHeader[14:]...)
	tests := []struct {
		name  string
		input string
		want  []string // all must appear in the error text
	}{
		{"empty file", "", []string{"no header"}},
		{"header lacks a column", fecText("\t", "\n", noLetter), []string{"line 1", "EcritureLet"}},
		{"header lacks the amounts", fecText("\t", "\n", fecHeader[:11]), []string{"line 1", "Debit and Credit"}},
		{"semicolon separator", fecText(";", "\n", fecHeader, good), []string{"line 1", "semicolons"}},
		{"rows use another separator than the header", fecText("\t", "\n", fecHeader, good) +
			strings.Join(good, "|") + "\n", []string{"line 3", "1 columns", "header has 18", "column 2 (JournalLib)"}},
		{"row lacks columns", fecText("\t", "\n", fecHeader, good[:12]), []string{"line 2", "12 columns", "column 13 (Credit)"}},
		{"row has a column too many", fecText("\t", "\n", fecHeader, append(good[:18:18], "extra")),
			[]string{"line 2", "19 columns", "inside a label"}},
		{"bad entry date", fecText("\t", "\n", fecHeader, good, with(3, "20240231")),
			[]string{"line 3", "column 4 (EcritureDate)", `"20240231" does not exist`}},
		{"date with dashes", fecText("\t", "\n", fecHeader, with(9, "2024-01-15")),
			[]string{"line 2", "column 10 (PieceDate)", "AAAAMMJJ"}},
		{"missing entry date", fecText("\t", "\n", fecHeader, with(3, "")),
			[]string{"line 2", "column 4 (EcritureDate)", "empty"}},
		{"bad debit", fecText("\t", "\n", fecHeader, with(11, "12,3x")),
			[]string{"line 2", "column 12 (Debit)", `"12,3x"`}},
		{"three decimals", fecText("\t", "\n", fecHeader, with(12, "1,234")),
			[]string{"line 2", "column 13 (Credit)", "more than two decimals"}},
		{"two separators", fecText("\t", "\n", fecHeader, with(11, "1.234,56")),
			[]string{"line 2", "column 12 (Debit)", "more than one decimal separator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFEC(strings.NewReader(tt.input), FECOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Source != SourceFEC {
				t.Errorf("error %v is not a FEC *ParseError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestParseFECBadSens(t *testing.T) {
	header := []string{"JournalCode", "JournalLib", "EcritureDate", "CompteNum", "CompAuxNum", "CompAuxLib",
		"PieceRef", "PieceDate", "EcritureLib", "Montant", "Sens", "EcritureLet"}
	row := []string{"VE", "Ventes", "20240101", "411", "C", "C", "F", "20240101", "x", "1,00", "X", ""}
	_, err := ParseFEC(strings.NewReader(fecText("\t", "\n", header, row)), FECOptions{})
	if err == nil || !strings.Contains(err.Error(), "line 2, column 11 (Sens)") {
		t.Errorf("err = %v, want line 2 column 11 (Sens)", err)
	}
}

func TestParseFECLineTooLong(t *testing.T) {
	text := fecText("\t", "\n", fecHeader) + strings.Repeat("x", maxFECLine+1) + "\n"
	_, err := ParseFEC(strings.NewReader(text), FECOptions{})
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("err = %v", err)
	}
}

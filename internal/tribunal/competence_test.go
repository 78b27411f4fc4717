package tribunal

import (
	"maps"
	"os"
	"strings"
	"testing"
)

const header = "Commune;Libellé;Orig. CA;N° CA;CA;Orig. TJ;N° TJ;TJ;Orig. TPRX;N° TPRX;TPRX;Orig. CPH;N° CPH;CPH\n"

func TestParseCompetenceCSVFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/competence.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseCompetenceCSV(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"33281": "Tribunal judiciaire de Bordeaux", "69266": "LYON", "06155": "Grasse", "92002": "tj92050",
		"2A041": "Tribunal judiciaire d'Ajaccio", "38421": "Tribunal judiciaire de Nulle-Part",
		"27681": "Tribunal judiciaire d'Évreux", "97213": "Tribunal judiciaire de Fort-de-France",
		"57227": "Tribunal judiciaire de Sarreguemines",
	} // 99999 has no TJ and is skipped
	if !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}

	// The same file in ISO-8859-1 must give the same accented labels.
	latin, err := ParseCompetenceCSV(strings.NewReader(toLatin1(t, string(raw))))
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(latin, want) {
		t.Errorf("latin-1: got %v", latin)
	}
}

func TestParseCompetenceCSV(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  map[string]string
	}{
		{"BOM and CRLF", "\ufeff" + strings.ReplaceAll(header, "\n", "\r\n") +
			"69266;Villeurbanne;CA;1;Lyon;TJ;2;Tribunal judiciaire de Lyon;;;;;;\r\n",
			map[string]string{"69266": "Tribunal judiciaire de Lyon"}},
		{"columns in another order, N° TJ used when TJ is blank", "TJ;N° TJ;Commune\n;tj69123;69266\nGrasse;x;06155\n",
			map[string]string{"69266": "tj69123", "06155": "Grasse"}},
		{"same commune twice with the same TJ", "Commune;TJ\n69266;Lyon\n69266;Lyon\n",
			map[string]string{"69266": "Lyon"}},
		{"lower-case Corsican code", "Commune;TJ\n2a041;Ajaccio\n", map[string]string{"2A041": "Ajaccio"}},
		{"windows-1252 apostrophe and oe", "Commune;TJ\n62633;C\x9cur \x92x\n",
			map[string]string{"62633": "Cœur ’x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCompetenceCSV(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseCompetenceCSVErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // substrings of the error
	}{
		{"empty", "", []string{"empty file"}},
		{"no TJ column", "Commune;Libellé;CA\n69266;Villeurbanne;Lyon\n", []string{"line 1", `"TJ"`}},
		{"no Commune column", "Code;TJ\n69266;Lyon\n", []string{"line 1", `"Commune"`}},
		{"bad commune code", header + "69266;Villeurbanne;;;;;;Lyon;;;;;;\n6926;Bron;;;;;;Lyon;;;;;;\n",
			[]string{"line 3", "column 1 (Commune)", `"6926"`}},
		{"commune given two TJs", "Commune;TJ\n69266;Lyon\n69266;Vienne\n",
			[]string{"line 3", "column 2 (TJ)", `"Vienne"`, `"Lyon" on line 2`}},
		{"short row", "Commune;Libellé;TJ\n69266\n", []string{"line 2", "1 fields"}},
		{"bad quoting", "Commune;TJ\n69266;Lyon\n\"69029;Lyon\"x\n", []string{"line 3"}},
		{"no TJ at all", "Commune;TJ\n69266;\n", []string{"no commune with a TJ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCompetenceCSV(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("no error")
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}
}

// toLatin1 re-encodes UTF-8 text whose characters all fit in ISO-8859-1.
func toLatin1(t *testing.T, s string) string {
	t.Helper()
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			t.Fatalf("%q does not fit in ISO-8859-1", r)
		}
		b = append(b, byte(r))
	}
	return string(b)
}

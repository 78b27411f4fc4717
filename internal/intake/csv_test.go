package intake

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCSV(t *testing.T) {
	file := "\xef\xbb\xbfnumber;issue_date;due_date;total;vat;debtor_name;debtor_kind;debtor_city\n" +
		"F-1;01/09/2026;2026-10-01;1 234,56;205,76;Café Étoile;trader;Lyon\n" +
		"\n" +
		"F-2;2026-09-02;2026-10-02;99.9;0;\"Dupont, Jean\";consumer;Paris\n"
	rows, err := ParseCSV(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r := rows[0]
	if r.Row != 2 || *r.Input.TotalCents != 123456 || *r.Input.VATCents != 20576 || r.Input.Debtor.Name != "Café Étoile" || r.Input.Source != "csv" {
		t.Errorf("row 1 = %+v (debtor %+v)", r, r.Input.Debtor)
	}
	if rows[1].Row != 4 || *rows[1].Input.TotalCents != 9990 || rows[1].Input.Debtor.Name != "Dupont, Jean" {
		t.Errorf("row 2 = %+v", rows[1])
	}
}

func TestParseCSVErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		row   int
		field string
	}{
		{"unknown column", "number,montant\nF-1,3\n", 1, "montant"},
		{"bad decimal", "number,total\nF-1,3\nF-2,3.5.1\n", 3, "total"},
		{"bad cents", "number,total_cents\nF-1,12.5\n", 2, "total_cents"},
		{"bad debtor id", "number,debtor_id\nF-1,x\n", 2, "debtor_id"},
		{"unclosed quote", "number,total\nF-1,3\n\"F-2,4\n", 3, "line"},
		{"Latin-1 file", "number,debtor_name\nF-1,Caf\xe9\n", 2, "file"},
		{"empty file", "", 1, "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCSV(strings.NewReader(tt.file))
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Errors) == 0 {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if e := verr.Errors[0]; e.Row != tt.row || e.Field != tt.field {
				t.Errorf("first error %+v, want row %d field %s", e, tt.row, tt.field)
			}
		})
	}
}

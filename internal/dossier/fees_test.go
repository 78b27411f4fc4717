package dossier

import (
	"strings"
	"testing"
)

func TestFeesFor(t *testing.T) {
	tests := []struct {
		kind string
		fee  int64
		note string
	}{
		{"tribunal_de_commerce", 4100, "41,00"},
		{"tribunal_des_activites_economiques", 3500, "35,00"},
		{"tribunal_mixte_de_commerce", 3500, "35,00"},
		{"tribunal_judiciaire", 0, "gratuite"},
		{"chambre_commerciale_tj", 0, "gratuite"},
		{"", 0, "inconnus"},
	}
	for _, tt := range tests {
		want := tt.fee
		configured := tt.fee
		if configured == 0 {
			configured = 3500
		}
		f := FeesFor(tt.kind, configured)
		if f.GreffeFeeCents != want || !strings.Contains(f.Note, tt.note) {
			t.Errorf("FeesFor(%q, %d) = %+v, want %d and a note with %q", tt.kind, configured, f, want, tt.note)
		}
	}
}

func TestContributionWarning(t *testing.T) {
	tests := []struct {
		name      string
		kind      string
		employees int
		total     int64
		want      string
	}{
		{"TAE, big creditor, big claim", "tribunal_des_activites_economiques", 251, 5_000_001, "plus de 250 salariés (251)"},
		{"TAE, headcount unknown", "tribunal_des_activites_economiques", 0, 9_000_000, "n'est pas renseigné"},
		{"exactly 250 employees", "tribunal_des_activites_economiques", 250, 9_000_000, ""},
		{"exactly 50 000 €", "tribunal_des_activites_economiques", 900, 5_000_000, ""},
		{"tribunal de commerce", "tribunal_de_commerce", 900, 9_000_000, ""},
		{"tribunal judiciaire", "tribunal_judiciaire", 900, 9_000_000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := Warnings(tt.kind, tt.employees, tt.total)
			if tt.want == "" {
				if len(w) != 0 {
					t.Errorf("warnings %q, want none", w)
				}
				return
			}
			if len(w) != 1 || !strings.Contains(w[0], tt.want) || !strings.Contains(w[0], "Contribution pour la justice économique") {
				t.Errorf("warnings %q, want one with %q", w, tt.want)
			}
		})
	}
}

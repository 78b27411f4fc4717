package letters

import (
	"reflect"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestLegalMentions(t *testing.T) {
	full := testCreditor()
	tests := []struct {
		name string
		p    Party
		want string
	}{
		{"company", full,
			"Forges de l’Écluse, SAS au capital de 150\u00a0000,00\u00a0€ — RCS Nanterre 552\u00a0100\u00a0554 — siège : 12 rue de l’Église, 92000 Nanterre"},
		{"no capital", Party{Name: "Dupont", LegalForm: "EI", SIREN: "552 100 554", Line1: "1 rue A", PostalCode: "75001", City: "Paris"},
			"Dupont, EI — SIREN 552\u00a0100\u00a0554 — siège : 1 rue A, 75001 Paris"},
		{"no legal form", Party{Name: "Dupont", RCSCity: "Lyon", SIREN: "552100554"},
			"Dupont — RCS Lyon 552\u00a0100\u00a0554"},
		{"address on two lines", Party{Name: "X", Line1: "1 rue A", Line2: "BP 12", PostalCode: "75001", City: "Paris"},
			"X — siège : 1 rue A, BP 12, 75001 Paris"},
		{"name only", Party{Name: "X"}, "X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := legalMentions(tt.p); got != tt.want {
				t.Errorf("legalMentions() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestFormatSIREN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"552100554", "552\u00a0100\u00a0554"},
		{"552 100 554", "552\u00a0100\u00a0554"},
		{"552.100.554", "552\u00a0100\u00a0554"},
		{" 55210055 ", "55210055"},           // eight digits: kept as typed
		{"55210055A", "55210055A"},           // not digits
		{"55210055412345", "55210055412345"}, // a SIRET, kept as typed
		{"", ""},
	}
	for _, tt := range tests {
		if got := formatSIREN(tt.in); got != tt.want {
			t.Errorf("formatSIREN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAddressLines(t *testing.T) {
	tests := []struct {
		name string
		p    Party
		want []string
	}{
		{"business with attention and complement", testBusinessDebtor(), []string{
			"Menuiserie Bérénice", "À l’attention de M. Hervé Lefèvre, gérant",
			"3 avenue des Champs-Élysées", "Bâtiment C", "75008 PARIS"}},
		{"consumer", testConsumer(), []string{"Mme Agnès Dupré", "8 impasse des Tilleuls", "69003 LYON"}},
		{"France spelled out", Party{Name: "A", Line1: "1 rue B", PostalCode: "13001", City: "Marseille", Country: "FRANCE"},
			[]string{"A", "1 rue B", "13001 MARSEILLE"}},
		{"abroad", Party{Name: "A", Line1: "Rue Neuve 1", PostalCode: "1000", City: "Bruxelles", Country: "Belgique"},
			[]string{"A", "Rue Neuve 1", "1000 BRUXELLES", "BELGIQUE"}},
		{"accented city", Party{Name: "A", Line1: "1 rue B", PostalCode: "42000", City: "Saint-Étienne"},
			[]string{"A", "1 rue B", "42000 SAINT-ÉTIENNE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := addressLines(tt.p); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("addressLines() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLetterheadLines(t *testing.T) {
	tests := []struct {
		name string
		p    Party
		want []string
	}{
		{"full", testCreditor(), []string{"12 rue de l’Église", "92000 Nanterre", "Tél. : 01 47 00 00 00",
			"Courriel : recouvrement@forges-ecluse.fr"}},
		{"abroad without contact", Party{Line1: "Rue Neuve 1", PostalCode: "1000", City: "Bruxelles", Country: "Belgique"},
			[]string{"Rue Neuve 1", "1000 Bruxelles", "Belgique"}},
		{"empty", Party{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := letterheadLines(tt.p); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("letterheadLines() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadingLines(t *testing.T) {
	if got, want := placeAndDate(" Nanterre ", civil.New(2026, 3, 1)), "Nanterre, le 1er mars 2026"; got != want {
		t.Errorf("placeAndDate = %q, want %q", got, want)
	}
	tests := []struct {
		name string
		l    Letter
		want string
	}{
		{"ordinary mail", Letter{}, ""},
		{"registered", Letter{Registered: true}, "Lettre recommandée avec accusé de réception"},
		{"registered with number", Letter{Registered: true, TrackingNumber: " 1A 234 "},
			"Lettre recommandée avec accusé de réception n°\u00a01A 234"},
	}
	for _, tt := range tests {
		if got := registeredMention(tt.l); got != tt.want {
			t.Errorf("%s: registeredMention = %q, want %q", tt.name, got, tt.want)
		}
	}
	refs := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{" ", ""}, ""},
		{[]string{"F-1", " Dossier 42 "}, "Réf. : F-1, Dossier 42"},
	}
	for _, tt := range refs {
		if got := referencesLine(tt.in); got != tt.want {
			t.Errorf("referencesLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatIBAN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"FR7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189"},
		{"fr76 3000 6000 0112 3456 7890 189", "FR76 3000 6000 0112 3456 7890 189"},
		{"DE89370400440532013000", "DE89 3704 0044 0532 0130 00"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := formatIBAN(tt.in); got != tt.want {
			t.Errorf("formatIBAN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLateChargeNotes(t *testing.T) {
	noPenalty := demandLetter(true).Demand
	for i := range noPenalty.Invoices {
		noPenalty.Invoices[i].PenaltyCents = 0
	}
	noIndemnity := demandLetter(true).Demand
	for i := range noIndemnity.Invoices {
		noIndemnity.Invoices[i].IndemnityCents = 0
	}
	tests := []struct {
		name  string
		d     *FormalDemand
		count int
		first string
	}{
		{"business, penalties and indemnity", demandLetter(true).Demand, 2, "Les pénalités"},
		{"business, indemnity only", noPenalty, 1, "Une indemnité forfaitaire pour frais de recouvrement de 40,00\u00a0€"},
		{"business, penalties only", noIndemnity, 1, "Les pénalités"},
		{"consumer", demandLetter(false).Demand, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes := lateChargeNotes(*tt.d)
			if len(notes) != tt.count {
				t.Fatalf("got %d notes %q, want %d", len(notes), notes, tt.count)
			}
			if tt.count > 0 && !strings.HasPrefix(notes[0], tt.first) {
				t.Errorf("first note %q does not start with %q", notes[0], tt.first)
			}
		})
	}
}

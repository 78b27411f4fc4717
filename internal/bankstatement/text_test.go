package bankstatement

import (
	"reflect"
	"testing"
)

func TestAppendText(t *testing.T) {
	tests := []struct {
		name   string
		parts  []string
		piece  string
		want   []string
		reason string
	}{
		{"first piece", nil, "  VIR RATP ", []string{"VIR RATP"}, "trimmed"},
		{"blank piece", []string{"A"}, "    ", []string{"A"}, "nothing to add"},
		{"new text", []string{"VIR RATP"}, "F239765", []string{"VIR RATP", "F239765"}, "appended"},
		{"repeat", []string{"VIR X", "F230866 F230765"}, "F230866  F230765", []string{"VIR X", "F230866 F230765"}, "LCC repeating LIB"},
		{"contained", []string{"VIR DGA FRANCE"}, "DGA", []string{"VIR DGA FRANCE"}, "adds nothing"},
		{"extends earlier", []string{"PRLV", "Ident: 00003"}, "Ident: 00003263", []string{"PRLV", "Ident: 00003263"}, "full SEPA text replaces its first half"},
		{"swallows several", []string{"AB", "L", "CD", "M"}, "AB CD", []string{"AB CD", "L", "M"}, "both replaced, order kept"},
	}
	for _, tt := range tests {
		got := appendText(append([]string(nil), tt.parts...), tt.piece)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: appendText(%q, %q) = %q, want %q (%s)", tt.name, tt.parts, tt.piece, got, tt.want, tt.reason)
		}
	}
}

func TestJoinDistinct(t *testing.T) {
	tests := []struct {
		sep    string
		values []string
		want   string
	}{
		{" ", nil, ""},
		{" ", []string{"", "  "}, ""},
		{", ", []string{"Banque Cantonale Vaudoise", "", "Banque Cantonale Vaudoise"}, "Banque Cantonale Vaudoise"},
		{" ", []string{" E2E-1 ", "E2E-2", "E2E-1"}, "E2E-1 E2E-2"},
		{" ", []string{")30008765 76662391         45 3"}, ")30008765 76662391         45 3"}, // inner spaces kept
	}
	for _, tt := range tests {
		if got := joinDistinct(tt.sep, tt.values...); got != tt.want {
			t.Errorf("joinDistinct(%q, %q) = %q, want %q", tt.sep, tt.values, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  VIR  SEPA DEMONSTRATION   ", "VIR SEPA DEMONSTRATION"},
		{"Insurance\n\t policy", "Insurance policy"},
		{"CRÉDIT GROUPÉ", "CRÉDIT GROUPÉ"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

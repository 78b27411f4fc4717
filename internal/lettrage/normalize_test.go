package lettrage

import (
	"strings"
	"testing"
)

func itemKey(s string) string { return string(appendItemKey(nil, s)) }

func TestItemKey(t *testing.T) {
	tests := map[string]string{
		"FA-2026-0042": "FA20260042",
		"fa 2026 0042": "FA20260042",
		"FA2026/0042":  "FA20260042",
		"Facturé_12":   "FACTURE12",
		"12":           "12",
		"7":            "", // too short to search for
		"ABC-DEF":      "", // no digit: would match words
		"":             "",
		"Œuvre 1":      "OEUVRE1",
	}
	for in, want := range tests {
		if got := itemKey(in); got != want {
			t.Errorf("itemKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// render writes segments as text: "+" between glued segments, " " between
// separate ones.
func render(text string) string {
	buf, segs := segmentText(text, nil, nil)
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			if s.glued {
				b.WriteByte('+')
			} else {
				b.WriteByte(' ')
			}
		}
		b.Write(buf[s.start:s.end])
	}
	return b.String()
}

func TestSegmentText(t *testing.T) {
	tests := map[string]string{
		"":                      "",
		"FA-2026-0042":          "FA+2026+0042",
		"2012":                  "2012",
		"Facture n°12, 13":      "FACTURE+N 12 13",
		"RCNF230987, F231234":   "RCNF+230987 F+231234",
		"F230866F230765":        "F+230866+F+230765",
		"(FA42)":                "FA+42",
		"Réf. ÉCHÉANCE":         "REF+ECHEANCE",
		"FA 2026\u00a00042":     "FA+2026+0042",
		"VIR;FA42":              "VIR FA+42",
		"  --  ":                "",
		"FACT:2026/12 + avoir9": "FACT 2026+12 AVOIR+9",
	}
	for in, want := range tests {
		if got := render(in); got != want {
			t.Errorf("segments of %q = %q, want %q", in, got, want)
		}
	}
}

func TestNameKey(t *testing.T) {
	same := [][2]string{
		{"SARL Dupont et Fils", "DUPONT ET FILS"},
		{"M. Jean Dupont", "DUPONT JEAN"},
		{"Éts Müller", "ETS MULLER"},
		{"Boulangerie  Lefèvre-Martin SAS", "BOULANGERIE LEFEVRE MARTIN"},
	}
	for _, p := range same {
		if a, b := nameKey(p[0]), nameKey(p[1]); a != b || a == "" {
			t.Errorf("nameKey(%q) = %q, nameKey(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"Dupont et Fils", "Dupont Frères"},
		{"Martin", "Martine"},
	}
	for _, p := range different {
		if nameKey(p[0]) == nameKey(p[1]) {
			t.Errorf("nameKey(%q) == nameKey(%q)", p[0], p[1])
		}
	}
	for _, s := range []string{"", "SAS", "M. --"} {
		if k := nameKey(s); k != "" {
			t.Errorf("nameKey(%q) = %q, want empty", s, k)
		}
	}
}

package letters

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestToCP1252(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		ok   bool
	}{
		{"ascii", "Objet : relance", "Objet : relance", true},
		{"accents", "Délai échéance Pâques ç", "D\xe9lai \xe9ch\xe9ance P\xe2ques \xe7", true},
		{"euro and guillemets", "« 12 € »", "\xab 12 \x80 \xbb", true},
		{"apostrophe and dashes", "l’Écluse — 1–2", "l\x92\xc9cluse \x97 1\x962", true},
		{"oe ligature", "Œuvre cœur", "\x8cuvre c\x9cur", true},
		{"no-break space kept", "1\u00a0234,56", "1\xa0234,56", true},
		{"narrow no-break space becomes no-break space", "1\u202f234,56\u202f€", "1\xa0234,56\xa0\x80", true},
		{"minus and non-breaking hyphen", "\u22125 Jean\u2011Pierre", "-5 Jean-Pierre", true},
		{"invisible characters dropped", "ab\u00adcd\u200bef", "abcdef", true},
		{"control characters become spaces", "a\nb\tc\r", "a b c ", true},
		{"polish letter", "Łukasz", "?ukasz", false},
		{"cyrillic", "Иван", "????", false},
		{"empty", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := toCP1252(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("toCP1252(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// Every character of code page 1252 must encode to the byte x/text's
// encoder gives it, and the other way round.
func TestToCP1252AgreesWithCharmap(t *testing.T) {
	enc := charmap.Windows1252.NewEncoder()
	for b := 0x20; b <= 0xff; b++ {
		r := charmap.Windows1252.DecodeByte(byte(b))
		if r == '\ufffd' || r == 0x7f || r == 0xad {
			continue // undefined, DEL, or soft hyphen (dropped on purpose)
		}
		want, err := enc.String(string(r))
		if err != nil {
			t.Fatalf("charmap cannot encode %U: %v", r, err)
		}
		got, ok := toCP1252(string(r))
		if !ok || got != want {
			t.Errorf("toCP1252(%U) = %q, %v; want %q", r, got, ok, want)
		}
	}
}

func TestToUnicodeText(t *testing.T) {
	if got, want := toUnicodeText("Łukasz\nWójcik\t1\u202f234"), "Łukasz Wójcik 1\u202f234"; got != want {
		t.Errorf("toUnicodeText = %q, want %q", got, want)
	}
}

package letters

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// cp1252 maps each rune of Windows code page 1252 above ASCII to its byte. It
// is built once per process: maroto builds the same table again (with
// fmt.Sscanf over 256 lines of text) for every text it measures or draws,
// which was 85 % of the rendering time.
var cp1252 = func() map[rune]byte {
	m := make(map[rune]byte, 128)
	for b := 0x80; b <= 0xff; b++ {
		if r := charmap.Windows1252.DecodeByte(byte(b)); r != utf8.RuneError {
			m[r] = byte(b)
		}
	}
	return m
}()

// cp1252Substitutes are runes outside code page 1252 that have a stand-in
// inside it with the same meaning on paper. French number formatting often
// produces the narrow no-break space U+202F, which the core fonts lack.
var cp1252Substitutes = map[rune]rune{
	'\u202f': '\u00a0', // narrow no-break space
	'\u2007': '\u00a0', // figure space
	'\u2060': -1,       // word joiner
	'\u200b': -1,       // zero width space
	'\u00ad': -1,       // soft hyphen: invisible unless the line breaks there
	'\u2009': ' ',      // thin space
	'\u2002': ' ',      // en space
	'\u2003': ' ',      // em space
	'\u2010': '-',      // hyphen
	'\u2011': '-',      // non-breaking hyphen
	'\u2212': '-',      // minus sign
	'\u2024': '.',      // one dot leader
}

// toCP1252 encodes s for the PDF core fonts. Control characters (a stray
// newline or tab) become spaces, since a text component cannot break a line.
// ok is false when some rune has no equivalent in code page 1252; it is then
// written as "?" and the caller should use the embedded Unicode font instead.
func toCP1252(s string) (encoded string, ok bool) {
	ok = true
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if sub, found := cp1252Substitutes[r]; found {
			if sub < 0 {
				continue
			}
			r = sub
		}
		switch {
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		case r < 0x80:
			b.WriteByte(byte(r))
		default:
			c, found := cp1252[r]
			if !found {
				c, ok = '?', false
			}
			b.WriteByte(c)
		}
	}
	return b.String(), ok
}

// toUnicodeText prepares s for the embedded TrueType font, which has every
// glyph a letter needs: only control characters are replaced.
func toUnicodeText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

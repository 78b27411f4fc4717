package invoicesource

import (
	"io"
	"unicode/utf8"
)

// latin9Differences are the eight code points where ISO-8859-15 departs from
// ISO-8859-1; every other byte maps to the code point of the same value.
// Older French accounting software writes FEC files in ISO-8859-15 to have
// the euro sign (0xA4), œ and Œ.
var latin9Differences = map[byte]rune{
	0xA4: '€', 0xA6: 'Š', 0xA8: 'š', 0xB4: 'Ž',
	0xB8: 'ž', 0xBC: 'Œ', 0xBD: 'œ', 0xBE: 'Ÿ',
}

// latin9Rune returns the character of an ISO-8859-15 byte.
func latin9Rune(b byte) rune {
	if r, ok := latin9Differences[b]; ok {
		return r
	}
	return rune(b)
}

// appendLatin9 appends src, read as ISO-8859-15, to dst as UTF-8.
func appendLatin9(dst, src []byte) []byte {
	for _, b := range src {
		if b < utf8.RuneSelf {
			dst = append(dst, b)
			continue
		}
		dst = utf8.AppendRune(dst, latin9Rune(b))
	}
	return dst
}

// latin9Reader decodes an ISO-8859-15 stream to UTF-8. It serves as the
// CharsetReader of XML documents that declare a Latin encoding.
type latin9Reader struct {
	r       io.Reader
	in, out []byte
}

func (l *latin9Reader) Read(p []byte) (int, error) {
	for len(l.out) == 0 {
		if cap(l.in) == 0 {
			l.in = make([]byte, 4096)
		}
		n, err := l.r.Read(l.in[:cap(l.in)])
		l.out = appendLatin9(l.out[:0], l.in[:n])
		if n == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, l.out)
	l.out = l.out[n:]
	return n, nil
}

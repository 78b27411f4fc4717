package bankstatement

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// recordLen is the fixed length of a CFONB 120 record.
const recordLen = 120

// record is one 120-character CFONB record and where it was found.
type record struct {
	line  int    // 1-based line of the file
	index int    // 1-based record number within the line; 0 when the line holds one record
	text  []rune // exactly recordLen runes
}

// where names the record in error messages.
func (r record) where() string {
	if r.index > 0 {
		return fmt.Sprintf("line %d, record %d", r.line, r.index)
	}
	return fmt.Sprintf("line %d", r.line)
}

// field returns the characters at 1-based positions from..to inclusive, the
// way the CFONB specification numbers them.
func (r record) field(from, to int) string {
	return string(r.text[from-1 : to])
}

// decodeText turns the raw file into text. CFONB files are ISO-8859-1 or its
// euro-aware revision ISO-8859-15; some banks now send UTF-8. Valid UTF-8 is
// kept as is (a Latin-9 file with accents is practically never valid UTF-8),
// anything else is read as ISO-8859-15.
func decodeText(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	s, err := charmap.ISO8859_15.NewDecoder().String(string(data))
	if err != nil { // cannot happen: every byte is a Latin-9 character
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return s
}

// splitRecords cuts the text into records. Lines end with LF, CRLF or CR,
// possibly mixed; blank lines (and a DOS end-of-file ^Z) are skipped. A line
// whose length is a multiple of 120 holds that many records run together,
// as some banks deliver a file with no line breaks at all; a record followed
// by trailing spaces is accepted.
func splitRecords(text string) ([]record, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []record
	for i, line := range strings.Split(text, "\n") {
		lineNo := i + 1
		if strings.Trim(line, " \t\x1a\ufeff") == "" {
			continue
		}
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		runes := []rune(line)
		n := len(runes)
		switch {
		case n == recordLen:
			out = append(out, record{line: lineNo, text: runes})
		case n > recordLen && n%recordLen == 0:
			for k := 0; k < n; k += recordLen {
				out = append(out, record{line: lineNo, index: k/recordLen + 1, text: runes[k : k+recordLen]})
			}
		case n > recordLen && strings.TrimRight(string(runes[recordLen:]), " \t") == "":
			out = append(out, record{line: lineNo, text: runes[:recordLen]})
		default:
			return nil, fmt.Errorf("line %d: record is %d characters long, want %d (or a multiple of %d)",
				lineNo, n, recordLen, recordLen)
		}
	}
	return out, nil
}

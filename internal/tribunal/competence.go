package tribunal

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ParseCompetenceCSV reads the Ministry of Justice file "Liste des juridictions
// compétentes pour les communes de France" (data.gouv.fr dataset
// 6392017edf7251532fda4bab, Licence Ouverte 2.0): ';'-separated, header
// Commune;Libellé;Orig. CA;N° CA;CA;Orig. TJ;N° TJ;TJ;… It returns INSEE code →
// TJ designation (the "TJ" column, or "N° TJ" when that is blank), ready for
// NewRegistry. Columns are found by header name, so their order may change
// between vintages. The file is read as UTF-8 unless it is not valid UTF-8, in
// which case it is decoded as ISO-8859-15 (which covers ISO-8859-1 for French
// text, with Windows-1252 punctuation in 0x80–0x9F). Rows without any TJ are
// skipped; a malformed commune code or a commune given two different TJs is an
// error naming the line and column.
func ParseCompetenceCSV(rd io.Reader) (map[string]string, error) {
	raw, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("competence CSV: read: %w", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	text := string(raw)
	if !utf8.Valid(raw) {
		text = decodeLatin9(raw)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("competence CSV: empty file")
	}
	if err != nil {
		return nil, fmt.Errorf("competence CSV: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		key := normalizeName(h)
		if _, dup := col[key]; !dup {
			col[key] = i
		}
	}
	communeCol, ok := col["commune"]
	if !ok {
		return nil, fmt.Errorf("competence CSV line 1: column %q not found in header %q", "Commune", strings.Join(header, ";"))
	}
	tjCol, ok := col["tj"]
	if !ok {
		return nil, fmt.Errorf("competence CSV line 1: column %q not found in header %q", "TJ", strings.Join(header, ";"))
	}
	numCol, hasNum := col["n tj"] // "N° TJ"

	out := map[string]string{}
	firstLine := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("competence CSV: %w", err) // csv.ParseError names line and column
		}
		line, _ := cr.FieldPos(0)
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if len(rec) <= communeCol || len(rec) <= tjCol {
			return nil, fmt.Errorf("competence CSV line %d: %d fields, columns Commune (%d) and TJ (%d) expected",
				line, len(rec), communeCol+1, tjCol+1)
		}
		insee := normalizeINSEE(rec[communeCol])
		if insee == "" {
			return nil, fmt.Errorf("competence CSV line %d, column %d (Commune): %q is not an INSEE commune code",
				line, communeCol+1, rec[communeCol])
		}
		tj := strings.TrimSpace(rec[tjCol])
		if tj == "" && hasNum && len(rec) > numCol {
			tj = strings.TrimSpace(rec[numCol])
		}
		if tj == "" {
			continue
		}
		if prev, seen := out[insee]; seen && prev != tj {
			return nil, fmt.Errorf("competence CSV line %d, column %d (TJ): commune %s has TJ %q here but %q on line %d",
				line, tjCol+1, insee, tj, prev, firstLine[insee])
		}
		if _, seen := out[insee]; !seen {
			out[insee] = tj
			firstLine[insee] = line
		}
	}
	if len(out) == 0 {
		return nil, errors.New("competence CSV: no commune with a TJ")
	}
	return out, nil
}

// latin9 holds the ISO-8859-15 letters that differ from ISO-8859-1, and the
// Windows-1252 characters of 0x80–0x9F that spreadsheets write into files
// labelled ISO-8859-1 (those bytes are unused control codes in ISO-8859).
var latin9 = map[byte]rune{
	0xA4: '€', 0xA6: 'Š', 0xA8: 'š', 0xB4: 'Ž', 0xB8: 'ž', 0xBC: 'Œ', 0xBD: 'œ', 0xBE: 'Ÿ',
	0x80: '€', 0x82: '‚', 0x84: '„', 0x85: '…', 0x8A: 'Š', 0x8C: 'Œ', 0x8E: 'Ž',
	0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x9A: 'š', 0x9C: 'œ', 0x9E: 'ž', 0x9F: 'Ÿ',
}

func decodeLatin9(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		if r, ok := latin9[c]; ok {
			sb.WriteRune(r)
		} else {
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

package lettrage

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Bank remittance fields are upper-case ASCII on old formats (CFONB) and free
// UTF-8 on SEPA ones, and payers retype invoice numbers as they please:
// "FA-2026-0042", "fa 2026 0042", "FA2026/0042". Matching therefore works on
// folded text: ASCII upper-case letters and digits, accents removed.

// accentFolds maps the accented letters of French and its neighbours to ASCII.
var accentFolds = map[rune]string{
	'À': "A", 'Â': "A", 'Ä': "A", 'Á': "A", 'Ã': "A", 'Å': "A",
	'à': "A", 'â': "A", 'ä': "A", 'á': "A", 'ã': "A", 'å': "A",
	'Ç': "C", 'ç': "C",
	'É': "E", 'È': "E", 'Ê': "E", 'Ë': "E", 'é': "E", 'è': "E", 'ê': "E", 'ë': "E",
	'Î': "I", 'Ï': "I", 'Í': "I", 'Ì': "I", 'î': "I", 'ï': "I", 'í': "I", 'ì': "I",
	'Ô': "O", 'Ö': "O", 'Ó': "O", 'Ò': "O", 'Õ': "O", 'Ø': "O",
	'ô': "O", 'ö': "O", 'ó': "O", 'ò': "O", 'õ': "O", 'ø': "O",
	'Ù': "U", 'Û': "U", 'Ü': "U", 'Ú': "U", 'ù': "U", 'û': "U", 'ü': "U", 'ú': "U",
	'Ÿ': "Y", 'ÿ': "Y", 'Ý': "Y", 'ý': "Y", 'Ñ': "N", 'ñ': "N",
	'Œ': "OE", 'œ': "OE", 'Æ': "AE", 'æ': "AE", 'ß': "SS",
}

// fold returns r as upper-case ASCII letters or digits, or "" when r is
// neither (punctuation, spaces, other scripts).
func fold(r rune) string {
	switch {
	case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
		return string(rune(r))
	case r >= 'a' && r <= 'z':
		return string(rune(r - 'a' + 'A'))
	}
	return accentFolds[r]
}

// softSeparator reports whether a payer may have typed r inside an invoice
// number: "FA 2026-0042", "2026/0042", "FA_42", "FA.42". Other punctuation
// (commas, semicolons, parentheses, colons) separates references.
func softSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '_', '.', '/', '\u00a0', '\u202f', '\u2010', '\u2011', '\u2013':
		return true
	}
	return false
}

// appendItemKey appends to dst the folded form of an invoice number or
// reference: its letters and digits only. It appends nothing for keys too
// weak to search for: shorter than two characters or without a digit, which
// would match ordinary words.
func appendItemKey(dst []byte, s string) []byte {
	start := len(dst)
	digit := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= '0' && r <= '9':
				digit = true
			case r >= 'a' && r <= 'z':
				r -= 'a' - 'A'
			case r < 'A' || r > 'Z':
				continue
			}
			dst = append(dst, byte(r))
			continue
		}
		dst = append(dst, accentFolds[r]...)
	}
	if len(dst)-start < 2 || !digit {
		return dst[:start]
	}
	return dst
}

// segment is a run of letters or of digits in folded remittance text.
// Candidate keys are made of consecutive segments, so a key never starts or
// ends inside a run of digits: "12" is not found in "2012", but is found in
// "FACT12" and "FACT 12".
type segment struct {
	start, end int  // in the folded buffer
	glued      bool // may be joined to the previous segment: only soft separators, or none, between them
}

// segmentText folds s into buf and splits it into segments, reusing the
// given slices to avoid allocating for every payment.
func segmentText(s string, buf []byte, segs []segment) ([]byte, []segment) {
	buf, segs = buf[:0], segs[:0]
	const (
		none = iota
		letter
		digit
	)
	prev := none // class of the last folded character, none after a separator
	hard := true // a hard separator (or the start) was seen since the last segment
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		f := fold(r)
		if f == "" {
			if !softSeparator(r) {
				hard = true
			}
			prev = none
			continue
		}
		for i := 0; i < len(f); i++ {
			c := f[i]
			class := letter
			if c >= '0' && c <= '9' {
				class = digit
			}
			if class != prev {
				if n := len(segs); n > 0 {
					segs[n-1].end = len(buf)
				}
				segs = append(segs, segment{start: len(buf), glued: len(segs) > 0 && !hard})
				hard = false
			}
			buf = append(buf, c)
			prev = class
		}
	}
	if n := len(segs); n > 0 {
		segs[n-1].end = len(buf)
	}
	return buf, segs
}

// legalWords are company forms and civilities that banks add or drop at will
// in payer names: "SARL DUPONT ET FILS" is "Dupont et Fils".
var legalWords = map[string]bool{
	"SA": true, "SAS": true, "SASU": true, "SARL": true, "EURL": true, "SCI": true, "SNC": true,
	"SCP": true, "SCOP": true, "SELARL": true, "SCA": true, "GIE": true, "EI": true, "EIRL": true,
	"STE": true, "SOCIETE": true, "ETS": true, "ETABLISSEMENTS": true,
	"M": true, "MR": true, "MME": true, "MLLE": true, "MONSIEUR": true, "MADAME": true,
}

// nameKey normalises a payer or debtor name for comparison: folded words,
// legal forms and civilities dropped, in sorted order so that "DUPONT JEAN"
// equals "Jean Dupont". It returns "" when nothing significant is left.
func nameKey(s string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 && !legalWords[w.String()] {
			words = append(words, w.String())
		}
		w.Reset()
	}
	for _, r := range s {
		if f := fold(r); f != "" {
			w.WriteString(f)
		} else {
			flush()
		}
	}
	flush()
	slices.Sort(words)
	return strings.Join(words, " ")
}

package bankstatement

import "strings"

// cleanText trims a free-text field and collapses runs of white space, so
// that "*WASHINGTON AVE  CB.92" and a camt Ustrd split over lines compare
// and display the same.
func cleanText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// appendText adds one piece of remittance text to those already collected,
// skipping it when it adds nothing. Banks repeat themselves: a CFONB file
// gives the same invoice numbers as "LIB" and as "LCC", and a camt entry
// repeats its Ustrd in AddtlTxInf. A piece that contains an earlier one
// (the full 140-character SEPA remittance after its first 70 characters)
// replaces it.
func appendText(parts []string, piece string) []string {
	piece = cleanText(piece)
	if piece == "" {
		return parts
	}
	for i, p := range parts {
		if strings.Contains(p, piece) {
			return parts
		}
		if strings.Contains(piece, p) {
			parts[i] = piece
			return dropContained(parts, i)
		}
	}
	return append(parts, piece)
}

// dropContained removes the parts, other than parts[keep], that parts[keep]
// now contains.
func dropContained(parts []string, keep int) []string {
	kept := parts[keep]
	out := parts[:0]
	for i, p := range parts {
		if i != keep && strings.Contains(kept, p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// joinDistinct joins the non-empty values, each once, in first-seen order.
// Values are trimmed but not otherwise changed: references are compared
// with what the payer typed, spaces included.
func joinDistinct(sep string, values ...string) string {
	var out []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		seen := false
		for _, o := range out {
			if o == v {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, v)
		}
	}
	return strings.Join(out, sep)
}

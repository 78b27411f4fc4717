package bankstatement

import (
	"fmt"
	"strings"
)

// cfonbEntry is a movement (record 04) still collecting its complements (05).
type cfonbEntry struct {
	Entry
	label  string
	pieces []string // remittance texts from LIB, LCC(+LC2), LCS, raw, in order
	client int      // index in pieces of the last LCC, which LC2 continues; -1 if none
	prev   string   // qualifier of the previous complement
}

// parseMovement reads a record 04.
func parseMovement(rec record) (*cfonbEntry, error) {
	ccy, err := parseCurrency(rec)
	if err != nil {
		return nil, err
	}
	cents, err := parseAmount(rec)
	if err != nil {
		return nil, err
	}
	booked, err := parseJJMMAA(rec.field(35, 40))
	if err != nil {
		return nil, fmt.Errorf("%s: booking date (positions 35–40): %w", rec.where(), err)
	}
	e := &cfonbEntry{client: -1, label: rec.field(49, 79)}
	if v := rec.field(43, 48); strings.TrimSpace(v) != "" {
		if e.ValueDate, err = parseJJMMAA(v); err != nil {
			return nil, fmt.Errorf("%s: value date (positions 43–48): %w", rec.where(), err)
		}
	}
	reject := strings.TrimSpace(rec.field(41, 42))
	e.Line = rec.line
	e.BookingDate = booked
	e.AmountCents = cents
	e.Currency = ccy
	e.BankReference = cleanText(rec.field(105, 120))
	e.Reversal = reject != "" && reject != "00"
	return e, nil
}

// complement folds one record 05 into the movement. text is the raw
// 70-character zone 49–118. For the SEPA qualifiers the zone holds two
// 35-character sub-fields (e.g. RCN: end-to-end id, then purpose).
func (e *cfonbEntry) complement(qualifier, text string) {
	switch qualifier {
	case "NPY":
		e.PayerName = joinDistinct(" ", e.PayerName, cleanText(text))
	case "LIB", "LCS":
		e.pieces = append(e.pieces, text)
	case "LCC":
		e.pieces = append(e.pieces, text)
		e.client = len(e.pieces) - 1
	case "LC2":
		// The SEPA remittance has 140 characters: LC2 carries characters
		// 71–140, continuing LCC mid-word ("Ident: 00003" + "263").
		if (e.prev == "LCC" || e.prev == "LC2") && e.client >= 0 {
			e.pieces[e.client] += text
		} else {
			e.pieces = append(e.pieces, text)
		}
	case "RCN":
		id := strings.TrimSpace(string([]rune(text)[:35]))
		if id != "NOTPROVIDED" {
			e.EndToEndID = joinDistinct(" ", e.EndToEndID, id)
		}
	case "REF":
		e.BankReference = joinDistinct(" ", e.BankReference, text)
	}
	e.prev = qualifier
}

// finish builds the entry: its label followed by the remittance texts, each
// once.
func (e *cfonbEntry) finish() Entry {
	parts := appendText(nil, e.label)
	for _, p := range e.pieces {
		parts = appendText(parts, p)
	}
	out := e.Entry
	out.Remittance = strings.Join(parts, " ")
	return out
}

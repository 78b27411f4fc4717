package invoicesource

import (
	"bytes"
	"fmt"
	"strings"
)

// FEC layouts: the amount is either split into Debit and Credit columns or
// given as Montant with a Sens column holding D or C (arrêté du 29 juillet 2013).
const (
	VariantDebitCredit = "debit-credit"
	VariantMontantSens = "montant-sens"
)

// fecColumns maps the columns Recouvra reads to their 0-based index in a line.
// Columns not needed to find open receivables (EcritureNum, CompteLib, DateLet,
// ValidDate, Montantdevise, Idevise) may be absent: many exports get them
// wrong and they change nothing to what is owed.
type fecColumns struct {
	count                                    int
	names                                    []string // as written in the header
	journalCode, journalLib, ecritureDate    int
	compteNum, compAuxNum, compAuxLib        int
	pieceRef, pieceDate, ecritureLib, letter int
	debit, credit, montant, sens             int
	variant                                  string
}

// name returns the header name of column i (0-based) for error messages.
func (c *fecColumns) name(i int) string {
	if i >= 0 && i < len(c.names) {
		return c.names[i]
	}
	return fmt.Sprintf("#%d", i+1)
}

// detectSeparator picks tab or pipe, whichever the header uses; the FEC
// format allows nothing else.
func detectSeparator(header []byte) (byte, error) {
	tabs, pipes := bytes.Count(header, []byte{'\t'}), bytes.Count(header, []byte{'|'})
	switch {
	case tabs == 0 && pipes == 0:
		seen := "no separator at all"
		if bytes.Count(header, []byte{';'}) > 0 {
			seen = "semicolons"
		} else if bytes.Count(header, []byte{','}) > 0 {
			seen = "commas"
		}
		return 0, fmt.Errorf("header is separated by neither tab nor | (found %s)", seen)
	case tabs >= pipes:
		return '\t', nil
	}
	return '|', nil
}

// parseFECHeader indexes the columns of the header line.
func parseFECHeader(fields [][]byte) (*fecColumns, error) {
	c := &fecColumns{count: len(fields)}
	index := make(map[string]int, len(fields))
	for i, f := range fields {
		name := string(bytes.TrimSpace(f))
		c.names = append(c.names, name)
		key := strings.ToLower(name)
		if key == "" {
			return nil, fmt.Errorf("column %d of the header has no name", i+1)
		}
		if _, dup := index[key]; dup {
			return nil, fmt.Errorf("column %q appears twice in the header", name)
		}
		index[key] = i
	}
	col := func(name string) int {
		if i, ok := index[strings.ToLower(name)]; ok {
			return i
		}
		return -1
	}
	required := []struct {
		name string
		dst  *int
	}{
		{"JournalCode", &c.journalCode}, {"JournalLib", &c.journalLib},
		{"EcritureDate", &c.ecritureDate}, {"CompteNum", &c.compteNum},
		{"CompAuxNum", &c.compAuxNum}, {"CompAuxLib", &c.compAuxLib},
		{"PieceRef", &c.pieceRef}, {"PieceDate", &c.pieceDate},
		{"EcritureLib", &c.ecritureLib}, {"EcritureLet", &c.letter},
	}
	var missing []string
	for _, r := range required {
		*r.dst = col(r.name)
		if *r.dst < 0 {
			missing = append(missing, r.name)
		}
	}
	c.debit, c.credit, c.montant, c.sens = col("Debit"), col("Credit"), col("Montant"), col("Sens")
	switch {
	case c.debit >= 0 && c.credit >= 0:
		c.variant = VariantDebitCredit
	case c.montant >= 0 && c.sens >= 0:
		c.variant = VariantMontantSens
	default:
		missing = append(missing, "Debit and Credit (or Montant and Sens)")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("header lacks column %s (found %s)",
			strings.Join(missing, ", "), strings.Join(c.names, ", "))
	}
	return c, nil
}

package bankstatement

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Format is a bank statement file format.
type Format int

const (
	FormatUnknown Format = iota
	FormatCFONB120
	FormatCAMT053
)

func (f Format) String() string {
	switch f {
	case FormatCFONB120:
		return "CFONB 120"
	case FormatCAMT053:
		return "camt.053"
	}
	return "unknown"
}

// headSize is how much of a file Detect needs.
const headSize = 4096

// maxFileSize bounds what Parse reads: a month of statements for a busy
// account is a few megabytes; anything far larger is not a statement.
const maxFileSize = 64 << 20

// Detect recognises the format from the first bytes of a file (headSize are
// enough). The content decides, not the name, because banks name these
// files arbitrarily (.txt, .dat, .cfo, no extension); name only labels errors.
func Detect(name string, head []byte) (Format, error) {
	h := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	h = bytes.TrimLeft(h, " \t\r\n")
	if len(h) == 0 {
		return FormatUnknown, fmt.Errorf("%s: the file is empty", name)
	}
	if h[0] == '<' {
		switch {
		case bytes.Contains(h, []byte("camt.053")) || bytes.Contains(h, []byte("BkToCstmrStmt")):
			return FormatCAMT053, nil
		case bytes.Contains(h, []byte("camt.052")) || bytes.Contains(h, []byte("BkToCstmrAcctRpt")):
			return FormatUnknown, fmt.Errorf("%s: camt.052 account reports are not supported, ask the bank for camt.053 statements", name)
		case bytes.Contains(h, []byte("camt.054")) || bytes.Contains(h, []byte("BkToCstmrDbtCdtNtfctn")):
			return FormatUnknown, fmt.Errorf("%s: camt.054 notifications are not supported, ask the bank for camt.053 statements", name)
		}
		return FormatUnknown, fmt.Errorf("%s: XML file is not a camt.053 bank statement", name)
	}
	if looksLikeCFONB(h) {
		return FormatCFONB120, nil
	}
	start := h[:min(len(h), 24)]
	return FormatUnknown, fmt.Errorf("%s: not a CFONB 120 or camt.053 bank statement (it starts with %q)", name, start)
}

// looksLikeCFONB checks the first record: a CFONB record code, then the
// currency code at positions 17–19 and the number of decimals at 20.
func looksLikeCFONB(h []byte) bool {
	if len(h) < 20 {
		return false
	}
	switch string(h[:2]) {
	case "01", "04", "05", "07":
	default:
		return false
	}
	for _, c := range h[16:19] {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return h[19] >= '0' && h[19] <= '9'
}

// Parse reads a bank statement file of either format and checks that every
// statement balances (Statement.Check). One statement that does not balance
// fails the whole file: importing the rest would hide the movement that is
// missing or doubled, and the file must be fetched again from the bank.
// Errors start with name.
func Parse(name string, r io.Reader) ([]Statement, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d MiB, not a bank statement", name, maxFileSize>>20)
	}
	format, err := Detect(name, data[:min(len(data), headSize)])
	if err != nil {
		return nil, err
	}
	var statements []Statement
	switch format {
	case FormatCFONB120:
		statements, err = ParseCFONB120(bytes.NewReader(data))
	case FormatCAMT053:
		statements, err = ParseCAMT053(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var problems []error
	for _, s := range statements {
		if err := s.Check(); err != nil {
			problems = append(problems, err)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s: %w", name, errors.Join(problems...))
	}
	return statements, nil
}

package invoicesource

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"github.com/recouvra/recouvra/internal/civil"
)

// maxFECLine bounds one line; a longer one means the file is not a FEC.
const maxFECLine = 1 << 20

// FECOptions say what a FEC file cannot: the payment terms and who the seller is.
type FECOptions struct {
	// PaymentTermsDays gives the due date, counted from PieceDate (or
	// EcritureDate when PieceDate is empty), since a FEC records no due date.
	// Zero means 30 days, the default term of article L441-10 du code de commerce.
	PaymentTermsDays int
	// AccountPrefixes select the customer accounts; nil means {"411"}.
	// Add "416" to include doubtful customers (clients douteux).
	AccountPrefixes []string
	// Seller is copied into every Document: the company whose books these are.
	Seller Party
	// Currency of the Debit and Credit columns; "" means EUR.
	Currency string
}

func (o FECOptions) withDefaults() FECOptions {
	if o.PaymentTermsDays == 0 {
		o.PaymentTermsDays = 30
	}
	if o.AccountPrefixes == nil {
		o.AccountPrefixes = []string{"411"}
	}
	if o.Currency == "" {
		o.Currency = "EUR"
	}
	return o
}

// FECStats describe a scanned file and what was found in it.
type FECStats struct {
	Lines       int    // physical lines, header included
	Entries     int    // non-blank lines after the header
	Separator   byte   // '\t' or '|'
	Variant     string // VariantDebitCredit or VariantMontantSens
	Latin9Lines int    // lines that were not UTF-8 and were read as ISO-8859-15

	CustomerLines    int // entries on a customer account
	LetteredLines    int // … of which matched (EcritureLet set): settled
	NoAuxiliaryLines int // … of which without CompAuxNum: no debtor to pursue
	OpenLines        int // … of which open, each giving a Document

	Invoices, CreditNotes, Payments int
	OpenDebitCents                  int64 // sum of open invoices
	OpenCreditCents                 int64 // sum of open credit notes and payments
}

// OpenBalanceCents is what the customers owe on the open lines.
func (s FECStats) OpenBalanceCents() int64 { return s.OpenDebitCents - s.OpenCreditCents }

// Encoding names the character set the file was read in.
func (s FECStats) Encoding() string {
	if s.Latin9Lines > 0 {
		return "ISO-8859-15"
	}
	return "UTF-8"
}

// FECDebtor is a customer sub-account with open lines.
type FECDebtor struct {
	Party         Party // Name and AccountRef from CompAuxLib and CompAuxNum
	OpenCents     int64 // invoices less credit notes and payments
	Documents     int
	OldestDueDate civil.Date // earliest due date of an open invoice
}

// FECResult is a whole FEC file read into memory.
type FECResult struct {
	Documents []Document
	Debtors   []FECDebtor // sorted by AccountRef
	Stats     FECStats
}

// ParseFEC reads a whole FEC and keeps its open receivables in memory. For
// very large files prefer ScanFEC, whose memory use does not grow with the file.
func ParseFEC(r io.Reader, opt FECOptions) (FECResult, error) {
	var res FECResult
	debtors := map[string]*FECDebtor{}
	stats, err := ScanFEC(r, opt, func(d Document) error {
		res.Documents = append(res.Documents, d)
		db := debtors[d.Buyer.AccountRef]
		if db == nil {
			db = &FECDebtor{Party: d.Buyer}
			debtors[d.Buyer.AccountRef] = db
		}
		db.Documents++
		if d.Type == TypeInvoice {
			db.OpenCents += d.TotalCents
			if db.OldestDueDate.IsZero() || d.DueDate.Before(db.OldestDueDate) {
				db.OldestDueDate = d.DueDate
			}
		} else {
			db.OpenCents -= d.TotalCents
		}
		return nil
	})
	res.Stats = stats
	if err != nil {
		return res, err
	}
	for _, db := range debtors {
		res.Debtors = append(res.Debtors, *db)
	}
	sort.Slice(res.Debtors, func(i, j int) bool {
		return res.Debtors[i].Party.AccountRef < res.Debtors[j].Party.AccountRef
	})
	return res, nil
}

// ScanFEC reads a FEC line by line and calls fn with each open receivable:
// a line on a customer account (411…) with a CompAuxNum and no EcritureLet.
// A debit gives an invoice, a credit a credit note or a payment (see
// classifyCredit). Memory stays constant whatever the file size. The first
// error — from the file or from fn — stops the scan and is returned.
func ScanFEC(r io.Reader, opt FECOptions, fn func(Document) error) (FECStats, error) {
	opt = opt.withDefaults()
	var (
		st     FECStats
		cols   *fecColumns
		fields [][]byte
		latin  []byte
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxFECLine)
	for sc.Scan() {
		st.Lines++
		line := sc.Bytes()
		if st.Lines == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		// Decide the encoding per line: a line that is not valid UTF-8 is
		// ISO-8859-15. French text in ISO-8859-15 is almost never valid UTF-8
		// by accident, so this is right for UTF-8 files, Latin files, and
		// UTF-8 files with a few stray Latin lines alike.
		if !utf8.Valid(line) {
			latin = appendLatin9(latin[:0], line)
			line = latin
			st.Latin9Lines++
		}
		if cols == nil {
			sep, err := detectSeparator(line)
			if err != nil {
				return st, &ParseError{Source: SourceFEC, Line: st.Lines, Err: err}
			}
			fields = splitFields(fields, line, sep)
			fields = dropTrailingEmpty(fields)
			if cols, err = parseFECHeader(fields); err != nil {
				return st, &ParseError{Source: SourceFEC, Line: st.Lines, Err: err}
			}
			st.Separator, st.Variant = sep, cols.variant
			continue
		}
		st.Entries++
		fields = splitFields(fields, line, st.Separator)
		if len(fields) == cols.count+1 && len(bytes.TrimSpace(fields[cols.count])) == 0 {
			fields = fields[:cols.count] // trailing separator, as many exports write
		}
		if len(fields) != cols.count {
			return st, &ParseError{Source: SourceFEC, Line: st.Lines, Err: fieldCountError(len(fields), cols, st.Separator)}
		}
		doc, open, err := readFECLine(fields, cols, &st, opt)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				pe.Line = st.Lines
			}
			return st, err
		}
		if !open {
			continue
		}
		doc.Line = st.Lines
		if err := fn(doc); err != nil {
			return st, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes: not a FEC file", maxFECLine)
		}
		return st, &ParseError{Source: SourceFEC, Line: st.Lines + 1, Err: err}
	}
	if cols == nil {
		return st, &ParseError{Source: SourceFEC, Err: errors.New("file is empty: no header line")}
	}
	return st, nil
}

func dropTrailingEmpty(fields [][]byte) [][]byte {
	if n := len(fields); n > 1 && len(bytes.TrimSpace(fields[n-1])) == 0 {
		return fields[:n-1]
	}
	return fields
}

func fieldCountError(got int, cols *fecColumns, sep byte) error {
	sepName := "tab"
	if sep == '|' {
		sepName = "|"
	}
	if got < cols.count {
		return fmt.Errorf("%d columns separated by %s where the header has %d: column %d (%s) and after are missing",
			got, sepName, cols.count, got+1, cols.name(got))
	}
	return fmt.Errorf("%d columns separated by %s where the header has %d: is there a %s inside a label?",
		got, sepName, cols.count, sepName)
}

package invoicesource

import (
	"bytes"
	"errors"

	"github.com/recouvra/recouvra/internal/civil"
)

// readFECLine checks one entry and, when it is an open receivable, returns it
// as a Document with open set. Dates and amounts are checked on every line,
// not only on customer lines: a file with a broken column is better refused
// than half read. Errors are *ParseError without the line number, which the
// caller fills in.
func readFECLine(f [][]byte, c *fecColumns, st *FECStats, opt FECOptions) (doc Document, open bool, err error) {
	fail := func(col int, err error) (Document, bool, error) {
		return Document{}, false, &ParseError{Source: SourceFEC, Column: col + 1, Field: c.name(col), Err: err}
	}
	entryDate, err := parseFECDate(f[c.ecritureDate])
	if err != nil {
		return fail(c.ecritureDate, err)
	}
	if entryDate.IsZero() {
		return fail(c.ecritureDate, errors.New("date is empty"))
	}
	pieceDate, err := parseFECDate(f[c.pieceDate])
	if err != nil {
		return fail(c.pieceDate, err)
	}
	var net int64 // debit minus credit
	if c.variant == VariantDebitCredit {
		debit, err := parseFECAmount(f[c.debit])
		if err != nil {
			return fail(c.debit, err)
		}
		credit, err := parseFECAmount(f[c.credit])
		if err != nil {
			return fail(c.credit, err)
		}
		net = debit - credit
	} else {
		amount, err := parseFECAmount(f[c.montant])
		if err != nil {
			return fail(c.montant, err)
		}
		sign, err := parseSens(f[c.sens])
		if err != nil {
			return fail(c.sens, err)
		}
		net = sign * amount
	}

	if !hasAnyPrefix(bytes.TrimSpace(f[c.compteNum]), opt.AccountPrefixes) {
		return Document{}, false, nil
	}
	st.CustomerLines++
	if len(bytes.TrimSpace(f[c.letter])) > 0 {
		st.LetteredLines++
		return Document{}, false, nil
	}
	aux := bytes.TrimSpace(f[c.compAuxNum])
	if len(aux) == 0 {
		st.NoAuxiliaryLines++
		return Document{}, false, nil
	}
	if net == 0 {
		return Document{}, false, nil // nothing owed either way
	}
	st.OpenLines++

	issue := pieceDate
	if issue.IsZero() {
		issue = entryDate
	}
	doc = Document{
		Source:    SourceFEC,
		Number:    trimmed(f[c.pieceRef]),
		IssueDate: issue,
		DueDate:   dueDate(issue, opt.PaymentTermsDays),
		Currency:  opt.Currency,
		Seller:    opt.Seller,
		Buyer:     Party{Name: trimmed(f[c.compAuxLib]), AccountRef: string(aux)},
	}
	if net > 0 {
		doc.Type = TypeInvoice
		st.Invoices++
		st.OpenDebitCents += net
	} else {
		net = -net
		doc.Type = classifyCredit(trimmed(f[c.journalCode]), trimmed(f[c.journalLib]),
			trimmed(f[c.ecritureLib]), doc.Number)
		if doc.Type == TypeCreditNote {
			st.CreditNotes++
		} else {
			st.Payments++
		}
		st.OpenCreditCents += net
	}
	// A FEC line carries the amount booked on the customer account, VAT
	// included; the VAT split is on other lines of the entry.
	doc.TotalCents, doc.PayableCents = net, net
	return doc, true, nil
}

func dueDate(issue civil.Date, termsDays int) civil.Date {
	return issue.AddDays(termsDays)
}

func trimmed(b []byte) string { return string(bytes.TrimSpace(b)) }

package bankstatement

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/ianaindex"
)

// ParseCAMT053 reads an ISO 20022 BankToCustomerStatement (camt.053, any
// version from .001.02 to .001.08; the namespace is not checked). Each Stmt
// gives one Statement: account from Acct/Id/IBAN (or Othr/Id), opening
// balance OPBD (else PRCD), closing balance CLBD, and one Entry per booked
// Ntry. Entries with status PDNG or INFO are left out: they are not part of
// the booked balance.
//
// A batch entry whose TxDtls each carry an amount in the entry's currency,
// adding up to the entry's amount, is split into one Entry per TxDtls (with
// the TxDtls path), because each transaction is a separate payment to match
// against an invoice. Otherwise the entry stays whole and gathers the names,
// references and remittance texts of all its TxDtls.
//
// The sign of an entry is its CdtDbtInd. A reversal (RvslInd true) keeps
// that sign — ISO 20022 says the indicator of a reversal entry is the
// opposite of the original's — and is flagged in Entry.Reversal.
//
// The statements are returned without balance check; see Statement.Check.
func ParseCAMT053(r io.Reader) ([]Statement, error) {
	dec := xml.NewDecoder(skipBOM(r))
	dec.CharsetReader = charsetReader
	var doc camtDocument
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("camt.053: no XML element in the document")
		}
		return nil, fmt.Errorf("camt.053: malformed XML: %w", err)
	}
	if doc.XMLName.Local != "Document" {
		return nil, fmt.Errorf("camt.053: root element is <%s>, want <Document>", doc.XMLName.Local)
	}
	switch {
	case doc.Message == nil && doc.Report != nil:
		return nil, errors.New("Document: this is a camt.052 account report (BkToCstmrAcctRpt), not a camt.053 statement")
	case doc.Message == nil && doc.Notification != nil:
		return nil, errors.New("Document: this is a camt.054 notification (BkToCstmrDbtCdtNtfctn), not a camt.053 statement")
	case doc.Message == nil:
		return nil, errors.New("Document: no BkToCstmrStmt element, not a camt.053 statement")
	case len(doc.Message.Statements) == 0:
		return nil, errors.New("Document/BkToCstmrStmt: no Stmt element")
	}
	out := make([]Statement, 0, len(doc.Message.Statements))
	for i, st := range doc.Message.Statements {
		s, err := parseCamtStatement(fmt.Sprintf("Document/BkToCstmrStmt/Stmt[%d]", i+1), st)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func parseCamtStatement(path string, st camtStatement) (Statement, error) {
	s := Statement{Source: path}
	switch {
	case strings.TrimSpace(st.Account.IBAN) != "":
		s.AccountID = strings.ToUpper(strings.Join(strings.Fields(st.Account.IBAN), ""))
	case strings.TrimSpace(st.Account.Other) != "":
		s.AccountID = strings.TrimSpace(st.Account.Other)
	default:
		return s, fmt.Errorf("%s/Acct/Id: neither IBAN nor Othr/Id", path)
	}
	opening, closing := -1, -1
	for i, b := range st.Balances {
		switch strings.TrimSpace(b.Code) {
		case "OPBD":
			if opening < 0 || strings.TrimSpace(st.Balances[opening].Code) != "OPBD" {
				opening = i
			}
		case "PRCD":
			if opening < 0 {
				opening = i
			}
		case "CLBD":
			if closing < 0 {
				closing = i
			}
		}
	}
	if opening < 0 {
		return s, fmt.Errorf("%s: no opening balance (Bal with Tp/CdOrPrtry/Cd OPBD or PRCD)", path)
	}
	if closing < 0 {
		return s, fmt.Errorf("%s: no closing balance (Bal with Tp/CdOrPrtry/Cd CLBD)", path)
	}
	var err error
	s.Currency, s.OpeningCents, s.OpeningDate, err = parseCamtBalance(fmt.Sprintf("%s/Bal[%d]", path, opening+1), st.Balances[opening])
	if err != nil {
		return s, err
	}
	s.ClosingCurrency, s.ClosingCents, s.ClosingDate, err = parseCamtBalance(fmt.Sprintf("%s/Bal[%d]", path, closing+1), st.Balances[closing])
	if err != nil {
		return s, err
	}
	for j, n := range st.Entries {
		status := strings.TrimSpace(n.Status.Code)
		if status == "" {
			status = strings.TrimSpace(n.Status.Text)
		}
		if status == "PDNG" || status == "INFO" {
			continue
		}
		entries, err := parseCamtEntry(fmt.Sprintf("%s/Ntry[%d]", path, j+1), n)
		if err != nil {
			return s, err
		}
		s.Entries = append(s.Entries, entries...)
	}
	return s, nil
}

// skipBOM drops a UTF-8 byte-order mark, which encoding/xml refuses.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if head, err := br.Peek(3); err == nil && bytes.Equal(head, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	return br
}

// charsetReader lets documents declared as ISO-8859-1, ISO-8859-15 or
// windows-1252 (still produced by some French bank platforms) be read.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unsupported XML encoding %q", label)
	}
	return enc.NewDecoder().Reader(input), nil
}

// Package bankstatement reads bank account statements — French CFONB 120
// files and ISO 20022 camt.053 XML — into one model, so that incoming
// payments can be matched against open invoices whatever the bank sends.
//
// Amounts are int64 hundredths of the currency unit ("cents"), signed from
// the account holder's point of view: a credit (money received) is positive.
package bankstatement

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
)

// Statement is one account statement: the balance at the start, the
// movements booked, and the balance at the end.
type Statement struct {
	// AccountID is the IBAN (camt.053, or the Othr/Id when the bank gives no
	// IBAN) or, for CFONB, bank code + branch code + account number: the 21
	// characters of a French RIB without its 2-digit key, which are also
	// characters 5–25 of the account's IBAN.
	AccountID string
	// Currency is the currency of the opening balance, hence of the account.
	Currency string
	// ClosingCurrency is the currency the closing balance was written in. It
	// equals Currency in any consistent statement; Check reports a mismatch
	// rather than the parser, so that the rest of the statement stays readable.
	ClosingCurrency string

	OpeningCents, ClosingCents int64
	OpeningDate, ClosingDate   civil.Date
	Entries                    []Entry

	// Source says where the statement starts in its file ("line 12",
	// "Document/BkToCstmrStmt/Stmt[2]"): several statements of one file may
	// share account and dates, and an error must point at the right one.
	Source string
}

// Entry is one movement on the account.
type Entry struct {
	Line int    // source line (CFONB), or 0
	Path string // XML element path (camt), e.g. Document/BkToCstmrStmt/Stmt[1]/Ntry[3]

	BookingDate, ValueDate civil.Date
	AmountCents            int64 // signed: credit > 0, debit < 0
	Currency               string

	PayerName     string // CFONB "NPY"; camt RltdPties/Dbtr name
	Remittance    string // label and remittance text, in reading order
	BankReference string // the bank's own reference of the booking
	EndToEndID    string // the payer's end-to-end reference (CFONB "RCN")

	// Reversal marks an entry that cancels an earlier one: camt RvslInd, or
	// a CFONB movement carrying a reject reason code. The sign of AmountCents
	// is already the sign of this booking; a reversed customer payment shows
	// up as a debit.
	Reversal bool
}

// IsCredit reports whether the entry brings money into the account.
func (e Entry) IsCredit() bool { return e.AmountCents > 0 }

// where names the entry for error messages.
func (e Entry) where() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d", e.Line)
	}
	return e.Path
}

// Check verifies that the statement adds up: opening balance plus the sum of
// the entries equals the closing balance, all in one currency. A statement
// that does not add up has lost or duplicated a movement, and matching
// payments against it would silently miss money.
func (s Statement) Check() error {
	if s.ClosingCurrency != "" && s.ClosingCurrency != s.Currency {
		return fmt.Errorf("%s: closing balance is in %s but the opening balance is in %s",
			s.name(), s.ClosingCurrency, s.Currency)
	}
	var sum int64
	for _, e := range s.Entries {
		if e.Currency != s.Currency {
			return fmt.Errorf("%s: entry at %s is in %q but the statement is in %s",
				s.name(), e.where(), e.Currency, s.Currency)
		}
		next, ok := addCents(sum, e.AmountCents)
		if !ok {
			return fmt.Errorf("%s: sum of the entries overflows at %s", s.name(), e.where())
		}
		sum = next
	}
	computed, ok := addCents(s.OpeningCents, sum)
	if !ok {
		return fmt.Errorf("%s: opening balance plus entries overflows", s.name())
	}
	if computed != s.ClosingCents {
		return fmt.Errorf("%s does not balance: opening %s + %d entries %s = %s, but closing is %s (difference %s %s)",
			s.name(), formatCents(s.OpeningCents), len(s.Entries), formatCents(sum),
			formatCents(computed), formatCents(s.ClosingCents),
			formatCents(s.ClosingCents-computed), s.Currency)
	}
	return nil
}

// name identifies the statement in messages: where it is, which account, which days.
func (s Statement) name() string {
	return fmt.Sprintf("statement at %s (account %s, %s to %s)",
		s.Source, s.AccountID, s.OpeningDate, s.ClosingDate)
}

// addCents adds with overflow detection; fuzzed or corrupt files can hold
// amounts whose sum does not fit.
func addCents(a, b int64) (int64, bool) {
	c := a + b
	if (b > 0 && c < a) || (b < 0 && c > a) {
		return 0, false
	}
	return c, true
}

// formatCents writes cents as a plain signed decimal, "-1234.56", for error
// messages read by developers and support staff alongside the raw file.
func formatCents(c int64) string {
	sign := ""
	u := uint64(c)
	if c < 0 {
		sign = "-"
		u = uint64(-(c + 1)) + 1
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

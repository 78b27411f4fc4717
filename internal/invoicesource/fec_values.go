package invoicesource

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// splitFields cuts line at sep into dst, reusing its storage: a million-line
// file must not allocate a slice per line.
func splitFields(dst [][]byte, line []byte, sep byte) [][]byte {
	dst = dst[:0]
	for {
		i := bytes.IndexByte(line, sep)
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}

// parseFECAmount reads a FEC amount: decimal comma (a point is tolerated),
// optional sign, zero padding ("0000000069,60"), blanks around. Plain numbers
// take a fast path without allocating; anything else goes to
// money.ParseDecimal, whose messages say precisely what is wrong.
func parseFECAmount(b []byte) (int64, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0, nil // the format wants "0,00" but empty cells mean nothing else
	}
	if cents, ok := fastCents(b); ok {
		return cents, nil
	}
	return money.ParseDecimal(string(b))
}

// fastCents parses [+-]digits[(,|.)d[d]] of at most 16 digits.
func fastCents(b []byte) (int64, bool) {
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg, b = b[0] == '-', b[1:]
	}
	var cents int64
	digits, fracDigits, sepSeen := 0, 0, false
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			cents = cents*10 + int64(c-'0')
			digits++
			if sepSeen {
				fracDigits++
			}
		case (c == ',' || c == '.') && !sepSeen:
			sepSeen = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 16 || fracDigits > 2 || (sepSeen && fracDigits == 0) {
		return 0, false
	}
	for ; fracDigits < 2; fracDigits++ {
		cents *= 10
	}
	if neg {
		cents = -cents
	}
	return cents, true
}

// parseFECDate reads AAAAMMJJ; empty gives the zero date.
func parseFECDate(b []byte) (civil.Date, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return civil.Date{}, nil
	}
	if len(b) != 8 {
		return civil.Date{}, fmt.Errorf("date %q is not of the form AAAAMMJJ", b)
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return civil.Date{}, fmt.Errorf("date %q is not of the form AAAAMMJJ", b)
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, time.Month(n/100%100), n%100
	date := civil.New(y, m, d)
	if m < 1 || m > 12 || d < 1 || date.Month() != m || date.Day() != d {
		return civil.Date{}, fmt.Errorf("date %q does not exist", b)
	}
	return date, nil
}

// parseSens reads the Sens column of the Montant/Sens layout and returns +1
// for a debit, -1 for a credit.
func parseSens(b []byte) (int64, error) {
	switch string(bytes.ToUpper(bytes.TrimSpace(b))) {
	case "D", "+1", "1":
		return 1, nil
	case "C", "-1":
		return -1, nil
	}
	return 0, fmt.Errorf("sens %q is neither D nor C", b)
}

// hasAnyPrefix reports whether the account number starts with one of prefixes.
func hasAnyPrefix(account []byte, prefixes []string) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(account, []byte(p)) {
			return true
		}
	}
	return false
}

// classifyCredit tells a credit note from a payment among the open credits of
// a customer account. A FEC says neither, so the journal and labels decide:
// the word "avoir" or a piece number starting with AV means a credit note, and
// so does a credit booked in a sales journal (VE, VT, VEN… or a label with
// "vente"), where only invoices and credit notes are recorded. Everything else
// — bank, cash, cheque remittances, opening balances, miscellaneous
// operations — is taken as a payment not yet matched to an invoice. Either way
// the amount reduces the debtor's balance; the type only changes how a letter
// describes it.
func classifyCredit(journalCode, journalLib, ecritureLib, pieceRef string) string {
	if hasWord(journalLib, "avoir") || hasWord(ecritureLib, "avoir") || hasWord(pieceRef, "avoir") {
		return TypeCreditNote
	}
	ref := strings.ToUpper(strings.TrimSpace(pieceRef))
	if strings.HasPrefix(ref, "AV") && len(ref) > 2 && !isLetter(ref[2]) {
		return TypeCreditNote
	}
	code := strings.ToUpper(strings.TrimSpace(journalCode))
	if code == "V" || strings.HasPrefix(code, "VE") || strings.HasPrefix(code, "VT") ||
		hasWord(journalLib, "vente") || hasWord(journalLib, "ventes") {
		return TypeCreditNote
	}
	return TypePayment
}

// hasWord reports whether word (lower-case ASCII) starts a word of s, ignoring case.
func hasWord(s, word string) bool {
	s = strings.ToLower(s)
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return false
		}
		at := i + j
		end := at + len(word)
		if (at == 0 || !isLetter(s[at-1])) && (end == len(s) || !isLetter(s[end])) {
			return true
		}
		i = at + 1
	}
}

func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

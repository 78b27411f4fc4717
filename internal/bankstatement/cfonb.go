package bankstatement

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// ParseCFONB120 reads a CFONB 120 "relevé de compte" file: for each account
// and day, a record 01 (opening balance), records 04 (movements) each
// followed by optional records 05 (complements), and a record 07 (closing
// balance). Positions are those of the CFONB specification (1-based).
//
// Complements are folded into the movement they follow: NPY gives the
// payer's name; LIB, LCC (+ its continuation LC2) and LCS the remittance
// text, after the movement's own label; RCN the end-to-end reference; REF a
// bank reference. Other qualifiers (NBE, IPY, IBE, RUM, MMO…) are ignored.
//
// The statements are returned without balance check; see Statement.Check.
func ParseCFONB120(r io.Reader) ([]Statement, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading CFONB file: %w", err)
	}
	records, err := splitRecords(decodeText(data))
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, errors.New("no CFONB 120 record in the file")
	}
	var p cfonbParser
	for _, rec := range records {
		if err := p.add(rec); err != nil {
			return nil, err
		}
	}
	if p.cur != nil {
		return nil, fmt.Errorf("%s: statement opened here has no closing record 07", p.opened.where())
	}
	return p.done, nil
}

// cfonbParser follows the 01 → 04/05… → 07 structure of the file.
type cfonbParser struct {
	done    []Statement
	cur     *Statement // nil between a 07 and the next 01
	opened  record     // the 01 record of cur
	account string     // account number (positions 22–32) of cur
	entry   *cfonbEntry
}

func (p *cfonbParser) add(rec record) error {
	code := rec.field(1, 2)
	switch code {
	case "01", "04", "05", "07":
	default:
		return fmt.Errorf("%s: unknown record code %q (want 01, 04, 05 or 07)", rec.where(), code)
	}
	if code != "01" {
		if p.cur == nil {
			return fmt.Errorf("%s: record %q outside a statement (no opening record 01 before it)", rec.where(), code)
		}
		if acc := rec.field(22, 32); acc != p.account {
			return fmt.Errorf("%s: account %q differs from %q of the statement opened at %s",
				rec.where(), acc, p.account, p.opened.where())
		}
	}
	switch code {
	case "01":
		return p.open(rec)
	case "04":
		p.flush()
		e, err := parseMovement(rec)
		if err != nil {
			return err
		}
		p.entry = e
		return nil
	case "05":
		if p.entry == nil {
			return fmt.Errorf("%s: complement record 05 does not follow a movement record 04", rec.where())
		}
		p.entry.complement(rec.field(46, 48), rec.field(49, 118))
		return nil
	default: // "07"
		return p.close(rec)
	}
}

func (p *cfonbParser) open(rec record) error {
	if p.cur != nil {
		return fmt.Errorf("%s: new statement (record 01) before the statement opened at %s was closed by a record 07",
			rec.where(), p.opened.where())
	}
	ccy, cents, date, err := parseBalance(rec, "opening")
	if err != nil {
		return err
	}
	p.cur = &Statement{
		AccountID: strings.TrimSpace(rec.field(3, 7)) + strings.TrimSpace(rec.field(12, 16)) +
			strings.TrimSpace(rec.field(22, 32)),
		Currency:     ccy,
		OpeningCents: cents,
		OpeningDate:  date,
		Source:       rec.where(),
	}
	p.opened, p.account = rec, rec.field(22, 32)
	return nil
}

func (p *cfonbParser) close(rec record) error {
	p.flush()
	ccy, cents, date, err := parseBalance(rec, "closing")
	if err != nil {
		return err
	}
	p.cur.ClosingCurrency, p.cur.ClosingCents, p.cur.ClosingDate = ccy, cents, date
	p.done = append(p.done, *p.cur)
	p.cur = nil
	return nil
}

// flush appends the pending movement, now that no more 05 can follow it.
func (p *cfonbParser) flush() {
	if p.entry != nil {
		p.cur.Entries = append(p.cur.Entries, p.entry.finish())
		p.entry = nil
	}
}

// parseBalance reads the currency, amount and date of a record 01 or 07.
func parseBalance(rec record, which string) (ccy string, cents int64, date civil.Date, err error) {
	if ccy, err = parseCurrency(rec); err != nil {
		return
	}
	if cents, err = parseAmount(rec); err != nil {
		return
	}
	if date, err = parseJJMMAA(rec.field(35, 40)); err != nil {
		err = fmt.Errorf("%s: %s balance date (positions 35–40): %w", rec.where(), which, err)
	}
	return
}

func parseCurrency(rec record) (string, error) {
	ccy := rec.field(17, 19)
	if !money.ValidCurrency(ccy) {
		return "", fmt.Errorf("%s: currency %q (positions 17–19) is not an ISO 4217 code", rec.where(), ccy)
	}
	return ccy, nil
}

// parseAmount reads the amount at positions 91–104 with the number of
// decimals given at position 20.
func parseAmount(rec record) (int64, error) {
	decimals, err := decodeDecimals(rec.field(20, 20))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", rec.where(), err)
	}
	cents, err := decodeAmount(rec.field(91, 104), decimals)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", rec.where(), err)
	}
	return cents, nil
}

package bankstatement

import (
	"fmt"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// camtAmountValue reads an <Amt Ccy="EUR">1234.56</Amt> element; path names
// the element itself.
func camtAmountValue(path string, a *camtAmount) (string, int64, error) {
	if a == nil {
		return "", 0, fmt.Errorf("%s: missing amount", path)
	}
	ccy := strings.TrimSpace(a.Currency)
	if !money.ValidCurrency(ccy) {
		return "", 0, fmt.Errorf("%s: currency %q (attribute Ccy) is not an ISO 4217 code", path, a.Currency)
	}
	cents, err := parseXMLDecimal(a.Value)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return ccy, cents, nil
}

// parseXMLDecimal reads an ISO 20022 amount: an unsigned xs:decimal with a
// dot ("1405.31", "2700", "10.500"). Digits beyond the cents must be zeros.
func parseXMLDecimal(s string) (int64, error) {
	v := strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(v, ".")
	if whole+frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, fmt.Errorf("amount %q is not a decimal number like 1234.56", s)
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, fmt.Errorf("amount %q has more than two decimals", s)
		}
		frac = frac[:2]
	}
	if whole == "" {
		whole = "0"
	}
	cents, err := money.ParseDecimal(whole + "." + frac)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", s, err)
	}
	return cents, nil
}

// camtSign reads a CdtDbtInd: CRDT is +1, DBIT is −1.
func camtSign(path, indicator string) (int64, error) {
	switch strings.TrimSpace(indicator) {
	case "CRDT":
		return 1, nil
	case "DBIT":
		return -1, nil
	}
	return 0, fmt.Errorf("%s: %q is neither CRDT nor DBIT", path, indicator)
}

// camtDay reads a Dt or DtTm choice. A date-time gives the calendar day as
// written, in the bank's own offset, which is the day the bank booked it.
// ok is false when neither is present.
func camtDay(path string, d camtDate) (date civil.Date, ok bool, err error) {
	if s := strings.TrimSpace(d.Date); s != "" {
		date, err = civil.Parse(s)
		if err != nil {
			return date, false, fmt.Errorf("%s/Dt: %w", path, err)
		}
		return date, true, nil
	}
	s := strings.TrimSpace(d.DateTime)
	if s == "" {
		return date, false, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05"} {
		if t, perr := time.Parse(layout, s); perr == nil {
			return civil.New(t.Year(), t.Month(), t.Day()), true, nil
		}
	}
	return date, false, fmt.Errorf("%s/DtTm: date-time %q is not of the form YYYY-MM-DDThh:mm:ss[±hh:mm]", path, s)
}

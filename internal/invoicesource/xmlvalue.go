package invoicesource

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// xmlAmount is a monetary element with its optional currencyID attribute.
type xmlAmount struct {
	Value    string `xml:",chardata"`
	Currency string `xml:"currencyID,attr"`
}

// xmlID is an identifier with its optional schemeID attribute.
type xmlID struct {
	Value  string `xml:",chardata"`
	Scheme string `xml:"schemeID,attr"`
}

// newXMLDecoder returns a decoder that also reads documents declared in
// ISO-8859-1 or ISO-8859-15; UTF-8 (with or without BOM) is the norm.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "iso-8859-15", "iso8859-15", "latin-9", "latin9", "iso-8859-1", "iso8859-1", "latin1", "latin-1":
			return &latin9Reader{r: input}, nil
		case "us-ascii", "ascii":
			return input, nil
		}
		return nil, fmt.Errorf("character set %q is not supported (use UTF-8)", charset)
	}
	return d
}

// parseXMLAmount reads an xs:decimal amount into cents. Trailing zeros after
// the second decimal are accepted ("100.0000"); any other third decimal is an
// error, since a receivable must be a whole number of cents. An empty value
// gives ok false.
func parseXMLAmount(source, path, s string) (cents int64, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	body := strings.TrimLeft(s, "+-")
	whole, frac, _ := strings.Cut(body, ".")
	if len(s)-len(body) > 1 || whole+frac == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, false, pathError(source, path, "amount %q is not a decimal number", s)
	}
	if len(frac) > 2 {
		if strings.TrimRight(frac[2:], "0") != "" {
			return 0, false, pathError(source, path, "amount %q is not a whole number of cents", s)
		}
		s = s[:len(s)-len(frac)+2]
	}
	cents, err = money.ParseDecimal(s)
	if err != nil {
		return 0, false, pathError(source, path, "%v", err)
	}
	return cents, true, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// pickAmount chooses among repeated amount elements the one in currency:
// CII and UBL repeat the VAT total in the accounting currency when it differs
// from the invoice currency. An element without currencyID counts as being
// in the invoice currency.
func pickAmount(amounts []xmlAmount, currency string) (xmlAmount, bool) {
	for _, a := range amounts {
		if a.Currency == "" || strings.EqualFold(strings.TrimSpace(a.Currency), currency) {
			return a, true
		}
	}
	return xmlAmount{}, false
}

// parseDate102 reads a CII DateTimeString: format 102 is AAAAMMJJ, the only
// one EN 16931 allows for invoice dates.
func parseDate102(source, path, format, s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, nil
	}
	if f := strings.TrimSpace(format); f != "" && f != "102" {
		return civil.Date{}, pathError(source, path, "date format %q is not supported (only 102, AAAAMMJJ)", f)
	}
	d, err := parseFECDate([]byte(s))
	if err != nil {
		return civil.Date{}, pathError(source, path, "%v", err)
	}
	return d, nil
}

// parseISODate reads an xs:date, YYYY-MM-DD with an optional time zone,
// which is dropped: an invoice date is a calendar day.
func parseISODate(source, path, s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, nil
	}
	day := s
	if len(s) > 10 {
		day = s[:10]
		if _, err := time.Parse("Z07:00", s[10:]); err != nil {
			return civil.Date{}, pathError(source, path, "date %q is not of the form YYYY-MM-DD", s)
		}
	}
	d, err := civil.Parse(day)
	if err != nil {
		return civil.Date{}, pathError(source, path, "date %q is not of the form YYYY-MM-DD", s)
	}
	return d, nil
}

// compact removes all white space and upper-cases: IBANs and VAT numbers are
// printed in groups ("FR20 1254 …") but compared without them.
func compact(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// clean trims a text value and folds its inner runs of white space, which
// XML indentation leaves in multi-line elements.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// firstNonEmpty returns the first of values that is not blank, cleaned.
func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if c := clean(v); c != "" {
			return c
		}
	}
	return ""
}

// joinNonEmpty joins the non-blank values with ", ".
func joinNonEmpty(values ...string) string {
	var kept []string
	for _, v := range values {
		if c := clean(v); c != "" {
			kept = append(kept, c)
		}
	}
	return strings.Join(kept, ", ")
}

// decodeRoot decodes the document into v after checking that its root
// element is one of roots, and returns the root found.
func decodeRoot(r io.Reader, source string, roots []string, v any) (string, error) {
	dec := newXMLDecoder(r)
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", xmlError(source, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, root := range roots {
			if start.Name.Local == root {
				if err := dec.DecodeElement(v, &start); err != nil {
					return "", xmlError(source, err)
				}
				return root, nil
			}
		}
		return "", pathError(source, start.Name.Local, "root element is <%s>, expected <%s>",
			start.Name.Local, strings.Join(roots, "> or <"))
	}
}

func xmlError(source string, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return &ParseError{Source: source, Err: fmt.Errorf("XML syntax error on line %d: %s", syn.Line, syn.Msg)}
	}
	if errors.Is(err, io.EOF) {
		return &ParseError{Source: source, Err: errors.New("no XML root element found")}
	}
	return &ParseError{Source: source, Err: err}
}

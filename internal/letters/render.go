package letters

import (
	"fmt"
)

// Render lays out l on A4 pages and returns the PDF. It refuses a letter that
// Validate rejects, among them a formal demand that claims the 40 € indemnity
// from a consumer (ErrConsumerIndemnity).
//
// Render is safe for concurrent use: each call builds its own document.
func Render(l Letter) ([]byte, error) {
	if err := Validate(l); err != nil {
		return nil, fmt.Errorf("letter %q: %w", l.Subject, err)
	}
	c, err := compose(l, coreTypeface)
	if err == nil && c.lossy {
		c, err = compose(l, unicodeTypeface)
	}
	if err != nil {
		return nil, fmt.Errorf("letter %q: %w", l.Subject, err)
	}
	doc, err := c.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("letter %q: generate PDF: %w", l.Subject, err)
	}
	return doc.GetBytes(), nil
}

// compose builds the whole letter in typeface tf, section by section.
func compose(l Letter, tf typeface) (*composer, error) {
	c := newComposer(l, tf)
	if err := c.footer(l.Creditor); err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	c.letterhead(l.Creditor)
	c.addressBlock(l.Debtor)
	c.heading(l)
	if l.Demand != nil {
		c.demandTitle()
	}
	c.body(l.Body)
	if l.Statement != nil {
		c.statement(l, *l.Statement)
	}
	if l.Demand != nil {
		c.demandTable(*l.Demand)
		c.demandClauses(l, *l.Demand)
	}
	c.signature(l.Signature)
	return c, nil
}

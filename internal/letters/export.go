package letters

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
)

// This file lends the letters' layout to other printed papers (the court
// request of internal/dossier): same page geometry, same fast cp1252 path
// with the embedded Unicode font as fallback, same tables. It only wraps
// what the letters use; nothing here changes how a letter is printed.

// Document is a free-form A4 document under construction. Obtain one from
// Compose; it is valid only inside the build function.
type Document struct {
	c *composer
}

// Style is how a piece of text is set: size in points, weight, alignment
// ("left", "center" or "right") and whether it is printed in grey.
type Style struct {
	Size  float64
	Bold  bool
	Align string
	Grey  bool
}

// Column is one column of a table: its title, its width in mm (the text
// width is TextWidth mm) and whether its cells are right-aligned.
type Column struct {
	Title string
	Width int
	Right bool
}

// TextWidth is the width in mm of the text area, and of a table's columns added up.
const TextWidth = gridWidth

// Compose builds a document with build and returns the PDF. The document is
// first set in Helvetica through code page 1252; if some text has no
// equivalent there, it is built again in the embedded DejaVu Sans, so that a
// name is never printed wrong. build must therefore be repeatable.
func Compose(title, author string, footer *Party, build func(d *Document)) ([]byte, error) {
	run := func(tf typeface) (*composer, error) {
		c := newComposer(Letter{Subject: title, Creditor: Party{Name: author}}, tf)
		if footer != nil {
			if err := c.footer(*footer); err != nil {
				return nil, fmt.Errorf("footer: %w", err)
			}
		}
		build(&Document{c: c})
		return c, nil
	}
	c, err := run(coreTypeface)
	if err == nil && c.lossy {
		c, err = run(unicodeTypeface)
	}
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", title, err)
	}
	doc, err := c.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("document %q: generate PDF: %w", title, err)
	}
	return doc.GetBytes(), nil
}

func (d *Document) props(s Style) (size float64, weight fontstyle.Type, al align.Type) {
	size, weight, al = s.Size, fontstyle.Normal, align.Left
	if size == 0 {
		size = 10
	}
	if s.Bold {
		weight = fontstyle.Bold
	}
	switch s.Align {
	case "center":
		al = align.Center
	case "right":
		al = align.Right
	}
	return size, weight, al
}

// Paragraph adds s in the full width, wrapping as needed; a "\n" starts a
// new line. after is the space in mm left below it.
func (d *Document) Paragraph(s string, st Style, after float64) {
	p := d.c.style(d.props(st))
	if st.Grey {
		p.Color = grey
	}
	d.c.paragraph(s, p, after)
}

// Space adds vertical space of height mm.
func (d *Document) Space(height float64) { d.c.space(height) }

// Table starts a table with the given columns and prints their titles.
func (d *Document) Table(cols []Column) *Table {
	t := table{c: d.c}
	for _, c := range cols {
		al := align.Left
		if c.Right {
			al = align.Right
		}
		t.cols = append(t.cols, column{title: c.Title, width: c.Width, align: al})
	}
	t.header()
	return &Table{t: t}
}

// Table is a table being printed.
type Table struct {
	t table
}

// Row prints one row, one value per column.
func (t *Table) Row(values ...string) {
	if len(values) != len(t.t.cols) {
		panic(fmt.Sprintf("letters: table row of %d values for %d columns", len(values), len(t.t.cols)))
	}
	t.t.line(values...)
}

// WrapRow prints one row whose height grows with its longest cell, for
// cells that may wrap over several lines (a legal basis, a designation).
func (t *Table) WrapRow(values ...string) {
	if len(values) != len(t.t.cols) {
		panic(fmt.Sprintf("letters: table row of %d values for %d columns", len(values), len(t.t.cols)))
	}
	cols := make([]core.Col, len(t.t.cols))
	for i, c := range t.t.cols {
		p := t.t.cellStyle(i, fontstyle.Normal)
		p.Bottom = 1.2
		cols[i] = t.t.c.textCol(c.width, values[i], p)
	}
	t.t.c.m.AddRows(row.New().Add(cols...).WithStyle(&props.Cell{
		BorderType: border.Bottom, BorderColor: lightGrey, BorderThickness: 0.2,
	}))
}

// Total prints label right-aligned before column at, and amount in it.
func (t *Table) Total(label, amount string, at int) { t.t.total(label, amount, at) }

// FormatSIREN writes nine digits as "552 100 554" with no-break spaces;
// anything else is returned as typed.
func FormatSIREN(s string) string { return formatSIREN(s) }

// Merge concatenates PDFs in order, without the blank pages MergeForPrint
// adds for duplex printing: a court file is read on screen or printed as a
// whole. An error names the document, counting from 1.
func Merge(pdfs [][]byte) ([]byte, error) {
	if len(pdfs) == 0 {
		return nil, errors.New("merge: no documents")
	}
	if len(pdfs) == 1 {
		return pdfs[0], nil
	}
	conf := printConfiguration()
	dest, err := readPDF(pdfs[0], conf)
	if err != nil {
		return nil, fmt.Errorf("merge: document 1: %w", err)
	}
	dest.EnsureVersionForWriting()
	for i, pdf := range pdfs[1:] {
		src, err := readPDF(pdf, conf)
		if err != nil {
			return nil, fmt.Errorf("merge: document %d: %w", i+2, err)
		}
		if err := pdfcpu.MergeXRefTables(strconv.Itoa(i+2), src, dest, false, false); err != nil {
			return nil, fmt.Errorf("merge: document %d: %w", i+2, err)
		}
	}
	if err := api.OptimizeContext(dest); err != nil {
		return nil, fmt.Errorf("merge: optimize: %w", err)
	}
	var out bytes.Buffer
	if err := api.WriteContext(dest, &out); err != nil {
		return nil, fmt.Errorf("merge: write: %w", err)
	}
	return out.Bytes(), nil
}

// ValidPDF reports whether b reads as a PDF that Merge can append.
func ValidPDF(b []byte) error {
	_, err := readPDF(b, printConfiguration())
	return err
}

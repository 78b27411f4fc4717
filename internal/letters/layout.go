package letters

import (
	"strings"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Page geometry in millimetres. The grid has one column per millimetre of the
// text width, so a column's size is its width in mm.
const (
	marginLeft   = 20.0
	marginRight  = 20.0
	marginTop    = 12.0
	marginBottom = 12.0 // the page number is printed inside it
	gridWidth    = 170  // 210 − 20 − 20

	// The debtor's address must show through the window of a DL envelope
	// (window 100 × 45 mm) once the A4 sheet is folded in three.
	windowLeft   = 105.0 // from the left edge of the sheet
	windowTop    = 48.0  // from the top edge of the sheet
	windowHeight = 40.0  // room kept for the address block
	addressRow   = 5.0   // one row per address line
	windowCol    = int(windowLeft - marginLeft)

	// The letterhead ends above the window, so it may use the full width.
	letterheadCol = gridWidth
)

var (
	grey      = &props.Color{Red: 90, Green: 90, Blue: 90}
	lightGrey = &props.Color{Red: 225, Green: 225, Blue: 225}
)

// composer builds one maroto document in one typeface. It records whether
// some text could not be encoded, so that Render can switch to the Unicode
// typeface.
type composer struct {
	m     core.Maroto
	tf    typeface
	lossy bool
}

func newComposer(l Letter, tf typeface) *composer {
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).
		WithRightMargin(marginRight).
		WithTopMargin(marginTop).
		WithBottomMargin(marginBottom).
		WithMaxGridSize(gridWidth).
		WithDefaultFont(&props.Font{Family: tf.family, Size: 10, Style: fontstyle.Normal}).
		WithPageNumber(props.PageNumber{
			Pattern: "Page {current}/{total}",
			Place:   props.RightBottom,
			Family:  tf.family,
			Size:    7.5,
			Color:   grey,
		}).
		WithCompression(true).
		WithTitle(l.Subject, true).
		WithAuthor(l.Creditor.Name, true).
		WithCreator("Recouvra", false)
	if tf.fonts != nil {
		b = b.WithCustomFonts(tf.fonts)
	}
	return &composer{m: maroto.New(b.Build()), tf: tf}
}

// enc encodes s for the typeface and notes any loss.
func (c *composer) enc(s string) string {
	e, ok := c.tf.encode(s)
	if !ok {
		c.lossy = true
	}
	return e
}

// style returns text properties in the document's typeface.
func (c *composer) style(size float64, weight fontstyle.Type, al align.Type) props.Text {
	return props.Text{Family: c.tf.family, Size: size, Style: weight, Align: al}
}

// textCol is a column of the given width holding s.
func (c *composer) textCol(width int, s string, p props.Text) core.Col {
	return text.NewCol(width, c.enc(s), p)
}

// space adds an empty row of height mm.
func (c *composer) space(height float64) {
	if height > 0 {
		c.m.AddRows(row.New(height).Add(col.New()))
	}
}

// line adds a row of height mm holding s in the full width.
func (c *composer) line(height float64, s string, p props.Text) {
	c.m.AddRows(row.New(height).Add(c.textCol(gridWidth, s, p)))
}

// indented adds a row holding s in the column that starts under the window.
func (c *composer) indented(height float64, s string, p props.Text) {
	c.m.AddRows(row.New(height).Add(col.New(windowCol), c.textCol(gridWidth-windowCol, s, p)))
}

// paragraph adds s as rows that grow with the text; a "\n" starts a new line.
func (c *composer) paragraph(s string, p props.Text, after float64) {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, ln := range lines {
		lp := p
		lp.VerticalPadding = 0.9
		if i == len(lines)-1 {
			lp.Bottom = after
		}
		if strings.TrimSpace(ln) == "" {
			c.space(p.Size*0.3528 + lp.Bottom)
			continue
		}
		c.m.AddRows(row.New().Add(c.textCol(gridWidth, ln, lp)))
	}
}

// footer registers the legal mentions printed at the bottom of every page.
func (c *composer) footer(creditor Party) error {
	mentions := c.style(7, fontstyle.Normal, align.Center)
	mentions.Color = grey
	return c.m.RegisterFooter(
		row.New(2).Add(line.NewCol(gridWidth, props.Line{Color: lightGrey, Thickness: 0.3, OffsetPercent: 50})),
		row.New().Add(c.textCol(gridWidth, legalMentions(creditor), mentions)),
	)
}

// letterhead prints the creditor's name and contact at the top left, then
// moves down to the top of the envelope window.
func (c *composer) letterhead(creditor Party) {
	used := 0.0
	c.m.AddRows(row.New(6).Add(c.textCol(letterheadCol, creditor.Name, c.style(12, fontstyle.Bold, align.Left))))
	used += 6
	small := c.style(8.5, fontstyle.Normal, align.Left)
	small.Color = grey
	for _, ln := range letterheadLines(creditor) {
		c.m.AddRows(row.New(4.2).Add(c.textCol(letterheadCol, ln, small)))
		used += 4.2
	}
	c.space(windowTop - marginTop - used)
}

// addressBlock prints the debtor's address in the envelope window.
func (c *composer) addressBlock(debtor Party) {
	lines := addressLines(debtor)
	for i, ln := range lines {
		weight := fontstyle.Normal
		if i == 0 {
			weight = fontstyle.Bold
		}
		c.indented(addressRow, ln, c.style(10, weight, align.Left))
	}
	c.space(windowHeight - addressRow*float64(len(lines)))
}

// heading prints the date, references, postal mention and subject.
func (c *composer) heading(l Letter) {
	c.indented(6, placeAndDate(l.Place, l.Date), c.style(10, fontstyle.Normal, align.Left))
	c.space(5)
	if refs := referencesLine(l.References); refs != "" {
		c.paragraph(refs, c.style(9, fontstyle.Normal, align.Left), 1)
	}
	if reg := registeredMention(l); reg != "" {
		c.paragraph(reg, c.style(9, fontstyle.Bold, align.Left), 1)
	}
	c.space(1)
	c.paragraph("Objet : "+l.Subject, c.style(10, fontstyle.Bold, align.Left), 6)
}

// body prints the caller's paragraphs.
func (c *composer) body(paragraphs []string) {
	for _, p := range paragraphs {
		c.paragraph(p, c.style(10, fontstyle.Normal, align.Left), 3)
	}
}

// signature closes the letter under the window column.
func (c *composer) signature(s Signature) {
	if s.Name == "" && s.Title == "" {
		return
	}
	c.space(6)
	if s.Name != "" {
		c.indented(5, s.Name, c.style(10, fontstyle.Bold, align.Left))
	}
	if s.Title != "" {
		c.indented(5, s.Title, c.style(10, fontstyle.Normal, align.Left))
	}
}

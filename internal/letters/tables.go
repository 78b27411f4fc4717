package letters

import (
	"strconv"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/recouvra/recouvra/internal/money"
)

// column is one column of a table: its width in mm and how its cells align.
type column struct {
	title string
	width int
	align align.Type
}

// table prints rows of fixed columns in the text width.
type table struct {
	c    *composer
	cols []column
}

const (
	tableHeaderRow = 9.0
	tableRow       = 5.5
	tableTotalRow  = 7.0
	cellPadding    = 1.2
)

func (t table) cellStyle(i int, weight fontstyle.Type) props.Text {
	p := t.c.style(8.5, weight, t.cols[i].align)
	p.Top = 1.2
	p.Left, p.Right = cellPadding, cellPadding
	return p
}

// header prints the column titles on a grey band.
func (t table) header() {
	cols := make([]core.Col, len(t.cols))
	for i, c := range t.cols {
		p := t.cellStyle(i, fontstyle.Bold)
		p.Size = 8
		cols[i] = t.c.textCol(c.width, c.title, p)
	}
	t.c.m.AddRows(row.New(tableHeaderRow).Add(cols...).WithStyle(&props.Cell{BackgroundColor: lightGrey}))
}

// line prints one row of values, one per column.
func (t table) line(values ...string) {
	cols := make([]core.Col, len(t.cols))
	for i, c := range t.cols {
		cols[i] = t.c.textCol(c.width, values[i], t.cellStyle(i, fontstyle.Normal))
	}
	t.c.m.AddRows(row.New(tableRow).Add(cols...).WithStyle(&props.Cell{
		BorderType: border.Bottom, BorderColor: lightGrey, BorderThickness: 0.2,
	}))
}

// total prints label right-aligned before column at and amount in it.
func (t table) total(label, amount string, at int) {
	labelWidth, restWidth := 0, 0
	for i, c := range t.cols {
		switch {
		case i < at:
			labelWidth += c.width
		case i > at:
			restWidth += c.width
		}
	}
	labelStyle := t.c.style(9, fontstyle.Bold, align.Right)
	labelStyle.Top, labelStyle.Right = 1.8, 3
	amountStyle := t.cellStyle(at, fontstyle.Bold)
	amountStyle.Size, amountStyle.Top = 9, 1.8
	cols := []core.Col{
		t.c.textCol(labelWidth, label, labelStyle),
		t.c.textCol(t.cols[at].width, amount, amountStyle),
	}
	if restWidth > 0 {
		cols = append(cols, col.New(restWidth))
	}
	t.c.m.AddRows(row.New(tableTotalRow).Add(cols...).
		WithStyle(&props.Cell{BorderType: border.Top, BorderThickness: 0.4}))
}

// statement prints the relevé de compte: one row per open invoice and the
// balance due.
func (c *composer) statement(l Letter, s Statement) {
	c.space(2)
	title := "Relevé de compte"
	if s.AccountNumber != "" {
		title += " n°" + nbsp + s.AccountNumber
	}
	title += " arrêté au " + l.Date.French()
	c.paragraph(title, c.style(10, fontstyle.Bold, align.Left), 2)

	t := table{c: c, cols: []column{
		{"N° facture", 32, align.Left},
		{"Date", 21, align.Left},
		{"Échéance", 21, align.Left},
		{"Montant", 27, align.Right},
		{"Payé", 26, align.Right},
		{"Solde", 27, align.Right},
		{"Jours de retard", 16, align.Right},
	}}
	t.header()
	for _, ln := range s.Lines {
		t.line(ln.Number, ln.IssueDate.FrenchNumeric(), ln.DueDate.FrenchNumeric(),
			money.Format(ln.AmountCents, s.Currency), money.Format(ln.PaidCents, s.Currency),
			money.Format(ln.BalanceCents, s.Currency), strconv.Itoa(ln.DaysOverdue))
	}
	t.total("Total restant dû", money.Format(s.TotalCents, s.Currency), 5)
	c.space(6)
}

// demandTable prints the sums claimed in a formal demand. The indemnity
// column appears only when an indemnity is claimed, which Validate allows
// for business debtors only.
func (c *composer) demandTable(d FormalDemand) {
	claimsIndemnity := false
	for _, inv := range d.Invoices {
		claimsIndemnity = claimsIndemnity || inv.IndemnityCents != 0
	}
	lateTitle := "Intérêts de retard"
	if d.BusinessDebtor {
		lateTitle = "Pénalités de retard"
	}
	cols := []column{
		{"N° facture", 30, align.Left},
		{"Échéance", 21, align.Left},
		{"Principal", 28, align.Right},
		{"Taux", 17, align.Right},
		{lateTitle, 26, align.Right},
		{"Indemnité forfaitaire", 24, align.Right},
		{"Total", 24, align.Right},
	}
	if !claimsIndemnity {
		cols = append(cols[:5], cols[6:]...)
		cols[0].width += 10
		cols[2].width += 4
		cols[4].width += 10
	}
	t := table{c: c, cols: cols}
	t.header()
	cur := d.Currency
	for _, inv := range d.Invoices {
		values := []string{inv.Number, inv.DueDate.FrenchNumeric(), money.Format(inv.PrincipalCents, cur),
			inv.PenaltyRate, money.Format(inv.PenaltyCents, cur)}
		if claimsIndemnity {
			values = append(values, money.Format(inv.IndemnityCents, cur))
		}
		t.line(append(values, money.Format(inv.TotalCents(), cur))...)
	}
	t.total("Total dû", money.Format(d.TotalCents, cur), len(cols)-1)
	c.space(5)
}

// Package caselist is the back-office's case list: the filters a credit
// manager combines (phase, level, status, debtor, amount, days overdue, free
// text), a whitelisted sort, pages, and a CSV export streamed row by row.
// Access rules are casequery's: a partner's scope is always applied.
package caselist

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
)

// PageSize is the number of cases on one page.
const PageSize = 50

// Filter is the list's query, as read from the page's URL.
type Filter struct {
	Phase, Status, Debtor, Search  string
	Level                          int // 0: any
	MinCents, MaxCents             int64
	MinDaysOverdue, MaxDaysOverdue int // -1: no bound
	Sort                           string
	Desc                           bool
	Page                           int // from 1
}

// Sorts maps a sort key of the URL to its SQL column.
var Sorts = map[string]string{
	"echeance": "invoices.due_date",
	"solde":    "cases.balance_cents",
	"debiteur": "debtors.name",
	"niveau":   "cases.level",
	"facture":  "invoices.number",
	"action":   "cases.next_action_date",
	"maj":      "cases.updated_at",
}

// Parse reads a filter from URL values; a wrong value is an error naming
// the parameter and the value.
func Parse(v url.Values) (Filter, error) {
	f := Filter{
		Phase: v.Get("phase"), Status: v.Get("statut"), Debtor: strings.TrimSpace(v.Get("debiteur")),
		Search: strings.TrimSpace(v.Get("q")), Sort: v.Get("tri"), Desc: v.Get("ordre") == "desc",
		MinDaysOverdue: -1, MaxDaysOverdue: -1, Page: 1,
	}
	if f.Sort == "" {
		f.Sort = "echeance"
	}
	if _, ok := Sorts[f.Sort]; !ok {
		return f, fmt.Errorf("tri : %q n'est pas un tri connu", f.Sort)
	}
	ints := []struct {
		name string
		dst  *int
		min  int
	}{{"niveau", &f.Level, 0}, {"jours_min", &f.MinDaysOverdue, 0}, {"jours_max", &f.MaxDaysOverdue, 0}, {"page", &f.Page, 1}}
	for _, p := range ints {
		s := strings.TrimSpace(v.Get(p.name))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < p.min {
			return f, fmt.Errorf("%s : %q n'est pas un nombre entier d'au moins %d", p.name, s, p.min)
		}
		*p.dst = n
	}
	amounts := []struct {
		name string
		dst  *int64
	}{{"montant_min", &f.MinCents}, {"montant_max", &f.MaxCents}}
	for _, p := range amounts {
		s := strings.TrimSpace(v.Get(p.name))
		if s == "" {
			continue
		}
		c, err := money.ParseDecimal(s)
		if err != nil || c < 0 {
			return f, fmt.Errorf("%s : %q n'est pas un montant positif", p.name, s)
		}
		*p.dst = c
	}
	return f, nil
}

// Query returns f as URL values, for links to other pages and sorts.
func (f Filter) Query() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("phase", f.Phase)
	set("statut", f.Status)
	set("debiteur", f.Debtor)
	set("q", f.Search)
	if f.Level > 0 {
		v.Set("niveau", strconv.Itoa(f.Level))
	}
	if f.MinCents > 0 {
		v.Set("montant_min", money.FormatNumber(f.MinCents))
	}
	if f.MaxCents > 0 {
		v.Set("montant_max", money.FormatNumber(f.MaxCents))
	}
	if f.MinDaysOverdue >= 0 {
		v.Set("jours_min", strconv.Itoa(f.MinDaysOverdue))
	}
	if f.MaxDaysOverdue >= 0 {
		v.Set("jours_max", strconv.Itoa(f.MaxDaysOverdue))
	}
	if f.Sort != "echeance" {
		v.Set("tri", f.Sort)
	}
	if f.Desc {
		v.Set("ordre", "desc")
	}
	return v
}

// query builds the filtered, scoped query (without order or page).
func query(ctx context.Context, db *gorm.DB, f Filter, s casequery.Scope, today civil.Date) *gorm.DB {
	q := db.WithContext(ctx).Table("cases").
		Joins("JOIN invoices ON invoices.id = cases.invoice_id").
		Joins("JOIN debtors ON debtors.id = cases.debtor_id")
	if s.PartnerOnly {
		q = q.Where("cases.partner_id = ?", s.PartnerID)
	}
	if f.Phase != "" {
		q = q.Where("cases.phase = ?", f.Phase)
	}
	if f.Status != "" {
		q = q.Where("cases.status = ?", f.Status)
	}
	if f.Level > 0 {
		q = q.Where("cases.level = ?", f.Level)
	}
	if f.Debtor != "" {
		if id, err := strconv.ParseUint(f.Debtor, 10, 64); err == nil {
			q = q.Where("cases.debtor_id = ?", id)
		} else {
			q = q.Where("LOWER(debtors.name) LIKE ?", "%"+strings.ToLower(f.Debtor)+"%")
		}
	}
	if f.Search != "" {
		like := "%" + strings.ToLower(f.Search) + "%"
		q = q.Where("(LOWER(invoices.number) LIKE ? OR LOWER(debtors.name) LIKE ? OR debtors.siren = ?)", like, like, f.Search)
	}
	if f.MinCents > 0 {
		q = q.Where("cases.balance_cents >= ?", f.MinCents)
	}
	if f.MaxCents > 0 {
		q = q.Where("cases.balance_cents <= ?", f.MaxCents)
	}
	// Days overdue bound the due date: overdue by at least n days means due
	// on or before today minus n.
	if f.MinDaysOverdue >= 0 {
		q = q.Where("invoices.due_date <= ?", today.AddDays(-f.MinDaysOverdue))
	}
	if f.MaxDaysOverdue >= 0 {
		q = q.Where("invoices.due_date >= ?", today.AddDays(-f.MaxDaysOverdue))
	}
	return q
}

func order(f Filter) string {
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	return Sorts[f.Sort] + dir + ", cases.id" + dir
}

// CountCap bounds the count of matching cases: past it the page says
// "plus de 1 000", and a broad filter on a large book costs no full count.
const CountCap = 1000

// Page is one page of the list.
type Page struct {
	Rows    []casequery.Row
	Total   int64 // matching cases, at most CountCap + 1
	More    bool  // more than CountCap cases match
	Page    int
	Pages   int // 0 when More
	HasNext bool
}

const columns = `cases.id, cases.workflow_id, cases.invoice_id, invoices.number AS invoice_number,
	invoices.due_date, cases.debtor_id, debtors.name AS debtor_name, cases.phase, cases.level,
	cases.status, cases.balance_cents, cases.currency, cases.next_action, cases.next_action_date,
	cases.partner_id, cases.updated_at`

// List returns the page f.Page of the cases matching f in scope s.
func List(ctx context.Context, db *gorm.DB, f Filter, s casequery.Scope, today civil.Date) (Page, error) {
	p := Page{Page: max(f.Page, 1), Rows: []casequery.Row{}}
	capped := query(ctx, db, f, s, today).Select("cases.id").Limit(CountCap + 1)
	if err := db.WithContext(ctx).Table("(?) AS matching", capped).Count(&p.Total).Error; err != nil {
		return p, fmt.Errorf("count cases: %w", err)
	}
	// One row more than a page tells whether a next page exists, even past the cap.
	err := query(ctx, db, f, s, today).Select(columns).Order(order(f)).
		Limit(PageSize + 1).Offset((p.Page - 1) * PageSize).Scan(&p.Rows).Error
	if err != nil {
		return p, fmt.Errorf("list cases: %w", err)
	}
	p.HasNext = len(p.Rows) > PageSize
	p.Rows = p.Rows[:min(len(p.Rows), PageSize)]
	p.More = p.Total > CountCap
	if !p.More {
		p.Pages = int((p.Total + PageSize - 1) / PageSize)
	}
	return p, nil
}

// Each calls fn for every case matching f in scope s, in list order,
// reading rows one at a time (for the CSV export of large lists).
func Each(ctx context.Context, db *gorm.DB, f Filter, s casequery.Scope, today civil.Date, fn func(casequery.Row) error) error {
	rows, err := query(ctx, db, f, s, today).Select(columns).Order(order(f)).Rows()
	if err != nil {
		return fmt.Errorf("export cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r casequery.Row
		if err := db.ScanRows(rows, &r); err != nil {
			return fmt.Errorf("export cases: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

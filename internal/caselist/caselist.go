// Package caselist is the back-office's case list: the filters a credit
// manager combines (phase, level, status, assignee, partner, debtor, amount,
// days overdue, free text) read from French URL parameters into casequery's
// filter, a whitelisted sort, pages, and a CSV export streamed row by row.
// Access rules are casequery's: a partner's scope is always applied.
package caselist

import (
	"context"
	"fmt"
	"net/url"
	"slices"
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
	casequery.Filter
	Page int // from 1
}

// Sorts maps a sort key of the URL to casequery's.
var Sorts = map[string]casequery.Sort{
	"echeance": casequery.SortDueDate,
	"solde":    casequery.SortBalance,
	"debiteur": casequery.SortDebtor,
	"niveau":   casequery.SortLevel,
	"facture":  casequery.SortNumber,
	"action":   casequery.SortNextActionDate,
	"maj":      casequery.SortUpdatedAt,
}

// defaultSort is the URL's name of the sort of a list that names none.
const defaultSort = "echeance"

// SortKey is the URL's name of f's sort.
func (f Filter) SortKey() string {
	for key, s := range Sorts {
		if s == f.Sort {
			return key
		}
	}
	return defaultSort
}

// Parse reads a filter from URL values; a wrong value is an error naming
// the parameter and the value.
func Parse(v url.Values) (Filter, error) {
	f := Filter{Page: 1}
	f.Phase, f.Status, f.Search = v.Get("phase"), v.Get("statut"), strings.TrimSpace(v.Get("q"))
	for _, p := range []struct {
		name, value string
		valid       []string
	}{{"phase", f.Phase, casequery.Phases}, {"statut", f.Status, casequery.Statuses}} {
		if p.value != "" && !slices.Contains(p.valid, p.value) {
			return f, fmt.Errorf("%s : %q n'est pas l'une des valeurs %s", p.name, p.value, strings.Join(p.valid, ", "))
		}
	}
	key := v.Get("tri")
	if key == "" {
		key = defaultSort
	}
	sort, ok := Sorts[key]
	if !ok {
		return f, fmt.Errorf("tri : %q n'est pas un tri connu", key)
	}
	f.Sort, f.Desc = sort, v.Get("ordre") == "desc"
	// debiteur is a debtor's ID (from a link) or part of its name.
	if d := strings.TrimSpace(v.Get("debiteur")); d != "" {
		if id, err := strconv.ParseUint(d, 10, 64); err == nil && id > 0 {
			f.DebtorID = uint(id)
		} else {
			f.DebtorName = d
		}
	}
	ids := []struct {
		name string
		dst  *uint
	}{{"gestionnaire", &f.AssigneeID}, {"partenaire", &f.PartnerID}}
	for _, p := range ids {
		if s := strings.TrimSpace(v.Get(p.name)); s != "" {
			id, err := strconv.ParseUint(s, 10, 64)
			if err != nil || id == 0 {
				return f, fmt.Errorf("%s : %q n'est pas un identifiant", p.name, s)
			}
			*p.dst = uint(id)
		}
	}
	for _, p := range []struct {
		name string
		dst  *casequery.Optional[int]
	}{{"niveau", &f.Level}, {"jours_min", &f.MinDaysOverdue}, {"jours_max", &f.MaxDaysOverdue}} {
		n, err := wholeNumber(v, p.name, 0, maxDays)
		if err != nil {
			return f, err
		}
		*p.dst = n
	}
	page, err := wholeNumber(v, "page", 1, maxPage)
	if err != nil {
		return f, err
	}
	if page.Set {
		f.Page = page.Value
	}
	amounts := []struct {
		name string
		dst  *casequery.Optional[int64]
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
		*p.dst = casequery.Some(c)
	}
	return f, nil
}

// Bounds of the list's whole-number parameters: a hundred years of delay,
// and pages enough for ten million cases, so that no value overflows the
// query's arithmetic.
const (
	maxDays = 36_500
	maxPage = 200_000
)

// wholeNumber reads parameter name as a whole number from least to most
// (casequery.WholeNumber), saying in French what is wrong.
func wholeNumber(v url.Values, name string, least, most int) (casequery.Optional[int], error) {
	n, err := casequery.WholeNumber(v, name, int64(least), int64(most))
	if err != nil {
		return casequery.Optional[int]{}, fmt.Errorf("%s : %q n'est pas un nombre entier de %d à %d", name, v.Get(name), least, most)
	}
	return casequery.Optional[int]{Value: int(n.Value), Set: n.Set}, nil
}

// Query returns f as URL values, for links to other pages and sorts.
func (f Filter) Query() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	id := func(k string, n uint) {
		if n != 0 {
			v.Set(k, strconv.FormatUint(uint64(n), 10))
		}
	}
	number := func(k string, o casequery.Optional[int]) {
		if o.Set {
			v.Set(k, strconv.Itoa(o.Value))
		}
	}
	amount := func(k string, o casequery.Optional[int64]) {
		if o.Set {
			v.Set(k, money.FormatNumber(o.Value))
		}
	}
	set("phase", f.Phase)
	set("statut", f.Status)
	set("debiteur", f.DebtorName)
	id("debiteur", f.DebtorID)
	id("gestionnaire", f.AssigneeID)
	id("partenaire", f.PartnerID)
	set("q", f.Search)
	number("niveau", f.Level)
	amount("montant_min", f.MinCents)
	amount("montant_max", f.MaxCents)
	number("jours_min", f.MinDaysOverdue)
	number("jours_max", f.MaxDaysOverdue)
	if key := f.SortKey(); key != defaultSort {
		v.Set("tri", key)
	}
	if f.Desc {
		v.Set("ordre", "desc")
	}
	return v
}

// in is f's query in scope s on day today.
func (f Filter) in(s casequery.Scope, today civil.Date) casequery.Filter {
	q := f.Filter
	q.Scope, q.Today = s, today
	return q
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

// List returns the page f.Page of the cases matching f in scope s.
func List(ctx context.Context, db *gorm.DB, f Filter, s casequery.Scope, today civil.Date) (Page, error) {
	p := Page{Page: max(f.Page, 1), Rows: []casequery.Row{}}
	q := f.in(s, today)
	var err error
	if p.Total, err = casequery.CountUpTo(ctx, db, q, CountCap); err != nil {
		return p, err
	}
	q.Limit, q.Offset = PageSize, (p.Page-1)*PageSize
	rows, next, err := casequery.List(ctx, db, q)
	if err != nil {
		return p, err
	}
	p.Rows, p.HasNext = rows, next != nil
	p.More = p.Total > CountCap
	if !p.More {
		p.Pages = int((p.Total + PageSize - 1) / PageSize)
	}
	return p, nil
}

// Each calls fn for every case matching f in scope s, in list order,
// reading rows one at a time (for the CSV export of large lists).
func Each(ctx context.Context, db *gorm.DB, f Filter, s casequery.Scope, today civil.Date, fn func(casequery.Row) error) error {
	return casequery.Each(ctx, db, f.in(s, today), fn)
}

package casequery

import (
	"net/url"
	"strconv"
	"strings"
)

// MaxLimit is the largest page the API serves.
const MaxLimit = 500

// ParseParams reads the API's query parameters into a filter: number, phase,
// level, status, assignee_id, partner_id, debtor_id, q, min_amount_cents,
// max_amount_cents, min_days_overdue, max_days_overdue, sort, order, limit,
// offset and cursor. A wrong value is a *ParamError naming the parameter
// and the value. The caller sets Scope and Today.
func ParseParams(v url.Values) (Filter, error) {
	f := Filter{
		InvoiceNumber: v.Get("number"), Phase: v.Get("phase"), Status: v.Get("status"),
		Search: strings.TrimSpace(v.Get("q")), Sort: Sort(v.Get("sort")), Limit: DefaultLimit,
	}
	switch o := v.Get("order"); o {
	case "", "asc":
	case "desc":
		f.Desc = true
	default:
		return f, &ParamError{"order", o, "is not asc or desc"}
	}
	ids := []struct {
		param string
		dst   *uint
	}{{"assignee_id", &f.AssigneeID}, {"partner_id", &f.PartnerID}, {"debtor_id", &f.DebtorID}}
	for _, p := range ids {
		n, err := WholeNumber(v, p.param, 1, 1<<53)
		if err != nil {
			return f, err
		}
		*p.dst = uint(n.Value)
	}
	ints := []struct {
		param string
		dst   *Optional[int]
		max   int64
	}{{"level", &f.Level, 1000}, {"min_days_overdue", &f.MinDaysOverdue, 100_000}, {"max_days_overdue", &f.MaxDaysOverdue, 100_000}}
	for _, p := range ints {
		n, err := WholeNumber(v, p.param, 0, p.max)
		if err != nil {
			return f, err
		}
		*p.dst = Optional[int]{Value: int(n.Value), Set: n.Set}
	}
	limit, err := WholeNumber(v, "limit", 1, MaxLimit)
	if err != nil {
		return f, err
	}
	if limit.Set {
		f.Limit = int(limit.Value)
	}
	offset, err := WholeNumber(v, "offset", 0, 1<<31)
	if err != nil {
		return f, err
	}
	f.Offset = int(offset.Value)
	if f.MinCents, err = WholeNumber(v, "min_amount_cents", 0, 1<<53); err != nil {
		return f, err
	}
	if f.MaxCents, err = WholeNumber(v, "max_amount_cents", 0, 1<<53); err != nil {
		return f, err
	}
	if s := v.Get("cursor"); s != "" {
		c, err := ParseCursor(s)
		if err != nil {
			return f, err
		}
		f.After = &c
	}
	return f, f.Validate()
}

// WholeNumber reads URL parameter param as a whole number from lo to hi;
// absent, it is not Set. A wrong value is a *ParamError.
func WholeNumber(v url.Values, param string, lo, hi int64) (Optional[int64], error) {
	s := strings.TrimSpace(v.Get(param))
	if s == "" {
		return Optional[int64]{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		return Optional[int64]{}, &ParamError{param, s, "is not a whole number from " +
			strconv.FormatInt(lo, 10) + " to " + strconv.FormatInt(hi, 10)}
	}
	return Some(n), nil
}

package casequery

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// Phases and Statuses are the values a filter may ask for.
var (
	Phases   = []string{recovery.PhasePreDue, recovery.PhaseAmicable, recovery.PhaseLitigation, recovery.PhaseClosed}
	Statuses = []string{string(models.CaseOpen), string(models.CasePaid), string(models.CaseWrittenOff),
		string(models.CaseCancelled), string(models.CaseClosedOther)}
)

// DefaultLimit is the page size of a filter that names none.
const DefaultLimit = 50

// Optional is a filter value that applies only when Set: level 0 and a
// bound of 0 are real filters, not "any".
type Optional[T int | int64] struct {
	Value T
	Set   bool
}

// Some is an Optional that applies.
func Some[T int | int64](v T) Optional[T] { return Optional[T]{Value: v, Set: true} }

// Filter selects and orders cases. Its zero value lists every case by due
// date, DefaultLimit at a time. Every condition narrows the list.
type Filter struct {
	// Scope is the caller's access. It applies on top of PartnerID: a
	// partner asking for another partner's cases gets none.
	Scope Scope

	InvoiceNumber string // exact invoice number
	Phase         string // one of Phases
	Status        string // one of Statuses
	Level         Optional[int]
	AssigneeID    uint // 0: any; likewise PartnerID and DebtorID
	PartnerID     uint
	DebtorID      uint
	DebtorName    string // part of the debtor's name, in any case
	// Search is part of an invoice number or of a debtor's name or
	// reference, in any case, or a debtor's exact SIREN.
	Search string
	// MinCents and MaxCents bound the balance, inclusive.
	MinCents, MaxCents Optional[int64]
	// MinDaysOverdue and MaxDaysOverdue bound the days past the due date
	// on Today (zero: today in Paris), inclusive.
	MinDaysOverdue, MaxDaysOverdue Optional[int]
	Today                          civil.Date

	Sort Sort // SortDueDate when empty; the case ID breaks ties
	Desc bool

	Limit  int // rows per page, DefaultLimit when 0
	Offset int
	// After continues the list after the row a cursor names (keyset
	// paging: stable while cases change, and cheap at any depth). It must
	// come from a list of the same sort and order.
	After *Cursor
}

// ParamError is a wrong filter value, named as the API's query parameter.
type ParamError struct {
	Param, Value, Reason string
}

func (e *ParamError) Error() string {
	return e.Param + ": " + strconv.Quote(e.Value) + " " + e.Reason
}

// Validate checks the values a caller may get wrong.
func (f Filter) Validate() error {
	for _, c := range []struct {
		param, value string
		valid        []string
	}{{"phase", f.Phase, Phases}, {"status", f.Status, Statuses}} {
		if c.value != "" && !slices.Contains(c.valid, c.value) {
			return &ParamError{c.param, c.value, "is not one of " + strings.Join(c.valid, ", ")}
		}
	}
	if _, ok := sortKeys[f.sort()]; !ok {
		return &ParamError{"sort", string(f.Sort), "is not one of " + strings.Join(sortNames(), ", ")}
	}
	if f.Scope.PartnerOnly && f.AssigneeID != 0 {
		// Who runs a case in-house is the creditor's business (rows hide it).
		return &ParamError{"assignee_id", strconv.FormatUint(uint64(f.AssigneeID), 10), "is not a filter a partner may use"}
	}
	for _, b := range []struct {
		param string
		value int64
	}{
		{"level", int64(f.Level.Value)}, {"min_amount_cents", f.MinCents.Value}, {"max_amount_cents", f.MaxCents.Value},
		{"min_days_overdue", int64(f.MinDaysOverdue.Value)}, {"max_days_overdue", int64(f.MaxDaysOverdue.Value)},
		{"limit", int64(f.Limit)}, {"offset", int64(f.Offset)},
	} {
		if b.value < 0 {
			return &ParamError{b.param, strconv.FormatInt(b.value, 10), "must not be negative"}
		}
	}
	if a := f.After; a != nil && (a.Sort != f.sort() || a.Desc != f.Desc) {
		return &ParamError{"cursor", a.String(), fmt.Sprintf("belongs to the list sorted by %s %s, not by %s %s",
			a.Sort, direction(a.Desc), f.sort(), direction(f.Desc))}
	}
	return nil
}

func (f Filter) limit() int {
	if f.Limit == 0 {
		return DefaultLimit
	}
	return f.Limit
}

// where adds f's conditions to q.
func (f Filter) where(q *gorm.DB) *gorm.DB {
	equal := []struct {
		column string
		value  any
		set    bool
	}{
		{"invoices.number", f.InvoiceNumber, f.InvoiceNumber != ""},
		{"cases.phase", f.Phase, f.Phase != ""},
		{"cases.status", f.Status, f.Status != ""},
		{"cases.level", f.Level.Value, f.Level.Set},
		{"cases.assignee_id", f.AssigneeID, f.AssigneeID != 0},
		{"cases.partner_id", f.PartnerID, f.PartnerID != 0},
		{"cases.debtor_id", f.DebtorID, f.DebtorID != 0},
	}
	for _, e := range equal {
		if e.set {
			q = q.Where(e.column+" = ?", e.value)
		}
	}
	if f.DebtorName != "" {
		q = q.Where("LOWER(debtors.name) LIKE ? ESCAPE '\\'", contains(f.DebtorName))
	}
	if f.Search != "" {
		like := contains(f.Search)
		q = q.Where(`(LOWER(invoices.number) LIKE ? ESCAPE '\' OR LOWER(debtors.name) LIKE ? ESCAPE '\'
			OR LOWER(debtors.reference) LIKE ? ESCAPE '\' OR debtors.siren = ?)`, like, like, like, f.Search)
	}
	if f.MinCents.Set {
		q = q.Where("cases.balance_cents >= ?", f.MinCents.Value)
	}
	if f.MaxCents.Set {
		q = q.Where("cases.balance_cents <= ?", f.MaxCents.Value)
	}
	// Days overdue bound the due date: overdue by at least n days means due
	// on or before today minus n.
	today := f.Today
	if today.IsZero() {
		today = civil.Today()
	}
	if f.MinDaysOverdue.Set {
		q = q.Where("invoices.due_date <= ?", today.AddDays(-f.MinDaysOverdue.Value))
	}
	if f.MaxDaysOverdue.Set {
		q = q.Where("invoices.due_date >= ?", today.AddDays(-f.MaxDaysOverdue.Value))
	}
	return q
}

// contains is the LIKE pattern of a case-insensitive "contains s", where %
// and _ in s are themselves.
func contains(s string) string {
	s = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(s))
	return "%" + s + "%"
}

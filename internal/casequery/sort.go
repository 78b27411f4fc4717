package casequery

import (
	"fmt"
	"strconv"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// Sort is a key the list may be sorted by.
type Sort string

// The sort keys. Ties are broken by the case ID, in the same direction.
const (
	SortDueDate        Sort = "due_date"
	SortBalance        Sort = "balance"
	SortDebtor         Sort = "debtor"
	SortLevel          Sort = "level"
	SortNumber         Sort = "number"
	SortNextActionDate Sort = "next_action_date"
	SortUpdatedAt      Sort = "updated_at"
)

// Sorts lists the sort keys, the default first.
var Sorts = []Sort{SortDueDate, SortBalance, SortDebtor, SortLevel, SortNumber, SortNextActionDate, SortUpdatedAt}

// sortKey is how a sort reads its column, and how a cursor carries a row's
// value of it as text.
type sortKey struct {
	column string
	// nullable columns sort their NULLs last going up and first going
	// down, on both databases, so that descending is ascending reversed.
	nullable bool
	text     func(Row) string
	// arg reads the text back as the SQL argument compared with the
	// column; nil for NULL.
	arg func(string) (any, error)
}

var sortKeys = map[Sort]sortKey{
	SortDueDate: {column: "invoices.due_date", text: func(r Row) string { return r.DueDate.String() }, arg: dateArg},
	SortBalance: {column: "cases.balance_cents", text: func(r Row) string { return strconv.FormatInt(r.BalanceCents, 10) }, arg: intArg},
	SortDebtor:  {column: "debtors.name", text: func(r Row) string { return r.DebtorName }, arg: textArg},
	SortLevel:   {column: "cases.level", text: func(r Row) string { return strconv.Itoa(r.Level) }, arg: intArg},
	SortNumber:  {column: "invoices.number", text: func(r Row) string { return r.InvoiceNumber }, arg: textArg},
	SortNextActionDate: {column: "cases.next_action_date", nullable: true,
		text: func(r Row) string { return r.NextActionDate.String() }, arg: dateArg},
	SortUpdatedAt: {column: "cases.updated_at", text: func(r Row) string { return r.UpdatedAt.Format(time.RFC3339Nano) }, arg: timeArg},
}

func dateArg(s string) (any, error) {
	if s == "" {
		return nil, nil // a case without a next action
	}
	return civil.Parse(s)
}

func intArg(s string) (any, error) { return strconv.ParseInt(s, 10, 64) }

func textArg(s string) (any, error) { return s, nil }

func timeArg(s string) (any, error) { return time.Parse(time.RFC3339Nano, s) }

func sortNames() []string {
	names := make([]string, len(Sorts))
	for i, s := range Sorts {
		names[i] = string(s)
	}
	return names
}

func direction(desc bool) string {
	if desc {
		return "desc"
	}
	return "asc"
}

func (f Filter) sort() Sort {
	if f.Sort == "" {
		return SortDueDate
	}
	return f.Sort
}

// order is f's ORDER BY: the sort column, then the case ID.
func (f Filter) order() string {
	k := sortKeys[f.sort()]
	dir := " ASC"
	nulls := " NULLS LAST"
	if f.Desc {
		dir, nulls = " DESC", " NULLS FIRST"
	}
	if !k.nullable {
		nulls = ""
	}
	return fmt.Sprintf("%s%s%s, cases.id%s", k.column, dir, nulls, dir)
}

// cursorAt is the cursor that continues f's list after row r.
func (f Filter) cursorAt(r Row) Cursor {
	s := f.sort()
	return Cursor{Sort: s, Desc: f.Desc, Value: sortKeys[s].text(r), ID: r.ID}
}

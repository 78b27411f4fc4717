package casequery

import (
	"encoding/base64"
	"errors"
	"net/url"
	"testing"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []Cursor{
		{Sort: SortDueDate, Value: "2026-10-15", ID: 42},
		{Sort: SortDebtor, Desc: true, Value: "Garage / Petit & fils", ID: 7},
		{Sort: SortNextActionDate, Value: "", ID: 3},
		{Sort: SortUpdatedAt, Value: "2026-11-20T09:30:00.123456Z", ID: 9},
	} {
		got, err := ParseCursor(c.String())
		if err != nil || got != c {
			t.Errorf("round trip of %+v: %+v, %v", c, got, err)
		}
	}
	forged := func(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }
	for _, bad := range []string{
		"", "!!", "MjAyNi0xMC0xNS80Mg", // the old date/ID form
		forged(`{"s":"due_date","v":"2026-10-15"}`),        // no ID
		forged(`{"s":"colour","v":"red","id":1}`),          // unknown sort
		forged(`{"s":"due_date","v":"15/10/2026","id":1}`), // not a date
		forged(`{"s":"due_date","v":"","id":1}`),           // due dates are never NULL
		forged(`{"s":"balance","v":"12.5","id":1}`),        // not whole cents
		forged(`{"s":"updated_at","v":"yesterday","id":1}`),
	} {
		var perr *ParamError
		if _, err := ParseCursor(bad); !errors.As(err, &perr) || perr.Param != "cursor" || perr.Value != bad {
			t.Errorf("ParseCursor(%q) = %v, want an error naming cursor and its value", bad, err)
		}
	}
}

func TestOrder(t *testing.T) {
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "invoices.due_date ASC, cases.id ASC"},
		{Filter{Sort: SortBalance, Desc: true}, "cases.balance_cents DESC, cases.id DESC"},
		{Filter{Sort: SortNextActionDate}, "cases.next_action_date ASC NULLS LAST, cases.id ASC"},
		{Filter{Sort: SortNextActionDate, Desc: true}, "cases.next_action_date DESC NULLS FIRST, cases.id DESC"},
	}
	for _, tt := range tests {
		if got := tt.f.order(); got != tt.want {
			t.Errorf("order of %+v = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestParseParams(t *testing.T) {
	balanceCursor := Cursor{Sort: SortBalance, Desc: true, Value: "5000", ID: 4}.String()
	good := []struct {
		query string
		check func(Filter) bool
	}{
		{"", func(f Filter) bool { return f == Filter{Limit: DefaultLimit} }},
		{"phase=amicable&status=open&level=0&number=FA-1", func(f Filter) bool {
			return f.Phase == "amicable" && f.Status == "open" && f.Level == Some(0) && f.InvoiceNumber == "FA-1"
		}},
		{"assignee_id=3&partner_id=4&debtor_id=5&q=+garage+", func(f Filter) bool {
			return f.AssigneeID == 3 && f.PartnerID == 4 && f.DebtorID == 5 && f.Search == "garage"
		}},
		{"min_amount_cents=0&max_amount_cents=250000&min_days_overdue=30&max_days_overdue=60", func(f Filter) bool {
			return f.MinCents == Some[int64](0) && f.MaxCents == Some[int64](250000) &&
				f.MinDaysOverdue == Some(30) && f.MaxDaysOverdue == Some(60)
		}},
		{"sort=balance&order=desc&limit=500&cursor=" + balanceCursor, func(f Filter) bool {
			return f.Sort == SortBalance && f.Desc && f.Limit == 500 && f.After != nil && f.After.ID == 4
		}},
		{"order=asc&offset=20", func(f Filter) bool { return !f.Desc && f.Offset == 20 }},
	}
	for _, tt := range good {
		v, _ := url.ParseQuery(tt.query)
		f, err := ParseParams(v)
		if err != nil || !tt.check(f) {
			t.Errorf("ParseParams(%q) = %+v, %v", tt.query, f, err)
		}
	}
	bad := []struct{ query, param, value string }{
		{"status=pending", "status", "pending"},
		{"phase=amiable", "phase", "amiable"},
		{"level=-1", "level", "-1"},
		{"level=two", "level", "two"},
		{"assignee_id=0", "assignee_id", "0"},
		{"partner_id=me", "partner_id", "me"},
		{"debtor_id=-3", "debtor_id", "-3"},
		{"min_amount_cents=12.50", "min_amount_cents", "12.50"},
		{"max_amount_cents=-1", "max_amount_cents", "-1"},
		{"min_days_overdue=x", "min_days_overdue", "x"},
		{"max_days_overdue=-30", "max_days_overdue", "-30"},
		{"sort=id", "sort", "id"},
		{"order=down", "order", "down"},
		{"limit=0", "limit", "0"},
		{"limit=501", "limit", "501"},
		{"offset=-1", "offset", "-1"},
		{"cursor=zz", "cursor", "zz"},
		{"cursor=" + balanceCursor, "cursor", balanceCursor},              // a cursor of sort=balance&order=desc
		{"sort=balance&cursor=" + balanceCursor, "cursor", balanceCursor}, // … not of its ascending order
		{"order=desc&cursor=" + balanceCursor, "cursor", balanceCursor},   // … nor of another sort
		{"sort=debtor&order=desc&cursor=" + balanceCursor, "cursor", balanceCursor},
	}
	for _, tt := range bad {
		v, _ := url.ParseQuery(tt.query)
		_, err := ParseParams(v)
		var perr *ParamError
		if !errors.As(err, &perr) || perr.Param != tt.param || perr.Value != tt.value {
			t.Errorf("ParseParams(%q) = %v, want an error naming %s and %q", tt.query, err, tt.param, tt.value)
		}
	}
}

package casequery_test

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

var today = civil.MustParse("2026-11-23")

// book is 30 cases whose values repeat (to test the ID tie-break) and
// whose debtors, assignees and partners differ, with every case's values
// kept to compute what each filter and sort must answer.
type book struct {
	cases              []models.Case
	invoices           map[uint]models.Invoice // by case ID
	debtors            map[uint]models.Debtor  // by debtor ID
	managerA, managerB uint
	partner, other     uint
}

func seed(t *testing.T, db *gorm.DB) book {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cr := models.Creditor{Name: "C", Currency: "EUR"}
	must(db.Create(&cr).Error)
	b := book{invoices: map[uint]models.Invoice{}, debtors: map[uint]models.Debtor{}}
	users := []models.User{{Email: "a@test.local", Name: "A", Role: models.RoleCreditManager}, {Email: "b@test.local", Name: "B", Role: models.RoleAdmin}}
	must(db.Create(&users).Error)
	b.managerA, b.managerB = users[0].ID, users[1].ID
	partners := []models.Partner{{Name: "P"}, {Name: "Q"}}
	must(db.Create(&partners).Error)
	b.partner, b.other = partners[0].ID, partners[1].ID
	debtors := []models.Debtor{
		{CreditorID: cr.ID, Reference: "REF-A", Name: "Alpha Boulangerie", Kind: models.Trader, Currency: "EUR", SIREN: "552100554"},
		{CreditorID: cr.ID, Reference: "REF-B", Name: "Bravo Garage", Kind: models.Trader, Currency: "EUR"},
		{CreditorID: cr.ID, Reference: "REF-C", Name: "Charlie Pressing", Kind: models.Trader, Currency: "EUR"},
		{CreditorID: cr.ID, Reference: "REF-D", Name: "Delta 100%_Bio", Kind: models.Trader, Currency: "EUR"},
	}
	must(db.Create(&debtors).Error)
	for _, d := range debtors {
		b.debtors[d.ID] = d
	}
	phases := []string{"pre_due", "amicable", "amicable", "litigation", "closed"}
	statuses := []models.CaseStatus{models.CaseOpen, models.CaseOpen, models.CaseOpen, models.CaseOpen, models.CasePaid}
	updated := time.Date(2026, 11, 20, 9, 30, 0, 123456000, time.UTC)
	for i := range 30 {
		d := debtors[i%4]
		inv := models.Invoice{CreditorID: cr.ID, Number: fmt.Sprintf("F-%03d", i), DebtorID: d.ID, IssueDate: today.AddDays(-90),
			DueDate: today.AddDays(-(i * 7 % 50)), TotalCents: 100, Currency: "EUR", OutstandingCents: 100, Status: models.InvoiceOpen}
		must(db.Create(&inv).Error)
		c := models.Case{CreditorID: cr.ID, DebtorID: d.ID, InvoiceID: inv.ID, WorkflowID: inv.Number, Phase: phases[i%5],
			Level: i % 4, Status: statuses[i%5], BalanceCents: int64(i%6) * 10000, Currency: "EUR",
			UpdatedAt: updated.Add(time.Duration(i%8) * time.Hour)}
		if i%3 != 0 {
			c.NextAction, c.NextActionDate = "call", today.AddDays(i%5)
		}
		switch {
		case i%2 == 0:
			c.AssigneeID = &b.managerA
		case i%3 == 0:
			c.AssigneeID = &b.managerB
		}
		if i%5 == 0 {
			c.PartnerID = &b.partner
		}
		must(db.Create(&c).Error)
		b.cases = append(b.cases, c)
		b.invoices[c.ID] = inv
	}
	return b
}

// keys are the sort keys in Go: what each sort compares, ties left to the ID.
var keys = map[casequery.Sort]func(b book, c models.Case) string{
	casequery.SortDueDate: func(b book, c models.Case) string { return b.invoices[c.ID].DueDate.String() },
	casequery.SortBalance: func(_ book, c models.Case) string { return fmt.Sprintf("%012d", c.BalanceCents) },
	casequery.SortDebtor:  func(b book, c models.Case) string { return b.debtors[c.DebtorID].Name },
	casequery.SortLevel:   func(_ book, c models.Case) string { return fmt.Sprint(c.Level) },
	casequery.SortNumber:  func(b book, c models.Case) string { return b.invoices[c.ID].Number },
	casequery.SortNextActionDate: func(_ book, c models.Case) string {
		if c.NextActionDate.IsZero() {
			return "~" // no next action: last going up, first going down
		}
		return c.NextActionDate.String()
	},
	casequery.SortUpdatedAt: func(_ book, c models.Case) string { return c.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000000") },
}

// want is the invoice numbers of the cases keep selects, sorted as asked.
func (b book) want(keep func(models.Case) bool, s casequery.Sort, desc bool) []string {
	var cases []models.Case
	for _, c := range b.cases {
		if keep(c) {
			cases = append(cases, c)
		}
	}
	slices.SortFunc(cases, func(x, y models.Case) int {
		n := cmp.Or(cmp.Compare(keys[s](b, x), keys[s](b, y)), cmp.Compare(x.ID, y.ID))
		if desc {
			return -n
		}
		return n
	})
	out := []string{}
	for _, c := range cases {
		out = append(out, b.invoices[c.ID].Number)
	}
	return out
}

func numbers(rows []casequery.Row) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.InvoiceNumber)
	}
	return out
}

func TestList(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			b := seed(t, db)
			due := func(c models.Case) civil.Date { return b.invoices[c.ID].DueDate }
			overdue := func(c models.Case) int { return today.DaysSince(due(c)) }
			is := func(p *uint, id uint) bool { return p != nil && *p == id }
			name := func(c models.Case) string { return b.debtors[c.DebtorID].Name }
			staff, partner := casequery.Scope{}, casequery.Scope{PartnerOnly: true, PartnerID: b.partner}
			tests := []struct {
				name string
				f    casequery.Filter
				keep func(models.Case) bool
			}{
				{"everything", casequery.Filter{}, func(models.Case) bool { return true }},
				{"invoice number", casequery.Filter{InvoiceNumber: "F-007"}, func(c models.Case) bool { return b.invoices[c.ID].Number == "F-007" }},
				{"phase", casequery.Filter{Phase: "amicable"}, func(c models.Case) bool { return c.Phase == "amicable" }},
				{"status", casequery.Filter{Status: "paid"}, func(c models.Case) bool { return c.Status == models.CasePaid }},
				{"level 0", casequery.Filter{Level: casequery.Some(0)}, func(c models.Case) bool { return c.Level == 0 }},
				{"level 3", casequery.Filter{Level: casequery.Some(3)}, func(c models.Case) bool { return c.Level == 3 }},
				{"assignee", casequery.Filter{AssigneeID: b.managerB}, func(c models.Case) bool { return is(c.AssigneeID, b.managerB) }},
				{"partner", casequery.Filter{PartnerID: b.partner}, func(c models.Case) bool { return is(c.PartnerID, b.partner) }},
				{"partner without cases", casequery.Filter{PartnerID: b.other}, func(models.Case) bool { return false }},
				{"partner scope", casequery.Filter{Scope: partner}, func(c models.Case) bool { return is(c.PartnerID, b.partner) }},
				{"partner scope over another partner's filter", casequery.Filter{Scope: partner, PartnerID: b.other}, func(models.Case) bool { return false }},
				{"debtor", casequery.Filter{DebtorID: b.cases[1].DebtorID}, func(c models.Case) bool { return c.DebtorID == b.cases[1].DebtorID }},
				{"debtor name", casequery.Filter{DebtorName: "GARAGE"}, func(c models.Case) bool { return name(c) == "Bravo Garage" }},
				{"search number", casequery.Filter{Search: "f-01"}, func(c models.Case) bool { return strings.HasPrefix(b.invoices[c.ID].Number, "F-01") }},
				{"search name", casequery.Filter{Search: "pressing"}, func(c models.Case) bool { return name(c) == "Charlie Pressing" }},
				{"search reference", casequery.Filter{Search: "ref-d"}, func(c models.Case) bool { return name(c) == "Delta 100%_Bio" }},
				{"search SIREN", casequery.Filter{Search: "552100554"}, func(c models.Case) bool { return name(c) == "Alpha Boulangerie" }},
				{"search %_ as themselves", casequery.Filter{Search: "0%_b"}, func(c models.Case) bool { return name(c) == "Delta 100%_Bio" }},
				{"search % matches no wildcard", casequery.Filter{Search: "%"}, func(c models.Case) bool { return name(c) == "Delta 100%_Bio" }},
				{"amount range", casequery.Filter{MinCents: casequery.Some[int64](20000), MaxCents: casequery.Some[int64](40000)},
					func(c models.Case) bool { return c.BalanceCents >= 20000 && c.BalanceCents <= 40000 }},
				{"amount 0", casequery.Filter{MaxCents: casequery.Some[int64](0)}, func(c models.Case) bool { return c.BalanceCents == 0 }},
				{"days overdue", casequery.Filter{Today: today, MinDaysOverdue: casequery.Some(14), MaxDaysOverdue: casequery.Some(30)},
					func(c models.Case) bool { return overdue(c) >= 14 && overdue(c) <= 30 }},
				{"days overdue counted from Today", casequery.Filter{Today: today.AddDays(10), MaxDaysOverdue: casequery.Some(10)},
					func(c models.Case) bool { return overdue(c) == 0 }},
				{"combined", casequery.Filter{Scope: staff, Phase: "amicable", AssigneeID: b.managerA, MinCents: casequery.Some[int64](10000)},
					func(c models.Case) bool {
						return c.Phase == "amicable" && is(c.AssigneeID, b.managerA) && c.BalanceCents >= 10000
					}},
			}
			// Who runs a case in-house is not a partner's business: its rows
			// do not say, and it may not filter on it.
			if _, _, err := casequery.List(t.Context(), db, casequery.Filter{Scope: partner, AssigneeID: b.managerA}); err == nil || !strings.Contains(err.Error(), "assignee_id") {
				t.Errorf("a partner filtering by assignee: %v, want a refusal naming assignee_id", err)
			}
			if rows, _, err := casequery.List(t.Context(), db, casequery.Filter{Scope: partner, Limit: 100}); err != nil || len(rows) == 0 {
				t.Errorf("partner's rows: %d, %v", len(rows), err)
			} else {
				for _, r := range rows {
					if r.AssigneeID != nil || r.AssigneeName != "" {
						t.Errorf("a partner's row %s names its assignee %v %q", r.InvoiceNumber, r.AssigneeID, r.AssigneeName)
					}
				}
			}
			for _, tt := range tests {
				tt.f.Limit = 100
				rows, next, err := casequery.List(t.Context(), db, tt.f)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				want := b.want(tt.keep, casequery.SortDueDate, false)
				if got := numbers(rows); !slices.Equal(got, want) || next != nil {
					t.Errorf("%s:\n got %v (next %v)\nwant %v", tt.name, got, next, want)
				}
				n, err := casequery.CountUpTo(t.Context(), db, tt.f, 1000)
				if err != nil || n != int64(len(want)) {
					t.Errorf("%s: count %d, %v; want %d", tt.name, n, err, len(want))
				}
			}
			all := func(models.Case) bool { return true }
			for _, s := range casequery.Sorts {
				for _, desc := range []bool{false, true} {
					f := casequery.Filter{Sort: s, Desc: desc, Limit: 100}
					rows, _, err := casequery.List(t.Context(), db, f)
					want := b.want(all, s, desc)
					if got := numbers(rows); err != nil || !slices.Equal(got, want) {
						t.Errorf("sort %s desc=%v: %v\n got %v\nwant %v", s, desc, err, got, want)
					}
					var exported []string
					err = casequery.Each(t.Context(), db, f, func(r casequery.Row) error {
						exported = append(exported, r.InvoiceNumber)
						return nil
					})
					if err != nil || !slices.Equal(exported, want) {
						t.Errorf("export sorted by %s desc=%v: %v, %v", s, desc, exported, err)
					}
				}
			}
		})
	}
}

// TestCursorPaging walks every sort both ways 7 cases at a time: the pages
// put together are the whole list in order, without a gap or a repeat,
// and a cursor used with another sort or order is refused.
func TestCursorPaging(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			b := seed(t, db)
			for _, s := range casequery.Sorts {
				for _, desc := range []bool{false, true} {
					f := casequery.Filter{Sort: s, Desc: desc, Limit: 7}
					var got []string
					for pages := 0; ; pages++ {
						if pages > 5 {
							t.Fatalf("sort %s desc=%v: paging does not end", s, desc)
						}
						rows, next, err := casequery.List(t.Context(), db, f)
						if err != nil {
							t.Fatalf("sort %s desc=%v page %d: %v", s, desc, pages, err)
						}
						got = append(got, numbers(rows)...)
						if next == nil {
							break
						}
						// Through the URL form, as a client sends it back.
						c, err := casequery.ParseCursor(next.String())
						if err != nil || c != *next {
							t.Fatalf("cursor %+v reads back as %+v, %v", *next, c, err)
						}
						f.After = &c
					}
					if want := b.want(func(models.Case) bool { return true }, s, desc); !slices.Equal(got, want) {
						t.Errorf("sort %s desc=%v, pages of 7:\n got %v\nwant %v", s, desc, got, want)
					}
				}
			}
			_, next, err := casequery.List(t.Context(), db, casequery.Filter{Sort: casequery.SortBalance, Limit: 5})
			if err != nil || next == nil {
				t.Fatalf("first page: %v, %v", next, err)
			}
			for _, f := range []casequery.Filter{
				{Sort: casequery.SortDueDate, After: next},
				{Sort: casequery.SortBalance, Desc: true, After: next},
			} {
				_, _, err := casequery.List(t.Context(), db, f)
				var perr *casequery.ParamError
				if !errors.As(err, &perr) || perr.Param != "cursor" {
					t.Errorf("cursor of sort balance asc used with %s desc=%v: %v, want a cursor error", f.Sort, f.Desc, err)
				}
			}
		})
	}
}

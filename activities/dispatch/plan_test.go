package dispatch

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/outbox"
	"github.com/recouvra/recouvra/internal/civil"
)

func TestPlan(t *testing.T) {
	mon := civil.New(2026, 11, 16)
	e := func(id uint, debtor uint, step, channel string, due civil.Date) Entry {
		return Entry{ID: id, Send: outbox.Send{Key: "k" + string(rune('a'+id)), DebtorID: debtor, Step: step, Channel: channel,
			Template: step + "." + channel, DueOn: due, Level: 1}}
	}
	delegated := func(en Entry, partner uint) Entry {
		en.PartnerID = partner
		return en
	}
	week := []Entry{
		e(1, 7, "level1", "email", mon),
		e(2, 7, "level1", "email", mon.AddDays(2)),
		e(3, 7, "level1", "email", mon.AddDays(4)),
	}
	tests := []struct {
		name    string
		entries []Entry
		today   civil.Date
		window  int
		want    [][]uint // entry IDs per group, in group order
	}{
		{"nothing waiting", nil, mon, 0, nil},
		{"window 0 sends each day what is due that day", week, mon, 0, [][]uint{{1}}},
		{"window 0 on Friday takes all three", week, mon.AddDays(4), 0, [][]uint{{1, 2, 3}}},
		{"window 4: Wednesday still waits", week, mon.AddDays(2), 4, nil},
		{"window 4: Friday takes the week", week, mon.AddDays(4), 4, [][]uint{{1, 2, 3}}},
		{"window 4: Thursday takes what is due by then", week, mon.AddDays(4).AddDays(-1), 3, [][]uint{{1, 2}}},
		{"future entries wait even in a ready group", week, mon.AddDays(3), 3, [][]uint{{1, 2}}},
		{"debtors apart", []Entry{e(1, 8, "level1", "email", mon), e(2, 7, "level1", "email", mon)}, mon, 0,
			[][]uint{{2}, {1}}},
		{"channels apart, letters first", []Entry{e(1, 7, "level1", "email", mon), e(2, 7, "level1", "letter", mon),
			e(3, 7, "level1", "registered_letter", mon)}, mon, 0, [][]uint{{3}, {2}, {1}}},
		{"steps apart", []Entry{e(1, 7, "level2", "email", mon), e(2, 7, "level1", "email", mon)}, mon, 0,
			[][]uint{{2}, {1}}},
		{"a delegated case apart from the debtor's other cases", []Entry{e(1, 7, "level1", "email", mon),
			delegated(e(2, 7, "level1", "email", mon), 5), e(3, 7, "level1", "email", mon)}, mon, 0,
			[][]uint{{1, 3}, {2}}},
		{"two partners apart, each partner's cases together", []Entry{delegated(e(1, 7, "level1", "letter", mon), 6),
			delegated(e(2, 7, "level1", "letter", mon), 5), delegated(e(3, 7, "level1", "letter", mon), 6),
			delegated(e(4, 7, "level1", "email", mon), 5)}, mon, 0,
			[][]uint{{2}, {4}, {1, 3}}},
		{"entries sorted by due date then ID", []Entry{e(5, 7, "level1", "email", mon.AddDays(1)),
			e(4, 7, "level1", "email", mon), e(3, 7, "level1", "email", mon.AddDays(1))}, mon.AddDays(1), 0,
			[][]uint{{4, 3, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := Plan(tt.entries, tt.today, tt.window)
			var got [][]uint
			for _, g := range groups {
				got = append(got, entryIDs(g))
				if !g.Date.Equal(tt.today) {
					t.Errorf("group date %s, want %s", g.Date, tt.today)
				}
				for _, en := range g.Entries {
					if en.PartnerID != g.PartnerID {
						t.Errorf("group %s of partner %d covers entry %d of partner %d", g.Key, g.PartnerID, en.ID, en.PartnerID)
					}
				}
			}
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("groups %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGroupKeyDependsOnTheEntriesNotTheirOrder(t *testing.T) {
	a := Group{DebtorID: 3, Step: "level1", Channel: "email", Entries: []Entry{{Send: outbox.Send{Key: "x"}}, {Send: outbox.Send{Key: "y"}}}}
	b := a
	b.Entries = []Entry{{Send: outbox.Send{Key: "y"}}, {Send: outbox.Send{Key: "x"}}}
	c := a
	c.Entries = []Entry{{Send: outbox.Send{Key: "x"}}}
	if GroupKey(a) != GroupKey(b) {
		t.Errorf("order changes the key: %s vs %s", GroupKey(a), GroupKey(b))
	}
	if GroupKey(a) == GroupKey(c) {
		t.Errorf("different entries share key %s", GroupKey(a))
	}
	d := a
	d.Channel = "letter"
	if GroupKey(a) == GroupKey(d) {
		t.Errorf("email and letter share key %s", GroupKey(a))
	}
}

// TestGroupRecordedBeforePartnersDecodes: groups travel in Temporal
// histories; one written before groups had a partner reads as a group of
// cases delegated to none, and such a group still encodes as it did.
func TestGroupRecordedBeforePartnersDecodes(t *testing.T) {
	old := `{"key":"debtor-3.level1.email.00","debtor_id":3,"step":"level1","level":1,"channel":"email",` +
		`"template":"level1.email","formal_demand":false,"date":"2026-11-16","entries":[{"id":9,"key":"x","case_id":4}]}`
	var g Group
	if err := json.Unmarshal([]byte(old), &g); err != nil {
		t.Fatal(err)
	}
	if g.PartnerID != 0 || len(g.Entries) != 1 || g.Entries[0].PartnerID != 0 || g.Entries[0].CaseID != 4 {
		t.Errorf("decoded %+v", g)
	}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "partner_id") {
		t.Errorf("a group of no partner encodes a partner: %s", b)
	}
}

func TestFormatter(t *testing.T) {
	fr, en := formatterFor("fr"), formatterFor("en")
	d := civil.New(2026, 3, 1)
	tests := []struct{ got, want string }{
		{fr.date(d), "1er mars 2026"},
		{en.date(d), "1 March 2026"},
		{fr.money(123456, "EUR"), "1\u00a0234,56\u00a0€"},
		{en.money(123456, "EUR"), "€1,234.56"},
		{en.money(-500, "EUR"), "-€5.00"},
		{en.money(100, "CHF"), "CHF 1.00"},
		{fr.list([]string{"A"}), "A"},
		{fr.list([]string{"A", "B", "C"}), "A, B et C"},
		{en.list([]string{"A", "B"}), "A and B"},
		{groupIBAN("fr7630006000011234567890189"), "FR76 3000 6000 0112 3456 7890 189"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestDemandDeadlineCountsFromTheOldestEntry(t *testing.T) {
	day := civil.New(2026, 11, 23)
	tests := []struct {
		name   string
		dueOns []int // days before the letter
		want   civil.Date
	}{
		{"same day", []int{0}, day.AddDays(8)},
		{"oldest waited 2 days", []int{0, 2, 1}, day.AddDays(6)},
		{"waited longer than the deadline", []int{9}, day.AddDays(8)},
		{"waited exactly the deadline", []int{8}, day.AddDays(8)},
	}
	for _, tt := range tests {
		g := Group{Date: day}
		for _, n := range tt.dueOns {
			g.Entries = append(g.Entries, Entry{Send: outbox.Send{DueOn: day.AddDays(-n)}})
		}
		if got := demandDeadline(g, 8); !got.Equal(tt.want) {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

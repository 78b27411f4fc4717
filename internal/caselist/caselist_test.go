package caselist

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

func TestParse(t *testing.T) {
	tests := []struct {
		query   string
		check   func(Filter) bool
		wantErr string
	}{
		{"", func(f Filter) bool {
			return f.Sort == casequery.SortDueDate && f.SortKey() == "echeance" && f.Page == 1 &&
				!f.MinDaysOverdue.Set && !f.MaxDaysOverdue.Set && !f.Level.Set && !f.MinCents.Set
		}, ""},
		{"montant_min=1+234,50&montant_max=2000", func(f Filter) bool {
			return f.MinCents == casequery.Some[int64](123450) && f.MaxCents == casequery.Some[int64](200000)
		}, ""},
		{"montant_max=0", func(f Filter) bool { return f.MaxCents == casequery.Some[int64](0) && !f.MinCents.Set }, ""},
		{"jours_min=0&jours_max=30&niveau=2&page=3", func(f Filter) bool {
			return f.MinDaysOverdue == casequery.Some(0) && f.MaxDaysOverdue == casequery.Some(30) && f.Level == casequery.Some(2) && f.Page == 3
		}, ""},
		{"niveau=0", func(f Filter) bool { return f.Level == casequery.Some(0) }, ""},
		{"tri=solde&ordre=desc", func(f Filter) bool { return f.Sort == casequery.SortBalance && f.SortKey() == "solde" && f.Desc }, ""},
		{"gestionnaire=7&partenaire=3&debiteur=12", func(f Filter) bool {
			return f.AssigneeID == 7 && f.PartnerID == 3 && f.DebtorID == 12 && f.DebtorName == ""
		}, ""},
		{"debiteur=garage+petit&statut=paid&phase=closed", func(f Filter) bool {
			return f.DebtorName == "garage petit" && f.DebtorID == 0 && f.Status == "paid" && f.Phase == "closed"
		}, ""},
		{"tri=id", nil, "tri"},
		{"statut=ouvert", nil, "statut"},
		{"phase=amiable", nil, "phase"},
		{"gestionnaire=moi", nil, "gestionnaire"},
		{"partenaire=0", nil, "partenaire"},
		{"montant_min=abc", nil, "montant_min"},
		{"montant_max=-5", nil, "montant_max"},
		{"jours_min=-1", nil, "jours_min"},
		{"page=0", nil, "page"},
		{"page=9223372036854775807", nil, "page"},
		{"jours_max=99999999999", nil, "jours_max"},
		{"niveau=deux", nil, "niveau"},
	}
	for _, tt := range tests {
		v, _ := url.ParseQuery(tt.query)
		f, err := Parse(v)
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error %v, want one naming %s", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !tt.check(f) {
			t.Errorf("Parse(%q) = %+v, %v", tt.query, f, err)
		}
		// The filter's own URL reads back as the same filter (links set the page).
		again, err := Parse(f.Query())
		again.Page = f.Page
		if err != nil || again != f {
			t.Errorf("Parse(%q).Query() = %q reads back as %+v, %v", tt.query, f.Query().Encode(), again, err)
		}
	}
}

func TestList(t *testing.T) {
	today := civil.MustParse("2026-11-23")
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			cr := models.Creditor{Name: "C", Currency: "EUR"}
			db.Create(&cr)
			pt, other := models.Partner{Name: "P"}, models.Partner{Name: "Q"}
			db.Create(&pt)
			db.Create(&other)
			manager := models.User{Email: "gestion@test.local", Name: "Gestion", Role: models.RoleCreditManager}
			db.Create(&manager)
			debtors := []models.Debtor{
				{CreditorID: cr.ID, Reference: "1", Name: "Boulangerie Martin", Kind: models.Trader, Currency: "EUR", SIREN: "552100554"},
				{CreditorID: cr.ID, Reference: "2", Name: "Garage Petit", Kind: models.Trader, Currency: "EUR"},
			}
			db.Create(&debtors)
			specs := []struct {
				d             int
				number        string
				due           int
				cents         int64
				phase, status string
				level         int
				partner       bool
				assigned      bool
			}{
				{0, "FA-1", -10, 10000, "amicable", "open", 1, true, true},
				{0, "FA-2", -45, 50000, "amicable", "open", 2, false, false},
				{1, "FA-3", -100, 90000, "litigation", "open", 4, false, true},
				{1, "FA-4", 5, 20000, "pre_due", "open", 0, false, false},
				{1, "FA-5", -60, 30000, "closed", "paid", 3, true, false},
			}
			for _, s := range specs {
				inv := models.Invoice{CreditorID: cr.ID, Number: s.number, DebtorID: debtors[s.d].ID, IssueDate: today.AddDays(s.due - 30),
					DueDate: today.AddDays(s.due), TotalCents: s.cents, Currency: "EUR", OutstandingCents: s.cents, Status: models.InvoiceOpen}
				db.Create(&inv)
				c := models.Case{CreditorID: cr.ID, DebtorID: inv.DebtorID, InvoiceID: inv.ID, WorkflowID: s.number, Phase: s.phase,
					Level: s.level, Status: models.CaseStatus(s.status), BalanceCents: s.cents, Currency: "EUR"}
				if s.partner {
					c.PartnerID = &pt.ID
				}
				if s.assigned {
					c.AssigneeID = &manager.ID
				}
				db.Create(&c)
			}
			tests := []struct {
				query string
				scope casequery.Scope
				want  string // invoice numbers in order
			}{
				{"", casequery.Scope{}, "FA-3 FA-5 FA-2 FA-1 FA-4"},
				{"tri=solde&ordre=desc", casequery.Scope{}, "FA-3 FA-2 FA-5 FA-4 FA-1"},
				{"phase=amicable", casequery.Scope{}, "FA-2 FA-1"},
				{"statut=open&niveau=4", casequery.Scope{}, "FA-3"},
				{"debiteur=garage", casequery.Scope{}, "FA-3 FA-5 FA-4"},
				{"q=fa-4", casequery.Scope{}, "FA-4"},
				{"q=552100554", casequery.Scope{}, "FA-2 FA-1"},
				{"montant_min=200&montant_max=500", casequery.Scope{}, "FA-5 FA-2 FA-4"},
				{"jours_min=30&jours_max=60", casequery.Scope{}, "FA-5 FA-2"},
				{"jours_min=1", casequery.Scope{}, "FA-3 FA-5 FA-2 FA-1"},
				{"", casequery.Scope{PartnerOnly: true, PartnerID: pt.ID}, "FA-5 FA-1"},
				{"phase=litigation", casequery.Scope{PartnerOnly: true, PartnerID: pt.ID}, ""},
				{"niveau=0", casequery.Scope{}, "FA-4"},
				{fmt.Sprintf("gestionnaire=%d", manager.ID), casequery.Scope{}, "FA-3 FA-1"},
				{fmt.Sprintf("partenaire=%d", pt.ID), casequery.Scope{}, "FA-5 FA-1"},
				{fmt.Sprintf("partenaire=%d&gestionnaire=%d", pt.ID, manager.ID), casequery.Scope{}, "FA-1"},
				{fmt.Sprintf("partenaire=%d", other.ID), casequery.Scope{}, ""},
				// The scope applies on top of a partner filter: no peeking at another partner's cases.
				{fmt.Sprintf("partenaire=%d", pt.ID), casequery.Scope{PartnerOnly: true, PartnerID: other.ID}, ""},
				{fmt.Sprintf("debiteur=%d", debtors[0].ID), casequery.Scope{}, "FA-2 FA-1"},
				{"montant_max=0", casequery.Scope{}, ""},
			}
			for _, tt := range tests {
				v, _ := url.ParseQuery(tt.query)
				f, err := Parse(v)
				if err != nil {
					t.Fatal(err)
				}
				page, err := List(t.Context(), db, f, tt.scope, today)
				if err != nil {
					t.Fatalf("%q: %v", tt.query, err)
				}
				var got []string
				for _, r := range page.Rows {
					got = append(got, r.InvoiceNumber)
				}
				if strings.Join(got, " ") != tt.want || page.Total != int64(len(got)) {
					t.Errorf("%q (scope %+v): %v (total %d), want %s", tt.query, tt.scope, got, page.Total, tt.want)
				}
				var exported []string
				err = Each(t.Context(), db, f, tt.scope, today, func(r casequery.Row) error {
					exported = append(exported, r.InvoiceNumber)
					return nil
				})
				if err != nil || strings.Join(exported, " ") != tt.want {
					t.Errorf("%q: export %v, %v; want %s", tt.query, exported, err, tt.want)
				}
			}
		})
	}
}

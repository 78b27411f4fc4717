package dispatch_test

import (
	"context"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestDelegatedCaseGetsALetterOfItsOwn: a case delegated to a factoring
// partner is the partner's receivable. Its letter and email are pieces of
// their own, linked to the case alone, and their statement of account lists
// none of the debtor's invoices that are not delegated to the same partner:
// the partner downloads that letter, so it must not learn of the others.
func TestDelegatedCaseGetsALetterOfItsOwn(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := open(t)
			env := dispatchtest.New(t, db)
			d := env.Debtor(t, "C-0044", models.Trader, "FR")
			mine := env.Invoice(t, d, "FA-DELEGUEE", monday.AddDays(-10), 70000, 70000)
			other := env.Invoice(t, d, "FA-AUTRE", monday.AddDays(-12), 90000, 90000)
			p := models.Partner{Name: "Affacturage du Nord"}
			if err := db.Create(&p).Error; err != nil {
				t.Fatal(err)
			}
			if err := db.Model(&models.Case{}).Where("id = ?", mine.Case.ID).Update("partner_id", p.ID).Error; err != nil {
				t.Fatal(err)
			}
			for _, inv := range []dispatchtest.Invoice{mine, other} {
				env.Enqueue(t, inv, "level1", 1, dispatch.ChannelLetter, monday)
				env.Enqueue(t, inv, "level1", 1, dispatch.ChannelEmail, monday)
			}
			a := newActivities(env, 0)

			groups, err := a.DueMailings(ctx, monday)
			if err != nil {
				t.Fatal(err)
			}
			if len(groups) != 4 {
				t.Fatalf("%d groups, want a letter and an email for each case: %+v", len(groups), groups)
			}
			for _, g := range groups {
				if len(g.Entries) != 1 {
					t.Fatalf("group %s covers %d entries: a delegated case shares a piece", g.Key, len(g.Entries))
				}
				want := uint(0)
				if g.Entries[0].CaseID == mine.Case.ID {
					want = p.ID
				}
				if g.PartnerID != want || g.Entries[0].PartnerID != want {
					t.Errorf("group %s of case %d: partner %d (entry %d), want %d",
						g.Key, g.Entries[0].CaseID, g.PartnerID, g.Entries[0].PartnerID, want)
				}
			}

			res := dispatchAll(t, a, monday)
			if len(res[dispatch.ChannelLetter]) != 2 || len(res[dispatch.ChannelEmail]) != 2 {
				t.Fatalf("results %+v, want two letters and two emails", res)
			}
			var delegated *models.Document
			for _, r := range res[dispatch.ChannelLetter] {
				doc := documentOf(t, env, r)
				if doc.CaseID == nil {
					t.Fatalf("letter %d is stored without its case", doc.ID)
				}
				if *doc.CaseID == mine.Case.ID {
					delegated = &doc
				}
			}
			if delegated == nil {
				t.Fatal("no letter is linked to the delegated case")
			}
			text := dispatchtest.PDFText(t, delegated.Content)
			assertText(t, "the delegated case's letter", text, "FA-DELEGUEE", "Total restant dû 700,00 €")
			if strings.Contains(text, "FA-AUTRE") || strings.Contains(text, "900,00") {
				t.Errorf("the delegated case's letter tells of the debtor's other invoice:\n%s", text)
			}

			for _, m := range env.Received(t) {
				if !strings.Contains(m.Text, "FA-DELEGUEE") {
					continue
				}
				for what, body := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
					if strings.Contains(body, "FA-AUTRE") || strings.Contains(dispatchtest.Normalize(body), "900,00") {
						t.Errorf("the delegated case's email %s tells of the other invoice:\n%s", what, body)
					}
				}
				if len(m.Attachments) != 1 || !strings.Contains(dispatchtest.PDFText(t, m.Attachments[0].Data), "FA-DELEGUEE") {
					t.Errorf("the delegated case's email does not attach its own letter")
				} else if strings.Contains(dispatchtest.PDFText(t, m.Attachments[0].Data), "FA-AUTRE") {
					t.Errorf("the delegated case's email attaches a letter naming the other invoice")
				}
			}
		})
	}
}

// TestPartnerOpensTheLetterOfSeveralOfItsCases: two cases of one debtor
// delegated to the same partner share one letter, stored without a case
// but marked as composed for that partner, who may open it; another
// partner may not, staff may.
func TestPartnerOpensTheLetterOfSeveralOfItsCases(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0045", models.Trader, "FR")
	first := env.Invoice(t, d, "FA-P-1", monday.AddDays(-10), 70000, 70000)
	second := env.Invoice(t, d, "FA-P-2", monday.AddDays(-11), 30000, 30000)
	p, q := models.Partner{Name: "Affacturage du Nord"}, models.Partner{Name: "Affacturage du Sud"}
	for _, x := range []*models.Partner{&p, &q} {
		if err := db.Create(x).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, inv := range []dispatchtest.Invoice{first, second} {
		db.Model(&models.Case{}).Where("id = ?", inv.Case.ID).Update("partner_id", p.ID)
		env.Enqueue(t, inv, "level1", 1, dispatch.ChannelLetter, monday)
	}
	res := dispatchAll(t, newActivities(env, 0), monday)
	if len(res[dispatch.ChannelLetter]) != 1 {
		t.Fatalf("results %+v, want one letter for both cases", res)
	}
	doc := documentOf(t, env, res[dispatch.ChannelLetter][0])
	if doc.CaseID != nil || doc.PartnerID == nil || *doc.PartnerID != p.ID {
		t.Fatalf("shared letter: case %v, partner %v; want no case and partner %d", doc.CaseID, doc.PartnerID, p.ID)
	}
	for _, tt := range []struct {
		scope casequery.Scope
		want  bool
	}{
		{casequery.Scope{PartnerOnly: true, PartnerID: p.ID}, true},
		{casequery.Scope{PartnerOnly: true, PartnerID: q.ID}, false},
		{casequery.Scope{}, true},
	} {
		if ok, err := casefile.Visible(ctx, db, doc, tt.scope); ok != tt.want || err != nil {
			t.Errorf("shared letter visible in scope %+v: %v (%v), want %v", tt.scope, ok, err, tt.want)
		}
	}
	// Once the partner no longer holds any of its cases, the letter is not its.
	db.Model(&models.Case{}).Where("id IN ?", []uint{first.Case.ID, second.Case.ID}).Update("partner_id", q.ID)
	if ok, _ := casefile.Visible(ctx, db, doc, casequery.Scope{PartnerOnly: true, PartnerID: p.ID}); ok {
		t.Error("the former partner still opens the shared letter")
	}
}

package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestPartnerReadsOnlyTheDocumentsOfItsCases: a partner downloads the
// documents of the cases delegated to it. A letter shared by several cases
// (stored without a case) and a document of another case answer the very
// 404 of a document that does not exist, whatever links lead to them: the
// partner learns neither their content nor that they exist.
func TestPartnerReadsOnlyTheDocumentsOfItsCases(t *testing.T) {
	for kind := range testenv.Databases {
		t.Run(kind, func(t *testing.T) {
			today := civil.New(2026, 11, 23)
			env := apptest.Start(t, kind, today)
			fx := dispatchtest.New(t, env.DB)
			p := env.NewPartner(t, "Affacturage Durand")
			d := fx.Debtor(t, "C-0050", models.Trader, "FR")
			mine := fx.Invoice(t, d, "FA-PART-1", today.AddDays(-20), 120000, 120000)
			shared := []dispatchtest.Invoice{
				fx.Invoice(t, d, "FA-STAFF-1", today.AddDays(-18), 34567, 34567),
				fx.Invoice(t, d, "FA-STAFF-2", today.AddDays(-16), 45678, 45678),
			}
			elsewhere := fx.Invoice(t, fx.Debtor(t, "C-0051", models.Trader, "FR"), "FA-OTHER-1", today.AddDays(-20), 10000, 10000)
			if err := env.DB.Model(&models.Case{}).Where("id = ?", mine.Case.ID).Update("partner_id", p.ID).Error; err != nil {
				t.Fatal(err)
			}
			for _, inv := range append([]dispatchtest.Invoice{mine, elsewhere}, shared...) {
				fx.Enqueue(t, inv, "level1", 1, dispatch.ChannelLetter, today)
			}
			docs := prepareLetters(t, env, fx, today)
			own, sharedDoc, otherDoc := docs[mine.Case.ID], docs[0], docs[elsewhere.Case.ID]
			if own == 0 || sharedDoc == 0 || otherDoc == 0 {
				t.Fatalf("letters by case %v: want one for the delegated case, one shared, one of the other debtor", docs)
			}
			// The shared letter is linked from the staff cases' timelines and
			// outbox entries; link it from the delegated case's timeline too,
			// as any link a partner could follow.
			env.DB.Create(&models.CaseEvent{CaseID: mine.Case.ID, Key: "test/shared-link", At: today.UTC(),
				Actor: "system", Kind: "note", Summary: "lien", DocumentID: &sharedDoc})
			env.DB.Create(&models.CaseEvent{CaseID: mine.Case.ID, Key: "test/other-link", At: today.UTC(),
				Actor: "system", Kind: "note", Summary: "lien", DocumentID: &otherDoc})

			partner := *env
			partner.Token = env.UserToken(t, "p@durand.example", models.RolePartner, &p.ID)
			get := func(e *apptest.Env, id uint) (int, string) {
				status, raw := e.Do(t, "GET", fmt.Sprintf("/api/v1/documents/%d", id), "", nil, nil)
				return status, string(raw)
			}

			status, body := get(&partner, own)
			if status != http.StatusOK {
				t.Fatalf("the partner's own case's letter: %d %s", status, body)
			}
			text := dispatchtest.PDFText(t, []byte(body))
			if !strings.Contains(text, "FA-PART-1") || strings.Contains(text, "FA-STAFF") {
				t.Errorf("the partner's letter names other invoices than its case's:\n%s", text)
			}
			const missing = 999999
			_, notFound := get(&partner, missing)
			for what, id := range map[string]uint{"shared letter": sharedDoc, "other case's letter": otherDoc} {
				status, body := get(&partner, id)
				if status != http.StatusNotFound || strings.ReplaceAll(body, fmt.Sprint(id), fmt.Sprint(missing)) != notFound {
					t.Errorf("partner, %s: %d %s; want the 404 of a missing document %s", what, status, body, notFound)
				}
				if status, _ := get(env, id); status != http.StatusOK {
					t.Errorf("admin, %s: %d, want 200", what, status)
				}
			}
		})
	}
}

// prepareLetters renders the postal letters due today and returns their
// documents by case; a letter covering several cases is under case 0.
func prepareLetters(t *testing.T, env *apptest.Env, fx *dispatchtest.Env, today civil.Date) map[uint]uint {
	t.Helper()
	ctx := context.Background()
	acts := &dispatch.Activities{DB: env.DB, Mailer: fx.Sender}
	groups, err := acts.DueMailings(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[uint]uint{}
	for _, g := range groups {
		r, err := acts.PrepareLetter(ctx, g)
		if err != nil {
			t.Fatalf("letter %s: %v", g.Key, err)
		}
		var doc models.Document
		if err := env.DB.Select("id, case_id").Take(&doc, r.DocumentID).Error; err != nil {
			t.Fatal(err)
		}
		caseID := uint(0)
		if doc.CaseID != nil {
			caseID = *doc.CaseID
		}
		docs[caseID] = doc.ID
	}
	return docs
}

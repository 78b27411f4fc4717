package casefile

import (
	"errors"
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

// TestAssignAndDocuments runs on both databases: a case goes to an active
// admin or credit manager and back to nobody; anyone else is refused and
// the case keeps its assignee; documents list without their content.
func TestAssignAndDocuments(t *testing.T) {
	for kind, open := range testenv.Databases {
		t.Run(kind, func(t *testing.T) {
			db, _ := open(t)
			caseID := seedCase(t, db)
			users := map[string]models.User{}
			for _, u := range []models.User{
				{Email: "cm@test.local", Name: "Claire Martin", Role: models.RoleCreditManager},
				{Email: "admin@test.local", Role: models.RoleAdmin},
				{Email: "legal@test.local", Name: "Juriste", Role: models.RoleLegal},
				{Email: "off@test.local", Name: "Parti", Role: models.RoleCreditManager, Disabled: true},
			} {
				must(t, db.Create(&u).Error)
				users[u.Email] = u
			}
			ctx := t.Context()
			list, err := Assignees(ctx, db)
			must(t, err)
			if len(list) != 2 || list[0].Email != "admin@test.local" || list[1].Email != "cm@test.local" {
				t.Errorf("assignees %+v, want the admin and the active credit manager by name", list)
			}

			cm := users["cm@test.local"].ID
			prev, err := Assign(ctx, db, caseID, &cm)
			if err != nil || prev != nil {
				t.Fatalf("first assignment: previous %v, %v", prev, err)
			}
			if r, err := casequery.Get(ctx, db, caseID, casequery.Scope{}); err != nil || r.AssigneeID == nil || *r.AssigneeID != cm || r.AssigneeName != "Claire Martin" {
				t.Errorf("assignee %v %q, %v", r.AssigneeID, r.AssigneeName, err)
			}
			for email, reason := range map[string]string{"legal@test.local": "is legal", "off@test.local": "disabled"} {
				id := users[email].ID
				var refused *NotAssignableError
				if _, err := Assign(ctx, db, caseID, &id); !errors.As(err, &refused) || !strings.Contains(err.Error(), reason) {
					t.Errorf("assign to %s: %v, want a refusal saying %q", email, err, reason)
				}
			}
			unknown := uint(999999)
			if _, err := Assign(ctx, db, caseID, &unknown); err == nil || !strings.Contains(err.Error(), "does not exist") {
				t.Errorf("assign to an unknown user: %v", err)
			}
			admin := users["admin@test.local"].ID
			if prev, err := Assign(ctx, db, caseID, &admin); err != nil || prev == nil || *prev != cm {
				t.Errorf("reassignment: previous %v, %v; want %d", prev, err, cm)
			}
			if r, _ := casequery.Get(ctx, db, caseID, casequery.Scope{}); r.AssigneeName != "admin@test.local" {
				t.Errorf("an assignee without a name shows its email: %q", r.AssigneeName)
			}
			if prev, err := Assign(ctx, db, caseID, nil); err != nil || prev == nil || *prev != admin {
				t.Errorf("unassignment: previous %v, %v", prev, err)
			}
			if r, err := casequery.Get(ctx, db, caseID, casequery.Scope{}); r.AssigneeID != nil || r.AssigneeName != "" || err != nil {
				t.Errorf("unassigned case has assignee %v %q, %v", r.AssigneeID, r.AssigneeName, err)
			}
			if _, err := Assign(ctx, db, 999999, nil); !errors.Is(err, gorm.ErrRecordNotFound) {
				t.Errorf("unknown case: %v", err)
			}

			must(t, db.Create(&models.Document{CaseID: &caseID, Kind: "letter", FileName: "relance.pdf",
				ContentType: "application/pdf", SHA256: strings.Repeat("b", 64), Size: 4, Content: []byte("%PDF")}).Error)
			docs, err := Documents(ctx, db, caseID, casequery.Scope{})
			must(t, err)
			if len(docs) != 1 || docs[0].FileName != "relance.pdf" || docs[0].Size != 4 || docs[0].Content != nil || docs[0].CreatedAt.IsZero() {
				t.Errorf("documents %+v", docs)
			}
		})
	}
}

// TestPartnerSeesDocumentsSinceTheDelegation: a partner sees the documents
// of its case made since the case was delegated to it, not the letters of
// the creditor's own recovery before (they list the debtor's other debts),
// nor a document of no case; staff see them all.
func TestPartnerSeesDocumentsSinceTheDelegation(t *testing.T) {
	for kind, open := range testenv.Databases {
		t.Run(kind, func(t *testing.T) {
			db, _ := open(t)
			ctx := t.Context()
			caseID := seedCase(t, db)
			p := models.Partner{Name: "Affacturage"}
			must(t, db.Create(&p).Error)
			delegated := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
			doc := func(name string, at time.Time, c *uint) models.Document {
				d := models.Document{CreatedAt: at, CaseID: c, Kind: "letter", FileName: name, ContentType: "application/pdf",
					SHA256: strings.Repeat("c", 64), Size: 4, Content: []byte("%PDF")}
				must(t, db.Create(&d).Error)
				return d
			}
			before := doc("avant.pdf", delegated.Add(-24*time.Hour), &caseID)
			after := doc("apres.pdf", delegated.Add(24*time.Hour), &caseID)
			shared := doc("groupee.pdf", delegated.Add(48*time.Hour), nil)
			must(t, db.Model(&models.Case{}).Where("id = ?", caseID).Update("partner_id", p.ID).Error)
			must(t, db.Create(&models.CaseEvent{CaseID: caseID, Key: "delegate/1", At: delegated, Actor: "cm@test.local",
				Kind: "delegated", Summary: "Dossier confié"}).Error)

			partner := casequery.Scope{PartnerOnly: true, PartnerID: p.ID}
			for _, tt := range []struct {
				scope casequery.Scope
				want  []string
			}{{casequery.Scope{}, []string{"avant.pdf", "apres.pdf"}}, {partner, []string{"apres.pdf"}}} {
				docs, err := Documents(ctx, db, caseID, tt.scope)
				must(t, err)
				var got []string
				for _, d := range docs {
					got = append(got, d.FileName)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("documents in scope %+v: %v, want %v", tt.scope, got, tt.want)
				}
			}
			for _, tt := range []struct {
				doc  models.Document
				want bool
			}{{before, false}, {after, true}, {shared, false}} {
				if ok, err := Visible(ctx, db, tt.doc, partner); ok != tt.want || err != nil {
					t.Errorf("%s visible to the partner: %v (%v), want %v", tt.doc.FileName, ok, err, tt.want)
				}
				if ok, _ := Visible(ctx, db, tt.doc, casequery.Scope{}); !ok {
					t.Errorf("%s hidden from staff", tt.doc.FileName)
				}
			}
		})
	}
}

func seedCase(t *testing.T, db *gorm.DB) uint {
	cr := models.Creditor{Name: "Fournitures du Val", Currency: "EUR"}
	must(t, db.Create(&cr).Error)
	d := models.Debtor{CreditorID: cr.ID, Reference: "C1", Name: "Boulangerie Martin", Kind: models.Trader, Currency: "EUR"}
	must(t, db.Create(&d).Error)
	due := civil.MustParse("2026-10-15")
	inv := models.Invoice{CreditorID: cr.ID, Number: "FA-1", DebtorID: d.ID, IssueDate: due.AddDays(-30), DueDate: due,
		TotalCents: 1000, OutstandingCents: 1000, Currency: "EUR", Status: models.InvoiceOpen}
	must(t, db.Create(&inv).Error)
	c := models.Case{CreditorID: cr.ID, DebtorID: d.ID, InvoiceID: inv.ID, WorkflowID: "recovery-FA-1",
		Phase: "amicable", Level: 1, Status: models.CaseOpen, BalanceCents: 1000, Currency: "EUR"}
	must(t, db.Create(&c).Error)
	return c.ID
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

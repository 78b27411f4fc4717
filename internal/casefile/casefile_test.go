package casefile

import (
	"errors"
	"strings"
	"testing"

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
			docs, err := Documents(ctx, db, caseID)
			must(t, err)
			if len(docs) != 1 || docs[0].FileName != "relance.pdf" || docs[0].Size != 4 || docs[0].Content != nil || docs[0].CreatedAt.IsZero() {
				t.Errorf("documents %+v", docs)
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

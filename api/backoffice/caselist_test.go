package backoffice

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestCaseListAssigneeAndPartnerFilters: staff filter the case list by
// assignee and partner from two selects; a partner sees neither select,
// and its scope still applies whatever partenaire it asks for.
func TestCaseListAssigneeAndPartnerFilters(t *testing.T) {
	f := newFixture(t)
	manager := f.users["credit_manager"]
	if err := f.db.Model(&models.Case{}).Where("id = ?", f.cases[1].ID).Update("assignee_id", manager.ID).Error; err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		role, query   string
		want, notWant []string
	}{
		{"admin", "", []string{`name="gestionnaire"`, `name="partenaire"`, ">credit_manager</option>", ">Affacturage B</option>"}, []string{">partner</option>", ">legal</option>"}},
		{"partner", "", []string{"FA-001"}, []string{`name="gestionnaire"`, `name="partenaire"`, "Affacturage", "credit_manager"}},
		{"admin", fmt.Sprintf("gestionnaire=%d", manager.ID), []string{"1 dossier(s)", "FA-002", fmt.Sprintf(`<option value="%d" selected>`, manager.ID)}, []string{"FA-001", "FA-003"}},
		{"admin", fmt.Sprintf("partenaire=%d", f.partnerA.ID), []string{"1 dossier(s)", "FA-001"}, []string{"FA-002", "FA-003"}},
		{"admin", fmt.Sprintf("partenaire=%d", f.partnerB.ID), []string{"0 dossier(s)"}, []string{"FA-001"}},
		{"partner", fmt.Sprintf("partenaire=%d", f.partnerB.ID), []string{"0 dossier(s)"}, []string{"FA-001"}},
		{"admin", "niveau=0", []string{"1 dossier(s)", "FA-003"}, []string{"FA-001", "FA-002"}},
		{"admin", "tri=action&ordre=desc", []string{"3 dossier(s)"}, nil},
	}
	for _, tt := range tests {
		rec := f.as(tt.role).get("/dossiers?" + tt.query)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s /dossiers?%s: status %d: %s", tt.role, tt.query, rec.Code, errorOf(rec.Body.String()))
		}
		body := rec.Body.String()
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s /dossiers?%s lacks %q", tt.role, tt.query, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s /dossiers?%s shows %q", tt.role, tt.query, w)
			}
		}
	}
	for _, query := range []string{"gestionnaire=moi", "statut=ouvert", "partenaire=-1"} {
		if rec := f.as("admin").get("/dossiers?" + query); rec.Code != http.StatusBadRequest {
			t.Errorf("/dossiers?%s: status %d, want 400", query, rec.Code)
		}
	}
	csv := f.as("admin").get(fmt.Sprintf("/dossiers.csv?gestionnaire=%d", manager.ID)).Body.String()
	if !strings.Contains(csv, "FA-002") || strings.Contains(csv, "FA-001") {
		t.Errorf("CSV export of one assignee's cases:\n%s", csv)
	}
}

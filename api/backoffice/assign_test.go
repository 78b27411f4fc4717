package backoffice

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
)

// TestAssignCase: admins and credit managers see the assignment form on the
// case file and give the case to an active admin or credit manager, or to
// nobody, audited; another user is refused and changes nothing; partners
// and legal staff see no form, and partners no link to the Temporal UI.
func TestAssignCase(t *testing.T) {
	f := newFixture(t)
	c0 := f.cases[0].ID
	page := fmt.Sprintf("/dossiers/%d", c0)
	form := page + "/assignation"
	cm, legal := f.users["credit_manager"], f.users["legal"]
	assigneeOf := func() *uint {
		var c models.Case
		f.db.Select("assignee_id").Take(&c, c0)
		return c.AssigneeID
	}

	admin := f.as("admin").get(page).Body.String()
	for _, want := range []string{`id="form-assign"`, `action="` + form + `"`, `name="csrf"`,
		`<option value="` + strconv.Itoa(int(cm.ID)) + `">credit_manager</option>`, "http://temporal.test/namespaces/default/workflows/"} {
		if !strings.Contains(admin, want) {
			t.Errorf("admin's case file lacks %q", want)
		}
	}
	if strings.Contains(admin, `<option value="`+strconv.Itoa(int(legal.ID))+`"`) {
		t.Error("legal staff offered as an assignee")
	}
	for role, notWant := range map[string][]string{
		"partner": {`id="form-assign"`, "temporal.test", "temporal-link"},
		"legal":   {`id="form-assign"`},
	} {
		body := f.as(role).get(page).Body.String()
		for _, w := range notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s's case file shows %q", role, w)
			}
		}
	}

	manager := f.as("credit_manager")
	steps := []struct {
		name, value string
		status      int
		want        *uint
		message     string
	}{
		{"to a credit manager", strconv.Itoa(int(cm.ID)), http.StatusSeeOther, &cm.ID, ""},
		{"to legal staff", strconv.Itoa(int(legal.ID)), http.StatusBadRequest, &cm.ID, "ne peut pas recevoir de dossier"},
		{"not an id", "Claire", http.StatusBadRequest, &cm.ID, "n&#39;est pas un identifiant"},
		{"to nobody", "", http.StatusSeeOther, nil, ""},
	}
	for _, st := range steps {
		rec := manager.post(form, url.Values{"assignee_id": {st.value}})
		if rec.Code != st.status {
			t.Fatalf("%s: status %d, want %d: %s", st.name, rec.Code, st.status, errorOf(rec.Body.String()))
		}
		if got := assigneeOf(); (got == nil) != (st.want == nil) || (got != nil && *got != *st.want) {
			t.Errorf("%s: assignee %v, want %v", st.name, got, st.want)
		}
		if st.message != "" && !strings.Contains(rec.Body.String(), st.message) {
			t.Errorf("%s: page lacks %q: %s", st.name, st.message, errorOf(rec.Body.String()))
		}
		if st.name == "to a credit manager" {
			shown := manager.get(page).Body.String()
			if !strings.Contains(shown, `<dd id="assignee">credit_manager</dd>`) || !strings.Contains(shown, `value="`+st.value+`" selected`) {
				t.Errorf("case file does not show its new assignee: %s", errorOf(shown))
			}
		}
	}
	var audits []models.AuditLog
	f.db.Where("action = 'case.assign' AND entity_id = ?", strconv.Itoa(int(c0))).Order("id").Find(&audits)
	if len(audits) != 2 || !strings.Contains(audits[0].After, fmt.Sprintf(`"assignee_id":%d`, cm.ID)) ||
		!strings.Contains(audits[1].Before, fmt.Sprintf(`"assignee_id":%d`, cm.ID)) || !strings.Contains(audits[1].After, `"assignee_id":null`) {
		t.Errorf("audit of the two assignments: %+v", audits)
	}
	if rec := manager.post(form, url.Values{"assignee_id": {strconv.Itoa(int(cm.ID))}, "csrf": {""}}); rec.Code != http.StatusForbidden || assigneeOf() != nil {
		t.Errorf("assignment without CSRF token: %d, assignee %v", rec.Code, assigneeOf())
	}
}

package backoffice

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// seedScenario stores the default scenario as the active version 1.
func (f *fixture) seedScenario() (models.Scenario, recovery.Scenario) {
	sc := recovery.DefaultScenario()
	steps, err := json.Marshal(sc.Steps)
	if err != nil {
		f.t.Fatal(err)
	}
	row := models.Scenario{Name: sc.Name, Version: 1, Steps: string(steps), Active: true}
	f.create(&row)
	return row, sc
}

func stepsJSON(t *testing.T, steps []recovery.Step) string {
	b, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestScenarioEditor: the page shows the active version's steps; a bad
// version is refused in French naming the step and stores nothing; a valid
// one becomes version N+1 and the only active one.
func TestScenarioEditor(t *testing.T) {
	f := newFixture(t)
	v1, sc := f.seedScenario()
	admin := f.as("admin")

	page := admin.get("/admin/scenarios")
	if page.Code != http.StatusOK {
		t.Fatalf("page: %d: %s", page.Code, errorOf(page.Body.String()))
	}
	mustContain(t, page.Body.String(), "v1", "version active", sc.Steps[0].Name, sc.Steps[len(sc.Steps)-1].Label,
		"dossiers en cours gardent la version")

	count := func() int64 {
		var n int64
		f.db.Model(&models.Scenario{}).Count(&n)
		return n
	}
	bad := append([]recovery.Step(nil), sc.Steps...)
	bad[1].Anchor = "étape-fantôme"
	for _, tt := range []struct {
		name, steps string
		want        []string
	}{
		{"unknown anchor", stepsJSON(t, bad), []string{"Étape 2 (« " + bad[1].Name + " »)", "« étape-fantôme »", "étape précédente"}},
		{"not JSON", "[{", []string{"JSON est invalide"}},
		{"unknown field", `[{"nom": "x"}]`, []string{"JSON est invalide", "nom"}},
		{"no step", "[]", []string{"au moins une étape"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := admin.post("/admin/scenarios", url.Values{"name": {sc.Name}, "steps": {tt.steps}})
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", rec.Code)
			}
			mustContain(t, rec.Body.String(), tt.want...)
			if !strings.Contains(rec.Body.String(), "&#34;") && tt.name == "unknown anchor" {
				t.Error("the typed steps are not kept in the form")
			}
			if n := count(); n != 1 {
				t.Errorf("%d scenarios stored, want only version 1", n)
			}
		})
	}

	edited := append([]recovery.Step(nil), sc.Steps...)
	edited[0].DelayDays--
	rec := admin.post("/admin/scenarios", url.Values{"name": {sc.Name}, "steps": {stepsJSON(t, edited)}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("valid version: %d: %s", rec.Code, errorOf(rec.Body.String()))
	}
	var rows []models.Scenario
	f.db.Order("version").Find(&rows)
	if len(rows) != 2 || rows[0].ID != v1.ID || rows[0].Active || rows[1].Version != 2 || !rows[1].Active {
		t.Fatalf("stored versions %+v, want v1 archived and v2 active", rows)
	}
	var got []recovery.Step
	if err := json.Unmarshal([]byte(rows[1].Steps), &got); err != nil || got[0].DelayDays != sc.Steps[0].DelayDays-1 {
		t.Errorf("v2 steps %+v (%v), want the edited delay", got, err)
	}
	if n := f.audits("scenario.create"); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}
	mustContain(t, admin.get("/admin/scenarios").Body.String(), "v2", "Archivé")
}

// TestScenarioErrorFrench feeds the real messages of
// recovery.Scenario.Validate to the translation: each must come out in
// French, naming the step by number and name.
func TestScenarioErrorFrench(t *testing.T) {
	base := recovery.DefaultScenario()
	for _, tt := range []struct {
		name   string
		change func(s []recovery.Step)
		want   string
	}{
		{"no name", func(s []recovery.Step) { s[1].Name = "" }, "doit avoir un nom"},
		{"twice", func(s []recovery.Step) { s[1].Name = s[0].Name }, "déjà celui d'une autre étape"},
		{"anchor", func(s []recovery.Step) { s[1].Anchor = "plus-tard" }, "« plus-tard » n'est ni due_date"},
		{"no channel", func(s []recovery.Step) { s[1].Channels = nil }, "aucun canal"},
		{"level", func(s []recovery.Step) { s[1].Level = s[0].Level - 1 }, "inférieur à celui de l'étape précédente"},
		{"formal demand", func(s []recovery.Step) { s[1].FormalDemand, s[1].DeadlineDays = true, 0 }, "délai de paiement"},
		{"channel", func(s []recovery.Step) { s[1].Channels = []string{"pigeon"} }, "canal « pigeon » inconnu"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc := recovery.Scenario{Name: base.Name, Steps: append([]recovery.Step(nil), base.Steps...)}
			tt.change(sc.Steps)
			err := sc.Validate()
			if err == nil {
				t.Fatal("Validate accepted the broken scenario")
			}
			got := scenarioErrorFrench(err.Error())
			if !strings.HasPrefix(got, "Étape 2 (« "+sc.Steps[1].Name+" ») : ") || !strings.Contains(got, tt.want) {
				t.Errorf("%q gave %q, want step 2 and %q", err, got, tt.want)
			}
		})
	}
}

package backoffice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/scenarios"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

func init() {
	flashes["scenario"] = "Nouvelle version du scénario enregistrée et activée."
}

// scenarioList lists every scenario version, the steps of the one shown (the
// active one unless ?version= names another) and the form to save a new
// version from edited steps.
func (p *Pages) scenarioList(c *gin.Context) {
	p.scenarioPage(c, http.StatusOK, "", "", "")
}

// scenarioPage renders the editor; on a refused form, name and steps keep
// what was typed so that nothing is lost.
func (p *Pages) scenarioPage(c *gin.Context, status int, formError, name, stepsText string) {
	var versions []models.Scenario
	if err := p.DB.WithContext(c.Request.Context()).Order("name, version DESC").Find(&versions).Error; err != nil {
		p.internalError(c, "scénarios", err)
		return
	}
	var shown *models.Scenario
	want, _ := strconv.ParseUint(c.Query("version"), 10, 64)
	for i := range versions {
		if (want != 0 && versions[i].ID == uint(want)) || (want == 0 && versions[i].Active) {
			shown = &versions[i]
		}
	}
	var steps []recovery.Step
	if shown != nil {
		if err := json.Unmarshal([]byte(shown.Steps), &steps); err != nil {
			p.internalError(c, "étapes du scénario", err)
			return
		}
		if stepsText == "" && formError == "" {
			indented, _ := json.MarshalIndent(steps, "", "  ")
			stepsText, name = string(indented), shown.Name
		}
	}
	p.render(c, status, "scenarios.html", "Scénarios", gin.H{
		"Versions": versions, "Shown": shown, "Steps": steps, "FormError": formError, "Name": name, "StepsText": stepsText,
	})
}

// saveScenario stores the edited steps as the next version of the scenario
// and makes it active, after recovery.Scenario.Validate; a refused version
// stores nothing and says in French which step is wrong.
func (p *Pages) saveScenario(c *gin.Context) {
	name, text := strings.TrimSpace(c.PostForm("name")), c.PostForm("steps")
	if name == "" {
		p.scenarioPage(c, http.StatusBadRequest, "Nom du scénario : obligatoire.", name, text)
		return
	}
	sc := recovery.Scenario{Name: name}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc.Steps); err != nil {
		p.scenarioPage(c, http.StatusBadRequest, "Étapes : le JSON est invalide ("+err.Error()+").", name, text)
		return
	}
	if err := sc.Validate(); err != nil {
		p.scenarioPage(c, http.StatusBadRequest, scenarioErrorFrench(err.Error()), name, text)
		return
	}
	row, err := scenarios.SaveVersion(c.Request.Context(), p.DB, sc)
	if err != nil {
		p.internalError(c, "enregistrement du scénario", err)
		return
	}
	p.audit(c, "scenario.create", "scenario", row.ID, nil, row)
	c.Redirect(http.StatusSeeOther, "/admin/scenarios?fait=scenario")
}

// scenarioStepError is the form of recovery.Scenario.Validate's messages
// about one step.
var scenarioStepError = regexp.MustCompile(`^scenario ".*" step (\d+) \((.*)\): (.*)$`)

// scenarioReasons translate the reason part of those messages.
var scenarioReasons = []struct {
	re     *regexp.Regexp
	french string
}{
	{regexp.MustCompile(`^a step needs a name other than "(.*)"$`), "une étape doit avoir un nom, autre que « %s »"},
	{regexp.MustCompile(`^name used twice$`), "ce nom est déjà celui d'une autre étape"},
	{regexp.MustCompile(`^anchor "(.*)" is neither due_date nor an earlier step$`), "l'ancre « %s » n'est ni due_date ni une étape précédente"},
	{regexp.MustCompile(`^no channel$`), "aucun canal d'envoi"},
	{regexp.MustCompile(`^level (-?\d+) is below the previous step's (-?\d+)$`), "le niveau %s est inférieur à celui de l'étape précédente (%s)"},
	{regexp.MustCompile(`^a formal demand needs a payment deadline in days$`), "une mise en demeure doit fixer un délai de paiement en jours (deadline_days)"},
	{regexp.MustCompile(`^unknown channel "(.*)"$`), "canal « %s » inconnu (email, letter, registered_letter, phone_task ou internal_task)"},
}

// scenarioErrorFrench says a Validate error in French, naming the step.
func scenarioErrorFrench(msg string) string {
	if strings.HasSuffix(msg, " has no step") {
		return "Le scénario doit compter au moins une étape."
	}
	m := scenarioStepError.FindStringSubmatch(msg)
	if m == nil {
		return "Scénario refusé : " + msg
	}
	where := fmt.Sprintf("Étape %s (« %s »)", m[1], m[2])
	for _, r := range scenarioReasons {
		if sub := r.re.FindStringSubmatch(m[3]); sub != nil {
			args := make([]any, len(sub)-1)
			for i, s := range sub[1:] {
				args[i] = s
			}
			return where + " : " + fmt.Sprintf(r.french, args...) + "."
		}
	}
	return where + " : " + m[3]
}

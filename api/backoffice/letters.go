package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// callers may see the call tasks: staff who call, and partners for the
// cases delegated to them.
var callers = []models.Role{models.RoleAdmin, models.RoleCreditManager, models.RolePartner}

// letterRoutes are the pages of postal letters, call tasks and the
// template editor.
func (p *Pages) letterRoutes() []route {
	return []route{
		{"GET", "/courriers", managers, p.letters},
		{"GET", "/courriers/lot.pdf", managers, p.letterBatch},
		{"POST", "/courriers/:id/:step", managers, p.letterStep},
		{"GET", "/appels", callers, p.calls},
		{"GET", "/modeles", managers, p.templateList},
		{"GET", "/modeles/:key", managers, p.templateEdit},
		{"POST", "/modeles/:key", managers, p.templateSave},
		{"POST", "/modeles/:key/apercu", managers, p.templatePreview},
	}
}

// registerLetters mounts letterRoutes behind the same session, CSRF and
// role checks as the routes of Register.
func (p *Pages) registerLetters(r *gin.Engine) {
	for _, rt := range p.letterRoutes() {
		handlers := []gin.HandlerFunc{p.requireSession}
		if rt.method == http.MethodPost {
			handlers = append(handlers, p.checkCSRF)
		}
		handlers = append(handlers, requireRole(rt.roles), rt.handle)
		r.Handle(rt.method, rt.path, handlers...)
	}
}

func init() {
	flashes["courrier"] = "Courrier mis à jour."
	flashes["modele"] = "Nouvelle version du modèle enregistrée."
}

// letterSteps maps the French step of the URL to the dispatch action.
var letterSteps = map[string]string{
	"imprime": dispatch.ActionPrinted, "poste": dispatch.ActionPosted,
	"suivi": dispatch.ActionTracking, "accuse": dispatch.ActionAcknowledged,
}

var letterStatusNames = map[string]string{
	dispatch.StatusToPrint: "À imprimer", dispatch.StatusPrinted: "Imprimé", dispatch.StatusPosted: "Posté",
	dispatch.StatusAcknowledged: "Accusé de réception reçu", dispatch.StatusFailed: "En échec",
	dispatch.StatusCancelled: "Annulé", dispatch.StatusPending: "En attente",
}

var letterChannelNames = map[string]string{
	dispatch.ChannelLetter: "Lettre simple", dispatch.ChannelRegisteredLetter: "Lettre recommandée avec AR",
}

// letterRow is a postal letter as the Courriers page lists it.
type letterRow struct {
	models.Mailing
	DebtorName  string
	StatusLabel string
	Registered  bool
}

// letterFilter is the Courriers page's filter: a day (or every day) and a
// status (or every status).
type letterFilter struct {
	Day     civil.Date
	AllDays bool
	Status  string
}

func (p *Pages) readLetterFilter(c *gin.Context) (letterFilter, error) {
	f := letterFilter{Day: p.Today(), AllDays: c.Query("tout") == "1", Status: c.Query("statut")}
	if v := c.Query("date"); v != "" {
		d, err := civil.Parse(v)
		if err != nil {
			return f, fmt.Errorf("Date : %q n'est pas une date AAAA-MM-JJ", v)
		}
		f.Day = d
	}
	if _, known := letterStatusNames[f.Status]; f.Status != "" && !known {
		return f, fmt.Errorf("Statut inconnu : %q", f.Status)
	}
	return f, nil
}

// letters shows the postal letters of a day with the forms recording
// their progress.
func (p *Pages) letters(c *gin.Context) {
	f, err := p.readLetterFilter(c)
	if err != nil {
		p.fail(c, http.StatusBadRequest, "Filtre invalide — "+err.Error())
		return
	}
	p.showLetters(c, http.StatusOK, f, "")
}

func (p *Pages) showLetters(c *gin.Context, status int, f letterFilter, problem string) {
	q := p.DB.WithContext(c.Request.Context()).Where("channel IN ?", []string{dispatch.ChannelLetter, dispatch.ChannelRegisteredLetter})
	if !f.AllDays {
		q = q.Where("due_on = ?", f.Day)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var mailings []models.Mailing
	if err := q.Order("due_on DESC, id").Limit(500).Find(&mailings).Error; err != nil {
		p.internalError(c, "liste des courriers", err)
		return
	}
	names, err := p.debtorNames(c, mailings)
	if err != nil {
		p.internalError(c, "liste des courriers", err)
		return
	}
	rows := make([]letterRow, len(mailings))
	for i, m := range mailings {
		rows[i] = letterRow{Mailing: m, DebtorName: names[m.DebtorID], StatusLabel: lookup(letterStatusNames, m.Status),
			Registered: m.Channel == dispatch.ChannelRegisteredLetter}
	}
	p.render(c, status, "letters.html", "Courriers", gin.H{
		"Letters": rows, "F": f, "Statuses": letterStatusNames, "Channels": letterChannelNames,
		"Today": p.Today(), "Problem": problem, "Back": c.Request.URL.RequestURI(),
	})
}

func (p *Pages) debtorNames(c *gin.Context, ms []models.Mailing) (map[uint]string, error) {
	ids := make([]uint, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.DebtorID)
	}
	names := map[uint]string{}
	if len(ids) == 0 {
		return names, nil
	}
	var debtors []models.Debtor
	if err := p.DB.WithContext(c.Request.Context()).Select("id", "name").Where("id IN ?", ids).Find(&debtors).Error; err != nil {
		return nil, err
	}
	for _, d := range debtors {
		names[d.ID] = d.Name
	}
	return names, nil
}

// letterBatch serves the day's postal letters as one PDF for the printer
// (dispatch.PrintBatch, as GET /api/v1/print-batch does).
func (p *Pages) letterBatch(c *gin.Context) {
	f, err := p.readLetterFilter(c)
	if err != nil {
		p.fail(c, http.StatusBadRequest, "Filtre invalide — "+err.Error())
		return
	}
	pdf, included, err := dispatch.PrintBatch(c.Request.Context(), p.DB, f.Day)
	if errors.Is(err, dispatch.ErrNothingToPrint) {
		p.fail(c, http.StatusNotFound, "Aucun courrier à imprimer le "+f.Day.FrenchNumeric()+".")
		return
	}
	if err != nil {
		p.internalError(c, "lot d'impression du "+f.Day.FrenchNumeric(), err)
		return
	}
	ids := make([]uint, len(included))
	for i, m := range included {
		ids[i] = m.ID
	}
	p.audit(c, "letter.print_batch", "mailing", 0, nil, gin.H{"date": f.Day, "ids": ids, "bytes": len(pdf)})
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="courriers-%s.pdf"`, f.Day))
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "application/pdf", pdf)
}

// letterStep records one step of a postal letter (dispatch.UpdatePostal,
// as POST /api/v1/letters/:id/:action does): printed, posted on a date,
// tracking number, acknowledgment of receipt on a date.
func (p *Pages) letterStep(c *gin.Context) {
	f, _ := p.readLetterFilter(c) // the page to show again on a refusal
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil || id == 0 {
		p.fail(c, http.StatusNotFound, "Courrier introuvable.")
		return
	}
	action, known := letterSteps[c.Param("step")]
	if !known {
		p.fail(c, http.StatusNotFound, "Étape inconnue : "+strconv.Quote(c.Param("step")))
		return
	}
	u := dispatch.PostalUpdate{Action: action, TrackingNumber: c.PostForm("suivi")}
	if action == dispatch.ActionPosted || action == dispatch.ActionAcknowledged {
		v := strings.TrimSpace(c.PostForm("date"))
		d, err := civil.Parse(v)
		if err != nil {
			p.showLetters(c, http.StatusBadRequest, f, fmt.Sprintf("Courrier n° %d : la date %q n'est pas une date AAAA-MM-JJ.", id, v))
			return
		}
		u.Date = d
	}
	var before models.Mailing
	p.DB.WithContext(c.Request.Context()).First(&before, id)
	m, err := dispatch.UpdatePostal(c.Request.Context(), p.DB, uint(id), u, currentUser(c).Email)
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		p.fail(c, http.StatusNotFound, fmt.Sprintf("Courrier n° %d introuvable.", id))
		return
	case errors.Is(err, dispatch.ErrPostalTransition):
		p.showLetters(c, http.StatusConflict, f, fmt.Sprintf("Courrier n° %d (%s) : étape refusée — %v", id,
			lookup(letterStatusNames, before.Status), err))
		return
	case err != nil:
		p.internalError(c, "mise à jour du courrier", err)
		return
	}
	p.audit(c, "letter."+action, "mailing", m.ID, before, m)
	c.Redirect(http.StatusSeeOther, backTo(c.PostForm("back"), "/courriers")+"fait=courrier")
}

// calls shows the call tasks due by the day, each with its rendered
// script (dispatch.Composer.Tasks, as GET /api/v1/tasks); a partner sees
// only those of the cases delegated to it.
func (p *Pages) calls(c *gin.Context) {
	day := p.Today()
	if v := c.Query("date"); v != "" {
		d, err := civil.Parse(v)
		if err != nil {
			p.fail(c, http.StatusBadRequest, fmt.Sprintf("Date : %q n'est pas une date AAAA-MM-JJ.", v))
			return
		}
		day = d
	}
	tasks, err := dispatch.Composer{DB: p.DB, Scope: casequery.ScopeOf(currentUser(c))}.Tasks(c.Request.Context(), day)
	if err != nil {
		p.internalError(c, "liste des appels", err)
		return
	}
	p.render(c, http.StatusOK, "tasks.html", "Appels", gin.H{"Tasks": tasks, "Day": day})
}

package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/lettertemplates"
)

var templateLanguages = []string{lettertemplates.French, lettertemplates.English}

var languageNames = map[string]string{lettertemplates.French: "Français", lettertemplates.English: "Anglais"}

var channelNames = map[string]string{
	dispatch.ChannelEmail: "E-mail", dispatch.ChannelLetter: "Lettre simple",
	dispatch.ChannelRegisteredLetter: "Lettre recommandée", dispatch.ChannelPhoneTask: "Appel",
}

var partNames = map[string]string{
	"subject": "Objet", "html": "Corps HTML", "text": "Corps texte", "body": "Corps du courrier", "script": "Script d'appel",
}

// templateRow is one template in one language and its current version.
type templateRow struct {
	Key, Step, Channel, Part, Language string
	Version                            int
	CreatedBy                          string
	FallsBack                          bool // no text in this language: the French one is used
}

// templateList lists every template (step × channel × part × language)
// with its current version.
func (p *Pages) templateList(c *gin.Context) {
	store := lettertemplates.Store{DB: p.DB}
	var rows []templateRow
	for _, key := range lettertemplates.ShippedKeys(lettertemplates.French) {
		step, channel, part := splitKey(key)
		for _, lang := range templateLanguages {
			v, err := store.Current(c.Request.Context(), key, lang)
			if err != nil {
				p.internalError(c, "liste des modèles", err)
				return
			}
			rows = append(rows, templateRow{Key: key, Step: step, Channel: lookup(channelNames, channel), Part: lookup(partNames, part),
				Language: lang, Version: v.Version, CreatedBy: v.CreatedBy, FallsBack: v.Language != lang})
		}
	}
	p.render(c, http.StatusOK, "templates.html", "Modèles de courriers", gin.H{"Templates": rows, "Languages": languageNames})
}

func splitKey(key string) (step, channel, part string) {
	step, rest, _ := strings.Cut(key, ".")
	channel, part, _ = strings.Cut(rest, ".")
	return step, channel, part
}

// editorForm is what the edit page shows: the text being edited, the
// versions, and the outcome of the last save or preview.
type editorForm struct {
	Key, Language string
	Body          string
	Version       int // the version Body was loaded from; 0 for a text being edited
	CaseID        string
	Error         string
	Preview       string
	PreviewHTML   bool
}

// templateEdit shows a template's text (the current version, or the one
// asked for with ?version=) and its history.
func (p *Pages) templateEdit(c *gin.Context) {
	form := editorForm{Key: c.Param("key"), Language: c.DefaultQuery("langue", lettertemplates.French)}
	if !p.knownTemplate(c, form.Key, form.Language) {
		return
	}
	store := lettertemplates.Store{DB: p.DB}
	var (
		v   lettertemplates.Version
		err error
	)
	if s := c.Query("version"); s != "" {
		n, convErr := strconv.Atoi(s)
		if convErr != nil {
			p.fail(c, http.StatusBadRequest, fmt.Sprintf("Version : %q n'est pas un numéro.", s))
			return
		}
		v, err = store.Get(c.Request.Context(), form.Key, form.Language, n)
		if errors.Is(err, lettertemplates.ErrNoTemplate) {
			p.fail(c, http.StatusNotFound, fmt.Sprintf("Le modèle %s (%s) n'a pas de version %d.", form.Key, form.Language, n))
			return
		}
	} else {
		v, err = store.Current(c.Request.Context(), form.Key, form.Language)
	}
	if err != nil {
		p.internalError(c, "lecture du modèle", err)
		return
	}
	form.Body, form.Version = v.Body, v.Version
	p.showEditor(c, http.StatusOK, form)
}

// knownTemplate refuses keys that are not shipped templates and languages
// other than French and English.
func (p *Pages) knownTemplate(c *gin.Context, key, lang string) bool {
	if _, err := lettertemplates.Shipped(key, lettertemplates.French); err != nil {
		p.fail(c, http.StatusNotFound, "Modèle introuvable : "+strconv.Quote(key))
		return false
	}
	if _, ok := languageNames[lang]; !ok {
		p.fail(c, http.StatusBadRequest, "Langue : "+strconv.Quote(lang)+" — choisir fr ou en.")
		return false
	}
	return true
}

func (p *Pages) showEditor(c *gin.Context, status int, form editorForm) {
	versions, err := lettertemplates.Store{DB: p.DB}.Versions(c.Request.Context(), form.Key, form.Language)
	if err != nil && !errors.Is(err, lettertemplates.ErrNoTemplate) {
		p.internalError(c, "historique du modèle", err)
		return
	}
	step, channel, part := splitKey(form.Key)
	p.render(c, status, "template.html", "Modèle "+form.Key, gin.H{
		"Form": form, "Versions": versions, "Step": step, "Channel": lookup(channelNames, channel), "Part": lookup(partNames, part),
		"LanguageName": lookup(languageNames, form.Language), "Languages": languageNames,
	})
}

// templateSave stores the posted text as the next version. A text naming
// an unknown placeholder is shown again with the placeholder named, and
// nothing is saved.
func (p *Pages) templateSave(c *gin.Context) {
	form := editorForm{Key: c.Param("key"), Language: c.PostForm("langue"), Body: c.PostForm("body"), CaseID: c.PostForm("dossier")}
	if !p.knownTemplate(c, form.Key, form.Language) {
		return
	}
	v, err := lettertemplates.Store{DB: p.DB}.Save(c.Request.Context(), form.Key, form.Language, form.Body, currentUser(c).Email)
	if msg := templateProblem(err); msg != "" {
		form.Error = msg + " Rien n'a été enregistré."
		p.showEditor(c, http.StatusBadRequest, form)
		return
	}
	if err != nil {
		p.internalError(c, "enregistrement du modèle", err)
		return
	}
	p.audit(c, "template.save", "template", derefID(v.TemplateID), auditlog.PreviousTemplate(c.Request.Context(), p.DB, v), v)
	c.Redirect(http.StatusSeeOther, "/modeles/"+url.PathEscape(form.Key)+"?langue="+url.QueryEscape(form.Language)+"&fait=modele")
}

// templateProblem explains in French why a text was refused; "" when err
// is not about the text.
func templateProblem(err error) string {
	var perr *lettertemplates.PlaceholderError
	var serr *lettertemplates.SyntaxError
	switch {
	case errors.As(err, &perr):
		where := ""
		if perr.Line > 0 {
			where = fmt.Sprintf(" (ligne %d)", perr.Line)
		}
		return fmt.Sprintf("Champ inconnu %s%s : ce champ n'existe pas dans les données du courrier.", perr.Placeholder, where)
	case errors.As(err, &serr):
		return fmt.Sprintf("Modèle invalide : %v.", serr.Err)
	}
	return ""
}

// templatePreview renders the text being edited on a real case, chosen by
// its number, without saving it.
func (p *Pages) templatePreview(c *gin.Context) {
	form := editorForm{Key: c.Param("key"), Language: c.PostForm("langue"), Body: c.PostForm("body"), CaseID: strings.TrimSpace(c.PostForm("dossier"))}
	if !p.knownTemplate(c, form.Key, form.Language) {
		return
	}
	if msg := templateProblem(lettertemplates.Validate(form.Key, form.Body)); msg != "" {
		form.Error = msg
		p.showEditor(c, http.StatusBadRequest, form)
		return
	}
	id, err := strconv.ParseUint(form.CaseID, 10, 64)
	if err != nil || id == 0 {
		form.Error = fmt.Sprintf("Dossier : %q n'est pas un numéro de dossier.", form.CaseID)
		p.showEditor(c, http.StatusBadRequest, form)
		return
	}
	_, err = casequery.Get(c.Request.Context(), p.DB, uint(id), casequery.ScopeOf(currentUser(c)))
	if errors.Is(err, gorm.ErrRecordNotFound) {
		form.Error = fmt.Sprintf("Dossier n° %d introuvable.", id)
		p.showEditor(c, http.StatusNotFound, form)
		return
	}
	if err != nil {
		p.internalError(c, "lecture du dossier", err)
		return
	}
	data, err := dispatch.Composer{DB: p.DB}.CaseData(c.Request.Context(), uint(id), form.Key, p.Today())
	if err != nil {
		form.Error = fmt.Sprintf("Données du dossier n° %d incomplètes pour ce modèle : %v", id, err)
		p.showEditor(c, http.StatusUnprocessableEntity, form)
		return
	}
	out, err := lettertemplates.Render(form.Key, form.Body, data)
	if err != nil {
		form.Error = templateProblem(err)
		if form.Error == "" {
			form.Error = "Aperçu impossible : " + err.Error()
		}
		p.showEditor(c, http.StatusBadRequest, form)
		return
	}
	form.Preview, form.PreviewHTML = out, strings.HasSuffix(form.Key, ".html")
	p.audit(c, "template.preview", "case", uint(id), nil, gin.H{"key": form.Key, "language": form.Language})
	p.showEditor(c, http.StatusOK, form)
}

func derefID(id *uint) uint {
	if id == nil {
		return 0
	}
	return *id
}

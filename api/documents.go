package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// registerDocuments mounts the documents of amicable recovery: stored PDFs,
// the day's print batch, the postal letters' progress, call tasks, the
// editable templates and the statement of account.
func (s *Server) registerDocuments(v1 *gin.RouterGroup) {
	// Letters, calls and templates are the credit managers' (legal staff
	// work the litigation queue); partners see the calls of their cases.
	managers := requireRole(managerRoles...)
	callers := requireRole(models.RoleAdmin, models.RoleCreditManager, models.RolePartner)
	v1.GET("/documents/:id", s.getDocument)
	v1.GET("/print-batch", managers, s.getPrintBatch)
	v1.GET("/letters", managers, s.listLetters)
	v1.POST("/letters/:id/:action", managers, s.postLetter)
	v1.GET("/tasks", callers, s.listTasks)
	v1.GET("/templates", managers, s.listTemplates)
	v1.GET("/templates/:key", managers, s.getTemplate)
	v1.PUT("/templates/:key", managers, s.putTemplate)
	v1.POST("/templates/:key/preview", managers, s.previewTemplate)
	v1.GET("/cases/:id/statement.pdf", s.getCaseStatement)
}

func pathID(c *gin.Context, what string) (uint, bool) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil || id == 0 {
		fail(c, http.StatusBadRequest, what+" id must be a positive number, got "+strconv.Quote(c.Param("id")))
		return 0, false
	}
	return uint(id), true
}

// dateQuery reads ?name=YYYY-MM-DD, today in Paris when absent.
func dateQuery(c *gin.Context, name string) (civil.Date, bool) {
	v := c.Query(name)
	if v == "" {
		return civil.Today(), true
	}
	d, err := civil.Parse(v)
	if err != nil {
		fail(c, http.StatusBadRequest, name+": "+err.Error())
		return d, false
	}
	return d, true
}

func sendPDF(c *gin.Context, name string, pdf []byte) {
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "application/pdf", pdf)
}

// getDocument answers GET /api/v1/documents/:id with the stored file. Staff
// see every document; a partner sees only the documents of a case delegated
// to it (see documentVisible), and gets for any other the 404 of a document
// that does not exist.
func (s *Server) getDocument(c *gin.Context) {
	id, ok := pathID(c, "document")
	if !ok {
		return
	}
	var doc models.Document
	if err := s.DB.WithContext(c.Request.Context()).First(&doc, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			fail(c, http.StatusNotFound, fmt.Sprintf("no document %d", id))
			return
		}
		s.Log.Error("load document", "document", id, "err", err)
		fail(c, http.StatusInternalServerError, "cannot load document")
		return
	}
	if !s.documentVisible(c, doc) {
		fail(c, http.StatusNotFound, fmt.Sprintf("no document %d", id))
		return
	}
	c.Header("X-Content-SHA256", doc.SHA256)
	if doc.TemplateVersion > 0 {
		c.Header("X-Template-Version", strconv.Itoa(doc.TemplateVersion))
	}
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", doc.FileName))
	c.Data(http.StatusOK, doc.ContentType, doc.Content)
}

// documentVisible says whether the current user may read doc. For a
// partner, only the document's own case counts: a letter shared by several
// cases (stored without a case) lists the debtor's invoices of all of them,
// and reaching it through an outbox entry or a timeline event of a delegated
// case would tell the partner of the debtor's other debts.
func (s *Server) documentVisible(c *gin.Context, doc models.Document) bool {
	ok, err := casefile.Visible(c.Request.Context(), s.DB, doc, casequery.ScopeOf(currentUser(c)))
	if err != nil {
		s.Log.Error("document visibility", "document", doc.ID, "err", err)
	}
	return ok
}

// getPrintBatch answers GET /api/v1/print-batch?date=YYYY-MM-DD: every
// postal letter of the day in one PDF, each starting on an odd page.
func (s *Server) getPrintBatch(c *gin.Context) {
	day, ok := dateQuery(c, "date")
	if !ok {
		return
	}
	pdf, included, err := dispatch.PrintBatch(c.Request.Context(), s.DB, day)
	if errors.Is(err, dispatch.ErrNothingToPrint) {
		fail(c, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		s.Log.Error("print batch", "date", day, "err", err)
		fail(c, http.StatusInternalServerError, "cannot build the print batch of "+day.String())
		return
	}
	c.Header("X-Letter-Count", strconv.Itoa(len(included)))
	sendPDF(c, "courriers-"+day.String()+".pdf", pdf)
}

// listLetters answers GET /api/v1/letters?date=&status=: the postal letters
// of a day (all days when date is absent), with their progress.
func (s *Server) listLetters(c *gin.Context) {
	q := s.DB.WithContext(c.Request.Context()).Where("channel IN ?", []string{dispatch.ChannelLetter, dispatch.ChannelRegisteredLetter})
	if c.Query("date") != "" {
		day, ok := dateQuery(c, "date")
		if !ok {
			return
		}
		q = q.Where("due_on = ?", day)
	}
	if st := c.Query("status"); st != "" {
		q = q.Where("status = ?", st)
	}
	letters := []models.Mailing{}
	if err := q.Order("id DESC").Limit(500).Find(&letters).Error; err != nil {
		s.Log.Error("list letters", "err", err)
		fail(c, http.StatusInternalServerError, "cannot list letters")
		return
	}
	c.JSON(http.StatusOK, gin.H{"letters": letters})
}

// letterUpdate is the body of POST /letters/:id/{printed,posted,tracking,acknowledged}.
type letterUpdate struct {
	Date           string `json:"date"`            // posted, acknowledged: YYYY-MM-DD
	TrackingNumber string `json:"tracking_number"` // tracking
}

// postLetter records a postal letter's progress; 409 when the letter is not
// at a stage where that step applies.
func (s *Server) postLetter(c *gin.Context) {
	id, ok := pathID(c, "letter")
	if !ok {
		return
	}
	action := c.Param("action")
	switch action {
	case dispatch.ActionPrinted, dispatch.ActionPosted, dispatch.ActionTracking, dispatch.ActionAcknowledged:
	default:
		fail(c, http.StatusNotFound, "unknown letter action "+strconv.Quote(action)+": want printed, posted, tracking or acknowledged")
		return
	}
	var body letterUpdate
	if c.Request.ContentLength != 0 && !decodeStrict(c, &body) {
		return
	}
	u := dispatch.PostalUpdate{Action: action, TrackingNumber: body.TrackingNumber}
	if action == dispatch.ActionPosted || action == dispatch.ActionAcknowledged {
		if body.Date == "" {
			badField(c, "date", "is required (YYYY-MM-DD)")
			return
		}
		d, err := civil.Parse(body.Date)
		if err != nil {
			badField(c, "date", err.Error())
			return
		}
		u.Date = d
	}
	var before models.Mailing
	s.DB.WithContext(c.Request.Context()).First(&before, id)
	m, err := dispatch.UpdatePostal(c.Request.Context(), s.DB, id, u, currentUser(c).Email)
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		fail(c, http.StatusNotFound, fmt.Sprintf("no letter %d", id))
		return
	case errors.Is(err, dispatch.ErrPostalTransition):
		fail(c, http.StatusConflict, err.Error())
		return
	case err != nil:
		s.Log.Error("update letter", "letter", id, "action", action, "err", err)
		fail(c, http.StatusInternalServerError, "cannot update letter")
		return
	}
	s.audit(c, "letter."+action, "mailing", id, before, m)
	c.JSON(http.StatusOK, m)
}

// listTasks answers GET /api/v1/tasks?date=: the call tasks due by that day
// with the debtor's numbers and the call script.
func (s *Server) listTasks(c *gin.Context) {
	day, ok := dateQuery(c, "date")
	if !ok {
		return
	}
	// A partner's tasks are those of its delegated cases, their scripts
	// told only of those cases' invoices.
	tasks, err := dispatch.Composer{DB: s.DB, Scope: casequery.ScopeOf(currentUser(c))}.Tasks(c.Request.Context(), day)
	if err != nil {
		s.Log.Error("list tasks", "err", err)
		fail(c, http.StatusInternalServerError, "cannot list tasks")
		return
	}
	c.JSON(http.StatusOK, gin.H{"tasks": tasks})
}

// templateSummary is one template in the list: its current version in
// each language.
type templateSummary struct {
	Key      string                     `json:"key"`
	Versions map[string]templateVersion `json:"versions"`
}

type templateVersion struct {
	Version   int    `json:"version"`
	CreatedBy string `json:"created_by,omitempty"`
}

func (s *Server) listTemplates(c *gin.Context) {
	store := lettertemplates.Store{DB: s.DB}
	out := []templateSummary{}
	for _, key := range lettertemplates.ShippedKeys(lettertemplates.French) {
		ts := templateSummary{Key: key, Versions: map[string]templateVersion{}}
		for _, lang := range []string{lettertemplates.French, lettertemplates.English} {
			v, err := store.Current(c.Request.Context(), key, lang)
			if err != nil {
				s.Log.Error("template", "key", key, "err", err)
				fail(c, http.StatusInternalServerError, "cannot read template "+key)
				return
			}
			ts.Versions[lang] = templateVersion{Version: v.Version, CreatedBy: v.CreatedBy}
		}
		out = append(out, ts)
	}
	c.JSON(http.StatusOK, gin.H{"templates": out, "placeholders": lettertemplates.SampleData()})
}

func templateLanguage(c *gin.Context, lang string) (string, bool) {
	if lang == "" {
		return lettertemplates.French, true
	}
	if lang != lettertemplates.French && lang != lettertemplates.English {
		msg := "must be fr or en, got " + strconv.Quote(lang)
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "language " + msg,
			Errors: []intake.FieldError{{Field: "language", Message: msg}}})
		return "", false
	}
	return lang, true
}

// getTemplate answers GET /api/v1/templates/:key?language=: every version,
// newest first, with the current one rendered on sample data.
func (s *Server) getTemplate(c *gin.Context) {
	lang, ok := templateLanguage(c, c.Query("language"))
	if !ok {
		return
	}
	key := c.Param("key")
	versions, err := lettertemplates.Store{DB: s.DB}.Versions(c.Request.Context(), key, lang)
	if errors.Is(err, lettertemplates.ErrNoTemplate) {
		fail(c, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		s.Log.Error("template versions", "key", key, "err", err)
		fail(c, http.StatusInternalServerError, "cannot read template "+key)
		return
	}
	preview, _ := lettertemplates.Render(key, versions[0].Body, lettertemplates.SampleData())
	c.JSON(http.StatusOK, gin.H{"key": key, "language": lang, "versions": versions, "preview": preview})
}

// templateEdit is the body of PUT /api/v1/templates/:key.
type templateEdit struct {
	Language string `json:"language"`
	Body     string `json:"body"` // required
}

// decodeTemplateBody reads a template edit or preview, answering 400 with the
// JSON name of each field at fault.
func decodeTemplateBody(c *gin.Context, in any, body *string) bool {
	if !decodeStrict(c, in) {
		return false
	}
	if strings.TrimSpace(*body) == "" {
		badField(c, "body", "is required")
		return false
	}
	return true
}

// badTemplate answers 400 for a text the template engine refuses, as an
// error of the field body; the message names the placeholder and its line.
func badTemplate(c *gin.Context, err error) {
	msg := err.Error()
	var perr *lettertemplates.PlaceholderError
	if errors.As(err, &perr) {
		msg = "unknown placeholder " + perr.Placeholder
		if perr.Line > 0 {
			msg += fmt.Sprintf(" on line %d", perr.Line)
		}
	}
	c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: err.Error(), Errors: []intake.FieldError{{Field: "body", Message: msg}}})
}

// putTemplate saves a new version; 400 naming the placeholder when the
// text uses one that does not exist.
func (s *Server) putTemplate(c *gin.Context) {
	var in templateEdit
	if !decodeTemplateBody(c, &in, &in.Body) {
		return
	}
	lang, ok := templateLanguage(c, in.Language)
	if !ok {
		return
	}
	key := c.Param("key")
	if _, err := lettertemplates.Shipped(key, lettertemplates.French); err != nil {
		fail(c, http.StatusNotFound, "no template "+strconv.Quote(key))
		return
	}
	v, err := lettertemplates.Store{DB: s.DB}.Save(c, key, lang, in.Body, currentUser(c).Email)
	var perr *lettertemplates.PlaceholderError
	var serr *lettertemplates.SyntaxError
	switch {
	case errors.As(err, &perr), errors.As(err, &serr):
		badTemplate(c, err)
		return
	case err != nil:
		s.Log.Error("save template", "key", key, "err", err)
		fail(c, http.StatusInternalServerError, "cannot save template "+key)
		return
	}
	s.audit(c, "template.save", "template", derefID(v.TemplateID), s.previousTemplate(c, v), v)
	preview, _ := lettertemplates.Render(key, v.Body, lettertemplates.SampleData())
	c.JSON(http.StatusOK, gin.H{"version": v, "preview": preview})
}

func derefID(id *uint) uint {
	if id == nil {
		return 0
	}
	return *id
}

// getCaseStatement answers GET /api/v1/cases/:id/statement.pdf: the
// statement of account of the case's debtor, today. It lists every open
// invoice of the debtor, those of cases not delegated to a partner too, so
// partners get the 404 of a case they may not see, whatever the case: the
// answer tells them nothing about which cases exist.
func (s *Server) getCaseStatement(c *gin.Context) {
	if currentUser(c).Role == models.RolePartner {
		fail(c, http.StatusNotFound, "no case "+c.Param("id"))
		return
	}
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	day, ok := dateQuery(c, "date")
	if !ok {
		return
	}
	pdf, _, err := dispatch.RenderStatement(c.Request.Context(), dispatch.Composer{DB: s.DB}, row.DebtorID, day)
	if err != nil {
		s.Log.Error("statement", "case", row.ID, "err", err)
		fail(c, http.StatusUnprocessableEntity, "cannot print the statement: "+err.Error())
		return
	}
	sendPDF(c, "releve-de-compte-"+day.String()+".pdf", pdf)
}

// templatePreview is the body of POST /api/v1/templates/:key/preview.
type templatePreview struct {
	Language string `json:"language"`
	Body     string `json:"body"`    // required
	CaseID   uint   `json:"case_id"` // 0: sample data
}

// previewTemplate renders a text being edited on a real case (or on sample
// data), without saving it: 400 naming the placeholder if it would be refused.
func (s *Server) previewTemplate(c *gin.Context) {
	var in templatePreview
	if !decodeTemplateBody(c, &in, &in.Body) {
		return
	}
	if _, ok := templateLanguage(c, in.Language); !ok {
		return
	}
	key := c.Param("key")
	if err := lettertemplates.Validate(key, in.Body); err != nil {
		badTemplate(c, err)
		return
	}
	data := lettertemplates.SampleData()
	if in.CaseID != 0 {
		if _, err := casequery.Get(c.Request.Context(), s.DB, in.CaseID, casequery.ScopeOf(currentUser(c))); err != nil {
			fail(c, http.StatusNotFound, fmt.Sprintf("no case %d", in.CaseID))
			return
		}
		d, err := dispatch.Composer{DB: s.DB}.CaseData(c.Request.Context(), in.CaseID, key, civil.Today())
		if err != nil {
			fail(c, http.StatusUnprocessableEntity, "cannot gather the data of case "+strconv.Itoa(int(in.CaseID))+": "+err.Error())
			return
		}
		data = d
	}
	out, err := lettertemplates.Render(key, in.Body, data)
	if err != nil {
		badTemplate(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"preview": out, "data": data})
}

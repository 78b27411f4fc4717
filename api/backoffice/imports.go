package backoffice

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// maxUpload bounds an uploaded file: a large FEC or CSV, far below memory limits.
const maxUpload = 32 << 20

// defaultPreDueDays is the configuration's default (RECOUVRA_PREDUE_DAYS):
// the back-office has no configuration of its own to read it from.
const defaultPreDueDays = 10

// importKinds are the files the Imports page accepts, in the order of its menu.
var importKinds = []struct{ Kind, Label string }{
	{moneyin.KindFEC, "FEC (fichier des écritures comptables)"},
	{moneyin.KindFacturX, "Factur-X (PDF ou XML CII)"},
	{moneyin.KindUBL, "UBL 2.1 (facture ou avoir)"},
	{moneyin.KindCSV, "CSV de factures (nommer la source)"},
	{moneyin.KindBank, "Relevé bancaire (CFONB 120 ou camt.053)"},
}

func knownKind(kind string) bool {
	for _, k := range importKinds {
		if k.Kind == kind {
			return true
		}
	}
	return false
}

func importKindLabel(kind string) string {
	for _, k := range importKinds {
		if k.Kind == kind {
			return k.Label
		}
	}
	return kind
}

// The Imports and Lettrage pages redirect with these after a change.
func init() {
	flashes["lettrage"] = "Lettrage enregistré."
	flashes["delettrage"] = "Lettrage annulé."
}

// moneyInPages serves the Imports and Lettrage pages over the money-in
// service, the same one the JSON API uses.
type moneyInPages struct {
	*Pages
	svc *moneyin.Service
}

// registerMoneyIn mounts the Imports and Lettrage pages, for the creditor's
// managers only: they move money.
func (p *Pages) registerMoneyIn(r *gin.Engine) {
	m := &moneyInPages{Pages: p, svc: p.moneyInService()}
	for _, rt := range []route{
		{"GET", "/imports", managers, m.importsPage},
		{"POST", "/imports", managers, m.upload},
		{"GET", "/lettrage", managers, m.lettragePage},
		{"POST", "/lettrage/imputer", managers, m.allocate},
		{"POST", "/lettrage/:id/annuler", managers, m.reverse},
	} {
		// The body is bounded before checkCSRF parses the form.
		handlers := []gin.HandlerFunc{p.requireSession, limitBody(maxUpload)}
		if rt.method == http.MethodPost {
			handlers = append(handlers, p.checkCSRF)
		}
		r.Handle(rt.method, rt.path, append(handlers, requireRole(rt.roles), rt.handle)...)
	}
}

// moneyInService builds the service over the back-office's database. Cases
// an import opens are saved without a Starter: the daily sweep starts their
// workflows (the back-office has no task queue settings). Allocations are
// signalled when Temporal is connected, else retried by RetrySignals.
func (p *Pages) moneyInService() *moneyin.Service {
	if p.MoneyIn != nil {
		return p.MoneyIn
	}
	in := &intake.Service{DB: p.DB, WorkflowID: recovery.WorkflowID, PreDueDays: defaultPreDueDays, Today: p.Today, Log: p.Log}
	var sig moneyin.Signaller
	if p.Temporal != nil {
		sig = moneyin.TemporalSignaller{Client: p.Temporal}
	}
	return moneyin.New(p.DB, in, sig, p.Log)
}

func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		}
		c.Next()
	}
}

// pastImport is one line of the list of imported files.
type pastImport struct {
	models.ImportedFile
	KindLabel string
	Summary   moneyin.Summary
}

// importsPage shows the upload form and the files imported so far.
func (m *moneyInPages) importsPage(c *gin.Context) {
	m.showImports(c, http.StatusOK, gin.H{})
}

func (m *moneyInPages) showImports(c *gin.Context, status int, data gin.H) {
	var files []models.ImportedFile
	if err := m.DB.WithContext(c.Request.Context()).Order("id DESC").Limit(100).Find(&files).Error; err != nil {
		m.internalError(c, "liste des imports", err)
		return
	}
	past := make([]pastImport, 0, len(files))
	for _, f := range files {
		pi := pastImport{ImportedFile: f, KindLabel: importKindLabel(f.Kind)}
		_ = json.Unmarshal([]byte(f.Summary), &pi.Summary) // an unreadable summary shows as zeros
		past = append(past, pi)
	}
	data["Kinds"] = importKinds
	data["Past"] = past
	if _, set := data["Kind"]; !set {
		data["Kind"] = moneyin.KindFEC
	}
	m.render(c, status, "imports.html", "Imports", data)
}

// upload imports the posted file and shows what the import did, or why
// nothing was imported.
func (m *moneyInPages) upload(c *gin.Context) {
	kind, source := c.PostForm("kind"), strings.TrimSpace(c.PostForm("source"))
	data := gin.H{"Kind": kind, "Source": source, "Mapping": c.PostForm("mapping")}
	bad := func(msg string) {
		data["Error"] = msg
		m.showImports(c, http.StatusBadRequest, data)
	}
	if !knownKind(kind) {
		bad(fmt.Sprintf("Type de fichier : %q n'est pas un type proposé.", kind))
		return
	}
	f, msg := uploadedFile(c)
	if msg != "" {
		bad(msg)
		return
	}
	f.By = currentUser(c).Email
	ctx := c.Request.Context()
	var sum moneyin.Summary
	var err error
	switch kind {
	case moneyin.KindFEC:
		sum, err = m.svc.ImportFEC(ctx, f)
	case moneyin.KindFacturX:
		sum, err = m.svc.ImportFacturX(ctx, f)
	case moneyin.KindUBL:
		sum, err = m.svc.ImportUBL(ctx, f)
	case moneyin.KindBank:
		sum, err = m.svc.ImportBank(ctx, f)
	case moneyin.KindCSV:
		var mapping moneyin.Mapping
		if raw := strings.TrimSpace(c.PostForm("mapping")); raw != "" {
			if jerr := json.Unmarshal([]byte(raw), &mapping); jerr != nil {
				bad("Correspondance des colonnes : ce n'est pas un objet JSON {\"colonne Recouvra\": \"en-tête du fichier\"} (" + jerr.Error() + ").")
				return
			}
		}
		sum, err = m.svc.ImportCSV(ctx, f, source, mapping)
	}
	var rej *moneyin.RejectedError
	switch {
	case errors.As(err, &rej):
		m.audit(c, "backoffice.import_rejected", "imported_file", 0, f.Name, sum)
		data["Rejected"] = sum
		m.showImports(c, http.StatusBadRequest, data)
		return
	case err != nil:
		m.internalError(c, "import", err)
		return
	}
	// The service audits a new file; this entry adds who, from where, and
	// records re-imports too.
	m.audit(c, "backoffice.import", "imported_file", sum.FileID, f.Name, sum)
	data["Summary"] = sum
	m.showImports(c, http.StatusOK, data)
}

// uploadedFile reads the form's "file"; the message says in French what is
// wrong when it cannot.
func uploadedFile(c *gin.Context) (moneyin.File, string) {
	fh, err := c.FormFile("file")
	if err != nil {
		return moneyin.File{}, "Fichier : choisissez le fichier à importer."
	}
	r, err := fh.Open()
	if err != nil {
		return moneyin.File{}, "Fichier : lecture impossible (" + err.Error() + ")."
	}
	defer r.Close()
	content, err := io.ReadAll(r)
	if err != nil {
		return moneyin.File{}, "Fichier : lecture impossible (" + err.Error() + ")."
	}
	if len(content) == 0 {
		return moneyin.File{}, fmt.Sprintf("Fichier : %q est vide.", fh.Filename)
	}
	return moneyin.File{Name: fh.Filename, Content: content}, ""
}

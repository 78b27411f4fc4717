package backoffice

import (
	"context"
	"encoding/csv"
	"errors"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/internal/caselist"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// caseList shows one page of the filtered, sorted case list.
func (p *Pages) caseList(c *gin.Context) {
	f, err := caselist.Parse(c.Request.URL.Query())
	if err != nil {
		p.fail(c, http.StatusBadRequest, "Filtre invalide — "+err.Error())
		return
	}
	page, err := caselist.List(c.Request.Context(), p.DB, f, casequery.ScopeOf(currentUser(c)), p.Today())
	if err != nil {
		p.internalError(c, "liste des dossiers", err)
		return
	}
	q := f.Query()
	sortLinks := map[string]string{}
	for key := range caselist.Sorts {
		v := f.Query()
		v.Set("tri", key)
		v.Del("ordre")
		if key == f.SortKey() && !f.Desc {
			v.Set("ordre", "desc")
		}
		sortLinks[key] = "/dossiers?" + v.Encode()
	}
	pageLink := func(n int) string {
		v := f.Query()
		v.Set("page", strconv.Itoa(n))
		return "/dossiers?" + v.Encode()
	}
	// Staff filter by assignee and partner; a partner sees neither list:
	// who works here and who else works with us is not its business.
	var assignees []models.User
	var partners []models.Partner
	staffFilters := currentUser(c).Role != models.RolePartner
	if staffFilters {
		ctx := c.Request.Context()
		if assignees, err = casefile.Assignees(ctx, p.DB); err == nil {
			err = p.DB.WithContext(ctx).Select("id, name").Order("name").Find(&partners).Error
		}
		if err != nil {
			p.internalError(c, "filtres de la liste des dossiers", err)
			return
		}
	}
	p.render(c, http.StatusOK, "cases.html", "Dossiers", gin.H{
		"F": f, "P": page, "Sort": sortLinks, "CSV": "/dossiers.csv?" + q.Encode(),
		"Prev": pageLink(page.Page - 1), "Next": pageLink(page.Page + 1),
		"Phases": phaseNames, "Statuses": statusNames,
		"StaffFilters": staffFilters, "Assignees": assignees, "Partners": partners,
	})
}

// caseCSV exports every case of the filter (not just a page), streamed.
func (p *Pages) caseCSV(c *gin.Context) {
	f, err := caselist.Parse(c.Request.URL.Query())
	if err != nil {
		p.fail(c, http.StatusBadRequest, "Filtre invalide — "+err.Error())
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="dossiers-`+p.Today().String()+`.csv"`)
	w := csv.NewWriter(c.Writer)
	w.Comma = ';' // what French spreadsheets expect
	_, _ = c.Writer.WriteString("\ufeff")
	_ = w.Write([]string{"Dossier", "Facture", "Débiteur", "Échéance", "Solde", "Devise", "Phase", "Niveau", "Statut", "Prochaine action", "Date prochaine action"})
	err = caselist.Each(c.Request.Context(), p.DB, f, casequery.ScopeOf(currentUser(c)), p.Today(), func(r casequery.Row) error {
		return w.Write([]string{
			strconv.FormatUint(uint64(r.ID), 10), r.InvoiceNumber, r.DebtorName, r.DueDate.FrenchNumeric(),
			money.FormatNumber(r.BalanceCents), r.Currency, lookup(phaseNames, r.Phase), strconv.Itoa(r.Level),
			lookup(statusNames, r.Status), r.NextAction, r.NextActionDate.FrenchNumeric(),
		})
	})
	w.Flush()
	if err != nil {
		p.Log.Error("csv export", "err", err) // headers are gone: the truncated file is the signal
	}
	p.audit(c, "case.export_csv", "case", 0, f.Query(), nil)
}

// caseInScope loads the :id case if the user may see it, answering 404
// (never 403) otherwise: a partner must not learn that a case exists.
func (p *Pages) caseInScope(c *gin.Context) (casequery.Row, bool) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		p.fail(c, http.StatusNotFound, "Dossier introuvable.")
		return casequery.Row{}, false
	}
	row, err := casequery.Get(c.Request.Context(), p.DB, uint(id), casequery.ScopeOf(currentUser(c)))
	if errors.Is(err, gorm.ErrRecordNotFound) {
		p.fail(c, http.StatusNotFound, "Dossier introuvable.")
		return row, false
	}
	if err != nil {
		p.internalError(c, "lecture du dossier", err)
		return row, false
	}
	return row, true
}

// caseFile shows the whole case: debtor, invoice, balance, timeline with
// documents, the live workflow state and the one-click actions.
func (p *Pages) caseFile(c *gin.Context) {
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	p.showCase(c, http.StatusOK, row, "")
}

// showCase renders the case file with an optional error (a refused action).
func (p *Pages) showCase(c *gin.Context, status int, row casequery.Row, actionError string) {
	u := currentUser(c)
	ctx := c.Request.Context()
	db := p.DB.WithContext(ctx)
	var debtor models.Debtor
	var invoice models.Invoice
	var events []models.CaseEvent
	var partners []models.Partner
	docs, docsErr := casefile.Documents(ctx, p.DB, row.ID, casequery.ScopeOf(u))
	var assignee *casefile.Assignee
	if row.AssigneeID != nil {
		assignee = &casefile.Assignee{ID: *row.AssigneeID, Name: row.AssigneeName}
	}
	var assignees []models.User
	var assigneesErr error
	canAssign := slices.Contains(managers, u.Role)
	if canAssign {
		assignees, assigneesErr = casefile.Assignees(ctx, p.DB)
	}
	steps := []struct {
		what string
		err  error
	}{
		{"débiteur", db.Take(&debtor, row.DebtorID).Error},
		{"facture", db.Take(&invoice, row.InvoiceID).Error},
		{"historique", db.Where("case_id = ?", row.ID).Order("at DESC, id DESC").Limit(500).Find(&events).Error},
		{"documents", docsErr},
		{"responsables possibles", assigneesErr},
		{"partenaires", db.Order("name").Find(&partners).Error},
	}
	for _, st := range steps {
		if st.err != nil {
			p.internalError(c, st.what, st.err)
			return
		}
	}
	workflowURL := casefile.WorkflowURL(p.TemporalUIURL, p.Namespace, row.WorkflowID)
	if u.Role == models.RolePartner {
		partners = nil   // partners may not delegate, and need not see who else works with us
		workflowURL = "" // the Temporal Web UI shows every workflow, not only this one
	}
	live, liveErr := p.liveState(c, row.WorkflowID)
	var actions []string
	for _, a := range recovery.Actions {
		if allowedAction(a, u.Role) {
			actions = append(actions, a)
		}
	}
	p.render(c, status, "case.html", "Dossier "+row.InvoiceNumber, gin.H{
		"Case": row, "Debtor": debtor, "Invoice": invoice, "Events": events, "Docs": docs,
		"Live": live, "LiveError": liveErr, "Actions": actions, "Partners": partners,
		"ActionError": actionError, "Today": p.Today(),
		"WorkflowURL": workflowURL, "PartnerName": partnerName(partners, row.PartnerID),
		"Assignee": assignee, "Assignees": assignees, "CanAssign": canAssign,
		// A partner reads the case, not the creditor's internal matters:
		// who runs it in-house, or the debtor's blocked flag.
		"Internal": u.Role != models.RolePartner,
	})
}

// liveState asks the case's workflow for its state; the page still shows
// when Temporal does not answer, with the reason.
func (p *Pages) liveState(c *gin.Context, workflowID string) (*recovery.State, string) {
	if p.Temporal == nil {
		return nil, "Temporal n'est pas configuré."
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	v, err := p.Temporal.QueryWorkflow(ctx, workflowID, "", recovery.QueryState)
	if err != nil {
		return nil, "État du workflow indisponible : " + err.Error()
	}
	var s recovery.State
	if err := v.Get(&s); err != nil {
		return nil, "État du workflow illisible : " + err.Error()
	}
	return &s, ""
}

func partnerName(partners []models.Partner, id *uint) string {
	if id == nil {
		return ""
	}
	for _, pt := range partners {
		if pt.ID == *id {
			return pt.Name
		}
	}
	return "n°" + strconv.FormatUint(uint64(*id), 10)
}

// document serves a document of a case in the user's scope.
func (p *Pages) document(c *gin.Context) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		p.fail(c, http.StatusNotFound, "Document introuvable.")
		return
	}
	var doc models.Document
	if err := p.DB.WithContext(c.Request.Context()).Take(&doc, id).Error; err != nil {
		p.fail(c, http.StatusNotFound, "Document introuvable.")
		return
	}
	if ok, err := casefile.Visible(c.Request.Context(), p.DB, doc, casequery.ScopeOf(currentUser(c))); !ok {
		if err != nil {
			p.Log.Error("document visibility", "document", doc.ID, "err", err)
		}
		p.fail(c, http.StatusNotFound, "Document introuvable.")
		return
	}
	p.audit(c, "document.download", "document", doc.ID, nil, gin.H{"sha256": doc.SHA256})
	c.Header("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": doc.FileName}))
	c.Data(http.StatusOK, doc.ContentType, doc.Content)
}

package api

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// listCases answers GET /api/v1/cases with the filters, sort and keyset
// cursor of casequery.ParseParams, within the caller's scope. A page that
// more cases follow carries next_cursor; a wrong parameter answers 400
// naming it and its value.
func (s *Server) listCases(c *gin.Context) {
	f, err := casequery.ParseParams(c.Request.URL.Query())
	if err != nil {
		fail(c, http.StatusBadRequest, err.Error())
		return
	}
	f.Scope = casequery.ScopeOf(currentUser(c))
	if s.Intake != nil && s.Intake.Today != nil {
		f.Today = s.Intake.Today() // the business day cases open on, for days overdue
	}
	rows, next, err := casequery.List(c.Request.Context(), s.DB, f)
	if err != nil {
		s.Log.Error("list cases", "err", err)
		fail(c, http.StatusInternalServerError, "cannot list cases")
		return
	}
	out := gin.H{"cases": viewsOf(rows, caseRowViewOf)}
	if next != nil {
		out["next_cursor"] = next.String()
	}
	c.JSON(http.StatusOK, out)
}

// getCase answers GET /api/v1/cases/:id. A case outside the caller's scope
// answers 404, exactly as a case that does not exist.
func (s *Server) getCase(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	d, err := s.loadCase(c.Request.Context(), row, casequery.ScopeOf(currentUser(c)))
	if err != nil {
		s.Log.Error("load case", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot load case")
		return
	}
	c.JSON(http.StatusOK, d)
}

// loadCase reads the case detail. A partner sees only the debtor's identity
// and contacts, and no link to the Temporal Web UI, which shows every
// workflow of every creditor.
func (s *Server) loadCase(ctx context.Context, row casequery.Row, scope casequery.Scope) (caseDetailView, error) {
	partner := scope.PartnerOnly
	d := caseDetailView{caseRowView: caseRowViewOf(row)}
	db := s.DB.WithContext(ctx)
	var inv models.Invoice
	if err := db.Take(&inv, row.InvoiceID).Error; err != nil {
		return d, err
	}
	var debtor models.Debtor
	if err := db.Take(&debtor, row.DebtorID).Error; err != nil {
		return d, err
	}
	var events []models.CaseEvent
	if err := db.Where("case_id = ?", row.ID).Order("at, id").Find(&events).Error; err != nil {
		return d, err
	}
	docs, err := casefile.Documents(ctx, s.DB, row.ID, scope)
	if err != nil {
		return d, err
	}
	d.Invoice, d.Documents = invoiceViewOf(inv), viewsOf(docs, documentViewOf)
	d.Timeline = viewsOf(events, func(e models.CaseEvent) storedEventView { return storedEventViewOf(e, row.Currency) })
	if partner {
		d.Debtor = debtorContactViewOf(debtor)
	} else {
		d.Debtor, d.TemporalURL = debtorViewOf(debtor), casefile.WorkflowURL(s.TemporalUIURL, s.Namespace, row.WorkflowID)
	}
	if st, err := s.liveState(ctx, row.WorkflowID); err != nil {
		d.LiveError = err.Error()
	} else {
		v := stateViewOf(*st)
		d.LiveState = &v
	}
	return d, nil
}

// liveState asks the workflow for its state; the case row is a mirror, the
// workflow is the truth.
func (s *Server) liveState(ctx context.Context, workflowID string) (*recovery.State, error) {
	if s.Temporal == nil {
		return nil, errors.New("Temporal is not configured")
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	v, err := s.Temporal.QueryWorkflow(ctx, workflowID, "", recovery.QueryState)
	if err != nil {
		return nil, err
	}
	var st recovery.State
	if err := v.Get(&st); err != nil {
		return nil, err
	}
	return &st, nil
}

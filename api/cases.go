package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// listCases answers GET /api/v1/cases?number=&status=&phase=&limit=&cursor=
// (offset= still works): a full page carries next_cursor for the next one.
func (s *Server) listCases(c *gin.Context) {
	f := casequery.Filter{
		InvoiceNumber: c.Query("number"),
		Status:        c.Query("status"),
		Phase:         c.Query("phase"),
		Limit:         50,
	}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			fail(c, http.StatusBadRequest, "limit must be a whole number from 1 to 500, got "+strconv.Quote(v))
			return
		}
		f.Limit = n
	}
	if v := c.Query("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			fail(c, http.StatusBadRequest, "offset must be a whole number ≥ 0, got "+strconv.Quote(v))
			return
		}
		f.Offset = n
	}
	if v := c.Query("cursor"); v != "" {
		cur, err := casequery.ParseCursor(v)
		if err != nil {
			fail(c, http.StatusBadRequest, err.Error())
			return
		}
		f.After = &cur
	}
	f.Scope = casequery.ScopeOf(currentUser(c))
	rows, err := casequery.List(c.Request.Context(), s.DB, f)
	if err != nil {
		s.Log.Error("list cases", "err", err)
		fail(c, http.StatusInternalServerError, "cannot list cases")
		return
	}
	out := gin.H{"cases": viewsOf(rows, caseRowViewOf)}
	if next := casequery.Next(rows, f.Limit); next != nil {
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
	d, err := s.loadCase(c.Request.Context(), row)
	if err != nil {
		s.Log.Error("load case", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot load case")
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) loadCase(ctx context.Context, row casequery.Row) (caseDetailView, error) {
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
	d.Invoice, d.Debtor = invoiceViewOf(inv), debtorViewOf(debtor)
	if err := db.Where("case_id = ?", row.ID).Order("at, id").Find(&d.Timeline).Error; err != nil {
		return d, err
	}
	if st, err := s.liveState(ctx, row.WorkflowID); err != nil {
		d.LiveError = err.Error()
	} else {
		v := stateViewOf(*st)
		d.LiveState = &v
	}
	if s.TemporalUIURL != "" {
		d.TemporalURL = s.TemporalUIURL + "/namespaces/" + s.Namespace + "/workflows/" + row.WorkflowID
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

package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/courtsteps"
	"github.com/recouvra/recouvra/internal/dossier"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// legalRoles may act on the court side of a case.
var legalRoles = []models.Role{models.RoleLegal, models.RoleAdmin}

// registerLitigation mounts the claim, court, dossier and costs of a case.
func (s *Server) registerLitigation(v1 *gin.RouterGroup) {
	v1.GET("/cases/:id/claim", s.getClaim)
	v1.GET("/cases/:id/tribunal", s.getTribunal)
	v1.POST("/cases/:id/tribunal", requireRole(legalRoles...), s.postTribunal)
	v1.GET("/cases/:id/dossier.pdf", requireRole(legalRoles...), s.getDossier("pdf"))
	v1.GET("/cases/:id/dossier.zip", requireRole(legalRoles...), s.getDossier("zip"))
	v1.GET("/cases/:id/costs", requireRole(legalRoles...), s.listCosts)
	v1.POST("/cases/:id/costs", requireRole(legalRoles...), s.postCost)
	v1.POST("/cases/:id/court/:step", requireRole(legalRoles...), s.postCourtStep)
}

// getClaim answers GET /api/v1/cases/:id/claim?at=YYYY-MM-DD.
func (s *Server) getClaim(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	at, ok := dateQuery(c, "at")
	if !ok {
		return
	}
	cl, err := litact.CaseClaim(c.Request.Context(), s.DB, row.ID, at)
	if err != nil {
		s.claimError(c, row.ID, err)
		return
	}
	c.JSON(http.StatusOK, claimViewOf(cl, at))
}

// claimError answers a claim that cannot be computed: missing data a person
// must supply is 422 with what is missing; anything else is ours.
func (s *Server) claimError(c *gin.Context, caseID uint, err error) {
	var missing *claim.MissingRateError
	switch {
	case errors.As(err, &missing), errors.Is(err, litact.ErrNoFormalDemand):
		fail(c, http.StatusUnprocessableEntity, err.Error())
	case errors.Is(err, litact.ErrCourtNotChosen):
		fail(c, http.StatusConflict, err.Error())
	default:
		s.Log.Error("litigation", "case", caseID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot compute the claim of case "+strconv.FormatUint(uint64(caseID), 10))
	}
}

// getTribunal answers GET /api/v1/cases/:id/tribunal?on=YYYY-MM-DD.
func (s *Server) getTribunal(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	on, ok := dateQuery(c, "on")
	if !ok {
		return
	}
	d, err := litact.LoadCase(c.Request.Context(), s.DB, row.ID)
	if err != nil {
		s.claimError(c, row.ID, err)
		return
	}
	dec, err := litact.DecideCourt(c.Request.Context(), s.DB, d, on)
	if err != nil {
		s.claimError(c, row.ID, err)
		return
	}
	c.JSON(http.StatusOK, s.tribunalViewOf(dec))
}

// postTribunal answers POST /api/v1/cases/:id/tribunal {"code": "..."}: legal
// staff choose the court among the candidates when the data could not decide.
func (s *Server) postTribunal(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	var body struct {
		Code string `json:"code"`
	}
	if !decodeStrict(c, &body) {
		return
	}
	if strings.TrimSpace(body.Code) == "" {
		badField(c, "code", "is required: one of the candidates' codes")
		return
	}
	before := auditlog.Snapshot(litact.File(c.Request.Context(), s.DB, row.ID))
	dec, err := litact.ChooseCourt(c.Request.Context(), s.DB, row.ID, body.Code, currentUser(c).Email, civil.Today())
	switch {
	case errors.Is(err, litact.ErrNoChoiceNeeded):
		fail(c, http.StatusConflict, err.Error()+": "+dec.Name)
		return
	case errors.Is(err, litact.ErrNotACandidate):
		badField(c, "code", err.Error())
		return
	case err != nil:
		s.claimError(c, row.ID, err)
		return
	}
	s.tellLitigation(c, row.WorkflowID, currentUser(c).Email)
	s.audit(c, "court.choose", "case", row.ID, before, auditlog.Change{Request: body, State: auditlog.Snapshot(litact.File(c.Request.Context(), s.DB, row.ID))})
	c.JSON(http.StatusOK, s.tribunalViewOf(dec))
}

// tellLitigation signals the case's litigation workflow, if one runs, that
// the court was chosen; the choice is in the database either way.
func (s *Server) tellLitigation(ctx context.Context, recoveryID, actor string) {
	if s.Temporal == nil {
		return
	}
	if err := courtsteps.TellCourtChosen(ctx, s.Temporal, recoveryID, actor); err != nil {
		s.Log.Debug("no litigation workflow to tell of the chosen court", "workflow", recoveryID, "err", err)
	}
}

// getDossier answers GET /api/v1/cases/:id/dossier.pdf and .zip: the dossier
// stored by the litigation workflow, or one built now if none was.
func (s *Server) getDossier(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		row, ok := s.caseInScope(c)
		if !ok {
			return
		}
		if doc, found, err := litact.StoredDossier(c.Request.Context(), s.DB, row.ID, format); err == nil && found {
			sendFile(c, doc.FileName, doc.ContentType, doc.Content)
			return
		}
		on, ok := dateQuery(c, "at")
		if !ok {
			return
		}
		d, court, err := litact.CaseDossier(c.Request.Context(), s.DB, row.ID, on, s.greffeFee())
		if errors.Is(err, litact.ErrCourtNotChosen) {
			fail(c, http.StatusConflict, err.Error()+": "+court.Reason)
			return
		}
		if err != nil {
			s.claimError(c, row.ID, err)
			return
		}
		name := litact.DossierFileName(row.InvoiceNumber, format)
		if format == "zip" {
			sendFile(c, name, "application/zip", d.ZIP)
		} else {
			sendFile(c, name, "application/pdf", d.PDF)
		}
	}
}

func sendFile(c *gin.Context, name, contentType string, content []byte) {
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	c.Data(http.StatusOK, contentType, content)
}

// listCosts answers GET /api/v1/cases/:id/costs.
func (s *Server) listCosts(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	costs := []models.CaseCost{}
	if err := s.DB.WithContext(c.Request.Context()).Where("case_id = ?", row.ID).Order("date, id").Find(&costs).Error; err != nil {
		s.Log.Error("list costs", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot list costs")
		return
	}
	c.JSON(http.StatusOK, gin.H{"costs": viewsOf(costs, costViewIn(row.Currency))})
}

// postCost answers POST /api/v1/cases/:id/costs {label, basis, cents or
// amount, date, allowed_for_consumer}; amount is a money object in the
// case's currency.
func (s *Server) postCost(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	var body struct {
		Label              string        `json:"label"`
		Basis              string        `json:"basis"`
		Cents              *int64        `json:"cents"`
		Amount             *money.Amount `json:"amount"`
		Date               civil.Date    `json:"date"`
		AllowedForConsumer bool          `json:"allowed_for_consumer"`
	}
	if !decodeStrict(c, &body) {
		return
	}
	amount := moneyInput{"cents", "amount", body.Cents, body.Amount}
	cents, object, ferr := amount.resolve(row.Currency, "the case")
	switch {
	case ferr != nil:
		badField(c, ferr.Field, ferr.Message)
		return
	case strings.TrimSpace(body.Label) == "":
		badField(c, "label", "is required")
		return
	case strings.TrimSpace(body.Basis) == "":
		badField(c, "basis", "is required: the legal basis (fondement) of the cost")
		return
	case cents <= 0:
		badField(c, amount.fieldName(object), fmt.Sprintf("%d is not a positive amount", cents))
		return
	case body.Date.IsZero() || body.Date.After(civil.Today()):
		badField(c, "date", fmt.Sprintf("%q is missing or in the future", body.Date))
		return
	}
	cost := models.CaseCost{CaseID: row.ID, Label: strings.TrimSpace(body.Label), Basis: strings.TrimSpace(body.Basis),
		Cents: cents, Date: body.Date, AllowedForConsumer: body.AllowedForConsumer, CreatedBy: currentUser(c).Email}
	if err := s.DB.WithContext(c.Request.Context()).Create(&cost).Error; err != nil {
		s.Log.Error("add cost", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot add the cost")
		return
	}
	s.audit(c, "case.cost_added", "case", row.ID, nil, cost)
	c.JSON(http.StatusCreated, costViewIn(row.Currency)(cost))
}

// greffeFee is the configured fee, or the usual one when none is set.
func (s *Server) greffeFee() int64 {
	if s.GreffeFeeCents > 0 {
		return s.GreffeFeeCents
	}
	return dossier.DefaultGreffeFeeCents
}

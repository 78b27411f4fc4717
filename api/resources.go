package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/dashboard"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/scenarios"
	"github.com/recouvra/recouvra/internal/siren"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// registerResources mounts the reference data of a creditor's book: who is
// owed, who owes, with which invoices; partners, users and their tokens;
// scenarios; the dashboard report. Partners see none of it.
func (s *Server) registerResources(v1 *gin.RouterGroup) {
	staff := requireRole(staffRoles...)
	admin := requireRole(models.RoleAdmin)
	v1.GET("/creditors", staff, listOf(s, "id", creditorViewOf))
	v1.POST("/creditors", admin, s.postCreditor)
	v1.GET("/creditors/:id", staff, oneOf(s, "creditor", creditorViewOf))
	v1.GET("/debtors", staff, s.listDebtors)
	v1.GET("/debtors/:id", staff, oneOf(s, "debtor", debtorViewOf))
	v1.PATCH("/debtors/:id", requireRole(managerRoles...), s.patchDebtor)
	v1.GET("/invoices", staff, s.listInvoices)
	v1.GET("/invoices/:id", staff, oneOf(s, "invoice", invoiceViewOf))
	v1.GET("/credit-notes", staff, listOf(s, "issue_date DESC, id DESC", creditNoteViewOf))
	v1.GET("/partners", requireRole(managerRoles...), listOf(s, "name", asIs[models.Partner])) // to delegate cases
	v1.POST("/partners", admin, s.postPartner)
	v1.GET("/users", admin, listOf(s, "email", asIs[models.User]))
	v1.POST("/users", admin, s.postUser)
	v1.GET("/users/:id/tokens", admin, s.listTokens)
	v1.POST("/users/:id/tokens", admin, s.postToken)
	v1.POST("/users/:id/tokens/:token/revoke", admin, s.revokeToken)
	v1.GET("/scenarios", admin, listOf(s, "name, version DESC", asIs[models.Scenario]))
	v1.POST("/scenarios", admin, s.postScenario)
	v1.GET("/reports/dashboard", s.getDashboard) // every role; a partner's is its delegated cases
}

const maxList = 500

// listOf answers a list of records in order, each as view shows it.
func listOf[T, V any](s *Server, order string, view func(T) V) gin.HandlerFunc {
	return func(c *gin.Context) {
		rows := []T{}
		if err := s.DB.WithContext(c.Request.Context()).Order(order).Limit(maxList).Find(&rows).Error; err != nil {
			s.Log.Error("list", "err", err)
			fail(c, http.StatusInternalServerError, "cannot list")
			return
		}
		c.JSON(http.StatusOK, gin.H{"items": viewsOf(rows, view)})
	}
}

// oneOf answers the record with the :id of the path as view shows it, or 404.
func oneOf[T, V any](s *Server, what string, view func(T) V) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := pathID(c, what)
		if !ok {
			return
		}
		var row T
		err := s.DB.WithContext(c.Request.Context()).Take(&row, id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			fail(c, http.StatusNotFound, "no "+what+" "+c.Param("id"))
			return
		}
		if err != nil {
			s.Log.Error("get", "what", what, "err", err)
			fail(c, http.StatusInternalServerError, "cannot read "+what)
			return
		}
		c.JSON(http.StatusOK, view(row))
	}
}

// listDebtors answers GET /debtors?q= (name, reference or SIREN contains q).
func (s *Server) listDebtors(c *gin.Context) {
	q := s.DB.WithContext(c.Request.Context()).Order("name, id").Limit(maxList)
	if t := strings.TrimSpace(c.Query("q")); t != "" {
		like := "%" + strings.ToLower(t) + "%"
		q = q.Where("LOWER(name) LIKE ? OR LOWER(reference) LIKE ? OR siren LIKE ?", like, like, like)
	}
	rows := []models.Debtor{}
	if err := q.Find(&rows).Error; err != nil {
		fail(c, http.StatusInternalServerError, "cannot list debtors")
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": viewsOf(rows, debtorViewOf)})
}

// listInvoices answers GET /invoices?number=&debtor_id=&status=.
func (s *Server) listInvoices(c *gin.Context) {
	q := s.DB.WithContext(c.Request.Context()).Order("due_date, id").Limit(maxList)
	if v := c.Query("number"); v != "" {
		q = q.Where("number = ?", v)
	}
	if v := c.Query("status"); v != "" {
		q = q.Where("status = ?", v)
	}
	if v := c.Query("debtor_id"); v != "" {
		id, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			fail(c, http.StatusBadRequest, "debtor_id must be a number, got "+strconv.Quote(v))
			return
		}
		q = q.Where("debtor_id = ?", id)
	}
	rows := []models.Invoice{}
	if err := q.Find(&rows).Error; err != nil {
		fail(c, http.StatusInternalServerError, "cannot list invoices")
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": viewsOf(rows, invoiceViewOf)})
}

// decodeStrict reads a JSON body refusing unknown fields; it answers 400
// naming the field and returns false when the body is wrong.
func decodeStrict(c *gin.Context, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: []intake.FieldError{jsonFieldError(0, err)}})
		return false
	}
	return true
}

func badField(c *gin.Context, field, msg string) {
	c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: []intake.FieldError{{Field: field, Message: msg}}})
}

// creditorInput is the body of POST /creditors: a creditor, whose share
// capital may also come as a money object. share_capital_cents is declared
// again, as a pointer, to tell 0 from absent; encoding/json gives it
// precedence over the embedded Creditor's.
type creditorInput struct {
	models.Creditor
	ShareCapitalCents *int64        `json:"share_capital_cents"`
	ShareCapital      *money.Amount `json:"share_capital"`
}

// postCreditor creates the company whose invoices are recovered: its legal
// mentions go on every letter and on the court request.
func (s *Server) postCreditor(c *gin.Context) {
	var in creditorInput
	if !decodeStrict(c, &in) {
		return
	}
	cr := in.Creditor
	switch {
	case strings.TrimSpace(cr.Name) == "":
		badField(c, "name", "is required")
		return
	case cr.SIREN != "" && siren.CheckSIREN(cr.SIREN) != nil:
		badField(c, "siren", siren.CheckSIREN(cr.SIREN).Error())
		return
	case cr.Currency != "" && !money.ValidCurrency(cr.Currency):
		badField(c, "currency", "must be an ISO 4217 code such as EUR")
		return
	}
	if errs := intake.CheckAddress(0, "registered_office.", cr.Address); len(errs) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: errs})
		return
	}
	intake.NormalizeAddress(&cr.Address)
	cr.ID = 0
	if cr.Currency == "" {
		cr.Currency = "EUR"
	}
	capital := moneyInput{"share_capital_cents", "share_capital", in.ShareCapitalCents, in.ShareCapital}
	cents, _, ferr := capital.resolve(cr.Currency, "the creditor")
	if ferr != nil {
		badField(c, ferr.Field, ferr.Message)
		return
	}
	cr.ShareCapitalCents = cents
	if cr.PaymentTermsDays == 0 {
		cr.PaymentTermsDays = 30
	}
	if err := s.DB.WithContext(c.Request.Context()).Create(&cr).Error; err != nil {
		fail(c, http.StatusConflict, "cannot create creditor: "+err.Error())
		return
	}
	s.audit(c, "creditor.create", "creditor", cr.ID, nil, cr)
	c.JSON(http.StatusCreated, creditorViewOf(cr))
}

func (s *Server) postPartner(c *gin.Context) {
	var p models.Partner
	if !decodeStrict(c, &p) {
		return
	}
	if strings.TrimSpace(p.Name) == "" {
		badField(c, "name", "is required")
		return
	}
	p.ID = 0
	if err := s.DB.WithContext(c.Request.Context()).Create(&p).Error; err != nil {
		fail(c, http.StatusConflict, "cannot create partner "+strconv.Quote(p.Name)+": "+err.Error())
		return
	}
	s.audit(c, "partner.create", "partner", p.ID, nil, p)
	c.JSON(http.StatusCreated, p)
}

func (s *Server) postUser(c *gin.Context) {
	var body struct {
		Email     string      `json:"email"`
		Name      string      `json:"name"`
		Role      models.Role `json:"role"`
		PartnerID *uint       `json:"partner_id"`
		Password  string      `json:"password"`
	}
	if !decodeStrict(c, &body) {
		return
	}
	errs := userInputErrors(body.Email, body.Role, body.PartnerID)
	if len(errs) == 0 {
		if err := s.Accounts.CheckPartner(c.Request.Context(), body.Role, body.PartnerID); err != nil {
			errs = append(errs, intake.FieldError{Field: "partner_id", Message: err.Error()})
		}
	}
	if body.Password != "" {
		if err := accounts.CheckPassword(body.Password); err != nil {
			errs = append(errs, intake.FieldError{Field: "password", Message: err.Error()})
		}
	}
	if len(errs) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: errs})
		return
	}
	ctx := c.Request.Context()
	if existing, err := s.Accounts.UserByEmail(ctx, body.Email); err == nil {
		badField(c, "email", fmt.Sprintf("is already the address of user %d", existing.ID))
		return
	}
	u, err := s.Accounts.CreateUser(ctx, body.Email, body.Name, body.Role, body.PartnerID)
	if err != nil {
		s.Log.Error("create user", "err", err)
		fail(c, http.StatusInternalServerError, "cannot create user")
		return
	}
	if body.Password != "" {
		if err := s.Accounts.SetPassword(ctx, u.ID, body.Password); err != nil {
			badField(c, "password", err.Error())
			return
		}
	}
	s.audit(c, "user.create", "user", u.ID, nil, u)
	c.JSON(http.StatusCreated, u)
}

// userInputErrors names each field of a new user that accounts.CreateUser
// would refuse, so that a client learns which one to fix.
func userInputErrors(email string, role models.Role, partnerID *uint) []intake.FieldError {
	var errs []intake.FieldError
	if _, err := mail.ParseAddress(strings.TrimSpace(email)); err != nil {
		errs = append(errs, intake.FieldError{Field: "email", Message: fmt.Sprintf("%q is not an email address", email)})
	}
	if !role.Valid() {
		errs = append(errs, intake.FieldError{Field: "role", Message: fmt.Sprintf("%q is not one of admin, credit_manager, legal, partner", role)})
	} else if (role == models.RolePartner) != (partnerID != nil) {
		errs = append(errs, intake.FieldError{Field: "partner_id", Message: "is required for the role partner and only for it"})
	}
	return errs
}

// userParam loads the :id user, answering 404 when there is none.
func (s *Server) userParam(c *gin.Context) (models.User, bool) {
	var u models.User
	id, ok := pathID(c, "user")
	if !ok {
		return u, false
	}
	if err := s.DB.WithContext(c.Request.Context()).Take(&u, id).Error; err != nil {
		fail(c, http.StatusNotFound, "no user "+c.Param("id"))
		return u, false
	}
	return u, true
}

func (s *Server) listTokens(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	rows := []models.APIToken{}
	s.DB.WithContext(c.Request.Context()).Where("user_id = ?", u.ID).Order("id").Find(&rows)
	c.JSON(http.StatusOK, gin.H{"items": rows})
}

// postToken creates a token for the user and shows it once.
func (s *Server) postToken(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	var body struct {
		Label string `json:"label"`
	}
	if !decodeStrict(c, &body) {
		return
	}
	secret, t, err := s.Accounts.NewToken(c.Request.Context(), u.ID, body.Label)
	if err != nil {
		fail(c, http.StatusInternalServerError, "cannot create token")
		return
	}
	s.audit(c, "token.create", "user", u.ID, nil, t)
	c.JSON(http.StatusCreated, gin.H{"token": secret, "id": t.ID, "prefix": t.Prefix, "label": t.Label, "role": t.Role, "partner_id": t.PartnerID})
}

func (s *Server) revokeToken(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	id, err := strconv.ParseUint(c.Param("token"), 10, 64)
	if err != nil {
		fail(c, http.StatusBadRequest, "token id must be a number, got "+strconv.Quote(c.Param("token")))
		return
	}
	db := s.DB.WithContext(c.Request.Context())
	var before, after models.APIToken
	db.Where("user_id = ?", u.ID).Take(&before, id) // a missing token is refused by RevokeToken below
	if err := s.Accounts.RevokeToken(c.Request.Context(), u.ID, uint(id)); err != nil {
		fail(c, http.StatusNotFound, err.Error())
		return
	}
	err = db.Take(&after, id).Error
	s.audit(c, "token.revoke", "user", u.ID, before, auditlog.Snapshot(after, err))
	c.JSON(http.StatusOK, gin.H{"revoked": id})
}

// postScenario stores a new version of a scenario and makes it the active
// one; running cases keep the version they started with.
func (s *Server) postScenario(c *gin.Context) {
	var body struct {
		Name  string          `json:"name"`
		Steps []recovery.Step `json:"steps"`
	}
	if !decodeStrict(c, &body) {
		return
	}
	sc := recovery.Scenario{Name: strings.TrimSpace(body.Name), Steps: body.Steps}
	if sc.Name == "" {
		badField(c, "name", "is required")
		return
	}
	if err := sc.Validate(); err != nil {
		badField(c, "steps", err.Error())
		return
	}
	row, err := scenarios.SaveVersion(c.Request.Context(), s.DB, sc)
	if err != nil {
		fail(c, http.StatusConflict, "cannot store scenario: "+err.Error())
		return
	}
	s.audit(c, "scenario.create", "scenario", row.ID, nil, row)
	c.JSON(http.StatusCreated, row)
}

// getDashboard answers GET /reports/dashboard?creditor_id=&manager_id=&on=.
func (s *Server) getDashboard(c *gin.Context) {
	f := dashboard.Filter{Scope: casequery.ScopeOf(currentUser(c))}
	for name, dst := range map[string]*uint{"creditor_id": &f.CreditorID, "manager_id": &f.AccountManagerID} {
		if v := c.Query(name); v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				fail(c, http.StatusBadRequest, name+" must be a number, got "+strconv.Quote(v))
				return
			}
			*dst = uint(n)
		}
	}
	on, ok := dateQuery(c, "on")
	if !ok {
		return
	}
	m, err := dashboard.Compute(c.Request.Context(), s.DB, f, on)
	if err != nil {
		s.Log.Error("dashboard", "err", err)
		fail(c, http.StatusInternalServerError, "cannot compute the dashboard")
		return
	}
	c.JSON(http.StatusOK, dashboardViewOf(m))
}

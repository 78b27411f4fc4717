// Package api is Recouvra's HTTP interface: the JSON API under /api/v1 and
// the health checks. The back-office pages live in api/backoffice.
package api

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/moneyin"
)

// Server holds what the handlers need.
type Server struct {
	DB            *gorm.DB
	Accounts      accounts.Store
	Intake        *intake.Service
	Temporal      client.Client
	TemporalUIURL string
	Namespace     string
	Log           *slog.Logger
	// GreffeFeeCents is the commercial courts' fee shown to legal staff.
	GreffeFeeCents int64
	// MoneyIn imports files and letters payments; built from DB and Intake when nil.
	MoneyIn *moneyin.Service
}

// Register mounts the health checks and the JSON API on r.
func (s *Server) Register(r *gin.Engine) {
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/api/v1/openapi.json", s.openAPI)
	v1 := r.Group("/api/v1", s.requireToken)
	v1.POST("/invoices", requireRole(managerRoles...), s.postInvoices)
	v1.POST("/imports/invoices", requireRole(managerRoles...), s.importInvoices)
	v1.GET("/cases", s.listCases)
	v1.GET("/cases/:id", s.getCase)
	v1.POST("/cases/:id/actions/:action", s.postAction)
	v1.POST("/cases/:id/notes", s.postCaseNote)
	s.registerLitigation(v1)
	s.registerDocuments(v1)
	s.registerMoneyIn(v1)
	s.registerResources(v1)
	s.registerAssign(v1)
}

// apiError is the one shape of every error the API returns.
type apiError struct {
	Error  string              `json:"error"`
	Errors []intake.FieldError `json:"errors,omitempty"`
}

func fail(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, apiError{Error: msg})
}

func (s *Server) healthz(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) }

// readyz answers 200 only when the database and Temporal both answer.
func (s *Server) readyz(c *gin.Context) {
	checks := gin.H{}
	ok := true
	if sqlDB, err := s.DB.DB(); err != nil || sqlDB.PingContext(c) != nil {
		checks["database"], ok = "unreachable", false
	} else {
		checks["database"] = "ok"
	}
	if s.Temporal == nil {
		checks["temporal"], ok = "not configured", false
	} else if _, err := s.Temporal.CheckHealth(c, &client.CheckHealthRequest{}); err != nil {
		checks["temporal"], ok = "unreachable: "+err.Error(), false
	} else {
		checks["temporal"] = "ok"
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusServiceUnavailable
	}
	c.JSON(status, gin.H{"ready": ok, "checks": checks})
}

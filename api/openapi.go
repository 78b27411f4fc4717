package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// OpenAPI is the OpenAPI 3.0 document of /api/v1. It is kept true by
// api/openapi_test.go, which validates real requests and responses against
// it and fails when a registered route is missing from it.
//
//go:embed openapi.json
var OpenAPI []byte

// openAPI serves the document, without authentication, so that clients can
// generate code from it.
func (s *Server) openAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/json; charset=utf-8", OpenAPI)
}

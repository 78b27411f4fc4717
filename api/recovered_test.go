package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/api"
)

// TestRecoveredAnswersTheAPIErrorShape: a handler that panics answers the
// API's JSON error under /api/ and a bare 500 elsewhere.
func TestRecoveredAnswersTheAPIErrorShape(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(gin.CustomRecovery(api.Recovered))
	boom := func(*gin.Context) { panic("boom") }
	r.GET("/api/v1/boom", boom)
	r.GET("/boom", boom)
	for _, tt := range []struct {
		path string
		json bool
	}{{"/api/v1/boom", true}, {"/boom", false}} {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		var e struct {
			Error string `json:"error"`
		}
		isJSON := json.Unmarshal(rec.Body.Bytes(), &e) == nil && e.Error != ""
		if rec.Code != http.StatusInternalServerError || isJSON != tt.json {
			t.Errorf("%s: %d %q, want 500 (JSON error: %v)", tt.path, rec.Code, rec.Body.String(), tt.json)
		}
	}
}

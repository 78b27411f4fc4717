package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// NoRoute answers a path under /api/ that no route matches with the API's
// JSON error, so that a client parses every error of the API the same way.
// Other paths are left alone: gin then answers its own 404, as before.
// Mount it with gin.Engine.NoRoute.
func NoRoute(c *gin.Context) {
	if !underAPI(c.Request.URL.Path) {
		return
	}
	fail(c, http.StatusNotFound, "no route "+c.Request.Method+" "+c.Request.URL.Path)
}

// NoMethod answers a method that a path under /api/ does not take with the
// API's JSON error naming the methods it does take (gin has already set the
// Allow header). Mount it with gin.Engine.NoMethod, with
// HandleMethodNotAllowed set.
func NoMethod(c *gin.Context) {
	if !underAPI(c.Request.URL.Path) {
		return
	}
	fail(c, http.StatusMethodNotAllowed, "method "+c.Request.Method+" is not allowed on "+c.Request.URL.Path+
		"; allowed: "+c.Writer.Header().Get("Allow"))
}

func underAPI(path string) bool {
	return path == "/api" || strings.HasPrefix(path, "/api/")
}

// Recovered answers a request whose handler panicked: under /api/ with the
// API's JSON error (gin.CustomRecovery logs the panic and its stack), an
// empty 500 elsewhere. Mount it with gin.CustomRecovery.
func Recovered(c *gin.Context, _ any) {
	if underAPI(c.Request.URL.Path) {
		fail(c, http.StatusInternalServerError, "internal error: the request was not completed")
		return
	}
	c.AbortWithStatus(http.StatusInternalServerError)
}

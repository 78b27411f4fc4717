package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/models"
)

const userKey = "recouvra.user"

// staffRoles are the roles of the creditor's own staff (not partners).
var staffRoles = []models.Role{models.RoleAdmin, models.RoleCreditManager, models.RoleLegal}

// managerRoles run the book: debtors and invoices belong to admins and credit
// managers; legal staff read them but do not create them.
var managerRoles = []models.Role{models.RoleAdmin, models.RoleCreditManager}

// requireToken authenticates `Authorization: Bearer <token>`.
func (s *Server) requireToken(c *gin.Context) {
	h := c.GetHeader("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		c.Header("WWW-Authenticate", `Bearer realm="recouvra"`)
		fail(c, http.StatusUnauthorized, "missing Authorization: Bearer <token> header")
		return
	}
	u, err := s.Accounts.Authenticate(c.Request.Context(), strings.TrimSpace(token))
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="recouvra", error="invalid_token"`)
		fail(c, http.StatusUnauthorized, "invalid or revoked token")
		return
	}
	c.Set(userKey, u)
	c.Next()
}

// requireRole lets only the given roles through.
func requireRole(roles ...models.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !slices.Contains(roles, currentUser(c).Role) {
			fail(c, http.StatusForbidden, "your role may not do this")
			return
		}
		c.Next()
	}
}

// currentUser is the authenticated user of the request.
func currentUser(c *gin.Context) models.User {
	u, _ := c.Get(userKey)
	user, _ := u.(models.User)
	return user
}

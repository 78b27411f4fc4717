package backoffice

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/models"
)

const (
	sessionCookie    = "recouvra_session"
	loginCSRFCookie  = "recouvra_login_csrf"
	csrfField        = "csrf"
	sessionTTL       = 12 * time.Hour
	userKey          = "recouvra.backoffice.user"
	csrfKey          = "recouvra.backoffice.csrf"
	loginFailMessage = "Adresse e-mail ou mot de passe incorrect."
)

// csrfToken derives the session's CSRF token from its secret: only the
// holder of the session cookie can compute it, and the server needs to store
// nothing more than the session it already has.
func csrfToken(sessionSecret string) string {
	sum := sha256.Sum256([]byte("recouvra-csrf\x00" + sessionSecret))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func (p *Pages) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: p.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// loginForm shows the form with a fresh login CSRF token (double submit: a
// cookie and the same value in the form), since there is no session yet.
func (p *Pages) loginForm(c *gin.Context) {
	token := randomToken()
	p.setCookie(c, loginCSRFCookie, token, 3600)
	c.HTML(http.StatusOK, "login.html", gin.H{"Title": "Connexion", "CSRF": token})
}

func (p *Pages) loginError(c *gin.Context, status int, msg, email string) {
	token := randomToken()
	p.setCookie(c, loginCSRFCookie, token, 3600)
	c.HTML(status, "login.html", gin.H{"Title": "Connexion", "Error": msg, "Email": email, "CSRF": token})
}

func (p *Pages) login(c *gin.Context) {
	p.init()
	email := strings.ToLower(strings.TrimSpace(c.PostForm("email")))
	cookie, _ := c.Cookie(loginCSRFCookie)
	if !sameToken(cookie, c.PostForm(csrfField)) {
		p.loginError(c, http.StatusForbidden, "Le formulaire a expiré : veuillez vous reconnecter.", email)
		return
	}
	// The failure is counted before the password is checked, and taken back
	// if the password is right: parallel guesses cannot all pass the limit.
	failures := failedLoginKey(email)
	if !p.LoginLimit.Allow(c.ClientIP()+"|"+email) || !p.LoginLimit.Allow(failures) {
		c.Header("Retry-After", "60")
		p.loginError(c, http.StatusTooManyRequests, "Trop de tentatives de connexion : réessayez dans une minute.", email)
		return
	}
	u, err := p.Accounts.CheckPassword(c.Request.Context(), email, c.PostForm("password"))
	if err != nil {
		p.auditAs(c, models.User{Email: email}, "backoffice.login_failed", "user", 0, nil, nil)
		p.loginError(c, http.StatusUnauthorized, loginFailMessage, email)
		return
	}
	p.LoginLimit.Release(failures)
	secret, err := p.Accounts.NewSession(c.Request.Context(), u.ID, sessionTTL)
	if err != nil {
		p.Log.Error("open session", "err", err)
		p.loginError(c, http.StatusInternalServerError, "Connexion impossible, réessayez.", email)
		return
	}
	p.setCookie(c, loginCSRFCookie, "", -1)
	p.setCookie(c, sessionCookie, secret, int(sessionTTL.Seconds()))
	p.auditAs(c, u, "backoffice.login", "user", u.ID, nil, nil)
	c.Redirect(http.StatusSeeOther, "/")
}

// failedLoginKey counts an email's failed logins from every address
// together: "any" is never a client address, so it cannot meet the
// per-address keys.
func failedLoginKey(email string) string { return "any|" + email }

func (p *Pages) logout(c *gin.Context) {
	if secret, err := c.Cookie(sessionCookie); err == nil {
		_ = p.Accounts.EndSession(c.Request.Context(), secret)
	}
	p.audit(c, "backoffice.logout", "user", currentUser(c).ID, nil, nil)
	p.setCookie(c, sessionCookie, "", -1)
	c.Redirect(http.StatusSeeOther, "/login")
}

// requireSession lets a logged-in user through and sends others to the
// login page.
func (p *Pages) requireSession(c *gin.Context) {
	secret, err := c.Cookie(sessionCookie)
	if err == nil && secret != "" {
		if u, err := p.Accounts.SessionUser(c.Request.Context(), secret); err == nil {
			c.Set(userKey, u)
			c.Set(csrfKey, csrfToken(secret))
			c.Next()
			return
		}
	}
	if c.Request.Method == http.MethodGet {
		c.Redirect(http.StatusSeeOther, "/login")
	} else {
		c.String(http.StatusUnauthorized, "Session expirée : reconnectez-vous.")
	}
	c.Abort()
}

// checkCSRF refuses a form posted without the session's token.
func (p *Pages) checkCSRF(c *gin.Context) {
	if !sameToken(c.GetString(csrfKey), c.PostForm(csrfField)) {
		p.fail(c, http.StatusForbidden, "Formulaire refusé : jeton de sécurité absent ou périmé. Rechargez la page et recommencez.")
		return
	}
	c.Next()
}

// requireRole lets only the given roles through.
func requireRole(roles []models.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !slices.Contains(roles, currentUser(c).Role) {
			c.HTML(http.StatusForbidden, "error.html", gin.H{
				"Title": "Accès refusé", "User": currentUser(c), "CSRF": c.GetString(csrfKey), "Menu": menuFor(currentUser(c).Role),
				"Message": "Votre rôle ne donne pas accès à cette page.", "Status": http.StatusForbidden,
			})
			c.Abort()
			return
		}
		c.Next()
	}
}

func currentUser(c *gin.Context) models.User {
	u, _ := c.Get(userKey)
	user, _ := u.(models.User)
	return user
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand panics on a broken system source)
	return base64.RawURLEncoding.EncodeToString(b)
}

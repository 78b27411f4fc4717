// Package backoffice serves the French, server-rendered pages staff use
// every day. Sessions are cookies naming a server-side session; cross-site
// form posts are refused by net/http's CrossOriginProtection.
package backoffice

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/templates"
)

const (
	sessionCookie = "recouvra_session"
	sessionTTL    = 12 * time.Hour
	userKey       = "recouvra.backoffice.user"
)

// Pages holds what the back-office needs.
type Pages struct {
	DB            *gorm.DB
	Accounts      accounts.Store
	SecureCookies bool // outside dev, cookies only travel over HTTPS
	TemporalUIURL string
	Namespace     string
	Log           *slog.Logger
}

var phaseNames = map[string]string{
	"pre_due": "Avant échéance", "amicable": "Amiable", "litigation": "Contentieux", "closed": "Clos",
}

var statusNames = map[string]string{
	"open": "En cours", "paid": "Payé", "written_off": "Passé en perte", "cancelled": "Annulé", "closed": "Clos",
}

// Templates parses the back-office pages.
func Templates() *template.Template {
	funcs := template.FuncMap{
		"money":  money.Format,
		"phase":  func(p string) string { return lookup(phaseNames, p) },
		"status": func(s string) string { return lookup(statusNames, s) },
	}
	return template.Must(template.New("backoffice").Funcs(funcs).ParseFS(templates.Backoffice, "backoffice/*.html"))
}

func lookup(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// Register mounts the pages on r; r must have Templates() as its HTML renderer.
func (p *Pages) Register(r *gin.Engine) {
	r.GET("/", func(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/cases") })
	r.GET("/login", p.loginForm)
	r.POST("/login", p.login)
	r.POST("/logout", p.logout)
	r.GET("/cases", p.requireSession, p.cases)
}

func (p *Pages) loginForm(c *gin.Context) {
	c.HTML(http.StatusOK, "login.html", gin.H{"Title": "Connexion"})
}

func (p *Pages) login(c *gin.Context) {
	email := c.PostForm("email")
	u, err := p.Accounts.CheckPassword(c, email, c.PostForm("password"))
	if err != nil {
		c.HTML(http.StatusUnauthorized, "login.html", gin.H{"Title": "Connexion", "Error": "Adresse e-mail ou mot de passe incorrect.", "Email": email})
		return
	}
	secret, err := p.Accounts.NewSession(c, u.ID, sessionTTL)
	if err != nil {
		p.Log.Error("open session", "err", err)
		c.HTML(http.StatusInternalServerError, "login.html", gin.H{"Title": "Connexion", "Error": "Connexion impossible, réessayez."})
		return
	}
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(sessionCookie, secret, int(sessionTTL.Seconds()), "/", "", p.SecureCookies, true)
	c.Redirect(http.StatusSeeOther, "/cases")
}

func (p *Pages) logout(c *gin.Context) {
	if secret, err := c.Cookie(sessionCookie); err == nil {
		_ = p.Accounts.EndSession(c, secret)
	}
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(sessionCookie, "", -1, "/", "", p.SecureCookies, true)
	c.Redirect(http.StatusSeeOther, "/login")
}

func (p *Pages) requireSession(c *gin.Context) {
	secret, err := c.Cookie(sessionCookie)
	if err == nil {
		if u, err := p.Accounts.SessionUser(c, secret); err == nil {
			c.Set(userKey, u)
			c.Next()
			return
		}
	}
	c.Redirect(http.StatusSeeOther, "/login")
	c.Abort()
}

func (p *Pages) cases(c *gin.Context) {
	u := c.MustGet(userKey).(models.User)
	rows, err := casequery.List(c, p.DB, casequery.Filter{Scope: casequery.ScopeOf(u), Limit: 500, InvoiceNumber: c.Query("number")})
	if err != nil {
		p.Log.Error("list cases", "err", err)
		c.String(http.StatusInternalServerError, "Impossible de lister les dossiers.")
		return
	}
	c.HTML(http.StatusOK, "cases.html", gin.H{
		"Title": "Dossiers", "User": u, "Cases": rows,
		"TemporalUIURL": p.TemporalUIURL, "Namespace": p.Namespace,
	})
}

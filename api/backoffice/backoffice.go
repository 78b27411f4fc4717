// Package backoffice serves the French, server-rendered pages staff and
// partners use every day. Sessions are cookies naming a server-side session;
// every form carries the session's CSRF token, on top of net/http's
// CrossOriginProtection around the whole handler.
package backoffice

import (
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// Pages holds what the back-office needs.
type Pages struct {
	DB       *gorm.DB
	Accounts accounts.Store
	Temporal client.Client // live workflow state and one-click actions
	// MoneyIn imports files and letters payments, the same service the API
	// uses; built over DB alone (cases then start at the sweep) when nil.
	MoneyIn *moneyin.Service
	// GreffeFeeCents is the commercial courts' fee (RECOUVRA_GREFFE_FEE_CENTS).
	GreffeFeeCents int64
	SecureCookies  bool // outside dev, cookies only travel over HTTPS
	TemporalUIURL  string
	Namespace      string
	Log            *slog.Logger
	// Today is the business day pages compute with; civil.Today by default.
	Today func() civil.Date
	// LoginLimit is the login rate limiter; a default one (5 tries per
	// minute per address and email, and 5 failures per minute per email
	// from any address) is made on first use.
	LoginLimit *Limiter
	// DashboardTTL is how long a dashboard is reused: zero means
	// DefaultDashboardTTL, a negative value recomputes it on every view.
	DashboardTTL time.Duration

	once       sync.Once
	dashboards dashCache
}

var (
	staff    = []models.Role{models.RoleAdmin, models.RoleCreditManager, models.RoleLegal}
	managers = []models.Role{models.RoleAdmin, models.RoleCreditManager}
	legal    = []models.Role{models.RoleAdmin, models.RoleLegal}
	admins   = []models.Role{models.RoleAdmin}
	everyone = []models.Role{models.RoleAdmin, models.RoleCreditManager, models.RoleLegal, models.RolePartner}
)

// route is one page or form of the back-office and the roles it admits.
type route struct {
	method, path string
	roles        []models.Role
	handle       gin.HandlerFunc
}

func (p *Pages) routes() []route {
	return []route{
		{"GET", "/tableau-de-bord", everyone, p.dashboard},
		{"GET", "/ma-journee", everyone, p.myDay},
		{"GET", "/ma-journee/lot.pdf", managers, p.printBatch},
		{"POST", "/ma-journee/imprimes", managers, p.markPrinted},
		{"GET", "/dossiers", everyone, p.caseList},
		{"GET", "/dossiers.csv", everyone, p.caseCSV},
		{"GET", "/dossiers/:id", everyone, p.caseFile},
		{"POST", "/dossiers/:id/actions/:action", everyone, p.caseAction},
		{"POST", "/dossiers/:id/notes", everyone, p.caseNote},
		{"POST", "/dossiers/:id/assignation", managers, p.caseAssign},
		{"GET", "/documents/:id", everyone, p.document},
		{"GET", "/debiteurs/:id", everyone, p.debtorCard},
		{"POST", "/debiteurs/:id/blocage", managers, p.debtorBlock},
		{"POST", "/debiteurs/:id/notes", managers, p.debtorNote},
		{"POST", "/debiteurs/:id/credit", managers, p.debtorCredit},
		{"GET", "/contentieux", legal, p.litigationQueue},
		{"POST", "/contentieux/:id/juridiction", legal, p.chooseCourt},
		{"GET", "/contentieux/:id/dossier/:format", legal, p.litigationDossier},
		{"POST", "/contentieux/:id/etapes/:step", legal, p.courtStep},
		{"GET", "/admin/utilisateurs", admins, p.users},
		{"POST", "/admin/utilisateurs", admins, p.createUser},
		{"POST", "/admin/utilisateurs/:id/role", admins, p.setRole},
		{"POST", "/admin/utilisateurs/:id/desactivation", admins, p.setUserDisabled},
		{"GET", "/admin/scenarios", admins, p.scenarioList},
		{"POST", "/admin/scenarios", admins, p.saveScenario},
		{"GET", "/admin/partenaires", admins, p.partners},
		{"POST", "/admin/partenaires", admins, p.createPartner},
		{"GET", "/admin/journal", admins, p.auditLog},
		{"GET", "/admin/journal/:id", admins, p.auditEntry},
	}
}

// Register mounts the pages on r; r must have Templates() as its HTML renderer.
func (p *Pages) Register(r *gin.Engine) {
	p.init()
	r.GET("/", p.requireSession, p.home)
	r.GET("/login", p.loginForm)
	r.POST("/login", p.login)
	r.POST("/logout", p.requireSession, p.checkCSRF, p.logout)
	r.GET("/cases", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, "/dossiers") })
	for _, rt := range p.routes() {
		handlers := []gin.HandlerFunc{p.requireSession}
		if rt.method == http.MethodPost {
			handlers = append(handlers, p.checkCSRF)
		}
		handlers = append(handlers, requireRole(rt.roles), rt.handle)
		r.Handle(rt.method, rt.path, handlers...)
	}
	p.registerLetters(r)
	p.registerMoneyIn(r)
}

func (p *Pages) init() {
	p.once.Do(func() {
		if p.Today == nil {
			p.Today = civil.Today
		}
		if p.LoginLimit == nil {
			p.LoginLimit = NewLimiter(5, time.Minute, time.Now)
		}
		if p.DashboardTTL == 0 {
			p.DashboardTTL = DefaultDashboardTTL
		}
		if p.Log == nil {
			p.Log = slog.Default()
		}
	})
}

// home sends staff to their dashboard and partners to their day.
func (p *Pages) home(c *gin.Context) {
	if currentUser(c).Role == models.RolePartner {
		c.Redirect(http.StatusSeeOther, "/ma-journee")
		return
	}
	c.Redirect(http.StatusSeeOther, "/tableau-de-bord")
}

// render shows a page with what every page needs: the user, the CSRF token
// and the menu.
func (p *Pages) render(c *gin.Context, status int, name, title string, data gin.H) {
	if data == nil {
		data = gin.H{}
	}
	u := currentUser(c)
	data["Title"] = title
	data["User"] = u
	data["CSRF"] = c.GetString(csrfKey)
	data["Menu"] = menuFor(u.Role)
	data["Path"] = c.Request.URL.Path
	data["Flash"] = flashes[c.Query("fait")]
	c.HTML(status, name, data)
}

// fail shows an error page in French.
func (p *Pages) fail(c *gin.Context, status int, msg string) {
	p.render(c, status, "error.html", "Erreur", gin.H{"Message": msg, "Status": status})
	c.Abort()
}

// internalError logs err and shows a page that does not leak it.
func (p *Pages) internalError(c *gin.Context, what string, err error) {
	p.Log.Error("back-office: "+what, "path", c.Request.URL.Path, "err", err)
	p.fail(c, http.StatusInternalServerError, "Une erreur interne est survenue ("+what+"). Réessayez ou prévenez l'administrateur.")
}

var flashes = map[string]string{
	"action": "Action enregistrée.", "note": "Note ajoutée.", "blocage": "Blocage du débiteur mis à jour.", "credit": "Limite de crédit et gestionnaire enregistrés.",
	"utilisateur": "Utilisateur enregistré.", "partenaire": "Partenaire créé.", "imprimes": "Courriers marqués comme imprimés.",
}

// menuItem is an entry of the top menu.
type menuItem struct{ Path, Label string }

func menuFor(r models.Role) []menuItem {
	var m []menuItem
	add := func(roles []models.Role, path, label string) {
		for _, x := range roles {
			if x == r {
				m = append(m, menuItem{path, label})
				return
			}
		}
	}
	add(everyone, "/tableau-de-bord", "Tableau de bord")
	add(everyone, "/ma-journee", "Ma journée")
	add(everyone, "/dossiers", "Dossiers")
	add(legal, "/contentieux", "Contentieux")
	add(admins, "/admin/utilisateurs", "Utilisateurs")
	add(admins, "/admin/partenaires", "Partenaires")
	add(admins, "/admin/scenarios", "Scénarios")
	add(admins, "/admin/journal", "Journal d'audit")
	return m
}

// Templates parses the back-office pages.
func Templates() *template.Template {
	return template.Must(template.New("backoffice").Funcs(funcs).ParseFS(templatesFS, "backoffice/*.html"))
}

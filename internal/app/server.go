package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/api"
	"github.com/recouvra/recouvra/api/backoffice"
)

// Handler builds the HTTP handler: API, health checks and back-office, the
// back-office behind cross-origin protection (a form posted from another
// site is refused).
func (a *App) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode) // routes are listed in README, not printed at start
	r := gin.New()
	a.trustProxies(r)
	// Under /api/ an unknown path or method answers the API's JSON error;
	// elsewhere gin's own 404 and 405.
	r.HandleMethodNotAllowed = true
	r.NoRoute(api.NoRoute)
	r.NoMethod(api.NoMethod)
	r.Use(gin.CustomRecovery(api.Recovered), a.requestLog)
	r.SetHTMLTemplate(backoffice.Templates())
	moneyIn := a.MoneyIn()
	(&api.Server{
		DB: a.DB, Accounts: a.Accounts, Intake: a.Intake, Temporal: a.Temporal,
		TemporalUIURL: a.Config.TemporalUIURL, Namespace: a.Config.TemporalNamespace, Log: a.Log,
		GreffeFeeCents: a.Config.GreffeFeeCents, MoneyIn: moneyIn,
	}).Register(r)
	(&backoffice.Pages{
		DB: a.DB, Accounts: a.Accounts, SecureCookies: a.Config.Production(), Temporal: a.Temporal, MoneyIn: moneyIn,
		GreffeFeeCents: a.Config.GreffeFeeCents,
		TemporalUIURL:  a.Config.TemporalUIURL, Namespace: a.Config.TemporalNamespace, Log: a.Log,
	}).Register(r)
	a.mountDevMailbox(r)
	// The API authenticates by bearer token only, which a browser never
	// sends on its own to another site: cross-origin protection guards the
	// back-office's cookie sessions, and would only turn an API client's
	// Origin header into a plain-text 403.
	cop := http.NewCrossOriginProtection()
	cop.AddInsecureBypassPattern("/api/")
	return cop.Handler(r)
}

// trustProxies makes c.ClientIP() the connection's address unless the
// connection comes from a configured load balancer (RECOUVRA_TRUSTED_PROXIES):
// gin otherwise believes X-Forwarded-For from anyone, and a client could pick
// the address that the login rate limit counts and the audit log records.
func (a *App) trustProxies(r *gin.Engine) {
	if err := r.SetTrustedProxies(a.Config.TrustedProxies); err != nil {
		// config.FromEnv checked the list already; if gin still refuses it,
		// trusting no one is the safe way to go on.
		a.Log.Error("RECOUVRA_TRUSTED_PROXIES refused: trusting no proxy", "proxies", a.Config.TrustedProxies, "err", err)
		_ = r.SetTrustedProxies(nil)
	}
}

func (a *App) requestLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	a.Log.Debug("http", "method", c.Request.Method, "path", c.Request.URL.Path,
		"status", c.Writer.Status(), "duration", time.Since(start))
}

// RunServer serves HTTP until ctx ends, then shuts down gracefully: requests
// in flight get ShutdownTimeout to finish.
func (a *App) RunServer(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.Config.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.Config.HTTPAddr, err)
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.Log.Info("HTTP server listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down HTTP server: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.Log.Info("HTTP server stopped")
	return nil
}

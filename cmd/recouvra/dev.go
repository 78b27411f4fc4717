package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/internal/devserver"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/searchattr"
)

// Dev credentials, printed at start. Dev mode only: production users are
// created with `recouvra users`.
const (
	devAdminEmail    = "admin@recouvra.local"
	devAdminPassword = "recouvra-dev"
)

// dev runs the whole system in one process tree: a Temporal dev server on a
// state file under the data directory, the worker, the API and back-office,
// and demo data on first start. Ctrl-C stops everything it started.
func dev(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if os.Getenv("TEMPORAL_ADDRESS") == "" {
		srv, err := startTemporal(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer func() {
			log.Info("stopping the Temporal dev server")
			srv.Stop()
		}()
	}
	a, err := connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := seed(ctx, a); err != nil {
		return err
	}
	// Without SMTP_HOST, emails go over real SMTP to a local receiver.
	stopMailbox, mailboxStarted, err := a.StartDevMailbox(app.DevMailboxAddr)
	if err != nil {
		return err
	}
	defer stopMailbox()
	mailbox := "relay " + os.Getenv("SMTP_HOST") + " (SMTP_HOST)"
	if mailboxStarted {
		mailbox = cfg.PublicURL + "/dev/mailbox/   (SMTP " + app.DevMailboxAddr + ")"
	}
	fmt.Printf(`
Recouvra is running.
  Back-office : %s/          (login %s / %s)
  API         : %s/api/v1    (token: go run ./cmd/recouvra users token --email %s)
  Temporal UI : %s
  Mailbox     : %s
  Database    : %s
Press Ctrl-C to stop.

`, cfg.PublicURL, devAdminEmail, devAdminPassword, cfg.PublicURL, devAdminEmail, cfg.TemporalUIURL, mailbox, app.DisplayURL(cfg.DatabaseURL))
	return runBoth(ctx, a)
}

func startTemporal(ctx context.Context, cfg config.Config, log *slog.Logger) (*devserver.Server, error) {
	host, port, err := net.SplitHostPort(cfg.TemporalAddress)
	if err != nil {
		return nil, fmt.Errorf("TEMPORAL_ADDRESS=%q: %w", cfg.TemporalAddress, err)
	}
	if conn, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), 300*time.Millisecond); err == nil {
		conn.Close()
		return nil, fmt.Errorf("port %s is already in use: is another `make run` running? Stop it, or set TEMPORAL_ADDRESS to use that server", cfg.TemporalAddress)
	}
	var p, ui int
	fmt.Sscan(port, &p)
	fmt.Sscan(portOf(cfg.TemporalUIURL), &ui)
	log.Info("starting the Temporal dev server", "address", cfg.TemporalAddress, "ui", cfg.TemporalUIURL)
	return devserver.Start(ctx, devserver.Options{
		DBFile: filepath.Join(cfg.DataDir, "temporal.db"), Port: p, UIPort: ui, Output: os.Stderr,
		SearchAttributes: searchattr.Types,
	})
}

func portOf(url string) string {
	for i := len(url) - 1; i >= 0; i-- {
		if url[i] == ':' {
			return url[i+1:]
		}
	}
	return "8233"
}

// seed writes the demo data and the dev admin on first start only.
func seed(ctx context.Context, a *app.App) error {
	seeded, err := demo.Seed(ctx, a.DB, a.Intake, civil.Today())
	if err != nil {
		return err
	}
	if seeded {
		a.Log.Info("demo data created")
	}
	if _, err := a.Accounts.UserByEmail(ctx, devAdminEmail); err == nil {
		return nil
	}
	u, err := a.Accounts.CreateUser(ctx, devAdminEmail, "Administrateur (dev)", models.RoleAdmin, nil)
	if err != nil {
		return err
	}
	return a.Accounts.SetPassword(ctx, u.ID, devAdminPassword)
}

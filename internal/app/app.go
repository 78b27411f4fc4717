// Package app wires Recouvra's parts together — configuration, database,
// Temporal client, worker, HTTP server — for the commands in cmd/recouvra and
// for the integration tests, which run exactly the same wiring.
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// App is a configured Recouvra with its open connections.
type App struct {
	Config   config.Config
	Log      *slog.Logger
	DB       *gorm.DB
	Temporal client.Client // nil until ConnectTemporal
	Intake   *intake.Service
	Accounts accounts.Store
}

// NewLogger builds the process logger: text for people, JSON for machines.
func NewLogger(cfg config.Config) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// Open connects to the database and applies pending migrations.
func Open(cfg config.Config, log *slog.Logger) (*App, error) {
	db, err := models.Open(cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	n, err := models.Migrate(db)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		log.Info("database migrated", "migrations", n)
	}
	if err := ensureDefaultScenario(db); err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Log: log, DB: db, Accounts: accounts.Store{DB: db}}
	a.Intake = &intake.Service{
		DB: db, WorkflowID: recovery.WorkflowID, PreDueDays: cfg.PreDueDays,
		Today: civil.Today, Log: log,
	}
	return a, nil
}

// ensureDefaultScenario stores the built-in scenario as version 1 when the
// database has none, so that it can be read and edited like any other.
func ensureDefaultScenario(db *gorm.DB) error {
	var n int64
	if err := db.Model(&models.Scenario{}).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	sc := recovery.DefaultScenario()
	steps, err := json.Marshal(sc.Steps)
	if err != nil {
		return err
	}
	return db.Create(&models.Scenario{Name: sc.Name, Version: sc.Version, Steps: string(steps), Active: true}).Error
}

// ConnectTemporal dials the Temporal frontend.
func (a *App) ConnectTemporal(ctx context.Context) error {
	c, err := client.DialContext(ctx, client.Options{
		HostPort:  a.Config.TemporalAddress,
		Namespace: a.Config.TemporalNamespace,
		Logger:    tlog.NewStructuredLogger(a.Log.With("component", "temporal")),
	})
	if err != nil {
		return fmt.Errorf("connect to Temporal at %s: %w", a.Config.TemporalAddress, err)
	}
	a.UseTemporal(c)
	return nil
}

// UseTemporal sets the Temporal client (tests pass the dev server's).
func (a *App) UseTemporal(c client.Client) {
	a.Temporal = c
	a.Intake.Starter = recovery.Starter{Client: c, TaskQueue: a.Config.TaskQueue, Settings: recovery.Settings{
		SendingWindow: a.Config.SendingWindow, PromiseGraceDays: a.Config.PromiseGraceDays,
		DisputeSLADays: a.Config.DisputeSLADays,
	}}
}

// MoneyIn is the import and lettrage service, signalling cases through
// Temporal when connected (else its signals wait in the outbox for the sweep).
func (a *App) MoneyIn() *moneyin.Service {
	var sig moneyin.Signaller
	if a.Temporal != nil {
		sig = moneyin.TemporalSignaller{Client: a.Temporal}
	}
	return moneyin.New(a.DB, a.Intake, sig, a.Log)
}

// Close releases the connections.
func (a *App) Close() {
	if a.Temporal != nil {
		a.Temporal.Close()
	}
	if sqlDB, err := a.DB.DB(); err == nil {
		sqlDB.Close()
	}
}

// DisplayURL is the database URL with any password hidden, for logs.
func DisplayURL(url string) string {
	if i := strings.Index(url, "@"); i > 0 && models.IsPostgres(url) {
		return "postgres://…" + url[i:]
	}
	return url
}

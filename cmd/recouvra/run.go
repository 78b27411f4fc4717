package main

import (
	"context"
	"fmt"
	"log/slog"

	"golang.org/x/sync/errgroup"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/config"
)

func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	a, err := connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.RunServer(ctx)
}

func runWorker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	a, err := connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.RunWorker(ctx)
}

func migrate(cfg config.Config, log *slog.Logger) error {
	a, err := app.Open(cfg, log) // Open applies the migrations
	if err != nil {
		return err
	}
	a.Close()
	fmt.Println("database is up to date:", app.DisplayURL(cfg.DatabaseURL))
	return nil
}

// connect opens the database and Temporal.
func connect(ctx context.Context, cfg config.Config, log *slog.Logger) (*app.App, error) {
	a, err := app.Open(cfg, log)
	if err != nil {
		return nil, err
	}
	if err := a.ConnectTemporal(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// runBoth runs the worker and the HTTP server until ctx ends or one fails.
func runBoth(ctx context.Context, a *app.App) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.RunWorker(ctx) })
	g.Go(func() error { return a.RunServer(ctx) })
	return g.Wait()
}

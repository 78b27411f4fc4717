package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/tribunal"
)

// rates manages the half-year interest rates the claims use: `rates import
// FILE.csv` stores a rate file (series,year,half,rate_percent,source) on top
// of the shipped rates, `rates list` prints the table in effect in the same
// format, ready to edit and import back.
func rates(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	const use = "usage: recouvra rates import FILE.csv | recouvra rates list"
	if len(args) == 0 {
		return errors.New(use)
	}
	switch {
	case args[0] == "import" && len(args) == 2:
		f, err := os.Open(args[1])
		if err != nil {
			return err
		}
		defer f.Close()
		entries, err := claim.ParseRatesCSV(f)
		if err != nil {
			return fmt.Errorf("%s: %w", args[1], err)
		}
		a, err := app.Open(cfg, log)
		if err != nil {
			return err
		}
		defer a.Close()
		if err := litact.SaveRates(ctx, a.DB, entries); err != nil {
			return fmt.Errorf("%s: %w", args[1], err)
		}
		fmt.Printf("%d rate(s) stored from %s\n", len(entries), args[1])
		return nil
	case args[0] == "list" && len(args) == 1:
		a, err := app.Open(cfg, log)
		if err != nil {
			return err
		}
		defer a.Close()
		t, err := litact.LoadRates(ctx, a.DB)
		if err != nil {
			return err
		}
		return claim.WriteRatesCSV(os.Stdout, t.Entries())
	}
	return errors.New(use)
}

// importJuridictions loads the Ministry of Justice's "compétences
// territoriales" file (commune INSEE code → tribunal judiciaire), replacing
// the table imported before, and reports communes whose court the embedded
// court list does not know.
func importJuridictions(ctx context.Context, cfg config.Config, log *slog.Logger, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	table, err := tribunal.ParseCompetenceCSV(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	a, err := app.Open(cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := litact.ImportCommunes(ctx, a.DB, table)
	if err != nil {
		return err
	}
	fmt.Printf("%d commune(s) imported from %s\n", n, file)
	return nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"

	"gorm.io/gorm"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/tribunal"
	"github.com/recouvra/recouvra/models"
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
		return importRates(ctx, cfg, log, args[1])
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

// importRates stores a rate file; its audit entry keeps, as "before", the
// stored rates the file replaced.
func importRates(ctx context.Context, cfg config.Config, log *slog.Logger, file string) error {
	f, err := openAudited(file)
	if err != nil {
		return err
	}
	defer f.Close()
	entries, err := claim.ParseRatesCSV(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	imp, err := f.described(map[string]int64{"rates": int64(len(entries))})
	if err != nil {
		return err
	}
	a, err := app.Open(cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	replaced, err := storedRates(ctx, a.DB, entries)
	if err != nil {
		return err
	}
	if err := litact.SaveRates(ctx, a.DB, entries); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Printf("%d rate(s) stored from %s\n", len(entries), file)
	return audit(ctx, a, auditlog.Entry{Action: "rates.import", Entity: "interest_rate", Before: replaced, After: imp})
}

// storedRates are the stored rates of the half-years entries give.
func storedRates(ctx context.Context, db *gorm.DB, entries []claim.RateEntry) ([]models.InterestRate, error) {
	var all []models.InterestRate
	if err := db.WithContext(ctx).Order("series, year, half").Find(&all).Error; err != nil {
		return nil, fmt.Errorf("read the stored rates: %w", err)
	}
	replaced := []models.InterestRate{}
	for _, r := range all {
		if slices.ContainsFunc(entries, func(e claim.RateEntry) bool {
			return e.Series == r.Series && e.Period.Year == r.Year && e.Period.Half == r.Half
		}) {
			replaced = append(replaced, r)
		}
	}
	return replaced, nil
}

// importJuridictions loads the Ministry of Justice's "compétences
// territoriales" file (commune INSEE code → tribunal judiciaire), replacing
// the table imported before, and reports communes whose court the embedded
// court list does not know.
func importJuridictions(ctx context.Context, cfg config.Config, log *slog.Logger, file string) error {
	f, err := openAudited(file)
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
	var before int64
	if err := a.DB.WithContext(ctx).Model(&models.CommuneCourt{}).Count(&before).Error; err != nil {
		return fmt.Errorf("count the communes imported before: %w", err)
	}
	n, err := litact.ImportCommunes(ctx, a.DB, table)
	if err != nil {
		return err
	}
	fmt.Printf("%d commune(s) imported from %s\n", n, file)
	imp, err := f.described(map[string]int64{"communes": int64(n)})
	if err != nil {
		return err
	}
	return audit(ctx, a, auditlog.Entry{Action: "juridictions.import", Entity: "commune_court",
		Before: map[string]int64{"communes": before}, After: imp})
}

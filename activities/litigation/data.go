// Package litigation holds what the litigation phase does with the database:
// compute a case's claim, decide its court, build and store the injonction de
// payer dossier, and record each court step in the litigation file and on the
// case's timeline. The exported functions serve the API and the commands;
// the methods of Activities are the Temporal activities of
// workflows/litigation.
package litigation

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/tribunal"
	"github.com/recouvra/recouvra/models"
)

// LoadRates returns the rates shipped with Recouvra overlaid with those an
// administrator stored: a stored half-year replaces the shipped one.
func LoadRates(ctx context.Context, db *gorm.DB) (*claim.RateTable, error) {
	t := claim.DefaultRates()
	entries, err := StoredRates(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := t.Apply(entries); err != nil {
		return nil, fmt.Errorf("stored rates: %w", err)
	}
	return t, nil
}

// StoredRates lists the rates stored in the database, by series and half-year.
func StoredRates(ctx context.Context, db *gorm.DB) ([]claim.RateEntry, error) {
	var rows []models.InterestRate
	if err := db.WithContext(ctx).Order("series, year, half").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read interest rates: %w", err)
	}
	out := make([]claim.RateEntry, len(rows))
	for i, r := range rows {
		out[i] = claim.RateEntry{Series: r.Series, Period: claim.HalfYear{Year: r.Year, Half: r.Half},
			Rate: claim.Rate(r.RateBP), Source: r.Source}
	}
	return out, nil
}

// SaveRates stores entries, replacing the rate and source of a series and
// half-year already stored. Entries are checked first (through a rate table),
// so that a bad file stores nothing.
func SaveRates(ctx context.Context, db *gorm.DB, entries []claim.RateEntry) error {
	if err := claim.NewRateTable().Apply(entries); err != nil {
		return err
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, e := range entries {
			row := models.InterestRate{Series: e.Series, Year: e.Period.Year, Half: e.Period.Half,
				RateBP: int64(e.Rate), Source: e.Source}
			err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "series"}, {Name: "year"}, {Name: "half"}},
				DoUpdates: clause.AssignmentColumns([]string{"rate_bp", "source", "updated_at"}),
			}).Create(&row).Error
			if err != nil {
				return fmt.Errorf("store rate %s %s: %w", e.Series, e.Period, err)
			}
		}
		return nil
	})
}

// LoadRegistry returns the court registry over the commune → tribunal
// judiciaire table imported from the Ministry of Justice file, or over the
// embedded court data alone when none was imported.
func LoadRegistry(ctx context.Context, db *gorm.DB) (*tribunal.Registry, error) {
	var rows []models.CommuneCourt
	if err := db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read commune courts: %w", err)
	}
	if len(rows) == 0 {
		return tribunal.NewRegistry(nil), nil
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		m[r.InseeCode] = r.TJ
	}
	return tribunal.NewRegistry(m), nil
}

// ImportCommunes replaces the commune → tribunal judiciaire table with table
// (from tribunal.ParseCompetenceCSV) in one transaction, and returns how many
// communes it holds. The Ministry publishes the whole list each time, so a
// commune missing from the new file must not keep an old court.
func ImportCommunes(ctx context.Context, db *gorm.DB, table map[string]string) (int, error) {
	if len(table) == 0 {
		return 0, fmt.Errorf("commune table is empty: nothing imported")
	}
	now := time.Now().UTC()
	rows := make([]models.CommuneCourt, 0, len(table))
	for insee, tj := range table {
		rows = append(rows, models.CommuneCourt{InseeCode: insee, TJ: tj, ImportedAt: now})
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("1 = 1").Delete(&models.CommuneCourt{}).Error; err != nil {
			return err
		}
		return tx.CreateInBatches(rows, 500).Error
	})
	if err != nil {
		return 0, fmt.Errorf("import commune courts: %w", err)
	}
	return len(rows), nil
}

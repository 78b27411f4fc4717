// Package scenarios stores new versions of the recovery scenario, for the
// API and the back-office alike. A version is never changed once stored:
// running cases keep the version they started with, and only cases started
// after a new version follow it.
package scenarios

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// SaveVersion validates sc and stores it as the next version of its name,
// made the active scenario in place of any other. Nothing is stored when sc
// is invalid: the error is recovery.Scenario.Validate's.
func SaveVersion(ctx context.Context, db *gorm.DB, sc recovery.Scenario) (models.Scenario, error) {
	if err := sc.Validate(); err != nil {
		return models.Scenario{}, err
	}
	steps, err := json.Marshal(sc.Steps)
	if err != nil {
		return models.Scenario{}, fmt.Errorf("scenario %q: encode steps: %w", sc.Name, err)
	}
	row := models.Scenario{Name: sc.Name, Steps: string(steps), Active: true}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var last models.Scenario
		if err := tx.Where("name = ?", sc.Name).Order("version DESC").Limit(1).Find(&last).Error; err != nil {
			return err
		}
		row.Version = last.Version + 1
		if err := tx.Model(&models.Scenario{}).Where("active = ?", true).Update("active", false).Error; err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		return row, fmt.Errorf("store scenario %q: %w", sc.Name, err)
	}
	return row, nil
}

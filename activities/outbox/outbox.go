// Package outbox holds the activity through which every step of a case asks
// for a letter, an email or a task. The entry is written once per idempotency
// key; the per-debtor dispatch (letters and emails) then groups what is due
// and sends it, marking each entry sent.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Activities are registered on the worker with their database.
type Activities struct {
	DB *gorm.DB
}

// Send is one channel of one step of one case.
type Send struct {
	Key          string     `json:"key"` // workflow/step/occurrence/channel
	CaseID       uint       `json:"case_id"`
	DebtorID     uint       `json:"debtor_id"`
	InvoiceID    uint       `json:"invoice_id"`
	Step         string     `json:"step"`
	Level        int        `json:"level"`
	Channel      string     `json:"channel"`
	Template     string     `json:"template"`
	DueOn        civil.Date `json:"due_on"`
	FormalDemand bool       `json:"formal_demand"`
}

// Status of a new entry by channel: postal letters wait to be printed,
// tasks wait for a person, emails wait for the dispatch.
func initialStatus(channel string) string {
	switch channel {
	case "letter", "registered_letter":
		return "to_print"
	case "phone_task", "internal_task":
		return "task_open"
	}
	return "pending"
}

// Enqueue writes the entry unless one with the same key exists, and returns
// its ID either way: running it twice has the effect of running it once.
func (a *Activities) Enqueue(ctx context.Context, s Send) (uint, error) {
	if s.Key == "" || s.CaseID == 0 || s.Channel == "" {
		return 0, fmt.Errorf("outbox entry needs a key, a case and a channel: %+v", s)
	}
	payload, err := json.Marshal(s)
	if err != nil {
		return 0, err
	}
	caseID, debtorID := s.CaseID, s.DebtorID
	row := models.Outbox{Key: s.Key, CaseID: &caseID, DebtorID: &debtorID, Channel: s.Channel,
		Status: initialStatus(s.Channel), Payload: string(payload)}
	db := a.DB.WithContext(ctx)
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return 0, fmt.Errorf("write outbox entry %s: %w", s.Key, err)
	}
	var stored models.Outbox
	if err := db.Where(&models.Outbox{Key: s.Key}).Take(&stored).Error; err != nil {
		return 0, fmt.Errorf("read back outbox entry %s: %w", s.Key, err)
	}
	return stored.ID, nil
}

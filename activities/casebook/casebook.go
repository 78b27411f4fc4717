// Package casebook holds the activities that write a case's record: its
// timeline events and the SQL mirror of its workflow state. Workflows never
// touch the database themselves.
package casebook

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Activities are registered on the worker with their database.
type Activities struct {
	DB *gorm.DB
}

// Event is a timeline entry to append. Key must be unique within the case and
// stable across retries (for instance the step name): appending the same key
// twice writes one event.
type Event struct {
	CaseID     uint
	Key        string
	At         time.Time
	Actor      string
	Kind       string
	Summary    string
	Channel    string
	DocumentID *uint
	Data       map[string]any
}

// RecordEvent appends an event to a case's timeline, once per key.
func (a *Activities) RecordEvent(ctx context.Context, ev Event) error {
	if ev.CaseID == 0 || ev.Key == "" || ev.Kind == "" {
		return fmt.Errorf("event needs a case, a key and a kind: %+v", ev)
	}
	row := models.CaseEvent{
		CaseID: ev.CaseID, Key: ev.Key, At: ev.At.UTC(), Actor: ev.Actor, Kind: ev.Kind,
		Summary: ev.Summary, Channel: ev.Channel, DocumentID: ev.DocumentID,
	}
	if row.Actor == "" {
		row.Actor = "system"
	}
	if len(ev.Data) > 0 {
		b, err := json.Marshal(ev.Data)
		if err != nil {
			return fmt.Errorf("encode data of event %s: %w", ev.Key, err)
		}
		row.Data = string(b)
	}
	err := a.DB.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("append event %s to case %d: %w", ev.Key, ev.CaseID, err)
	}
	return nil
}

// Mirror is the part of a workflow's state that lists and dashboards need.
type Mirror struct {
	CaseID         uint
	Phase          string
	Level          int
	Status         models.CaseStatus
	BalanceCents   int64
	NextAction     string
	NextActionDate civil.Date
	PartnerID      *uint
	ClosedAt       *time.Time
}

// MirrorCase copies the workflow's state into the case row. It is idempotent:
// it writes the same values however often it runs.
func (a *Activities) MirrorCase(ctx context.Context, m Mirror) error {
	updates := map[string]any{
		"phase": m.Phase, "level": m.Level, "status": m.Status, "balance_cents": m.BalanceCents,
		"next_action": m.NextAction, "next_action_date": m.NextActionDate, "partner_id": m.PartnerID,
		"closed_at": m.ClosedAt, "updated_at": time.Now().UTC(),
	}
	res := a.DB.WithContext(ctx).Model(&models.Case{}).Where("id = ?", m.CaseID).Updates(updates)
	if res.Error != nil {
		return fmt.Errorf("mirror case %d: %w", m.CaseID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("mirror case %d: no such case", m.CaseID)
	}
	return nil
}

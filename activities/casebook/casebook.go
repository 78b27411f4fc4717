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
	InvoiceID      uint
	Phase          string
	Level          int
	Status         models.CaseStatus
	BalanceCents   int64
	NextAction     string
	NextActionDate civil.Date
	PartnerID      *uint
	Closed         bool
}

// MirrorCase copies the workflow's state into the case row and the
// invoice's outstanding amount, in one transaction. It is idempotent: it
// writes the same values however often it runs.
func (a *Activities) MirrorCase(ctx context.Context, m Mirror) error {
	now := time.Now().UTC()
	updates := map[string]any{
		"phase": m.Phase, "level": m.Level, "status": m.Status, "balance_cents": m.BalanceCents,
		"next_action": m.NextAction, "next_action_date": m.NextActionDate, "partner_id": m.PartnerID,
		"updated_at": now,
	}
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if m.Closed {
			tx.Model(&models.Case{}).Where("id = ? AND closed_at IS NULL", m.CaseID).Update("closed_at", now)
		}
		res := tx.Model(&models.Case{}).Where("id = ?", m.CaseID).Updates(updates)
		if res.Error != nil {
			return fmt.Errorf("mirror case %d: %w", m.CaseID, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("mirror case %d: no such case", m.CaseID)
		}
		if m.InvoiceID == 0 {
			return nil
		}
		inv := map[string]any{"outstanding_cents": m.BalanceCents, "updated_at": now}
		switch m.Status {
		case models.CasePaid:
			inv["status"] = models.InvoicePaid
		case models.CaseCancelled:
			inv["status"] = models.InvoiceCancelled
		}
		return tx.Model(&models.Invoice{}).Where("id = ?", m.InvoiceID).Updates(inv).Error
	})
}

// StoredScenario is the active scenario as stored, for the workflow to parse.
type StoredScenario struct {
	ID        uint
	Name      string
	Version   int
	StepsJSON string
}

// ActiveScenario returns the newest active scenario, or a zero value when
// none is stored (the workflow then runs its built-in default).
func (a *Activities) ActiveScenario(ctx context.Context) (StoredScenario, error) {
	var sc models.Scenario
	err := a.DB.WithContext(ctx).Where("active = ?", true).Order("id DESC").Limit(1).Find(&sc).Error
	if err != nil {
		return StoredScenario{}, fmt.Errorf("read active scenario: %w", err)
	}
	return StoredScenario{ID: sc.ID, Name: sc.Name, Version: sc.Version, StepsJSON: sc.Steps}, nil
}

// SyncInput is what a workflow writes after a change: the timeline events it
// queued and, when its state changed, the mirror of that state.
type SyncInput struct {
	Events []Event
	Mirror *Mirror
}

// Sync writes events and mirror in one transaction. Workflows run it as a
// local activity: it is a few rows, and a local activity costs the Temporal
// server a marker instead of a task round trip, which keeps case starts
// close to the server's bare start rate. Like its parts it is idempotent.
func (a *Activities) Sync(ctx context.Context, in SyncInput) error {
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		inTx := &Activities{DB: tx}
		for _, ev := range in.Events {
			if err := inTx.RecordEvent(ctx, ev); err != nil {
				return err
			}
		}
		if in.Mirror != nil {
			return inTx.MirrorCase(ctx, *in.Mirror)
		}
		return nil
	})
}

package auditlog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// DefaultLimit and MaxLimit bound a page of the log.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Filter selects entries of the log. Pages are keyset pages on the id, the
// order entries were written in: a page costs the same at the millionth
// entry as at the first, and new entries never shift a page being read.
type Filter struct {
	Actor        string    // part of the actor's name, in any case
	ActionPrefix string    // "case." selects every case action
	Entity       string    // "case", "user", "template"…
	EntityID     string    // with Entity: one record's history
	From, To     time.Time // From ≤ at < To, each when set
	Before       uint      // the page of entries older than this id (next page)
	After        uint      // the page of entries newer than this id (previous page)
	Limit        int       // entries per page: DefaultLimit when 0, at most MaxLimit
}

// Page is one page of entries, newest first, and whether entries matching
// the filter lie beyond it on either side.
type Page struct {
	Entries      []models.AuditLog
	Older, Newer bool
}

// List returns the page of entries f selects.
func List(ctx context.Context, db *gorm.DB, f Filter) (Page, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	q := f.where(db.WithContext(ctx).Model(&models.AuditLog{}))
	var page Page
	var rows []models.AuditLog
	forward := f.After == 0
	var err error
	if forward {
		if f.Before != 0 {
			q = q.Where("id < ?", f.Before)
		}
		err = q.Order("id DESC").Limit(limit + 1).Find(&rows).Error
	} else {
		err = q.Where("id > ?", f.After).Order("id ASC").Limit(limit + 1).Find(&rows).Error
	}
	if err != nil {
		return page, fmt.Errorf("read the audit log: %w", err)
	}
	beyond := len(rows) > limit
	rows = rows[:min(len(rows), limit)]
	if !forward {
		slices.Reverse(rows)
	}
	page.Entries = rows
	if forward {
		page.Older, page.Newer = beyond, f.Before != 0
	} else {
		page.Older, page.Newer = true, beyond
	}
	if len(rows) > 0 {
		// The side the page was not read towards: one indexed look-up.
		if forward && f.Before != 0 {
			page.Newer, err = f.exists(ctx, db, "id > ?", rows[0].ID)
		} else if !forward {
			page.Older, err = f.exists(ctx, db, "id < ?", rows[len(rows)-1].ID)
		}
	}
	return page, err
}

func (f Filter) exists(ctx context.Context, db *gorm.DB, cond string, id uint) (bool, error) {
	var ids []uint
	err := f.where(db.WithContext(ctx).Model(&models.AuditLog{})).Where(cond, id).Limit(1).Pluck("id", &ids).Error
	if err != nil {
		return false, fmt.Errorf("read the audit log: %w", err)
	}
	return len(ids) > 0, nil
}

func (f Filter) where(q *gorm.DB) *gorm.DB {
	if a := strings.TrimSpace(f.Actor); a != "" {
		q = q.Where(`LOWER(actor) LIKE ? ESCAPE '\'`, "%"+escapeLike(strings.ToLower(a))+"%")
	}
	if p := strings.TrimSpace(f.ActionPrefix); p != "" {
		q = q.Where(`action LIKE ? ESCAPE '\'`, escapeLike(p)+"%")
	}
	if e := strings.TrimSpace(f.Entity); e != "" {
		q = q.Where("entity = ?", e)
	}
	if id := strings.TrimSpace(f.EntityID); id != "" {
		q = q.Where("entity_id = ?", id)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.UTC())
	}
	return q
}

// escapeLike makes s match itself in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Get returns one entry, or gorm.ErrRecordNotFound.
func Get(ctx context.Context, db *gorm.DB, id uint) (models.AuditLog, error) {
	var e models.AuditLog
	err := db.WithContext(ctx).Take(&e, id).Error
	return e, err
}

// Package casequery reads case lists from SQL for the API and the
// back-office, so that both show the same rows under the same access rules.
package casequery

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Scope limits what a caller may see: a partner sees only its delegated cases.
type Scope struct {
	PartnerOnly bool
	PartnerID   uint
}

// Filter selects cases.
type Filter struct {
	InvoiceNumber string
	Status        string
	Phase         string
	Scope         Scope
	Limit, Offset int
	// After continues a list after the row a cursor names (keyset paging:
	// stable while cases change, and cheap at any depth).
	After *Cursor
}

// Cursor names a position in the list, which is ordered by due date then ID.
type Cursor struct {
	DueDate civil.Date
	ID      uint
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%s/%d", c.DueDate, c.ID)))
}

// ParseCursor reads a cursor from String.
func ParseCursor(s string) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, fmt.Errorf("cursor %q is not one this API gave", s)
	}
	due, id, ok := strings.Cut(string(b), "/")
	d, derr := civil.Parse(due)
	n, nerr := strconv.ParseUint(id, 10, 64)
	if !ok || derr != nil || nerr != nil {
		return Cursor{}, fmt.Errorf("cursor %q is not one this API gave", s)
	}
	return Cursor{DueDate: d, ID: uint(n)}, nil
}

// Next is the cursor after the last row of a full page, or nil when the
// page was the last one.
func Next(rows []Row, limit int) *Cursor {
	if len(rows) == 0 || len(rows) < limit {
		return nil
	}
	last := rows[len(rows)-1]
	return &Cursor{DueDate: last.DueDate, ID: last.ID}
}

// Row is a case as lists show it.
type Row struct {
	ID             uint       `json:"id"`
	WorkflowID     string     `json:"workflow_id"`
	InvoiceID      uint       `json:"invoice_id"`
	InvoiceNumber  string     `json:"invoice_number"`
	DueDate        civil.Date `json:"due_date"`
	DebtorID       uint       `json:"debtor_id"`
	DebtorName     string     `json:"debtor_name"`
	Phase          string     `json:"phase"`
	Level          int        `json:"level"`
	Status         string     `json:"status"`
	BalanceCents   int64      `json:"balance_cents"`
	Currency       string     `json:"currency"`
	NextAction     string     `json:"next_action,omitempty"`
	NextActionDate civil.Date `json:"next_action_date"`
	PartnerID      *uint      `json:"partner_id,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

const columns = `cases.id, cases.workflow_id, cases.invoice_id, invoices.number AS invoice_number,
	invoices.due_date, cases.debtor_id, debtors.name AS debtor_name, cases.phase, cases.level,
	cases.status, cases.balance_cents, cases.currency, cases.next_action, cases.next_action_date,
	cases.partner_id, cases.updated_at`

func base(ctx context.Context, db *gorm.DB, s Scope) *gorm.DB {
	q := db.WithContext(ctx).Table("cases").Select(columns).
		Joins("JOIN invoices ON invoices.id = cases.invoice_id").
		Joins("JOIN debtors ON debtors.id = cases.debtor_id")
	if s.PartnerOnly {
		q = q.Where("cases.partner_id = ?", s.PartnerID)
	}
	return q
}

// List returns the cases matching f, oldest due date first.
func List(ctx context.Context, db *gorm.DB, f Filter) ([]Row, error) {
	q := base(ctx, db, f.Scope)
	if f.InvoiceNumber != "" {
		q = q.Where("invoices.number = ?", f.InvoiceNumber)
	}
	if f.Status != "" {
		q = q.Where("cases.status = ?", f.Status)
	}
	if f.Phase != "" {
		q = q.Where("cases.phase = ?", f.Phase)
	}
	if f.After != nil {
		q = q.Where("(invoices.due_date > ? OR (invoices.due_date = ? AND cases.id > ?))", f.After.DueDate, f.After.DueDate, f.After.ID)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	rows := []Row{}
	err := q.Order("invoices.due_date, cases.id").Limit(f.Limit).Offset(f.Offset).Scan(&rows).Error
	return rows, err
}

// Get returns one case in scope, or gorm.ErrRecordNotFound.
func Get(ctx context.Context, db *gorm.DB, id uint, s Scope) (Row, error) {
	var r Row
	res := base(ctx, db, s).Where("cases.id = ?", id).Limit(1).Scan(&r)
	if res.Error != nil {
		return r, res.Error
	}
	if res.RowsAffected == 0 {
		return r, gorm.ErrRecordNotFound
	}
	return r, nil
}

// ScopeOf is what user u may see: everything for staff, only the cases
// delegated to its own organisation for a partner.
func ScopeOf(u models.User) Scope {
	if u.Role != models.RolePartner {
		return Scope{}
	}
	s := Scope{PartnerOnly: true}
	if u.PartnerID != nil {
		s.PartnerID = *u.PartnerID
	}
	return s
}

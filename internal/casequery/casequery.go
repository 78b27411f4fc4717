// Package casequery reads case lists from SQL for the API and the
// back-office, so that both show the same rows under the same access rules:
// one filter, one sort, one keyset cursor, whatever language the URL speaks.
package casequery

import (
	"context"
	"fmt"
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
	AssigneeID     *uint      `json:"assignee_id,omitempty"`
	AssigneeName   string     `json:"assignee_name,omitempty"` // the user's name, or its email when it has none
	PartnerID      *uint      `json:"partner_id,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

const columns = `cases.id, cases.workflow_id, cases.invoice_id, invoices.number AS invoice_number,
	invoices.due_date, cases.debtor_id, debtors.name AS debtor_name, cases.phase, cases.level,
	cases.status, cases.balance_cents, cases.currency, cases.next_action, cases.next_action_date,
	cases.partner_id, cases.updated_at, `

// columnsIn are the columns of a row in scope s: a partner does not learn
// who runs its cases in-house.
func columnsIn(s Scope) string {
	if s.PartnerOnly {
		return columns + "NULL AS assignee_id, '' AS assignee_name"
	}
	return columns + "cases.assignee_id, COALESCE(NULLIF(assignees.name, ''), assignees.email, '') AS assignee_name"
}

// base is every case in scope s, with its invoice, debtor and assignee joined.
func base(ctx context.Context, db *gorm.DB, s Scope) *gorm.DB {
	q := db.WithContext(ctx).Table("cases").
		Joins("JOIN invoices ON invoices.id = cases.invoice_id").
		Joins("JOIN debtors ON debtors.id = cases.debtor_id").
		Joins("LEFT JOIN users assignees ON assignees.id = cases.assignee_id")
	if s.PartnerOnly {
		q = q.Where("cases.partner_id = ?", s.PartnerID)
	}
	return q
}

// matching is the cases f selects in its scope, after its cursor if any,
// in f's order, without a limit.
func matching(ctx context.Context, db *gorm.DB, f Filter) (*gorm.DB, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q := f.where(base(ctx, db, f.Scope))
	if f.After != nil {
		q = f.After.where(q)
	}
	return q.Select(columnsIn(f.Scope)).Order(f.order()), nil
}

// List returns the page of cases f selects (f.Limit rows after f.After,
// skipping f.Offset) and the cursor of the next page, nil on the last one.
func List(ctx context.Context, db *gorm.DB, f Filter) ([]Row, *Cursor, error) {
	q, err := matching(ctx, db, f)
	if err != nil {
		return nil, nil, err
	}
	limit := f.limit()
	rows := []Row{}
	// One row more than the page tells whether another page follows.
	if err := q.Limit(limit + 1).Offset(f.Offset).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("list cases: %w", err)
	}
	if len(rows) <= limit {
		return rows, nil, nil
	}
	rows = rows[:limit]
	next := f.cursorAt(rows[limit-1])
	return rows, &next, nil
}

// CountUpTo counts the cases f selects, ignoring its paging, but stops at
// limit+1: a broad filter on a large book costs no full count.
func CountUpTo(ctx context.Context, db *gorm.DB, f Filter, limit int) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	capped := f.where(base(ctx, db, f.Scope)).Select("cases.id").Limit(limit + 1)
	var n int64
	if err := db.WithContext(ctx).Table("(?) AS matching", capped).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}

// Each calls fn for every case f selects, in f's order and ignoring its
// paging, reading rows one at a time (for the CSV export of large lists).
func Each(ctx context.Context, db *gorm.DB, f Filter, fn func(Row) error) error {
	f.After, f.Offset = nil, 0
	q, err := matching(ctx, db, f)
	if err != nil {
		return err
	}
	rows, err := q.Rows()
	if err != nil {
		return fmt.Errorf("export cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Row
		if err := db.ScanRows(rows, &r); err != nil {
			return fmt.Errorf("export cases: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Get returns one case in scope, or gorm.ErrRecordNotFound.
func Get(ctx context.Context, db *gorm.DB, id uint, s Scope) (Row, error) {
	var r Row
	res := base(ctx, db, s).Select(columnsIn(s)).Where("cases.id = ?", id).Limit(1).Scan(&r)
	if res.Error != nil {
		return r, res.Error
	}
	if res.RowsAffected == 0 {
		return r, gorm.ErrRecordNotFound
	}
	return r, nil
}

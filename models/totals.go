package models

import "github.com/recouvra/recouvra/internal/civil"

// The dashboard's largest figures (aging balance, sales of the DSO window,
// open cases by phase and level) sum hundreds of thousands of rows on a book
// of a million invoices. Database triggers keep running totals of them
// instead, per creditor, account manager (the debtor's) and day (or phase
// and level), so the dashboard sums a few thousand rows whatever the size of
// the book and whichever filter is chosen.
//
// Triggers only ever insert: every change of a counted row appends a delta
// (−1 and its amount for the row as it was, +1 for the row as it is). No
// writer waits for another on a shared counter row, so a long import and the
// workflows' case mirror never block each other. Reading sums the deltas;
// dashboard.Compact folds them into one row per key now and then.
//
// The totals are kept by the database itself, so every writer (imports,
// lettrage, the case mirror, a manual SQL fix) is counted alike. A debtor
// given to another account manager moves its rows' totals to the new one.

// RunningTotal is what every running total holds besides its keys. Its rows are
// deltas until folded: a key's figures are the sums of its rows.
type RunningTotal struct {
	ID         uint  `gorm:"primaryKey"`
	CreditorID uint  `gorm:"not null;index"`
	ManagerID  uint  `gorm:"column:account_manager_id;not null"` // 0: the debtor has none
	N          int64 `gorm:"not null"`
	Cents      int64 `gorm:"not null"`
}

// OpenInvoiceTotal is the count and outstanding of open invoices per due date.
type OpenInvoiceTotal struct {
	RunningTotal
	DueDate civil.Date `gorm:"not null;index"`
}

// IssuedInvoiceTotal is the count and total amount of invoices per issue date.
type IssuedInvoiceTotal struct {
	RunningTotal
	IssueDate civil.Date `gorm:"not null;index"`
}

// OpenCaseTotal is the count and balance of open cases per phase and level.
type OpenCaseTotal struct {
	RunningTotal
	Phase string `gorm:"size:32;not null"`
	Level int    `gorm:"not null"`
}

// Totals describes one running total: which rows of Source it counts (those
// of Status, or all when Status is empty), by which columns besides
// creditor_id and the debtor's account_manager_id (Keys, named alike in
// Source and Table) and which amount it sums (Cents). Source has
// creditor_id and debtor_id columns.
type Totals struct {
	Table  string
	Source string
	Keys   []string
	Status string
	Cents  string
}

// DashboardTotals are the running totals the dashboard reads.
var DashboardTotals = []Totals{
	{Table: "open_invoice_totals", Source: "invoices", Keys: []string{"due_date"}, Status: "open", Cents: "outstanding_cents"},
	{Table: "issued_invoice_totals", Source: "invoices", Keys: []string{"issue_date"}, Cents: "total_cents"},
	{Table: "open_case_totals", Source: "cases", Keys: []string{"phase", "level"}, Status: "open", Cents: "balance_cents"},
}

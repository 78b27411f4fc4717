package dashboard

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestTotalsFollowEveryWrite changes the book the ways the product does
// (payments, closures, new batches, moved due dates, deletions, a phase
// change) and checks after each change that the dashboard read from the
// running totals equals the one summed from the rows, and that the totals
// equal a recount from scratch.
func TestTotalsFollowEveryWrite(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			bk := seed(t, db)
			exec := func(q string, args ...any) {
				t.Helper()
				if err := db.Exec(q, args...).Error; err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			var debtor models.Debtor
			if err := db.Where("creditor_id = ?", bk.creditorB).First(&debtor).Error; err != nil {
				t.Fatal(err)
			}
			changes := []struct {
				name string
				do   func()
			}{
				{"seeded", func() {}},
				{"a partial payment", func() { exec("UPDATE invoices SET outstanding_cents = outstanding_cents - 1234 WHERE number = 'F1'") }},
				{"an invoice paid", func() { exec("UPDATE invoices SET outstanding_cents = 0, status = 'paid' WHERE number = 'F2'") }},
				{"a change no total watches", func() { exec("UPDATE invoices SET updated_at = updated_at") }},
				{"a batch of new invoices in one statement", func() {
					var batch []models.Invoice
					for i := range 50 {
						batch = append(batch, models.Invoice{CreditorID: bk.creditorB, DebtorID: debtor.ID, Number: fmt.Sprintf("B%d", i),
							IssueDate: today.AddDays(-i * 3), DueDate: today.AddDays(30 - i*3), TotalCents: int64(1000 + i),
							NetCents: int64(1000 + i), Currency: "EUR", OutstandingCents: int64(1000 + i), Status: models.InvoiceOpen})
					}
					if err := db.CreateInBatches(batch, 20).Error; err != nil {
						t.Fatal(err)
					}
				}},
				{"due dates moved", func() { exec("UPDATE invoices SET due_date = issue_date WHERE number LIKE 'B1%'") }},
				{"a bulk payment run", func() {
					exec("UPDATE invoices SET outstanding_cents = 0, status = 'paid' WHERE number LIKE 'B%' AND total_cents % 3 = 0")
				}},
				{"an invoice reopened", func() { exec("UPDATE invoices SET outstanding_cents = 500, status = 'open' WHERE number = 'F7'") }},
				{"invoices deleted", func() { exec("DELETE FROM invoices WHERE number LIKE 'B2%'") }},
				{"an invoice replaced (SQLite) or upserted (PostgreSQL)", func() {
					q := "INSERT OR REPLACE INTO invoices SELECT * FROM invoices WHERE number = 'B30'"
					if name == "postgres" {
						q = "INSERT INTO invoices SELECT * FROM invoices WHERE number = 'B30' ON CONFLICT (id) DO UPDATE SET outstanding_cents = excluded.outstanding_cents + 1"
					}
					exec(q)
				}},
				{"a case escalated", func() { exec("UPDATE cases SET phase = 'litigation', level = 4 WHERE workflow_id = 'F1'") }},
				{"a case closed", func() { exec("UPDATE cases SET status = 'paid', balance_cents = 0 WHERE workflow_id = 'F5'") }},
				{"a balance changed", func() { exec("UPDATE cases SET balance_cents = balance_cents - 100 WHERE status = 'open'") }},
				{"a debtor given to the account manager", func() { exec("UPDATE debtors SET account_manager_id = ? WHERE id = ?", bk.manager, debtor.ID) }},
				{"an invoice moved to another debtor", func() {
					exec("UPDATE invoices SET debtor_id = (SELECT id FROM debtors WHERE reference = '3') WHERE number = 'F0'")
				}},
				{"a debtor left without account manager", func() { exec("UPDATE debtors SET account_manager_id = NULL WHERE reference = '1'") }},
				{"a debtor's other columns changed", func() { exec("UPDATE debtors SET name = name || ' SA'") }},
			}
			for _, ch := range changes {
				ch.do()
				filters := []Filter{{}, {CreditorID: bk.creditorA}, {CreditorID: bk.creditorB},
					{AccountManagerID: bk.manager}, {CreditorID: bk.creditorB, AccountManagerID: bk.manager}}
				for _, f := range filters {
					fromTotals, err := Compute(t.Context(), db, f, today)
					if err != nil {
						t.Fatal(err)
					}
					ref := f
					ref.scanRows = true
					fromRows, err := Compute(t.Context(), db, ref, today)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(fromTotals, fromRows) {
						t.Errorf("after %s, filter %+v:\nfrom totals %+v\nfrom rows   %+v", ch.name, f, fromTotals, fromRows)
					}
				}
				kept := totalsByKey(t, db)
				if err := db.Transaction(models.RebuildTotals); err != nil {
					t.Fatal(err)
				}
				if recounted := totalsByKey(t, db); recounted != kept {
					t.Errorf("after %s, the totals kept by the triggers differ from a recount:\nkept      %s\nrecounted %s", ch.name, kept, recounted)
				}
			}
		})
	}
}

// TestTotalsWhileADebtorChangesManager runs, on PostgreSQL, an invoice
// write and a change of its debtor's account manager at the same time, each
// order of the two, and checks that the invoice is counted under the new
// manager: the second transaction waits for the first (the triggers
// share-lock the debtors) instead of reading a manager about to change.
func TestTotalsWhileADebtorChangesManager(t *testing.T) {
	orders := []struct {
		name          string
		first, second string
	}{
		{"manager changed first", "manager", "invoice"},
		{"invoice written first", "invoice", "manager"},
	}
	for _, o := range orders {
		t.Run(o.name, func(t *testing.T) {
			db, _ := testenv.Postgres(t)
			bk := seed(t, db)
			var d models.Debtor
			if err := db.Where("reference = '3'").First(&d).Error; err != nil {
				t.Fatal(err)
			}
			stmts := map[string]func(tx *gorm.DB) error{
				"manager": func(tx *gorm.DB) error {
					return tx.Exec("UPDATE debtors SET account_manager_id = ? WHERE id = ?", bk.manager, d.ID).Error
				},
				"invoice": func(tx *gorm.DB) error {
					return tx.Create(&models.Invoice{CreditorID: d.CreditorID, DebtorID: d.ID, Number: "RACE", IssueDate: today,
						DueDate: today.AddDays(30), TotalCents: 777, NetCents: 777, Currency: "EUR", OutstandingCents: 777, Status: models.InvoiceOpen}).Error
				},
			}
			first := db.Begin()
			if err := stmts[o.first](first); err != nil {
				t.Fatal(err)
			}
			done := make(chan error)
			go func() { done <- stmts[o.second](db) }()
			waitForALockWait(t, db)
			if err := first.Commit().Error; err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			f := Filter{AccountManagerID: bk.manager}
			fromTotals, err := Compute(t.Context(), db, f, today)
			if err != nil {
				t.Fatal(err)
			}
			f.scanRows = true
			fromRows, err := Compute(t.Context(), db, f, today)
			if err != nil {
				t.Fatal(err)
			}
			if fromTotals.ReceivablesCents != fromRows.ReceivablesCents || fromTotals.SalesCents != fromRows.SalesCents {
				t.Errorf("manager's receivables %d, sales %d from the totals; %d, %d from the rows",
					fromTotals.ReceivablesCents, fromTotals.SalesCents, fromRows.ReceivablesCents, fromRows.SalesCents)
			}
		})
	}
}

// waitForALockWait returns once a session of the test database waits for a
// row lock: the second transaction has reached the first one's lock.
func waitForALockWait(t *testing.T, db *gorm.DB) {
	t.Helper()
	for range 500 {
		var n int64
		q := "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
		if err := db.Raw(q).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the second transaction never waited for the first: the triggers do not lock the debtor")
}

// TestCompactTotalsKeepsTheSums folds the deltas and checks that the sums
// are unchanged, that one row per key is left and that folding only starts
// past its threshold.
func TestCompactTotalsKeepsTheSums(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			seed(t, db)
			for range 5 {
				if err := db.Exec("UPDATE invoices SET outstanding_cents = outstanding_cents - 1 WHERE status = 'open'").Error; err != nil {
					t.Fatal(err)
				}
			}
			before, rows := totalsByKey(t, db), countRows(t, db, "open_invoice_totals")
			if err := models.CompactTotals(db, rows); err != nil {
				t.Fatal(err)
			}
			if n := countRows(t, db, "open_invoice_totals"); n != rows {
				t.Errorf("below the threshold: %d rows, want the %d left as they were", n, rows)
			}
			if err := models.CompactTotals(db, 0); err != nil {
				t.Fatal(err)
			}
			if after := totalsByKey(t, db); after != before {
				t.Errorf("compaction changed the sums:\nbefore %s\nafter  %s", before, after)
			}
			var keys int64
			if err := db.Raw("SELECT COUNT(DISTINCT due_date) FROM invoices WHERE status = 'open'").Scan(&keys).Error; err != nil {
				t.Fatal(err)
			}
			if n := countRows(t, db, "open_invoice_totals"); n != keys {
				t.Errorf("after compaction: %d rows, want one per open due date (%d)", n, keys)
			}
		})
	}
}

// totalsByKey writes every running total summed per key, in key order.
func totalsByKey(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var b strings.Builder
	for _, tot := range models.DashboardTotals {
		keys := "creditor_id, " + strings.Join(tot.Keys, ", ")
		var rows []map[string]any
		q := fmt.Sprintf("SELECT %s, CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(cents) AS BIGINT) AS cents FROM %s GROUP BY %s HAVING SUM(n) <> 0 OR SUM(cents) <> 0 ORDER BY %s",
			keys, tot.Table, keys, keys)
		if err := db.Raw(q).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s: ", tot.Table)
		for _, r := range rows {
			for _, k := range append(append([]string{"creditor_id"}, tot.Keys...), "n", "cents") {
				fmt.Fprintf(&b, "%v ", r[k])
			}
			b.WriteString("| ")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func countRows(t *testing.T, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTotalsDoNotBlockDebtorUpdates: two transactions each update a debtor
// (a note, a blocked flag: what imports and the back-office do) and then
// write an invoice of the other's debtor. The triggers' lock on the debtors
// must not conflict with such updates, or the two would deadlock.
func TestTotalsDoNotBlockDebtorUpdates(t *testing.T) {
	db, _ := testenv.Postgres(t)
	bk := seed(t, db)
	var a, b models.Debtor
	if err := db.Where("reference = '1'").First(&a).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Where("reference = '3'").First(&b).Error; err != nil {
		t.Fatal(err)
	}
	begin := func(d models.Debtor) *gorm.DB {
		tx := db.Begin()
		if err := tx.Exec("SET LOCAL lock_timeout = '3s'").Error; err != nil {
			t.Fatal(err)
		}
		if err := tx.Exec("UPDATE debtors SET notes = 'vu' WHERE id = ?", d.ID).Error; err != nil {
			t.Fatal(err)
		}
		return tx
	}
	invoice := func(tx *gorm.DB, d models.Debtor, number string) {
		t.Helper()
		err := tx.Create(&models.Invoice{CreditorID: bk.creditorA, DebtorID: d.ID, Number: number, IssueDate: today,
			DueDate: today.AddDays(30), TotalCents: 100, NetCents: 100, Currency: "EUR", OutstandingCents: 100, Status: models.InvoiceOpen}).Error
		if err != nil {
			t.Fatalf("invoice %s of a debtor another transaction updated: %v", number, err)
		}
	}
	t1, t2 := begin(a), begin(b)
	invoice(t1, b, "CROSS-1")
	invoice(t2, a, "CROSS-2")
	if err := t1.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if err := t2.Commit().Error; err != nil {
		t.Fatal(err)
	}
}

// TestTruncateEmptiesTheTotals: a TRUNCATE (a test reset, a restore) leaves
// no totals behind on PostgreSQL.
func TestTruncateEmptiesTheTotals(t *testing.T) {
	db, _ := testenv.Postgres(t)
	seed(t, db)
	if err := db.Exec("TRUNCATE invoices, cases CASCADE").Error; err != nil {
		t.Fatal(err)
	}
	for _, tot := range models.DashboardTotals {
		if n := countRows(t, db, tot.Table); n != 0 {
			t.Errorf("%s: %d rows after TRUNCATE, want none", tot.Table, n)
		}
	}
}

// TestFoldsAndRecountsTakeTurns on PostgreSQL: a fold finding another under
// way skips the table (two DELETEs could deadlock), and a recount waits for
// a fold to commit instead of counting its rows twice.
func TestFoldsAndRecountsTakeTurns(t *testing.T) {
	db, _ := testenv.Postgres(t)
	seed(t, db)
	if err := db.Exec("UPDATE invoices SET outstanding_cents = outstanding_cents - 1 WHERE status = 'open'").Error; err != nil {
		t.Fatal(err)
	}
	rows := countRows(t, db, "open_invoice_totals")

	other := db.Begin()
	if err := other.Exec("SELECT pg_advisory_xact_lock(?, CAST(CAST('open_invoice_totals' AS regclass) AS oid)::int)", 0x52435654).Error; err != nil {
		t.Fatal(err)
	}
	if err := models.CompactTotals(db, 0); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "open_invoice_totals"); n != rows {
		t.Errorf("folded while another fold held the table: %d rows, want the %d left alone", n, rows)
	}
	other.Rollback()

	fold := db.Begin()
	if err := models.CompactTotals(fold, 0); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- db.Transaction(models.RebuildTotals) }()
	waitForALockWait(t, db)
	if err := fold.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	kept := totalsByKey(t, db)
	if err := db.Transaction(models.RebuildTotals); err != nil {
		t.Fatal(err)
	}
	if recounted := totalsByKey(t, db); recounted != kept {
		t.Errorf("a recount racing a fold left\n%s\nwhere a quiet recount gives\n%s", kept, recounted)
	}
}

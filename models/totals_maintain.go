package models

import (
	"fmt"

	"gorm.io/gorm"
)

// RebuildTotals recomputes every running total from the rows it counts. On
// PostgreSQL it first locks the counted tables and the debtors against
// writes (reads go on),
// so that no delta lands between the recount and the commit; call it inside
// a transaction.
func RebuildTotals(tx *gorm.DB) error {
	if tx.Dialector.Name() == "postgres" {
		for _, src := range append(sources(DashboardTotals), "debtors") {
			if err := tx.Exec("LOCK TABLE " + src + " IN SHARE MODE").Error; err != nil {
				return fmt.Errorf("lock %s: %w", src, err)
			}
		}
		// A fold running meanwhile would insert rows the recount cannot see
		// and count them twice: folds wait until the recount commits.
		for _, t := range DashboardTotals {
			if err := tx.Exec("LOCK TABLE " + t.Table + " IN EXCLUSIVE MODE").Error; err != nil {
				return fmt.Errorf("lock %s: %w", t.Table, err)
			}
		}
	}
	for _, t := range DashboardTotals {
		for _, q := range t.rebuildSQL() {
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("rebuild %s: %w", t.Table, err)
			}
		}
	}
	return nil
}

// CompactTotals folds the deltas of each running total into one row per key
// once the table has grown by more than over rows (read from the span of its
// ids, which costs nothing). Reading stays proportional to the number of
// keys, not to the number of changes since the last fold.
//
// On PostgreSQL the fold is one statement deleting the rows it sums, so a
// delta committed meanwhile is either folded or left as is, never lost nor
// counted twice. One fold of a table runs at a time (an advisory lock): two
// DELETEs scanning from different pages could deadlock, so a fold finding
// another under way skips the table. SQLite has one writer at a time, so a
// transaction is enough there.
func CompactTotals(db *gorm.DB, over int64) error {
	for _, t := range DashboardTotals {
		var span int64
		if err := db.Raw("SELECT COALESCE(MAX(id) - MIN(id), 0) FROM " + t.Table).Scan(&span).Error; err != nil {
			return fmt.Errorf("size of %s: %w", t.Table, err)
		}
		if span <= over {
			continue
		}
		if err := compact(db, t); err != nil {
			return fmt.Errorf("compact %s: %w", t.Table, err)
		}
	}
	return nil
}

// foldLockSpace is the first key of the folds' advisory locks (the second
// is the table's oid), chosen not to meet another lock of the application.
const foldLockSpace = 0x52435654 // "RCVT"

func compact(db *gorm.DB, t Totals) error {
	if db.Dialector.Name() == "postgres" {
		return db.Transaction(func(tx *gorm.DB) error {
			var mine bool
			q := "SELECT pg_try_advisory_xact_lock(?, CAST(CAST(? AS regclass) AS oid)::int)"
			if err := tx.Raw(q, foldLockSpace, t.Table).Scan(&mine).Error; err != nil || !mine {
				return err
			}
			return tx.Exec(fmt.Sprintf("WITH gone AS (DELETE FROM %s RETURNING %s, n, cents) %s",
				t.Table, t.columns(), t.foldSQL("gone"))).Error
		})
	}
	return db.Transaction(func(tx *gorm.DB) error {
		var upto int64
		if err := tx.Raw("SELECT COALESCE(MAX(id), 0) FROM " + t.Table).Scan(&upto).Error; err != nil {
			return err
		}
		from := fmt.Sprintf("(SELECT * FROM %s WHERE id <= %d)", t.Table, upto)
		if err := tx.Exec(t.foldSQL(from)).Error; err != nil {
			return err
		}
		return tx.Exec(fmt.Sprintf("DELETE FROM %s WHERE id <= %d", t.Table, upto)).Error
	})
}

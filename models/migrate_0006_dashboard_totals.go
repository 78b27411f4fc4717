package models

import "gorm.io/gorm"

func init() {
	register(Migration{6, "dashboard running totals kept by triggers", func(tx *gorm.DB) error {
		if err := createTables(&OpenInvoiceTotal{}, &IssuedInvoiceTotal{}, &OpenCaseTotal{})(tx); err != nil {
			return err
		}
		// The dashboard filtered by account manager reads the manager's
		// debtors; the debtors' trigger reads a debtor's invoices and cases
		// (debtor_id is indexed on both already).
		stmts := []string{"CREATE INDEX IF NOT EXISTS ix_debtors_account_manager ON debtors (account_manager_id)"}
		if tx.Dialector.Name() == "postgres" {
			stmts = append(stmts, postgresTriggers(DashboardTotals)...)
		} else {
			stmts = append(stmts, sqliteTriggers(DashboardTotals)...)
		}
		for _, q := range stmts {
			if err := tx.Exec(q).Error; err != nil {
				return err
			}
		}
		return RebuildTotals(tx)
	}})
}

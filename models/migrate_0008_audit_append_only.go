package models

import (
	"fmt"

	"gorm.io/gorm"
)

// ErrAuditAppendOnly is the message the database raises when a statement
// tries to change or remove audit entries: the log is evidence, and
// evidence that the application (or a compromised session of it) could
// rewrite would prove nothing.
const ErrAuditAppendOnly = "audit_logs is append-only: entries are never updated or deleted"

// auditAppendOnly makes the database itself refuse UPDATE and DELETE on
// audit_logs, and TRUNCATE on PostgreSQL (SQLite has none: its DELETE
// without WHERE fires the row trigger). PostgreSQL checks per statement, so
// even a statement matching no entry is refused; SQLite has row triggers
// only. Inserting is untouched.
var auditAppendOnly = map[string][]string{
	"postgres": {
		`CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '` + ErrAuditAppendOnly + ` (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`,
		`DROP TRIGGER IF EXISTS audit_logs_append_only ON audit_logs`,
		`CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_logs
	FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only()`,
	},
	"sqlite": {
		`CREATE TRIGGER IF NOT EXISTS audit_logs_no_update BEFORE UPDATE ON audit_logs
BEGIN SELECT RAISE(ABORT, '` + ErrAuditAppendOnly + ` (UPDATE refused)'); END`,
		`CREATE TRIGGER IF NOT EXISTS audit_logs_no_delete BEFORE DELETE ON audit_logs
BEGIN SELECT RAISE(ABORT, '` + ErrAuditAppendOnly + ` (DELETE refused)'); END`,
	},
}

func init() {
	register(Migration{8, "audit log append-only, and its look-up by record", func(tx *gorm.DB) error {
		triggers, ok := auditAppendOnly[tx.Dialector.Name()]
		if !ok {
			return fmt.Errorf("no append-only triggers for database %q", tx.Dialector.Name())
		}
		// The admin page reads one record's history newest first.
		stmts := append([]string{"CREATE INDEX IF NOT EXISTS ix_audit_logs_entity ON audit_logs (entity, entity_id, id)"}, triggers...)
		for _, q := range stmts {
			if err := tx.Exec(q).Error; err != nil {
				return err
			}
		}
		return nil
	}})
}

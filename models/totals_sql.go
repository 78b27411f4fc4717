package models

import (
	"fmt"
	"slices"
	"strings"
)

// The SQL of the running totals is written from their Totals description, so
// that the triggers of both databases, the rebuild and the compaction cannot
// disagree on what is counted.

// columns are the key columns of the totals table.
func (t Totals) columns() string {
	return strings.Join(append([]string{"creditor_id", "account_manager_id"}, t.Keys...), ", ")
}

// groupBy groups by the key columns of a SELECT listing them first.
func (t Totals) groupBy() string {
	n := make([]string, 2+len(t.Keys))
	for i := range n {
		n[i] = fmt.Sprint(i + 1)
	}
	return "GROUP BY " + strings.Join(n, ", ")
}

// keysOf selects the key columns of a row of Source aliased alias, whose
// account manager is manager.
func (t Totals) keysOf(alias, manager string) string {
	cols := []string{alias + ".creditor_id", manager}
	for _, k := range t.Keys {
		cols = append(cols, alias+"."+k)
	}
	return strings.Join(cols, ", ")
}

// when is the condition a row of Source, aliased alias, must meet to count.
func (t Totals) when(alias string) string {
	if t.Status == "" {
		return "1 = 1"
	}
	return fmt.Sprintf("%s.status = '%s'", alias, t.Status)
}

// watched are the columns of Source whose change moves the total.
func (t Totals) watched() []string {
	cols := append([]string{"creditor_id", "debtor_id"}, t.Keys...)
	cols = append(cols, t.Cents)
	if t.Status != "" {
		cols = append(cols, "status")
	}
	return cols
}

// insert is the head of every statement adding rows to the table.
func (t Totals) insert() string {
	return fmt.Sprintf("INSERT INTO %s (%s, n, cents) ", t.Table, t.columns())
}

// rebuildSQL recomputes the table from Source.
func (t Totals) rebuildSQL() []string {
	return []string{
		"DELETE FROM " + t.Table,
		t.insert() + fmt.Sprintf("SELECT %s, COUNT(*), SUM(r.%s) FROM %s r LEFT JOIN debtors d ON d.id = r.debtor_id WHERE %s %s",
			t.keysOf("r", "COALESCE(d.account_manager_id, 0)"), t.Cents, t.Source, t.when("r"), t.groupBy()),
	}
}

// foldSQL inserts the rows of from summed into one row per key, dropping the
// keys whose sums are nil.
func (t Totals) foldSQL(from string) string {
	return t.insert() + fmt.Sprintf("SELECT %s, SUM(n), SUM(cents) FROM %s %s HAVING SUM(n) <> 0 OR SUM(cents) <> 0",
		t.columns(), from, t.groupBy())
}

// managerMoveSQL moves the totals of the rows of debtor NEW.id from its old
// account manager to its new one (in a row trigger on debtors).
func (t Totals) managerMoveSQL() string {
	return t.insert() + fmt.Sprintf(`SELECT %s, SUM(m.sign), SUM(m.sign * r.%s) FROM %s r
CROSS JOIN (SELECT COALESCE(OLD.account_manager_id, 0) AS manager, -1 AS sign UNION ALL SELECT COALESCE(NEW.account_manager_id, 0), 1) m
WHERE r.debtor_id = NEW.id AND %s %s;
`, t.keysOf("r", "m.manager"), t.Cents, t.Source, t.when("r"), t.groupBy())
}

// sources lists the tables the totals count, each once.
func sources(all []Totals) []string {
	var out []string
	for _, t := range all {
		if !slices.Contains(out, t.Source) {
			out = append(out, t.Source)
		}
	}
	return out
}

// of returns the totals counting source.
func of(all []Totals, source string) []Totals {
	var out []Totals
	for _, t := range all {
		if t.Source == source {
			out = append(out, t)
		}
	}
	return out
}

// changed is the condition "a watched column differs between o and n",
// with the dialect's null-safe inequality.
func changed(ts []Totals, o, n, distinct string) string {
	var cols []string
	for _, t := range ts {
		for _, c := range t.watched() {
			if !slices.Contains(cols, c) {
				cols = append(cols, c)
			}
		}
	}
	conds := make([]string, len(cols))
	for i, c := range cols {
		conds[i] = fmt.Sprintf("%s.%s %s %s.%s", o, c, distinct, n, c)
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// managerChanged is the condition of the trigger moving a debtor's totals.
func managerChanged(distinct string) string {
	return "OLD.account_manager_id " + distinct + " NEW.account_manager_id"
}

// postgresTriggers are statement-level triggers with transition tables: one
// INSERT per total and statement, however many rows the statement wrote (an
// import's batch of thousands of invoices appends a few hundred deltas).
//
// Each first key-share-locks the debtors of the rows it counts (an update
// touching no watched column locks nothing), which an ordinary update of a
// debtor does not conflict with. The debtors' trigger, before moving a
// debtor's totals to its new account manager, locks the debtor FOR UPDATE,
// which does: a change of manager and a write of one of the debtor's rows
// at the same moment are then ordered. Either the manager's move waits for
// the write to commit and moves its rows too, or the write waits for the
// move to commit and reads the new manager (each statement of a trigger
// function reads a fresh snapshot).
func postgresTriggers(all []Totals) []string {
	var stmts []string
	create := func(name, on, event, body string) {
		stmts = append(stmts,
			fmt.Sprintf("CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n%sRETURN NULL;\nEND $$", name, body),
			fmt.Sprintf("DROP TRIGGER IF EXISTS %s ON %s", name, on),
			fmt.Sprintf("CREATE TRIGGER %s %s EXECUTE FUNCTION %s()", name, event, name))
	}
	for _, src := range sources(all) {
		ts := of(all, src)
		diff := changed(ts, "o", "n", "IS DISTINCT FROM")
		ops := []struct{ op, refs, changes, debtors string }{
			{"insert", "NEW TABLE AS new_rows", "SELECT n.*, 1 AS sign FROM new_rows n", "SELECT debtor_id FROM new_rows"},
			{"delete", "OLD TABLE AS old_rows", "SELECT o.*, -1 AS sign FROM old_rows o", "SELECT debtor_id FROM old_rows"},
			{"update", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
				"SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE " + diff +
					" UNION ALL SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE " + diff,
				"SELECT o.debtor_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE " + diff +
					" UNION SELECT n.debtor_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE " + diff},
		}
		var wipe strings.Builder
		for _, t := range ts {
			fmt.Fprintf(&wipe, "DELETE FROM %s;\n", t.Table)
		}
		create(src+"_totals_truncate", src, fmt.Sprintf("AFTER TRUNCATE ON %s FOR EACH STATEMENT", src), wipe.String())
		for _, op := range ops {
			var body strings.Builder
			fmt.Fprintf(&body, "PERFORM 1 FROM debtors WHERE id IN (%s) ORDER BY id FOR KEY SHARE;\n", op.debtors)
			for _, t := range ts {
				body.WriteString(t.insert() + fmt.Sprintf("SELECT %s, SUM(r.sign), SUM(r.sign * r.%s) FROM (%s) r LEFT JOIN debtors d ON d.id = r.debtor_id WHERE %s %s HAVING SUM(r.sign) <> 0 OR SUM(r.sign * r.%s) <> 0;\n",
					t.keysOf("r", "COALESCE(d.account_manager_id, 0)"), t.Cents, op.changes, t.when("r"), t.groupBy(), t.Cents))
			}
			create(src+"_totals_"+op.op, src, fmt.Sprintf("AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT", strings.ToUpper(op.op), src, op.refs), body.String())
		}
	}
	var move strings.Builder
	move.WriteString("PERFORM 1 FROM debtors WHERE id = NEW.id FOR UPDATE;\n")
	for _, t := range all {
		move.WriteString(t.managerMoveSQL())
	}
	create("debtors_totals_manager", "debtors", "AFTER UPDATE OF account_manager_id ON debtors FOR EACH ROW WHEN ("+managerChanged("IS DISTINCT FROM")+")", move.String())
	return stmts
}

// sqliteTriggers are row-level: SQLite has no statement-level triggers.
func sqliteTriggers(all []Totals) []string {
	var stmts []string
	create := func(name, event, body string) {
		stmts = append(stmts, "DROP TRIGGER IF EXISTS "+name, fmt.Sprintf("CREATE TRIGGER %s %s BEGIN\n%sEND", name, event, body))
	}
	row := func(t Totals, alias, sign string) string {
		manager := fmt.Sprintf("COALESCE((SELECT account_manager_id FROM debtors WHERE id = %s.debtor_id), 0)", alias)
		return t.insert() + fmt.Sprintf("SELECT %s, %s1, %s%s.%s WHERE %s;\n", t.keysOf(alias, manager), sign, sign, alias, t.Cents, t.when(alias))
	}
	for _, src := range sources(all) {
		ts := of(all, src)
		var ins, del, upd strings.Builder
		for _, t := range ts {
			ins.WriteString(row(t, "NEW", ""))
			del.WriteString(row(t, "OLD", "-"))
			upd.WriteString(row(t, "OLD", "-"))
			upd.WriteString(row(t, "NEW", ""))
		}
		create(src+"_totals_insert", "AFTER INSERT ON "+src, ins.String())
		create(src+"_totals_delete", "AFTER DELETE ON "+src, del.String())
		create(src+"_totals_update", "AFTER UPDATE ON "+src+" WHEN "+changed(ts, "OLD", "NEW", "IS NOT"), upd.String())
	}
	var move strings.Builder
	for _, t := range all {
		move.WriteString(t.managerMoveSQL())
	}
	create("debtors_totals_manager", "AFTER UPDATE OF account_manager_id ON debtors WHEN "+managerChanged("IS NOT"), move.String())
	return stmts
}

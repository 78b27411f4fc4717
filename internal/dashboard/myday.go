package dashboard

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
)

// DayLimit bounds each list of "Ma journée": a day's work, not an export.
const DayLimit = 200

// Task is one line of "Ma journée": an outbox entry or a case to look at.
type Task struct {
	OutboxID       uint
	CaseID         uint
	InvoiceNumber  string
	DebtorID       uint
	DebtorName     string
	DebtorPhone    string
	BalanceCents   int64
	Currency       string
	NextAction     string
	NextActionDate civil.Date
	DocumentID     *uint
	CreatedAt      time.Time
}

// Day is what a person has to do today.
type Day struct {
	Today            civil.Date
	Calls            []Task // phone tasks the workflow opened
	Letters          []Task // letters waiting to be printed and posted
	PromisesDue      []Task // promises falling due within PromiseHorizonDays
	Disputes         []Task // open disputes waiting for a decision
	AwaitingDecision []Task // cases waiting for legal staff to approve litigation
}

// PromiseHorizonDays is how far ahead "promises falling due" looks.
const PromiseHorizonDays = 7

const taskColumns = `c.id AS case_id, i.number AS invoice_number, d.id AS debtor_id, d.name AS debtor_name,
	d.phone AS debtor_phone, c.balance_cents, c.currency, c.next_action, c.next_action_date`

// MyDay reads the five lists of "Ma journée" in scope s (a partner sees only
// the cases delegated to it).
func MyDay(ctx context.Context, db *gorm.DB, s casequery.Scope, today civil.Date) (Day, error) {
	day := Day{Today: today}
	db = db.WithContext(ctx)
	scoped := func(q string, args map[string]any) string {
		if s.PartnerOnly {
			args["partner"] = s.PartnerID
			return q + " AND c.partner_id = @partner"
		}
		return q
	}
	from := ` FROM cases c JOIN invoices i ON i.id = c.invoice_id JOIN debtors d ON d.id = c.debtor_id`
	outbox := func(dst *[]Task, channel, status string) error {
		args := map[string]any{"status": status}
		q := "SELECT o.id AS outbox_id, o.document_id, o.created_at, " + taskColumns + " FROM outboxes o JOIN cases c ON c.id = o.case_id" +
			" JOIN invoices i ON i.id = c.invoice_id JOIN debtors d ON d.id = c.debtor_id WHERE o.status = @status"
		if channel != "" {
			q += " AND o.channel = @channel"
			args["channel"] = channel
		}
		q = scoped(q, args) + fmt.Sprintf(" ORDER BY o.created_at, o.id LIMIT %d", DayLimit)
		return raw(db, q, args).Scan(dst).Error
	}
	cases := func(dst *[]Task, cond string, args map[string]any) error {
		q := scoped("SELECT "+taskColumns+from+" WHERE c.status = 'open' AND "+cond, args)
		q += fmt.Sprintf(" ORDER BY c.next_action_date, c.id LIMIT %d", DayLimit)
		return raw(db, q, args).Scan(dst).Error
	}
	steps := []struct {
		what string
		run  func() error
	}{
		{"calls", func() error { return outbox(&day.Calls, "phone_task", "task_open") }},
		{"letters", func() error { return outbox(&day.Letters, "", "to_print") }},
		{"promises", func() error {
			return cases(&day.PromisesDue, "c.next_action = @promise AND c.next_action_date <= @horizon",
				map[string]any{"promise": PromiseNextAction, "horizon": today.AddDays(PromiseHorizonDays)})
		}},
		{"disputes", func() error {
			return cases(&day.Disputes, "c.next_action = @dispute", map[string]any{"dispute": DisputeNextAction})
		}},
		{"awaiting decision", func() error { return cases(&day.AwaitingDecision, AwaitingDecisionSQL, map[string]any{}) }},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			return day, fmt.Errorf("ma journée, %s: %w", st.what, err)
		}
	}
	return day, nil
}

// AwaitingDecisionSQL selects (on cases aliased c) the cases in the
// litigation phase that legal staff have not yet approved: approval starts
// the litigation workflow, whose first act creates the litigation file, and
// a rejection sends the case back to the amicable phase.
const AwaitingDecisionSQL = `c.phase = 'litigation' AND NOT EXISTS (SELECT 1 FROM litigation_files lf WHERE lf.case_id = c.id)`

// LitigationQueue lists the cases waiting for a litigation decision, oldest
// first, with their debtor (for legal staff).
func LitigationQueue(ctx context.Context, db *gorm.DB, limit int) ([]Task, error) {
	var rows []Task
	q := "SELECT " + taskColumns + " FROM cases c JOIN invoices i ON i.id = c.invoice_id JOIN debtors d ON d.id = c.debtor_id" +
		" WHERE c.status = 'open' AND " + AwaitingDecisionSQL + fmt.Sprintf(" ORDER BY c.updated_at, c.id LIMIT %d", limit)
	err := db.WithContext(ctx).Raw(q).Scan(&rows).Error
	return rows, err
}

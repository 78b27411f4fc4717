package app_test

import (
	"strings"
	"testing"

	"go.temporal.io/sdk/client"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/sweep"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// TestDailySweepOpensCasesThatFellDue: an invoice due in 30 days has no case;
// twenty-five days later the sweep opens it and starts its workflow.
func TestDailySweepOpensCasesThatFellDue(t *testing.T) {
	day := civil.MustParse("2026-11-02")
	env := apptest.Start(t, "sqlite", day)
	env.Intake.Today = func() civil.Date { return day }
	total := int64(50000)
	sum, err := env.Intake.Import(t.Context(), []intake.Row{{Row: 1, Input: intake.InvoiceInput{
		Number: "SWEEP-" + testenv.RandomSuffix(), IssueDate: "2026-11-02", DueDate: "2026-12-02", TotalCents: &total,
		Debtor: &intake.DebtorInput{Name: "Client futur", Kind: "civil"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Invoices[0].CaseID != 0 {
		t.Fatalf("a case opened 30 days before the due date: %+v", sum.Invoices[0])
	}
	day = day.AddDays(25) // now 5 days before the due date: inside the 10-day window
	// A payment booked then cancelled leaves more deltas on the invoice's key
	// of the dashboard's totals, until a fold.
	for _, q := range []string{"UPDATE invoices SET outstanding_cents = outstanding_cents - 100", "UPDATE invoices SET outstanding_cents = outstanding_cents + 100"} {
		if err := env.DB.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	if rows, keys := totalsRowsAndKeys(env, models.DashboardTotals[0]); rows <= keys {
		t.Fatalf("%s before the sweep: %d rows for %d keys, want more rows than keys", models.DashboardTotals[0].Table, rows, keys)
	}
	run, err := env.Temporal.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{
		TaskQueue: env.Config.TaskQueue,
	}, sweep.WorkflowName)
	if err != nil {
		t.Fatal(err)
	}
	var started int
	if err := run.Get(t.Context(), &started); err != nil {
		t.Fatal(err)
	}
	if started != 1 {
		t.Errorf("sweep started %d workflows, want 1", started)
	}
	// The sweep folded the dashboard's running totals: one row per key left.
	for _, tot := range models.DashboardTotals {
		if rows, keys := totalsRowsAndKeys(env, tot); rows != keys {
			t.Errorf("%s after the sweep: %d rows for %d keys, want one row per key", tot.Table, rows, keys)
		}
	}
	var c models.Case
	if err := env.DB.Where("invoice_id = ?", sum.Invoices[0].InvoiceID).Take(&c).Error; err != nil {
		t.Fatalf("no case after the sweep: %v", err)
	}
	if !c.WorkflowStarted || c.Phase != "pre_due" {
		t.Errorf("case after sweep = %+v", c)
	}
	if _, err := env.Temporal.DescribeWorkflowExecution(t.Context(), c.WorkflowID, ""); err != nil {
		t.Errorf("workflow %s not found: %v", c.WorkflowID, err)
	}
	// A second sweep finds nothing more to do.
	n, err := env.Intake.Sweep(t.Context())
	if err != nil || n != 0 {
		t.Errorf("second sweep started %d, err %v", n, err)
	}
}

// TestScheduleIsCreatedOnce: every worker start ensures the schedule; the
// second call finds it and succeeds.
func TestScheduleIsCreatedOnce(t *testing.T) {
	c := testenv.Temporal(t)
	for range 2 {
		if err := sweep.EnsureSchedule(t.Context(), c, "recouvra-test", "0 6 * * *"); err != nil {
			t.Fatal(err)
		}
	}
	desc, err := c.ScheduleClient().GetHandle(t.Context(), sweep.ScheduleID).Describe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got := desc.Schedule.Spec.TimeZoneName; got != "Europe/Paris" {
		t.Errorf("schedule time zone %q", got)
	}
}

// totalsRowsAndKeys counts the rows of a running total and its distinct keys.
func totalsRowsAndKeys(env *apptest.Env, tot models.Totals) (rows, keys int64) {
	env.DB.Table(tot.Table).Count(&rows)
	env.DB.Raw("SELECT COUNT(*) FROM (SELECT DISTINCT creditor_id, account_manager_id, " + strings.Join(tot.Keys, ", ") + " FROM " + tot.Table + ") k").Scan(&keys)
	return rows, keys
}

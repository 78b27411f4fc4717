package dispatch_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	dispatchact "github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/dispatch"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// The dispatch on real Temporal: three invoices of one debtor due the same
// week go out as one email and one letter, and a worker that dies after the
// relay accepted the email does not make the retry send a second copy.
func TestDispatchGroupsAndSurvivesACrashAfterSending(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	monday := civil.New(2026, 11, 16)
	for i, number := range []string{"FA-1", "FA-2", "FA-3"} {
		inv := env.Invoice(t, d, number, monday.AddDays(2*i-3), 100000+int64(i), 100000+int64(i))
		env.Enqueue(t, inv, "level1", 1, dispatchact.ChannelEmail, monday.AddDays(2*i))
		env.Enqueue(t, inv, "level1", 1, dispatchact.ChannelLetter, monday.AddDays(2*i))
	}

	var attempts atomic.Int32
	acts := &dispatchact.Activities{DB: db, Mailer: env.Sender, WindowDays: 4,
		AfterSent: func(string) error {
			if attempts.Add(1) == 1 {
				return errors.New("worker killed after the relay accepted")
			}
			return nil
		}}
	c := testenv.Temporal(t)
	queue := testenv.TaskQueue(t)
	w := worker.New(c, queue, worker.Options{})
	w.RegisterWorkflowWithOptions(dispatch.Workflow, workflow.RegisterOptions{Name: dispatch.WorkflowName})
	w.RegisterActivity(acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	run := func(day civil.Date) dispatch.Summary {
		t.Helper()
		wr, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: queue,
			WorkflowExecutionTimeout: time.Minute}, dispatch.WorkflowName,
			dispatch.Input{Today: day, FirstRetry: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		var sum dispatch.Summary
		if err := wr.Get(ctx, &sum); err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if sum := run(monday.AddDays(2)); sum.Emails+sum.Letters+sum.Failed != 0 {
		t.Fatalf("Wednesday, inside the grouping window: %+v", sum)
	}
	sum := run(monday.AddDays(4))
	if sum.Emails != 1 || sum.Letters != 1 || sum.Failed != 0 {
		t.Fatalf("Friday: %+v, want one email and one letter", sum)
	}
	if attempts.Load() != 1 {
		t.Errorf("hook ran %d times: the retry should have found the email sent", attempts.Load())
	}
	mails := env.Received(t)
	if len(mails) != 1 {
		t.Fatalf("SMTP server received %d copies, want exactly 1", len(mails))
	}
	for _, n := range []string{"FA-1", "FA-2", "FA-3"} {
		if !strings.Contains(mails[0].Subject, n) {
			t.Errorf("subject %q does not name %s", mails[0].Subject, n)
		}
	}
	var letters int64
	db.Model(&models.Mailing{}).Where("channel = ? AND status = ?", "letter", "to_print").Count(&letters)
	if letters != 1 {
		t.Errorf("%d letters to print, want 1", letters)
	}
	if sum := run(monday.AddDays(4)); sum.Emails+sum.Letters != 0 {
		t.Errorf("a second run sent again: %+v", sum)
	}
}

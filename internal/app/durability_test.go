package app_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/demo"
	"github.com/recouvra/recouvra/internal/devserver"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/mailbox"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// buildRecouvra compiles cmd/recouvra for tests that run it as a process.
func buildRecouvra(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	bin := filepath.Join(t.TempDir(), "recouvra")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/recouvra")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return bin
}

// TestWorkerKilledMidStepSendsEachLetterOnce: the worker process is killed
// (SIGKILL) right after a step's first outbox entry was written, before
// Temporal heard the activity finished; a new worker process takes over and
// the case ends its step with every entry written exactly once, and the
// real SMTP server receives the formal demand's email exactly once.
func TestWorkerKilledMidStepSendsEachLetterOnce(t *testing.T) {
	bin := buildRecouvra(t)
	db, dbURL := testenv.Postgres(t)
	// The formal demand computes penalties up to today: the half-year's
	// rates must be known (they are data an admin adds).
	today0 := civil.Today()
	half := claim.HalfYearOf(today0)
	if err := litact.SaveRates(t.Context(), db, []claim.RateEntry{
		{Series: claim.SeriesMRO, Period: half, Rate: 215, Source: "test"},
		{Series: claim.SeriesLegal, Period: half, Rate: 262, Source: "test"},
	}); err != nil {
		t.Fatal(err)
	}
	inbox := mailbox.NewMemoryStore()
	smtpServer, err := mailbox.Listen("127.0.0.1:0", inbox)
	if err != nil {
		t.Fatal(err)
	}
	defer smtpServer.Close()
	smtpHost, smtpPort, _ := strings.Cut(smtpServer.Addr(), ":")
	taskQueue := testenv.TaskQueue(t)
	cfg, _ := config.FromEnv(func(string) string { return "" })
	cfg.DatabaseURL, cfg.TaskQueue = dbURL, taskQueue
	a, err := app.Open(cfg, app.NewLogger(cfg))
	if err != nil {
		t.Fatal(err)
	}
	a.UseTemporal(testenv.Temporal(t))
	creditor := demo.Creditor
	a.DB.Create(&creditor)
	// Due 40 days ago: the formal demand (registered letter + email) is due at once.
	today := civil.Today()
	a.Intake.Today = func() civil.Date { return today }
	total := int64(250000)
	number := "KILL-" + testenv.RandomSuffix()
	sum, err := a.Intake.Import(t.Context(), []intake.Row{{Row: 1, Input: intake.InvoiceInput{
		Number: number, IssueDate: today.AddDays(-70).String(), DueDate: today.AddDays(-40).String(), TotalCents: &total,
		Debtor: &intake.DebtorInput{Name: "Débiteur Coriace", Kind: "trader", Email: "compta@coriace.example",
			Address: models.Address{Line1: "1 rue de la Paix", PostalCode: "75002", City: "Paris", Country: "FR"}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	caseID := sum.Invoices[0].CaseID
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "TEMPORAL_ADDRESS="+testenv.TemporalAddress(t),
		"RECOUVRA_TASK_QUEUE="+taskQueue, "RECOUVRA_SENDING_WINDOW=always", "RECOUVRA_LOG_LEVEL=warn",
		"RECOUVRA_SWEEP_CRON=0 6 * * *", "RECOUVRA_DISPATCH_EVERY=10s", "RECOUVRA_GROUPING_DAYS=0",
		"SMTP_HOST="+smtpHost, "SMTP_PORT="+smtpPort, "SMTP_ENCRYPTION=none", "SMTP_FROM=relances@test.local")
	startWorker := func() *exec.Cmd {
		cmd := exec.Command(bin, "worker")
		cmd.Env = env
		cmd.Stderr = os.Stderr // warnings and errors only (RECOUVRA_LOG_LEVEL=warn)
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	countOutbox := func() int64 {
		var n int64
		a.DB.Model(&models.Outbox{}).Where("case_id = ?", caseID).Count(&n)
		return n
	}
	first := startWorker()
	deadline := time.Now().Add(60 * time.Second)
	for countOutbox() == 0 {
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatal("the first worker never wrote an outbox entry")
		}
		time.Sleep(2 * time.Millisecond)
	}
	first.Process.Kill() // mid-step: the entry is written, its completion maybe not reported
	first.Wait()
	second := startWorker()
	t.Cleanup(func() { second.Process.Signal(syscall.SIGTERM); second.Wait() })
	apptest.Eventually(t, "the formal demand step to finish on the second worker", func() bool {
		var n int64
		a.DB.Model(&models.CaseEvent{}).Where("case_id = ? AND kind = 'formal_demand_sent'", caseID).Count(&n)
		return n > 0
	})
	var rows []models.Outbox
	a.DB.Where("case_id = ?", caseID).Order("id").Find(&rows)
	if len(rows) != 2 {
		t.Fatalf("%d outbox entries for a two-channel step, want 2: %+v", len(rows), rows)
	}
	if !strings.HasSuffix(rows[0].Key, "/formal_demand/1/registered_letter") || !strings.HasSuffix(rows[1].Key, "/formal_demand/1/email") {
		t.Errorf("outbox keys %q, %q", rows[0].Key, rows[1].Key)
	}
	var events int64
	a.DB.Model(&models.CaseEvent{}).Where("case_id = ? AND kind = 'formal_demand_sent'", caseID).Count(&events)
	if events != 1 {
		t.Errorf("%d formal-demand events on the timeline, want 1", events)
	}
	apptest.Eventually(t, "the formal demand's email to reach the SMTP server", func() bool {
		msgs, _ := inbox.List()
		return len(msgs) > 0
	})
	time.Sleep(21 * time.Second) // two more dispatch rounds: nothing more may arrive
	msgs, _ := inbox.List()
	if len(msgs) != 1 {
		t.Fatalf("the SMTP server received %d messages, want exactly 1", len(msgs))
	}
	if len(msgs[0].To) != 1 || msgs[0].To[0] != "compta@coriace.example" {
		t.Errorf("email sent to %v", msgs[0].To)
	}
}

func sleepThenReturn(ctx workflow.Context, d time.Duration) (string, error) {
	if err := workflow.Sleep(ctx, d); err != nil {
		return "", err
	}
	return "timer fired", nil
}

// TestTimersSurviveServerRestart: a workflow parked on a timer survives the
// dev server's restart on its persistent state file; the timer still fires.
func TestTimersSurviveServerRestart(t *testing.T) {
	dbFile := filepath.Join(t.TempDir(), "temporal.db")
	port := devserver.FreePort()
	start := func() *devserver.Server {
		srv, err := devserver.Start(t.Context(), devserver.Options{DBFile: dbFile, Port: port})
		if err != nil {
			t.Fatal(err)
		}
		return srv
	}
	srv := start()
	c, err := client.Dial(client.Options{HostPort: srv.Address, Logger: testenv.QuietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	w := worker.New(c, "restart", worker.Options{})
	w.RegisterWorkflow(sleepThenReturn)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: "restart-" + testenv.RandomSuffix(), TaskQueue: "restart"},
		sleepThenReturn, 8*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the timer is scheduled
	srv.Stop()
	time.Sleep(time.Second)
	srv = start()
	defer srv.Stop()
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	var got string
	if err := run.Get(ctx, &got); err != nil {
		t.Fatalf("workflow after restart: %v", err)
	}
	if got != "timer fired" {
		t.Errorf("result %q", got)
	}
	fmt.Fprintln(os.Stderr, "timer fired after the server restarted")
}

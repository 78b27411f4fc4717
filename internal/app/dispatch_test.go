package app

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	dispatchact "github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/dispatch"
)

// The `make run` wiring: without SMTP_HOST the App starts a local
// receiver, the dispatch registered on the worker sends to it, and the
// back-office shows what it received under /dev/mailbox/.
func TestDevMailboxReceivesWhatTheDispatchSends(t *testing.T) {
	t.Setenv("SMTP_HOST", "")
	t.Setenv(envGroupingDays, "0")
	gin.SetMode(gin.ReleaseMode)
	_, url := testenv.SQLite(t)
	cfg, err := config.FromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.DatabaseURL, cfg.TaskQueue, cfg.DataDir = url, testenv.TaskQueue(t), t.TempDir()
	a, err := Open(cfg, NewLogger(cfg))
	if err != nil {
		t.Fatal(err)
	}
	a.UseTemporal(testenv.Temporal(t))
	stop, started, err := a.StartDevMailbox("127.0.0.1:0")
	if err != nil || !started {
		t.Fatalf("dev mailbox: started %v, %v", started, err)
	}
	defer stop()

	fx := dispatchtest.New(t, a.DB)
	d := fx.Debtor(t, "C-0042", models.Trader, "FR")
	day := civil.New(2026, 11, 23)
	inv := fx.Invoice(t, d, "FA-DEV-1", day.AddDays(-5), 10000, 10000)
	fx.Enqueue(t, inv, "level1", 1, dispatchact.ChannelEmail, day)

	w := worker.New(a.Temporal, cfg.TaskQueue, worker.Options{})
	a.registerDispatch(w)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	run, err := a.Temporal.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{TaskQueue: cfg.TaskQueue},
		dispatch.WorkflowName, dispatch.Input{Today: day})
	if err != nil {
		t.Fatal(err)
	}
	var sum dispatch.Summary
	if err := run.Get(t.Context(), &sum); err != nil || sum.Emails != 1 {
		t.Fatalf("dispatch: %+v, %v", sum, err)
	}

	r := gin.New()
	a.mountDevMailbox(r)
	srv := httptest.NewServer(r)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/dev/mailbox/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "FA-DEV-1") {
		t.Errorf("GET /dev/mailbox/: %d\n%s", resp.StatusCode, page)
	}

	t.Setenv(envDispatchEvery, "30s")
	if err := a.ensureDispatchSchedule(t.Context()); err != nil {
		t.Fatal(err)
	}
	h := a.Temporal.ScheduleClient().GetHandle(context.Background(), dispatch.ScheduleID)
	desc, err := h.Describe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if iv := desc.Schedule.Spec.Intervals; len(iv) != 1 || iv[0].Every != 30*time.Second {
		t.Errorf("schedule intervals %+v, want every 30s", iv)
	}
	h.Delete(context.Background())
}

func TestNoDevMailboxWhenARelayIsConfigured(t *testing.T) {
	t.Setenv("SMTP_HOST", "smtp.example.com")
	a := &App{}
	if _, started, err := a.StartDevMailbox("127.0.0.1:0"); started || err != nil {
		t.Errorf("started %v, %v", started, err)
	}
	r := gin.New()
	a.mountDevMailbox(r)
	if routes := r.Routes(); len(routes) != 0 {
		t.Errorf("routes mounted: %+v", routes)
	}
}

package app

import (
	"context"
	"fmt"
	"net/http"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	dispatchact "github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/internal/mailbox"
	"github.com/recouvra/recouvra/internal/mailer"
	"github.com/recouvra/recouvra/workflows/dispatch"
)

// Settings of the dispatch, read from the environment:
//
//	RECOUVRA_DISPATCH_EVERY   how often the dispatch runs (Go duration, default 5m; 1m under `make run`)
//	RECOUVRA_GROUPING_DAYS    how many days a debtor's first piece waits for its other invoices (default 2)
//	SMTP_HOST, SMTP_PORT…     the relay (see mailer.ConfigFromEnv); unset under `make run`, mail goes to
//	                          the local receiver started by StartDevMailbox
const (
	envDispatchEvery = "RECOUVRA_DISPATCH_EVERY"
	envGroupingDays  = "RECOUVRA_GROUPING_DAYS"
)

// DevMailboxAddr is where `make run` receives the emails it sends.
const DevMailboxAddr = "127.0.0.1:2525"

// devMailbox is the local receiver an App sends to when no relay is set.
type devMailbox struct {
	server *mailbox.Server
	store  mailbox.Store
}

// devMailboxes holds the receiver of each App that started one; App itself
// stays free of development-only fields.
var devMailboxes sync.Map // *App → *devMailbox

// StartDevMailbox starts, when SMTP_HOST is unset, a local SMTP receiver on
// addr that keeps every message under <data dir>/mailbox; the App then
// sends to it and the back-office shows it at /dev/mailbox/. It returns
// false when a relay is configured. Stop it with the returned function.
func (a *App) StartDevMailbox(addr string) (stop func() error, started bool, err error) {
	if os.Getenv("SMTP_HOST") != "" {
		return func() error { return nil }, false, nil
	}
	store, err := mailbox.OpenDir(filepath.Join(a.Config.DataDir, "mailbox"))
	if err != nil {
		return nil, false, err
	}
	srv, err := mailbox.Listen(addr, store)
	if err != nil {
		return nil, false, fmt.Errorf("start the development mailbox (set SMTP_HOST to use a relay instead): %w", err)
	}
	devMailboxes.Store(a, &devMailbox{server: srv, store: store})
	return func() error { devMailboxes.Delete(a); return srv.Close() }, true, nil
}

// mailConfig is the relay from SMTP_* variables, or the development
// mailbox when one runs for this App.
func (a *App) mailConfig() (mailer.Config, error) {
	if v, ok := devMailboxes.Load(a); ok {
		host, port := splitAddr(v.(*devMailbox).server.Addr())
		return mailer.Config{Host: host, Port: port, Encryption: mailer.EncryptionNone,
			From: "Recouvra <relances@recouvra.local>"}, nil
	}
	return mailer.ConfigFromEnv("SMTP_")
}

func splitAddr(addr string) (string, int) {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			p, _ := strconv.Atoi(addr[i+1:])
			return addr[:i], p
		}
	}
	return addr, 25
}

// registerDispatch registers the dispatch workflow and its activities. A
// missing or wrong SMTP configuration is logged and makes each email fail
// as a transient error, retried until the configuration is fixed: letters
// and tasks keep working meanwhile.
func (a *App) registerDispatch(w worker.Worker) {
	cfg, err := a.mailConfig()
	if err != nil {
		a.Log.Warn("emails cannot be sent until SMTP is configured", "err", err)
	}
	days := 2
	if _, dev := devMailboxes.Load(a); dev {
		days = 0 // make run: show at once what a debtor would receive
	}
	if v := os.Getenv(envGroupingDays); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 31 {
			a.Log.Warn("ignoring "+envGroupingDays+": want a number of days from 0 to 31", "value", v)
		} else {
			days = n
		}
	}
	acts := &dispatchact.Activities{DB: a.DB, Mailer: mailer.New(cfg), WindowDays: days}
	if from, err := mail.ParseAddress(cfg.From); err == nil {
		acts.FromAddress = from.Address // sent in the creditor's name
	}
	w.RegisterWorkflowWithOptions(dispatch.Workflow, workflow.RegisterOptions{Name: dispatch.WorkflowName})
	w.RegisterActivity(acts)
}

// ensureDispatchSchedule creates the dispatch's schedule if it is missing.
func (a *App) ensureDispatchSchedule(ctx context.Context) error {
	every := 5 * time.Minute
	if _, dev := devMailboxes.Load(a); dev {
		every = time.Minute
	}
	if v := os.Getenv(envDispatchEvery); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 10*time.Second {
			return fmt.Errorf("%s=%q: want a duration of at least 10s, such as \"5m\"", envDispatchEvery, v)
		}
		every = d
	}
	return dispatch.EnsureSchedule(ctx, a.Temporal, a.Config.TaskQueue, every)
}

// mountDevMailbox shows the development mailbox at /dev/mailbox/ when this
// App runs one (`make run` without SMTP_HOST).
func (a *App) mountDevMailbox(r *gin.Engine) {
	v, ok := devMailboxes.Load(a)
	if !ok {
		return
	}
	h := http.StripPrefix("/dev/mailbox", mailbox.Handler(v.(*devMailbox).store))
	r.GET("/dev/mailbox/*path", gin.WrapH(h))
}

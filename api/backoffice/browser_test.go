package backoffice_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts Debian's chromium, headless, offline-quiet, on a fresh
// profile, and returns a context driving one tab.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is not installed at %s: CI must run the browser test (make deps): %v", chromiumPath, err)
		}
		t.Skipf("chromium is not installed at %s (make deps installs it): %v", chromiumPath, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// artifacts is test-artifacts/ at the repository's root (gitignored).
func artifacts(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../test-artifacts")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(artifacts(t), "backoffice-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("read %s: %v", css, err)
	}
	return s
}

// TestBrowserPromiseToPay drives the back-office in chromium against a real
// Recouvra (PostgreSQL, Temporal dev server, worker): a credit manager logs
// in, opens the dashboard and a case, records a promise to pay, and sees it
// on the timeline and in the workflow's live state.
func TestBrowserPromiseToPay(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	today := civil.Today()
	env := apptest.Start(t, "postgres", today)
	base := env.BackofficeURL(t)
	invoice := fmt.Sprintf(`{"number": "FA-NAV-1", "issue_date": %q, "due_date": %q, "total_cents": 240000, "vat_cents": 40000,
	  "currency": "EUR", "debtor": {"name": "Quincaillerie Dupont", "kind": "trader", "siren": "552100554", "phone": "01 02 03 04 05",
	  "address": {"line1": "5 place du Marché", "postal_code": "92000", "city": "Nanterre", "insee_code": "92050", "country": "FR"}}}`,
		today.AddDays(-60), today.AddDays(-30))
	var sum intake.Summary
	if status, raw := env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(invoice), &sum); status >= 300 {
		t.Fatalf("post invoice: %d %s", status, raw)
	}
	caseID := sum.Invoices[0].CaseID
	var c models.Case
	env.DB.Take(&c, caseID)
	apptest.Eventually(t, "the case's workflow to answer its state query", func() bool {
		v, err := env.Temporal.QueryWorkflow(t.Context(), c.WorkflowID, "", recovery.QueryState)
		return err == nil && v.HasValue()
	})
	env.UserWithPassword(t, "gestion@test.local", "un mot de passe solide", models.RoleCreditManager, nil)

	ctx := browser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "gestion@test.local"),
		chromedp.SendKeys(chromedp.CSS("#password"), "un mot de passe solide"),
		chromedp.Click(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS("#kpis")),
	)
	if err != nil {
		t.Fatalf("log in and reach the dashboard: %v", err)
	}
	if got := text(t, ctx, "#receivables"); !strings.Contains(got, "2\u00a0400,00") {
		t.Errorf("dashboard receivables %q, want 2 400,00 €", got)
	}
	screenshot(t, ctx, "1-dashboard")

	err = chromedp.Do(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/dossiers/%d", base, caseID)),
		chromedp.WaitVisible(chromedp.CSS("#live-state")),
	)
	if err != nil {
		t.Fatalf("open the case: %v", err)
	}
	if got := text(t, ctx, "#live-state"); strings.Contains(got, "Promesse") {
		t.Fatalf("live state shows a promise before any: %q", got)
	}
	screenshot(t, ctx, "2-case")

	promised := today.AddDays(10)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#form-promise input[name=amount_cents]"), "500,00"),
		chromedp.SetValue(chromedp.CSS("#form-promise input[name=date]"), promised.String()),
		chromedp.Click(chromedp.CSS("#form-promise button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.WaitVisible(chromedp.CSS("#live-promise")),
	)
	if err != nil {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("main")))
		t.Fatalf("record a promise: %v\n%s", err, html)
	}
	if got := text(t, ctx, "#live-promise"); !strings.Contains(got, "500,00") || !strings.Contains(got, promised.French()) {
		t.Errorf("live promise %q, want 500,00 € for the %s", got, promised.French())
	}
	// The timeline is written by the workflow's activity, and the next step
	// recomputed after the update returns: reload until both show.
	apptest.Eventually(t, "the promise on the timeline and as the next step", func() bool {
		_ = chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#timeline")))
		return strings.Contains(text(t, ctx, "#timeline"), "Promesse de paiement de 500,00") &&
			strings.Contains(text(t, ctx, "#live-next"), "Échéance de la promesse")
	})
	screenshot(t, ctx, "3-promise")

	var audits []models.AuditLog
	env.DB.Where("action = ? AND entity_id = ?", "case.promise", fmt.Sprint(caseID)).Find(&audits)
	if len(audits) != 1 {
		t.Errorf("%d audit rows for the promise, want 1", len(audits))
	} else if a := audits[0]; strings.Contains(a.Before, `"promise":{`) || !strings.Contains(a.Before, `"phase"`) ||
		!strings.Contains(a.After, `"request"`) || !strings.Contains(a.After, `"promise":{`) {
		// Before is the workflow's state without the promise, after the
		// request and the state with it.
		t.Errorf("audit of the promise: before %.200s, after %.200s", a.Before, a.After)
	}
	var st recovery.State
	v, err := env.Temporal.QueryWorkflow(t.Context(), c.WorkflowID, "", recovery.QueryState)
	if err == nil {
		err = v.Get(&st)
	}
	if err != nil || st.Promise == nil || st.Promise.AmountCents != 50000 {
		b, _ := json.Marshal(st.Promise)
		t.Errorf("workflow promise %s (err %v), want 50000 cents", b, err)
	}
}

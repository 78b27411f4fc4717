package backoffice

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// benchSize reads a size from the environment, with a default.
func benchSize(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}

// seedBook fills PostgreSQL with a book of the given size in a few
// set-based statements: invoices (10 % open without a case, the rest of those
// without a case paid), open cases on the first invoices, three timeline
// events per case, credit notes and payments.
func seedBook(b *testing.B, db *gorm.DB, invoices, cases int, today civil.Date) {
	b.Helper()
	debtors := max(invoices/10, 1)
	stmts := []string{
		`INSERT INTO creditors (created_at, updated_at, name, currency, payment_terms_days) VALUES (now(), now(), 'Créancier de test', 'EUR', 30)`,
		`INSERT INTO partners (created_at, name) VALUES (now(), 'Partenaire 1'), (now(), 'Partenaire 2')`,
		fmt.Sprintf(`INSERT INTO debtors (created_at, updated_at, creditor_id, reference, name, kind, currency, credit_limit_cents, blocked)
		 SELECT now(), now(), 1, 'C' || g, 'Débiteur ' || g, 'trader', 'EUR', 5000000, false FROM generate_series(1, %d) g`, debtors),
		fmt.Sprintf(`INSERT INTO invoices (created_at, updated_at, creditor_id, number, debtor_id, issue_date, due_date,
		   net_cents, vat_cents, total_cents, currency, outstanding_cents, status, source)
		 SELECT now(), now(), 1, 'F' || g, 1 + g %% %d, DATE '%s' - (g %% 400), DATE '%s' - (g %% 400) + 30,
		   1000 + (g * 37) %% 500000, 0, 1000 + (g * 37) %% 500000, 'EUR',
		   CASE WHEN g <= %d OR g %% 10 = 0 THEN 1000 + (g * 37) %% 500000 ELSE 0 END,
		   CASE WHEN g <= %d OR g %% 10 = 0 THEN 'open' ELSE 'paid' END, 'bench'
		 FROM generate_series(1, %d) g`, debtors, today, today, cases, cases, invoices),
		fmt.Sprintf(`INSERT INTO cases (created_at, updated_at, creditor_id, debtor_id, invoice_id, workflow_id, phase, level, status,
		   balance_cents, currency, next_action, next_action_date, partner_id, workflow_started)
		 SELECT now(), now(), 1, i.debtor_id, i.id, 'recovery-' || i.number,
		   (ARRAY['amicable','amicable','amicable','amicable','amicable','amicable','amicable','pre_due','litigation','litigation'])[1 + i.id %% 10],
		   i.id %% 5, 'open', i.outstanding_cents, 'EUR',
		   CASE WHEN i.id %% 50 = 0 THEN '%s' WHEN i.id %% 7 = 0 THEN '%s' ELSE 'Relance' END,
		   DATE '%s' + (i.id %% 20)::int, CASE WHEN i.id %% 20 = 0 THEN 1 END, true
		 FROM invoices i WHERE i.id <= %d`, "Relance interne : litige à résoudre", "Échéance de la promesse de paiement", today, cases),
		`INSERT INTO case_events (case_id, key, at, actor, kind, summary)
		 SELECT c.id, 'ev' || k, now() - k * interval '1 day', 'system', 'step', 'Relance ' || k || ' envoyée'
		 FROM cases c CROSS JOIN generate_series(1, 3) k`,
		fmt.Sprintf(`INSERT INTO credit_notes (created_at, creditor_id, number, debtor_id, issue_date, total_cents, vat_cents, currency, remaining_cents)
		 SELECT now(), 1, 'AV' || g, 1 + g %% %d, DATE '%s' - (g %% 365), 5000 + g %% 10000, 0, 'EUR', 0 FROM generate_series(1, %d) g`,
			debtors, today, max(invoices/50, 1)),
		fmt.Sprintf(`INSERT INTO payments (created_at, creditor_id, debtor_id, date, amount_cents, currency, unallocated_cents)
		 SELECT now(), 1, 1 + g %% %d, DATE '%s' - (g %% 60), 10000 + g %% 90000, 'EUR', 0 FROM generate_series(1, %d) g`,
			debtors, today, max(invoices/20, 1)),
		`INSERT INTO outboxes (created_at, key, case_id, channel, status)
		 SELECT now(), 'call-' || c.id, c.id, 'phone_task', 'task_open' FROM cases c WHERE c.id % 30 = 0`,
	}
	stmts = append(stmts, `VACUUM ANALYZE`)
	for _, q := range stmts {
		if err := db.Exec(q).Error; err != nil {
			b.Fatalf("seed: %v\n%s", err, q)
		}
	}
}

// BenchmarkBackofficePages measures, server side, the case list (first page
// with a filter), the case file and the dashboard (whole book, and one
// account manager's) on a seeded PostgreSQL.
// Sizes: RECOUVRA_BENCH_INVOICES (default 100 000) and
// RECOUVRA_BENCH_OPEN_CASES (default 10 000); the target is
// RECOUVRA_BENCH_INVOICES=1000000 RECOUVRA_BENCH_OPEN_CASES=100000.
// The case file is measured without Temporal (its live state is a query of
// a few milliseconds that does not depend on the book's size).
func BenchmarkBackofficePages(b *testing.B) {
	invoices := benchSize(b, "RECOUVRA_BENCH_INVOICES", 100_000)
	cases := min(benchSize(b, "RECOUVRA_BENCH_OPEN_CASES", 10_000), invoices)
	db, _ := testenv.Postgres(b)
	today := civil.Today()
	start := time.Now()
	seedBook(b, db, invoices, cases, today)
	b.Logf("seeded %d invoices and %d open cases in %s", invoices, cases, time.Since(start).Round(time.Millisecond))

	var slow *slowLog
	if os.Getenv("RECOUVRA_BENCH_EXPLAIN") != "" {
		slow = &slowLog{Interface: logger.Discard, threshold: 15 * time.Millisecond, slowest: map[string]time.Duration{}}
		db = db.Session(&gorm.Session{Logger: slow})
	}
	p := &Pages{DB: db, Accounts: accounts.Store{DB: db}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Today: func() civil.Date { return today }, DashboardTTL: -1} // measure the computation, not the cache
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.SetHTMLTemplate(Templates())
	p.Register(r)
	u, err := p.Accounts.CreateUser(b.Context(), "bench@test.local", "Bench", models.RoleCreditManager, nil)
	if err != nil {
		b.Fatal(err)
	}
	// One debtor in ten is this manager's: the filtered dashboard reads its
	// share of the running totals, moved there by the debtors' trigger.
	if err := db.Exec("UPDATE debtors SET account_manager_id = ? WHERE id % 10 = 0", u.ID).Error; err != nil {
		b.Fatal(err)
	}
	secret, err := p.Accounts.NewSession(b.Context(), u.ID, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"caselist", "/dossiers?phase=amicable&jours_min=30"},
		{"casefile", fmt.Sprintf("/dossiers/%d", cases/2)},
		{"dashboard", "/tableau-de-bord"},
		{"dashboard-manager", fmt.Sprintf("/tableau-de-bord?gestionnaire=%d", u.ID)},
	}
	samples := make([][]time.Duration, len(pages))
	round := func() {
		for i, pg := range pages {
			req := httptest.NewRequest(http.MethodGet, pg.path, nil)
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: secret})
			rec := httptest.NewRecorder()
			t0 := time.Now()
			r.ServeHTTP(rec, req)
			samples[i] = append(samples[i], time.Since(t0))
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: status %d: %s", pg.path, rec.Code, errorOf(rec.Body.String()))
			}
		}
	}
	round() // warm the caches once, unmeasured
	samples = make([][]time.Duration, len(pages))
	for b.Loop() {
		round()
	}
	b.StopTimer()
	for len(samples[0]) < 40 { // enough samples for a p95, whatever b.N was
		round()
	}
	if slow != nil {
		explainSlow(b, db.Session(&gorm.Session{Logger: logger.Discard}), slow)
	}
	for i, pg := range pages {
		s := slices.Clone(samples[i])
		slices.Sort(s)
		p95 := s[(len(s)*95+99)/100-1]
		b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms/"+pg.name)
		b.Logf("%-17s %-40s p95 %s over %d requests (median %s)", pg.name, pg.path, p95.Round(100*time.Microsecond), len(s), s[len(s)/2].Round(100*time.Microsecond))
	}
}

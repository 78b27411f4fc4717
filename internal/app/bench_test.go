package app_test

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

func benchCases(def int) int {
	if n, err := strconv.Atoi(os.Getenv("RECOUVRA_BENCH_CASES")); err == nil && n > 0 {
		return n
	}
	return def
}

func emptyWorkflow(ctx workflow.Context) error { return nil }

// startAll starts n workflows with 32 concurrent callers and returns the rate.
func startAll(b *testing.B, n int, start func(i int) error) float64 {
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr atomic.Value
	t0 := time.Now()
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if err := start(i); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		b.Fatal(err)
	}
	return float64(n) / time.Since(t0).Seconds()
}

// seedCases writes n invoices with their cases, as intake would.
func seedCases(b *testing.B, env *apptest.Env, n int, due civil.Date) []models.Case {
	cases := make([]models.Case, 0, n)
	prefix := testenv.RandomSuffix()
	for i := range n {
		inv := models.Invoice{CreditorID: 1, DebtorID: 1, Number: fmt.Sprintf("B-%s-%d", prefix, i), IssueDate: due.AddDays(-30),
			DueDate: due, TotalCents: 10000, OutstandingCents: 10000, Currency: "EUR", Status: models.InvoiceOpen}
		env.DB.Create(&inv)
		c := models.Case{CreditorID: 1, DebtorID: 1, InvoiceID: inv.ID, WorkflowID: recovery.WorkflowID(1, inv.Number),
			Phase: "pre_due", Status: models.CaseOpen, Currency: "EUR", BalanceCents: 10000}
		env.DB.Create(&c)
		cases = append(cases, c)
	}
	return cases
}

// BenchmarkStartCases starts N recovery cases (RECOUVRA_BENCH_CASES, default
// 10 000) and N empty workflows on the same dev server in the same run, and
// reports both rates and their ratio (target: cases ≥ 80 % of empty).
// Run with -benchtime=1x: one run is N starts.
func BenchmarkStartCases(b *testing.B) {
	n := benchCases(10000)
	env := apptest.Start(b, "postgres", civil.Today())
	env.DB.Create(&models.Debtor{CreditorID: 1, Reference: "BENCH", Name: "Débiteur", Kind: models.Trader, Currency: "EUR"})
	emptyQueue := env.Config.TaskQueue + "-empty"
	ew := worker.New(env.Temporal, emptyQueue, worker.Options{})
	ew.RegisterWorkflow(emptyWorkflow)
	if err := ew.Start(); err != nil {
		b.Fatal(err)
	}
	defer ew.Stop()
	due := civil.Today().AddDays(60) // parked on a timer: no step runs during the measure
	cases := seedCases(b, env, n, due)
	starter := recovery.Starter{Client: env.Temporal, TaskQueue: env.Config.TaskQueue}
	b.ResetTimer()
	for range b.N {
		empty := startAll(b, n, func(i int) error {
			_, err := env.Temporal.ExecuteWorkflow(b.Context(), client.StartWorkflowOptions{
				ID: fmt.Sprintf("empty-%s-%d", testenv.RandomSuffix(), i), TaskQueue: emptyQueue,
				WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
			}, emptyWorkflow)
			return err
		})
		rate := startAll(b, n, func(i int) error {
			return starter.StartCase(b.Context(), cases[i], models.Invoice{Number: cases[i].WorkflowID, DueDate: due, OutstandingCents: 10000, Currency: "EUR"}, models.Debtor{})
		})
		b.ReportMetric(empty, "empty_starts/s")
		b.ReportMetric(rate, "case_starts/s")
		b.ReportMetric(100*rate/empty, "%_of_empty")
	}
}

// BenchmarkMemoryPerParkedCase starts N cases on an in-process worker with a
// bounded sticky cache, waits until every one is parked on its timer, and
// reports the worker's heap growth per case (target < 20 KiB).
func BenchmarkMemoryPerParkedCase(b *testing.B) {
	n := benchCases(2000)
	worker.SetStickyWorkflowCacheSize(500) // bounded: parked cases beyond it are evicted and replayed on wake-up
	env := apptest.Start(b, "postgres", civil.Today())
	env.DB.Create(&models.Debtor{CreditorID: 1, Reference: "BENCH", Name: "Débiteur", Kind: models.Trader, Currency: "EUR"})
	due := civil.Today().AddDays(60)
	cases := seedCases(b, env, n, due)
	starter := recovery.Starter{Client: env.Temporal, TaskQueue: env.Config.TaskQueue}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for range b.N {
		startAll(b, n, func(i int) error {
			return starter.StartCase(b.Context(), cases[i], models.Invoice{Number: cases[i].WorkflowID, DueDate: due, OutstandingCents: 10000, Currency: "EUR"}, models.Debtor{})
		})
		deadline := time.Now().Add(10 * time.Minute)
		for {
			var opened int64
			env.DB.Model(&models.CaseEvent{}).Where("kind = 'case_opened'").Count(&opened)
			if int(opened) >= n || time.Now().After(deadline) {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		time.Sleep(2 * time.Second) // the mirror activities of the last cases
	}
	b.StopTimer()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(n)/1024, "KiB_heap/case")
}

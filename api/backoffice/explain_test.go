package backoffice

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowLog is a GORM logger that keeps the SQL of slow statements, so the
// benchmark can show their plans (RECOUVRA_BENCH_EXPLAIN=1).
type slowLog struct {
	logger.Interface
	threshold time.Duration
	mu        sync.Mutex
	slowest   map[string]time.Duration
}

func (l *slowLog) Trace(_ context.Context, begin time.Time, fc func() (string, int64), _ error) {
	d := time.Since(begin)
	if d < l.threshold {
		return
	}
	sql, _ := fc()
	l.mu.Lock()
	defer l.mu.Unlock()
	if d > l.slowest[sql] {
		l.slowest[sql] = d
	}
}

// explainSlow writes the plan of every statement slower than the threshold
// to test-artifacts/bench-explain.txt (benchmark logs are truncated).
func explainSlow(b *testing.B, db *gorm.DB, l *slowLog) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out strings.Builder
	for sql, d := range l.slowest {
		var plan []string
		if err := db.Raw("EXPLAIN (ANALYZE, COSTS OFF) " + sql).Scan(&plan).Error; err != nil {
			fmt.Fprintf(&out, "explain: %v\n", err)
			continue
		}
		fmt.Fprintf(&out, "== slowest %s:\n%s\n%s\n\n", d.Round(time.Millisecond), sql, strings.Join(plan, "\n"))
	}
	path := filepath.Join("..", "..", "test-artifacts", "bench-explain.txt")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
		err = os.WriteFile(path, []byte(out.String()), 0o644)
		b.Logf("plans of slow statements: %s (%v)", path, err)
	}
}

package backoffice

import (
	"sync"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/dashboard"
)

// DefaultDashboardTTL is how long a computed dashboard is shown again before
// it is recomputed. Its figures come from running totals and a few small
// sums (internal/dashboard): some tens of milliseconds of database time on a
// book of a million invoices, which a team refreshing the page all day need
// not pay each time. The page says when its figures were computed and
// offers to recompute them.
const DefaultDashboardTTL = 30 * time.Second

type dashKey struct {
	f     dashboard.Filter
	today civil.Date
}

type dashEntry struct {
	m  dashboard.Metrics
	at time.Time
}

// dashCache keeps the latest dashboard of each filter for a while.
type dashCache struct {
	mu      sync.Mutex
	entries map[dashKey]dashEntry
}

func (c *dashCache) get(k dashKey, ttl time.Duration, now time.Time) (dashEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || now.Sub(e.at) >= ttl {
		return dashEntry{}, false
	}
	return e, true
}

func (c *dashCache) put(k dashKey, e dashEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 1000 {
		c.entries = map[dashKey]dashEntry{} // filters are few; this only bounds memory
	}
	c.entries[k] = e
}

package backoffice

import (
	"sync"
	"time"
)

// Limiter allows at most Max attempts per key within Window (a sliding
// window): the login form's guard against password guessing. The login
// counts every attempt per client address and email, so that one attacker
// does not lock everyone out, and the failures per email from any address,
// so that guesses spread over many addresses are slowed too.
type Limiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu       sync.Mutex
	attempts map[string][]time.Time
}

// NewLimiter makes a limiter of max attempts per window.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	return &Limiter{max: max, window: window, now: now, attempts: map[string][]time.Time{}}
}

// Allow records an attempt for key and reports whether it is within the limit.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	recent := l.attempts[key][:0]
	for _, t := range l.attempts[key] {
		if now.Sub(t) < l.window {
			recent = append(recent, t)
		}
	}
	if len(recent) >= l.max {
		l.attempts[key] = recent
		return false
	}
	l.attempts[key] = append(recent, now)
	if len(l.attempts) > 10000 {
		l.sweep(now)
	}
	return true
}

// Release takes back the latest attempt recorded for key: an attempt counted
// before its outcome was known (so that parallel requests cannot all slip
// under the limit) that turned out not to count, such as a good password.
func (l *Limiter) Release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ts := l.attempts[key]; len(ts) > 0 {
		l.attempts[key] = ts[:len(ts)-1]
	}
}

// sweep forgets keys without recent attempts, so the map stays small.
func (l *Limiter) sweep(now time.Time) {
	for k, ts := range l.attempts {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= l.window {
			delete(l.attempts, k)
		}
	}
}

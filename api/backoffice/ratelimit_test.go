package backoffice

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	// Each step: seconds after t0, key, expected answer. Limit: 3 per minute.
	steps := []struct {
		at   int
		key  string
		want bool
	}{
		{0, "a", true}, {10, "a", true}, {20, "a", true},
		{30, "a", false}, // fourth within the minute
		{31, "b", true},  // another key has its own budget
		{59, "a", false}, // still three within [0, 59]
		{60, "a", true},  // the attempt at 0 left the window
		{61, "a", false}, // 10, 20, 60 are within the minute
		{81, "a", true},  // 10 and 20 gone: 60 and 81
		{200, "a", true}, {200, "a", true}, {200, "a", true}, {200, "a", false},
	}
	now := t0
	l := NewLimiter(3, time.Minute, func() time.Time { return now })
	for i, st := range steps {
		now = t0.Add(time.Duration(st.at) * time.Second)
		if got := l.Allow(st.key); got != st.want {
			t.Errorf("step %d (t+%ds, %s): Allow = %v, want %v", i, st.at, st.key, got, st.want)
		}
	}
}

func TestBackTo(t *testing.T) {
	tests := []struct{ posted, want string }{
		{"", "/dossiers/1?"},
		{"/contentieux", "/contentieux?"},
		{"/dossiers?phase=litigation", "/dossiers?phase=litigation&"},
		{"//evil.example/x", "/dossiers/1?"},
		{"https://evil.example/", "/dossiers/1?"},
		{"/\\evil.example", "/dossiers/1?"},
	}
	for _, tt := range tests {
		if got := backTo(tt.posted, "/dossiers/1"); got != tt.want {
			t.Errorf("backTo(%q) = %q, want %q", tt.posted, got, tt.want)
		}
	}
}

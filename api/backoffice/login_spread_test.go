package backoffice

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestLoginGuessesFromManyAddresses: password guesses for one email spread
// over many client addresses are limited like guesses from one address,
// even with the right password once the limit is reached; good logins do
// not use up the email's budget of failures.
func TestLoginGuessesFromManyAddresses(t *testing.T) {
	f := newFixture(t)
	if err := f.pages.Accounts.SetPassword(t.Context(), f.users["legal"].ID, "un mot de passe solide"); err != nil {
		t.Fatal(err)
	}
	login := func(addr, password string) int {
		v := url.Values{"email": {"legal@test.local"}, "password": {password}, "csrf": {"jeton"}}
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = addr + ":1234"
		req.AddCookie(&http.Cookie{Name: loginCSRFCookie, Value: "jeton"})
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		return rec.Code
	}
	// Good logins from several addresses leave the failure budget whole.
	for i := range 3 {
		if code := login(fmt.Sprintf("198.51.100.%d", i+1), "un mot de passe solide"); code != http.StatusSeeOther {
			t.Fatalf("good login %d: %d", i+1, code)
		}
	}
	for i := 1; i <= 8; i++ {
		want := http.StatusUnauthorized
		if i > 5 {
			want = http.StatusTooManyRequests
		}
		if code := login(fmt.Sprintf("203.0.113.%d", i), "mauvais"); code != want {
			t.Errorf("guess %d from its own address: %d, want %d", i, code, want)
		}
	}
	if code := login("192.0.2.200", "un mot de passe solide"); code != http.StatusTooManyRequests {
		t.Errorf("right password while the email is limited: %d, want 429", code)
	}
	// Another email is not affected.
	v := url.Values{"email": {"admin@test.local"}, "password": {"mauvais"}, "csrf": {"jeton"}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: loginCSRFCookie, Value: "jeton"})
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("another email: %d, want 401", rec.Code)
	}
}

// TestLimiterRelease: a released attempt no longer counts.
func TestLimiterRelease(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(2, time.Minute, func() time.Time { return now })
	l.Allow("k")
	l.Allow("k")
	l.Release("k")
	if !l.Allow("k") {
		t.Error("a released attempt still counts")
	}
	if l.Allow("k") {
		t.Error("three attempts allowed with a limit of two and one release")
	}
	l.Release("unknown") // nothing to take back: no panic
}

package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCrossOriginProtectsTheBackOfficeOnly: a form posted from another
// site to the back-office is refused; an API call carrying another site's
// Origin is judged by its bearer token and answers the API's JSON error.
func TestCrossOriginProtectsTheBackOfficeOnly(t *testing.T) {
	_, srv := serveApp(t, map[string]string{})
	post := func(path, contentType, body string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		b.Write(buf[:n])
		return resp, b.String()
	}
	form := url.Values{"email": {"a@b.c"}, "password": {"x"}}.Encode()
	if resp, _ := post("/login", "application/x-www-form-urlencoded", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site login form: %d, want 403", resp.StatusCode)
	}
	resp, body := post("/api/v1/invoices", "application/json", `{}`)
	var e struct {
		Error string `json:"error"`
	}
	if resp.StatusCode != http.StatusUnauthorized || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
		t.Errorf("cross-site API call without a token: %d %q, want the API's JSON 401", resp.StatusCode, body)
	}
}

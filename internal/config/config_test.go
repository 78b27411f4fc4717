package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsNeedNoConfiguration(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "sqlite:.data/recouvra.db" || c.TemporalAddress != "127.0.0.1:7233" ||
		c.LogFormat != "text" || c.PreDueDays != 10 || c.PublicURL != "http://127.0.0.1:8080" {
		t.Errorf("unexpected defaults: %+v", c)
	}
}

func TestProductionDefaultsToJSONLogs(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"RECOUVRA_ENV": "production", "DATABASE_URL": "postgres://x@db/recouvra"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.LogFormat != "json" || !c.Production() || c.DatabaseURL != "postgres://x@db/recouvra" {
		t.Errorf("production config: %+v", c)
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	tests := map[string]map[string]string{
		"RECOUVRA_ENV":              {"RECOUVRA_ENV": "staging"},
		"RECOUVRA_PREDUE_DAYS":      {"RECOUVRA_PREDUE_DAYS": "ten"},
		"RECOUVRA_LOG_FORMAT":       {"RECOUVRA_LOG_FORMAT": "xml"},
		"RECOUVRA_SHUTDOWN_TIMEOUT": {"RECOUVRA_SHUTDOWN_TIMEOUT": "-1s"},
		"RECOUVRA_SENDING_WINDOW":   {"RECOUVRA_SENDING_WINDOW": "17:00-09:00"},
	}
	for name, vars := range tests {
		_, err := FromEnv(env(vars))
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v: error %v does not name %s", vars, err, name)
		}
	}
}

// TestTrustedProxies: no proxy is trusted by default (X-Forwarded-For is then
// ignored); the setting takes addresses and CIDR blocks, and refuses what is
// neither, and the blocks that would trust every client again.
func TestTrustedProxies(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil || c.TrustedProxies != nil {
		t.Fatalf("default trusted proxies %v, %v; want none", c.TrustedProxies, err)
	}
	c, err = FromEnv(env(map[string]string{"RECOUVRA_TRUSTED_PROXIES": " 10.0.0.0/8, 192.0.2.7,2001:db8::/32 ,"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.TrustedProxies, " "); got != "10.0.0.0/8 192.0.2.7 2001:db8::/32" {
		t.Errorf("trusted proxies %q", got)
	}
	for _, bad := range []string{"load-balancer.internal", "10.0.0.0/33", "0.0.0.0/0", "::/0", "fe80::1%eth0"} {
		_, err := FromEnv(env(map[string]string{"RECOUVRA_TRUSTED_PROXIES": "10.0.0.1," + bad}))
		if err == nil || !strings.Contains(err.Error(), "RECOUVRA_TRUSTED_PROXIES") || !strings.Contains(err.Error(), bad) {
			t.Errorf("%q: error %v, want one naming the variable and the value", bad, err)
		}
	}
}

// Package config reads Recouvra's settings from environment variables. Every
// setting has a default that works for `make run` on a developer's machine;
// production overrides them (see the table in README.md).
package config

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/calendar"
)

// Config is every setting of the recouvra binary.
type Config struct {
	Env               string        // RECOUVRA_ENV: "dev" or "production"
	DataDir           string        // RECOUVRA_DATA_DIR: local state for `make run`
	DatabaseURL       string        // DATABASE_URL: PostgreSQL URL, or sqlite:PATH
	HTTPAddr          string        // RECOUVRA_HTTP_ADDR
	PublicURL         string        // RECOUVRA_PUBLIC_URL: base URL printed and used in links
	TemporalAddress   string        // TEMPORAL_ADDRESS
	TemporalNamespace string        // TEMPORAL_NAMESPACE
	TemporalUIURL     string        // TEMPORAL_UI_URL: for links from the back-office
	TaskQueue         string        // RECOUVRA_TASK_QUEUE
	LogFormat         string        // RECOUVRA_LOG_FORMAT: "text" or "json"
	LogLevel          string        // RECOUVRA_LOG_LEVEL: debug, info, warn, error
	PreDueDays        int           // RECOUVRA_PREDUE_DAYS: a case opens this many days before the due date
	SweepCron         string        // RECOUVRA_SWEEP_CRON: when the daily sweep starts missing cases (Europe/Paris)
	ShutdownTimeout   time.Duration // RECOUVRA_SHUTDOWN_TIMEOUT
	SendingWindow     string        // RECOUVRA_SENDING_WINDOW: when letters and emails go out, Europe/Paris
	PromiseGraceDays  int           // RECOUVRA_PROMISE_GRACE_DAYS: a promise is broken this many days after its date
	DisputeSLADays    int           // RECOUVRA_DISPUTE_SLA_DAYS: remind the account manager of an open dispute
	GreffeFeeCents    int64         // RECOUVRA_GREFFE_FEE_CENTS: fee of an injonction de payer at a commercial court
	// TrustedProxies (RECOUVRA_TRUSTED_PROXIES: comma-separated IPs or CIDRs)
	// are the load balancers whose X-Forwarded-For is believed. Empty by
	// default: anyone can write that header, so trusting it from every peer
	// would let a client choose the address the login limit and the audit
	// log see.
	TrustedProxies []string
}

// Production tells whether Recouvra runs in production mode (JSON logs, secure cookies).
func (c Config) Production() bool { return c.Env == "production" }

// FromEnv reads the configuration; getenv is os.Getenv outside tests.
func FromEnv(getenv func(string) string) (Config, error) {
	str := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Env:               str("RECOUVRA_ENV", "dev"),
		DataDir:           str("RECOUVRA_DATA_DIR", ".data"),
		HTTPAddr:          str("RECOUVRA_HTTP_ADDR", "127.0.0.1:8080"),
		TemporalAddress:   str("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		TemporalNamespace: str("TEMPORAL_NAMESPACE", "default"),
		TemporalUIURL:     str("TEMPORAL_UI_URL", "http://127.0.0.1:8233"),
		TaskQueue:         str("RECOUVRA_TASK_QUEUE", "recouvra"),
		SweepCron:         str("RECOUVRA_SWEEP_CRON", "0 6 * * *"),
		SendingWindow:     str("RECOUVRA_SENDING_WINDOW", "09:00-17:00"),
	}
	if c.Env != "dev" && c.Env != "production" {
		return c, fmt.Errorf("RECOUVRA_ENV=%q: want dev or production", c.Env)
	}
	c.DatabaseURL = str("DATABASE_URL", "sqlite:"+filepath.Join(c.DataDir, "recouvra.db"))
	c.PublicURL = str("RECOUVRA_PUBLIC_URL", "http://"+c.HTTPAddr)
	logFormat := "text"
	if c.Production() {
		logFormat = "json"
	}
	c.LogFormat = str("RECOUVRA_LOG_FORMAT", logFormat)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("RECOUVRA_LOG_FORMAT=%q: want text or json", c.LogFormat)
	}
	c.LogLevel = str("RECOUVRA_LOG_LEVEL", "info")
	var err error
	if c.PreDueDays, err = intVar(getenv, "RECOUVRA_PREDUE_DAYS", 10, 0, 60); err != nil {
		return c, err
	}
	if c.PromiseGraceDays, err = intVar(getenv, "RECOUVRA_PROMISE_GRACE_DAYS", 3, 0, 60); err != nil {
		return c, err
	}
	if c.DisputeSLADays, err = intVar(getenv, "RECOUVRA_DISPUTE_SLA_DAYS", 15, 1, 365); err != nil {
		return c, err
	}
	fee, err := intVar(getenv, "RECOUVRA_GREFFE_FEE_CENTS", 3500, 0, 100000)
	if err != nil {
		return c, err
	}
	c.GreffeFeeCents = int64(fee)
	if c.SendingWindow != "always" {
		if _, err := calendar.ParseWindow(c.SendingWindow); err != nil {
			return c, fmt.Errorf("RECOUVRA_SENDING_WINDOW=%q: %v (or \"always\")", c.SendingWindow, err)
		}
	}
	if c.TrustedProxies, err = proxyList(getenv("RECOUVRA_TRUSTED_PROXIES")); err != nil {
		return c, err
	}
	timeout := str("RECOUVRA_SHUTDOWN_TIMEOUT", "20s")
	if c.ShutdownTimeout, err = time.ParseDuration(timeout); err != nil || c.ShutdownTimeout <= 0 {
		return c, fmt.Errorf("RECOUVRA_SHUTDOWN_TIMEOUT=%q: want a positive duration such as 20s", timeout)
	}
	return c, nil
}

// Load reads the configuration from the process environment.
func Load() (Config, error) { return FromEnv(os.Getenv) }

// proxyList parses RECOUVRA_TRUSTED_PROXIES, refusing anything that is not
// an IP address or a CIDR block, and 0.0.0.0/0 or ::/0, which would trust
// every client again.
func proxyList(v string) ([]string, error) {
	var proxies []string
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(item)
		if err != nil {
			addr, aerr := netip.ParseAddr(item)
			if aerr != nil || addr.Zone() != "" {
				return nil, fmt.Errorf("RECOUVRA_TRUSTED_PROXIES: %q is neither an IP address nor a CIDR block", item)
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		if prefix.Bits() == 0 {
			return nil, fmt.Errorf("RECOUVRA_TRUSTED_PROXIES: %q would trust every client; name the load balancers' addresses", item)
		}
		proxies = append(proxies, item)
	}
	return proxies, nil
}

func intVar(getenv func(string) string, name string, def, min, max int) (int, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, fmt.Errorf("%s=%q: want a whole number from %d to %d", name, v, min, max)
	}
	return n, nil
}

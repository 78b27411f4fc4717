// Package mailer sends the e-mails of a recovery case (reminders, formal
// notices) through an SMTP relay, with deterministic Message-IDs so that a
// retried send can be recognised and every e-mail of a case stays in one
// thread, and with errors classified so a retry policy knows when to stop.
package mailer

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"
)

// Encryption modes accepted in Config.Encryption.
const (
	EncryptionNone     = "none"     // plain SMTP; only for a local development mailbox
	EncryptionSTARTTLS = "starttls" // plain connection upgraded with STARTTLS; refused if the server does not offer it
	EncryptionTLS      = "tls"      // implicit TLS from the first byte (usually port 465)
)

// DefaultTimeout bounds one Send (connection, dialogue and transfer) when
// Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config describes the SMTP relay.
type Config struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	// Encryption is "none", "starttls" or "tls".
	Encryption string
	// From is the default sender, e.g. "Cabinet Martin <relances@cabinet-martin.fr>",
	// used when Message.From is empty.
	From string
	// HelloName is sent in EHLO; empty means the domain of From.
	HelloName string
	// Timeout bounds one Send; zero means DefaultTimeout.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (private CA, test certificates).
	// Nil means the system roots with ServerName = Host.
	TLSConfig *tls.Config
}

// ConfigFromEnv reads the relay settings from environment variables named
// with prefix (normally "SMTP_"): HOST, PORT, USERNAME, PASSWORD, ENCRYPTION,
// FROM, and optionally HELLO_NAME and TIMEOUT (a Go duration such as "20s").
// ENCRYPTION defaults to "starttls" so that credentials never travel in clear
// by accident; PORT defaults to the usual port of the chosen encryption.
func ConfigFromEnv(prefix string) (Config, error) {
	get := func(name string) string { return strings.TrimSpace(os.Getenv(prefix + name)) }
	cfg := Config{
		Host:       get("HOST"),
		Username:   get("USERNAME"),
		Password:   os.Getenv(prefix + "PASSWORD"), // a password may legitimately contain spaces
		Encryption: strings.ToLower(get("ENCRYPTION")),
		From:       get("FROM"),
		HelloName:  get("HELLO_NAME"),
	}
	if cfg.Encryption == "" {
		cfg.Encryption = EncryptionSTARTTLS
	}
	if raw := get("PORT"); raw != "" {
		port, err := strconv.Atoi(raw)
		if err != nil {
			return Config{}, fmt.Errorf("%sPORT=%q: not a port number (1-65535)", prefix, raw)
		}
		cfg.Port = port
	} else {
		cfg.Port = defaultPort(cfg.Encryption)
	}
	if raw := get("TIMEOUT"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			return Config{}, fmt.Errorf("%sTIMEOUT=%q: want a positive duration such as \"30s\"", prefix, raw)
		}
		cfg.Timeout = d
	}
	if err := cfg.validate(prefix); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error { return c.validate("") }

// validate names each setting as its environment variable when prefix is
// set, and as its field otherwise, so the message points at what to fix.
func (c Config) validate(prefix string) error {
	name := func(env, field string) string {
		if prefix != "" {
			return prefix + env
		}
		return "Config." + field
	}
	if c.Host == "" {
		return fmt.Errorf("%s is empty: the SMTP relay host is required", name("HOST", "Host"))
	}
	if net.ParseIP(c.Host) == nil && strings.ContainsAny(c.Host, " /:") {
		return fmt.Errorf("%s=%q: want a host name or IP address without port or scheme", name("HOST", "Host"), c.Host)
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("%s=%d: not a port number (1-65535)", name("PORT", "Port"), c.Port)
	}
	switch c.Encryption {
	case EncryptionNone, EncryptionSTARTTLS, EncryptionTLS:
	default:
		return fmt.Errorf("%s=%q: want %q, %q or %q", name("ENCRYPTION", "Encryption"),
			c.Encryption, EncryptionNone, EncryptionSTARTTLS, EncryptionTLS)
	}
	if c.Username == "" && c.Password != "" {
		return fmt.Errorf("%s is set but %s is empty", name("PASSWORD", "Password"), name("USERNAME", "Username"))
	}
	if c.From == "" {
		return fmt.Errorf("%s is empty: a default sender address is required", name("FROM", "From"))
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("%s=%q: not an e-mail address: %v", name("FROM", "From"), c.From, err)
	}
	if strings.ContainsAny(c.HelloName, " \r\n") {
		return fmt.Errorf("%s=%q: want a host name", name("HELLO_NAME", "HelloName"), c.HelloName)
	}
	if c.Timeout < 0 {
		return fmt.Errorf("%s=%s: must not be negative", name("TIMEOUT", "Timeout"), c.Timeout)
	}
	return nil
}

func defaultPort(encryption string) int {
	switch encryption {
	case EncryptionTLS:
		return 465
	case EncryptionNone:
		return 25
	default:
		return 587
	}
}

// helloName is the EHLO argument: the configured name, else the sender's
// domain, which relays accept more readily than "localhost".
func (c Config) helloName() string {
	if c.HelloName != "" {
		return c.HelloName
	}
	if addr, err := mail.ParseAddress(c.From); err == nil {
		if at := strings.LastIndexByte(addr.Address, '@'); at >= 0 && at < len(addr.Address)-1 {
			return addr.Address[at+1:]
		}
	}
	return "localhost"
}

func (c Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

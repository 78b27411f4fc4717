package mailer

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"
)

// ErrSTARTTLSNotOffered is returned (wrapped) when Encryption is "starttls"
// and the server did not upgrade the connection. go-simple-mail would
// silently carry on in clear; we refuse before credentials or the message
// leave the machine.
var ErrSTARTTLSNotOffered = errors.New("the SMTP server did not offer STARTTLS; refusing to send credentials or mail in clear")

// dial opens the TCP (or implicit TLS) connection itself, rather than
// letting go-simple-mail do it, so that ctx cancellation and the overall
// deadline apply to every read and write. The returned stop function must
// be called once the connection is no longer used.
func (s *Sender) dial(ctx context.Context) (net.Conn, func() bool, error) {
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	deadline := s.deadline(ctx)
	dialCtx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()

	var conn net.Conn
	var err error
	if s.cfg.Encryption == EncryptionTLS {
		d := tls.Dialer{Config: s.tlsConfig()}
		conn, err = d.DialContext(dialCtx, "tcp", addr)
	} else {
		var d net.Dialer
		conn, err = d.DialContext(dialCtx, "tcp", addr)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to SMTP relay %s (%s): %w", addr, s.cfg.Encryption, err)
	}
	if err := conn.SetDeadline(deadline); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("setting deadline on %s: %w", addr, err)
	}
	// Closing the connection is the only way to interrupt go-simple-mail
	// in the middle of a command.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	if s.cfg.Encryption == EncryptionSTARTTLS {
		conn = &plaintextGuard{Conn: conn}
	}
	return conn, stop, nil
}

// deadline is the earlier of the context's deadline and Config.Timeout.
func (s *Sender) deadline(ctx context.Context) time.Time {
	deadline := time.Now().Add(s.cfg.timeout())
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	return deadline
}

// explainTimeout names the limit behind an I/O time-out. The connection
// deadline may fire a moment before the context reports its own, so a
// time-out at or after the context's deadline is reported as
// context.DeadlineExceeded too.
func (s *Sender) explainTimeout(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return errors.Join(ctxErr, err)
	}
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Add(10*time.Millisecond).Before(d) {
		return errors.Join(context.DeadlineExceeded, err)
	}
	return fmt.Errorf("SMTP exchange exceeded the %s time-out: %w", s.cfg.timeout(), err)
}

func (s *Sender) tlsConfig() *tls.Config {
	cfg := &tls.Config{}
	if s.cfg.TLSConfig != nil {
		cfg = s.cfg.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = s.cfg.Host
	}
	return cfg
}

// plaintextGuard lets through, before STARTTLS, only the commands that are
// safe in clear (EHLO, HELO, STARTTLS, QUIT). Once STARTTLS has been sent,
// every later byte is written by the TLS client on top of this connection.
type plaintextGuard struct {
	net.Conn
	upgrading bool
}

func (g *plaintextGuard) Write(p []byte) (int, error) {
	if !g.upgrading {
		verb, _, _ := bytes.Cut(bytes.TrimSpace(p), []byte(" "))
		switch string(bytes.ToUpper(verb)) {
		case "EHLO", "HELO", "QUIT":
		case "STARTTLS":
			g.upgrading = true
		default:
			return 0, ErrSTARTTLSNotOffered
		}
	}
	return g.Conn.Write(p)
}

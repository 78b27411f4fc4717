package mailbox

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// ErrHangUp, returned by a data hook, makes the server close the
// connection without replying, as a crashed relay would: the client cannot
// tell whether the message was delivered.
var ErrHangUp = errors.New("mailbox: hang up without replying")

// Server is a local SMTP receiver that stores every message it accepts.
// It needs no TLS and accepts AUTH PLAIN with any credentials (or none),
// which suits development and tests only.
type Server struct {
	smtp  *smtp.Server
	ln    net.Listener
	store Store
	done  chan struct{}

	mu         sync.Mutex
	rejectRcpt func(addr string) bool
	onData     func(Received) error
}

// Option configures a Server at Listen.
type Option func(*options)

type options struct {
	tls      *tls.Config
	implicit bool
	errorLog *log.Logger
}

// WithSTARTTLS offers STARTTLS with cfg, to test a sender's encrypted path.
func WithSTARTTLS(cfg *tls.Config) Option {
	return func(o *options) { o.tls, o.implicit = cfg, false }
}

// WithImplicitTLS serves TLS from the first byte (as on port 465).
func WithImplicitTLS(cfg *tls.Config) Option {
	return func(o *options) { o.tls, o.implicit = cfg, true }
}

// WithErrorLog sends the SMTP library's internal errors (dropped
// connections and the like) to logger instead of standard error.
func WithErrorLog(logger *log.Logger) Option {
	return func(o *options) { o.errorLog = logger }
}

// Listen starts a server on addr ("127.0.0.1:0" picks a free port) that
// saves into store. Close stops it.
func Listen(addr string, store Store, opts ...Option) (*Server, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("mailbox: listening on %s: %w", addr, err)
	}
	s := &Server{ln: ln, store: store, done: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.MaxMessageBytes = 32 << 20
	srv.MaxRecipients = 100
	srv.ReadTimeout = time.Minute
	srv.WriteTimeout = time.Minute
	if o.errorLog != nil {
		srv.ErrorLog = o.errorLog
	}
	if o.tls != nil {
		srv.TLSConfig = o.tls
		if o.implicit {
			s.ln = tls.NewListener(ln, o.tls)
		}
	}
	s.smtp = srv
	go func() {
		defer close(s.done)
		srv.Serve(s.ln) // returns nil once Close is called
	}()
	return s, nil
}

// Addr is the address the server listens on, e.g. "127.0.0.1:40213".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops listening and drops open connections.
func (s *Server) Close() error {
	err := s.smtp.Close()
	// go-smtp closes only the listeners Serve has registered; if Close comes
	// first, closing ours is what ends Serve.
	if lerr := s.ln.Close(); err == nil && !errors.Is(lerr, net.ErrClosed) {
		err = lerr
	}
	<-s.done
	if errors.Is(err, net.ErrClosed) || errors.Is(err, smtp.ErrServerClosed) {
		err = nil
	}
	return err
}

// RejectRecipients makes the server refuse with "550 5.1.1" every
// recipient for which reject returns true (nil accepts everyone), to test
// how a sender handles permanent failures. Safe to call while serving.
func (s *Server) RejectRecipients(reject func(addr string) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectRcpt = reject
}

// OnData installs a hook called with each message after DATA, before it
// is stored (nil removes it). If the hook returns an error the message is
// not stored and the client gets that error: an *smtp.SMTPError as is,
// ErrHangUp as a dropped connection, anything else as "451 4.3.0", a
// transient failure. To simulate a delivery whose acknowledgement is lost,
// save r into the store from the hook and return ErrHangUp.
func (s *Server) OnData(hook func(r Received) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onData = hook
}

func (s *Server) hooks() (func(string) bool, func(Received) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejectRcpt, s.onData
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{server: s, conn: c}, nil
}

// session holds one SMTP transaction at a time.
type session struct {
	server *Server
	conn   *smtp.Conn
	from   string
	to     []string
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

// Auth accepts any user name and password: this is a development inbox.
func (ss *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error { return nil }), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if reject, _ := ss.server.hooks(); reject != nil && reject(to) {
		return &smtp.SMTPError{
			Code:         550,
			EnhancedCode: smtp.EnhancedCode{5, 1, 1},
			Message:      fmt.Sprintf("mailbox <%s> does not exist", to),
		}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err // too large: go-smtp's own 552 error
	}
	msg := Received{ID: newID(), At: time.Now(), From: ss.from, To: append([]string(nil), ss.to...), Raw: raw}
	if _, hook := ss.server.hooks(); hook != nil {
		if err := hook(msg); err != nil {
			return ss.hookReply(err)
		}
	}
	if err := ss.server.store.Save(msg); err != nil {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "cannot store message: " + err.Error()}
	}
	return nil
}

func (ss *session) hookReply(err error) error {
	var reply *smtp.SMTPError
	switch {
	case errors.Is(err, ErrHangUp):
		ss.conn.Close()
		return err
	case errors.As(err, &reply):
		return reply
	default:
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: err.Error()}
	}
}

func (ss *session) Reset() {
	ss.from = ""
	ss.to = nil
}

func (ss *session) Logout() error { return nil }

// newID returns 16 random hexadecimal digits; ids only need to be unique
// within one mailbox, the arrival order is kept by the store.
func newID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

package mailer

import (
	"context"
	"fmt"
	"strings"

	mail "github.com/xhit/go-simple-mail/v2"
)

// Sender sends messages through one SMTP relay. It opens one connection
// per Send, so it is safe for concurrent use and a broken connection never
// outlives the send that saw it.
type Sender struct {
	cfg Config
}

// New returns a Sender for cfg. Configuration errors are reported by Send
// (and can be checked earlier with cfg.Validate).
func New(cfg Config) *Sender {
	return &Sender{cfg: cfg}
}

// Send delivers m to the relay. The message is validated before any
// connection; problems with it, and 5xx replies during the mail
// transaction, are returned as *PermanentError. Everything else (4xx
// replies, network errors, time-outs, cancellation, authentication or
// TLS problems) is transient: the same message may go through later.
//
// A transient error after the data was transferred may hide a delivery
// whose acknowledgement was lost; the retry then carries the same
// Message-ID, which lets receivers and our own mailbox recognise it.
func (s *Sender) Send(ctx context.Context, m Message) error {
	if err := s.cfg.Validate(); err != nil {
		return fmt.Errorf("mailer configuration: %w", err)
	}
	p, err := prepare(m, s.cfg.From)
	if err != nil {
		return err
	}
	email, err := compose(p)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("sending %s: %w", p.ID, err)
	}

	conn, stop, err := s.dial(ctx)
	if err != nil {
		return s.transient(ctx, p.ID, err)
	}
	defer stop()
	defer conn.Close()

	server := mail.NewSMTPClient()
	server.Host = s.cfg.Host
	server.Port = s.cfg.Port
	server.Username = s.cfg.Username
	server.Password = s.cfg.Password
	server.Helo = s.cfg.helloName()
	server.CustomConn = conn
	// Zero time-outs keep go-simple-mail from running the dialogue in a
	// goroutine it may abandon; our connection deadline bounds it instead.
	server.ConnectTimeout = 0
	server.SendTimeout = 0
	server.Encryption = mail.EncryptionNone
	if s.cfg.Encryption == EncryptionSTARTTLS {
		server.Encryption = mail.EncryptionSTARTTLS
		server.TLSConfig = s.tlsConfig()
	}

	client, err := server.Connect()
	if err != nil {
		// Greeting, EHLO, STARTTLS and AUTH concern the relay and our
		// account, never this message: always worth retrying later.
		return s.transient(ctx, p.ID, fmt.Errorf("SMTP handshake with %s:%d: %w", s.cfg.Host, s.cfg.Port, err))
	}
	if err := email.SendEnvelopeFrom(p.fromAddr, client); err != nil {
		return fmt.Errorf("sending %s to %s: %w", p.ID, strings.Join(p.To, ", "),
			classifyTransaction(s.explainTimeout(ctx, err)))
	}
	// The relay has accepted the message; a failed QUIT changes nothing.
	_ = client.Quit()
	return nil
}

// transient wraps err, adding the context's error when the context ended,
// so callers can test errors.Is(err, context.DeadlineExceeded).
func (s *Sender) transient(ctx context.Context, id string, err error) error {
	return fmt.Errorf("sending %s: %w", id, s.explainTimeout(ctx, err))
}

// compose builds the go-simple-mail message: the headers go-simple-mail
// does not write itself (Message-ID, In-Reply-To, References) are added
// explicitly, with angle brackets.
func compose(p prepared) (*mail.Email, error) {
	email := mail.NewMSG()
	email.SetFrom(p.From).AddTo(p.To...).SetSubject(p.Subject)
	if len(p.Cc) > 0 {
		email.AddCc(p.Cc...)
	}
	if p.ReplyTo != "" {
		email.SetReplyTo(p.ReplyTo)
	}
	email.AddHeader("Message-ID", "<"+p.ID+">")
	if p.InReplyTo != "" {
		email.AddHeader("In-Reply-To", "<"+p.InReplyTo+">")
	}
	if len(p.References) > 0 {
		// One header value, space separated: go-simple-mail joins several
		// values with commas, which is not the References syntax.
		email.AddHeader("References", "<"+strings.Join(p.References, "> <")+">")
	}

	switch {
	case p.Text != "" && p.HTML != "":
		// Plain text first: clients show the last alternative they support.
		email.SetBody(mail.TextPlain, p.Text).AddAlternative(mail.TextHTML, p.HTML)
	case p.HTML != "":
		email.SetBody(mail.TextHTML, p.HTML)
	default:
		email.SetBody(mail.TextPlain, p.Text)
	}
	for _, a := range p.Attachments {
		email.Attach(&mail.File{Name: a.Name, MimeType: a.ContentType, Data: a.Data})
	}
	if err := email.GetError(); err != nil {
		// Same input, same failure: retrying cannot help.
		return nil, &PermanentError{Reason: fmt.Sprintf("composing %s: %v", p.ID, err), Err: err}
	}
	return email, nil
}

package mailbox

import (
	"errors"
	"io"
	"log"
	"net"
	"net/smtp"
	"net/textproto"
	"slices"
	"testing"

	gosmtp "github.com/emersion/go-smtp"
)

func listen(t *testing.T) (*Server, *MemoryStore) {
	t.Helper()
	store := NewMemoryStore()
	srv, err := Listen("127.0.0.1:0", store, WithErrorLog(log.New(io.Discard, "", 0)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, store
}

// send uses the standard library's client, independent of package mailer.
func send(addr string, auth smtp.Auth, from string, to []string, msg string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if auth != nil {
		if err := c.Auth(auth); err != nil {
			return err
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func replyCode(err error) int {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code
	}
	return 0
}

func TestServerStoresWithAnyCredentials(t *testing.T) {
	srv, store := listen(t)
	const msg = "Subject: Relance\r\n\r\nBonjour\r\n"
	for _, auth := range []smtp.Auth{nil, smtp.PlainAuth("", "qui", "importe", "127.0.0.1")} {
		if err := send(srv.Addr(), auth, "a@b.fr", []string{"c@d.fr", "e@f.fr"}, msg); err != nil {
			t.Fatalf("send (auth %v): %v", auth != nil, err)
		}
	}
	all, _ := store.List()
	if len(all) != 2 {
		t.Fatalf("%d messages stored, want 2", len(all))
	}
	r := all[1]
	if r.From != "a@b.fr" || !slices.Equal(r.To, []string{"c@d.fr", "e@f.fr"}) || string(r.Raw) != msg || r.At.IsZero() {
		t.Errorf("stored %+v (raw %q)", r, r.Raw)
	}
	if validID(r.ID) != nil || r.ID == all[0].ID {
		t.Errorf("ids %q and %q: want two distinct valid ids", all[0].ID, r.ID)
	}
}

func TestServerHooks(t *testing.T) {
	srv, store := listen(t)
	const msg = "Subject: x\r\n\r\ny\r\n"

	srv.RejectRecipients(func(addr string) bool { return addr == "inconnu@d.fr" })
	if err := send(srv.Addr(), nil, "a@b.fr", []string{"inconnu@d.fr"}, msg); replyCode(err) != 550 {
		t.Errorf("refused recipient: error %v, want a 550 reply", err)
	}
	srv.RejectRecipients(nil)

	srv.OnData(func(Received) error { return errors.New("panne") })
	if err := send(srv.Addr(), nil, "a@b.fr", []string{"c@d.fr"}, msg); replyCode(err) != 451 {
		t.Errorf("failing hook: error %v, want a 451 reply", err)
	}
	srv.OnData(func(Received) error {
		return &gosmtp.SMTPError{Code: 554, EnhancedCode: gosmtp.EnhancedCode{5, 6, 0}, Message: "contenu refusé"}
	})
	if err := send(srv.Addr(), nil, "a@b.fr", []string{"c@d.fr"}, msg); replyCode(err) != 554 {
		t.Errorf("hook with SMTP error: error %v, want its 554 reply", err)
	}
	srv.OnData(func(Received) error { return ErrHangUp })
	if err := send(srv.Addr(), nil, "a@b.fr", []string{"c@d.fr"}, msg); err == nil || replyCode(err) != 0 {
		t.Errorf("hang-up hook: error %v, want a dropped connection", err)
	}
	if all, _ := store.List(); len(all) != 0 {
		t.Errorf("%d messages stored while refusing, want 0", len(all))
	}

	srv.OnData(nil)
	if err := send(srv.Addr(), nil, "a@b.fr", []string{"c@d.fr"}, msg); err != nil {
		t.Errorf("after removing the hooks: %v", err)
	}
	if all, _ := store.List(); len(all) != 1 {
		t.Errorf("%d messages stored, want 1", len(all))
	}
}

func TestServerClose(t *testing.T) {
	srv, _ := listen(t)
	addr := srv.Addr()
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Error("server still accepts connections after Close")
	}
}

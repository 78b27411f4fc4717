package mailer_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/mailbox"
	"github.com/recouvra/recouvra/internal/mailer"
)

// startMailbox runs a real SMTP receiver for the test.
func startMailbox(t *testing.T, opts ...mailbox.Option) (*mailbox.Server, *mailbox.MemoryStore) {
	t.Helper()
	store := mailbox.NewMemoryStore()
	opts = append(opts, mailbox.WithErrorLog(log.New(io.Discard, "", 0)))
	srv, err := mailbox.Listen("127.0.0.1:0", store, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, store
}

func configFor(t *testing.T, addr, encryption string) mailer.Config {
	t.Helper()
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(portText)
	return mailer.Config{
		Host: host, Port: port, Encryption: encryption,
		Username: "dev", Password: "n'importe quoi",
		From:    "Cabinet Martin <relances@cabinet-martin.fr>",
		Timeout: 5 * time.Second,
	}
}

// A small but real PDF, with bytes above 0x7F that base64 must carry intact.
var pdf = []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
	"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

func caseMessage() mailer.Message {
	return mailer.Message{
		ID:         mailer.MessageID("D-2026-0042/relance-2"),
		InReplyTo:  mailer.ThreadID("D-2026-0042"),
		References: []string{mailer.ThreadID("D-2026-0042"), mailer.MessageID("D-2026-0042/relance-1")},
		ReplyTo:    "Service recouvrement <recouvrement@cabinet-martin.fr>",
		To:         []string{"Société Générale d'Équipement <compta@sge.fr>"},
		Cc:         []string{"direction@sge.fr"},
		Subject:    "Relance : facture n° F-2026-118 échue — 1 234,56 €",
		Text:       "Madame, Monsieur,\n\nSauf erreur de notre part, la facture F-2026-118 reste impayée.\nÀ régler sous huit jours.\n",
		HTML:       "<p>Madame, Monsieur,</p><p>Sauf erreur de notre part, la facture <strong>F-2026-118</strong> reste impayée. À régler sous huit jours.</p>",
		Attachments: []mailer.Attachment{
			{Name: "Mise en demeure F-2026-118.pdf", ContentType: "application/pdf", Data: pdf},
		},
	}
}

func TestSendDeliversEverything(t *testing.T) {
	srv, store := startMailbox(t)
	m := caseMessage()
	if err := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionNone)).Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}

	all, _ := store.List()
	if len(all) != 1 {
		t.Fatalf("store holds %d messages, want 1", len(all))
	}
	got := all[0]
	if got.From != "relances@cabinet-martin.fr" {
		t.Errorf("envelope sender = %q", got.From)
	}
	if want := []string{"compta@sge.fr", "direction@sge.fr"}; !slices.Equal(got.To, want) {
		t.Errorf("envelope recipients = %q, want %q", got.To, want)
	}

	p, err := mailbox.Parse(got.Raw)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, got.Raw)
	}
	checks := []struct{ field, got, want string }{
		{"Subject", p.Subject, m.Subject},
		{"From", p.From, "Cabinet Martin <relances@cabinet-martin.fr>"},
		{"ReplyTo", p.ReplyTo, m.ReplyTo},
		{"To", strings.Join(p.To, "|"), "Société Générale d'Équipement <compta@sge.fr>"},
		{"Cc", strings.Join(p.Cc, "|"), "direction@sge.fr"},
		{"MessageID", p.MessageID, m.ID},
		{"InReplyTo", p.InReplyTo, m.InReplyTo},
		{"References", strings.Join(p.References, "|"), strings.Join(m.References, "|")},
		{"Text", p.Text, m.Text},
		{"HTML", p.HTML, m.HTML},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if len(p.Attachments) != 1 {
		t.Fatalf("%d attachments, want 1", len(p.Attachments))
	}
	a := p.Attachments[0]
	if a.Name != m.Attachments[0].Name || a.ContentType != "application/pdf" || !bytes.Equal(a.Data, pdf) {
		t.Errorf("attachment = %q (%s, %d bytes), want %q (application/pdf, %d bytes, identical)",
			a.Name, a.ContentType, len(a.Data), m.Attachments[0].Name, len(pdf))
	}
	if p.Date.IsZero() {
		t.Error("no Date header")
	}
}

func TestSendTextOnlyAndHTMLOnly(t *testing.T) {
	srv, store := startMailbox(t)
	sender := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionNone))
	// The bodies end with a line break: a single-part body cannot tell the
	// receiver whether the final CRLF required by SMTP was its own.
	for _, m := range []mailer.Message{
		{ID: "texte@recouvra", To: []string{"a@b.fr"}, Subject: "Texte", Text: "Ligne 1\nLigne 2 — fin\n"},
		{ID: "html@recouvra", To: []string{"a@b.fr"}, Subject: "HTML", HTML: "<p>Échéance dépassée</p>\n"},
	} {
		if err := sender.Send(context.Background(), m); err != nil {
			t.Fatalf("Send(%s): %v", m.ID, err)
		}
	}
	all, _ := store.List()
	if len(all) != 2 {
		t.Fatalf("%d messages stored, want 2", len(all))
	}
	text, _ := mailbox.Parse(all[0].Raw)
	html, _ := mailbox.Parse(all[1].Raw)
	if text.Text != "Ligne 1\nLigne 2 — fin\n" || text.HTML != "" {
		t.Errorf("text-only message parsed as Text=%q HTML=%q", text.Text, text.HTML)
	}
	if html.HTML != "<p>Échéance dépassée</p>\n" || html.Text != "" {
		t.Errorf("HTML-only message parsed as Text=%q HTML=%q", html.Text, html.HTML)
	}
}

func TestRejectedRecipientIsPermanent(t *testing.T) {
	srv, store := startMailbox(t)
	srv.RejectRecipients(func(addr string) bool { return addr == "inconnu@sge.fr" })
	m := caseMessage()
	m.To = []string{"compta@sge.fr", "inconnu@sge.fr"}

	err := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionNone)).Send(context.Background(), m)
	if !mailer.IsPermanent(err) {
		t.Fatalf("Send error = %v, want a permanent error", err)
	}
	var perm *mailer.PermanentError
	if errors.As(err, &perm); perm.Code != 550 || !strings.Contains(err.Error(), "inconnu@sge.fr") {
		t.Errorf("error %v: want code 550 and the refused address", err)
	}
	if all, _ := store.List(); len(all) != 0 {
		t.Errorf("%d messages stored after a refused recipient, want 0", len(all))
	}
}

func TestInvalidAddressFailsWithoutConnecting(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	connections := 0
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			connections++
			mu.Unlock()
			c.Close()
		}
	}()
	m := caseMessage()
	m.To = []string{"compta@sge.fr", "compta(at)sge.fr"}

	err = mailer.New(configFor(t, ln.Addr().String(), mailer.EncryptionNone)).Send(context.Background(), m)
	ln.Close()
	if !mailer.IsPermanent(err) || !strings.Contains(err.Error(), "compta(at)sge.fr") {
		t.Fatalf("Send error = %v, want a permanent error naming the address", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if connections != 0 {
		t.Errorf("%d connection(s) opened for an invalid message", connections)
	}
}

func TestUnreachableServerIsTransient(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there any more

	err = mailer.New(configFor(t, addr, mailer.EncryptionNone)).Send(context.Background(), caseMessage())
	if err == nil || mailer.IsPermanent(err) {
		t.Fatalf("Send error = %v, want a transient error", err)
	}
	if !strings.Contains(err.Error(), addr) {
		t.Errorf("error %q does not name the relay %s", err, addr)
	}
}

func TestSilentServerHitsContextDeadline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accept, never greet
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = mailer.New(configFor(t, ln.Addr().String(), mailer.EncryptionNone)).Send(ctx, caseMessage())
	if !errors.Is(err, context.DeadlineExceeded) || mailer.IsPermanent(err) {
		t.Fatalf("Send error = %v, want a transient context.DeadlineExceeded", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Send returned after %s, want about 200ms", elapsed)
	}
}

func TestTransientReplyAfterData(t *testing.T) {
	srv, store := startMailbox(t)
	srv.OnData(func(mailbox.Received) error { return errors.New("disque plein") })
	err := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionNone)).Send(context.Background(), caseMessage())
	if err == nil || mailer.IsPermanent(err) || !strings.Contains(err.Error(), "451") {
		t.Fatalf("Send error = %v, want a transient 451", err)
	}
	if all, _ := store.List(); len(all) != 0 {
		t.Errorf("%d messages stored, want 0", len(all))
	}
}

// A relay that stores the message and then crashes before acknowledging it
// makes the sender retry: the copy carries the same Message-ID, which is
// what lets the duplicate be recognised.
func TestLostAcknowledgementRetriesWithSameMessageID(t *testing.T) {
	srv, store := startMailbox(t)
	srv.OnData(func(r mailbox.Received) error {
		srv.OnData(nil) // crash once only
		if err := store.Save(r); err != nil {
			return err
		}
		return mailbox.ErrHangUp
	})
	sender := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionNone))
	m := caseMessage()
	err := sender.Send(context.Background(), m)
	if err == nil || mailer.IsPermanent(err) {
		t.Fatalf("first Send error = %v, want a transient error", err)
	}
	if err := sender.Send(context.Background(), m); err != nil {
		t.Fatalf("retry: %v", err)
	}
	all, _ := store.List()
	if len(all) != 2 {
		t.Fatalf("%d messages stored, want the lost one and the retry", len(all))
	}
	first, _ := mailbox.Parse(all[0].Raw)
	second, _ := mailbox.Parse(all[1].Raw)
	if first.MessageID != m.ID || second.MessageID != m.ID {
		t.Errorf("Message-IDs %q and %q, want both %q", first.MessageID, second.MessageID, m.ID)
	}
}

func TestSTARTTLSRequiredWhenConfigured(t *testing.T) {
	srv, store := startMailbox(t) // offers no STARTTLS
	err := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionSTARTTLS)).Send(context.Background(), caseMessage())
	if !errors.Is(err, mailer.ErrSTARTTLSNotOffered) || mailer.IsPermanent(err) {
		t.Fatalf("Send error = %v, want a transient ErrSTARTTLSNotOffered", err)
	}
	if all, _ := store.List(); len(all) != 0 {
		t.Errorf("%d messages delivered in clear", len(all))
	}
}

func TestEncryptedDelivery(t *testing.T) {
	serverTLS, clientTLS := testTLS(t)
	for _, tt := range []struct {
		encryption string
		option     mailbox.Option
	}{
		{mailer.EncryptionSTARTTLS, mailbox.WithSTARTTLS(serverTLS)},
		{mailer.EncryptionTLS, mailbox.WithImplicitTLS(serverTLS)},
	} {
		t.Run(tt.encryption, func(t *testing.T) {
			srv, store := startMailbox(t, tt.option)
			cfg := configFor(t, srv.Addr(), tt.encryption)
			cfg.TLSConfig = clientTLS
			if err := mailer.New(cfg).Send(context.Background(), caseMessage()); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if all, _ := store.List(); len(all) != 1 {
				t.Fatalf("%d messages stored, want 1", len(all))
			}
			// Without the test CA the certificate must be refused.
			cfg.TLSConfig = nil
			if err := mailer.New(cfg).Send(context.Background(), caseMessage()); err == nil {
				t.Error("an untrusted certificate was accepted")
			}
		})
	}
}

func TestConcurrentSends(t *testing.T) {
	srv, store := startMailbox(t)
	sender := mailer.New(configFor(t, srv.Addr(), mailer.EncryptionNone))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			m := caseMessage()
			m.ID = mailer.MessageID("concurrent-" + strconv.Itoa(i))
			errs <- sender.Send(context.Background(), m)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if all, _ := store.List(); len(all) != 8 {
		t.Errorf("%d messages stored, want 8", len(all))
	}
}

package mailbox_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/mailbox"
	"github.com/recouvra/recouvra/internal/mailer"
)

var pdf = []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\ntrailer<</Root 1 0 R>>\n%%EOF\n")

// inboxWith sends messages through a real server with package mailer and
// returns the store holding them, oldest first.
func inboxWith(t *testing.T, messages ...mailer.Message) *mailbox.MemoryStore {
	t.Helper()
	store := mailbox.NewMemoryStore()
	srv, err := mailbox.Listen("127.0.0.1:0", store, mailbox.WithErrorLog(log.New(io.Discard, "", 0)))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	host, port, _ := net.SplitHostPort(srv.Addr())
	portNumber, _ := strconv.Atoi(port)
	sender := mailer.New(mailer.Config{Host: host, Port: portNumber, Encryption: mailer.EncryptionNone,
		From: "Cabinet Martin <relances@cabinet-martin.fr>", Timeout: 5 * time.Second})
	for _, m := range messages {
		if err := sender.Send(context.Background(), m); err != nil {
			t.Fatalf("Send(%s): %v", m.ID, err)
		}
	}
	return store
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestHandler(t *testing.T) {
	store := inboxWith(t,
		mailer.Message{ID: "ancien@recouvra", To: []string{"a@b.fr"}, Subject: "Premier rappel amiable", Text: "Ancien"},
		mailer.Message{
			ID: "relance-2@recouvra", To: []string{"Société Dupont <compta@dupont.fr>"},
			Subject: "Mise en demeure — facture F-118 <script>alert(1)</script>",
			Text:    "Madame, Monsieur,\nVeuillez régler 1 234,56 €.",
			HTML:    `<p>Veuillez régler <b>1 234,56 €</b>.</p><script>alert("x")</script>`,
			Attachments: []mailer.Attachment{
				{Name: "mise en demeure n°1.pdf", ContentType: "application/pdf", Data: pdf},
				{Name: "page.html", ContentType: "text/html", Data: []byte("<script>alert(2)</script>")},
			},
		},
	)
	all, _ := store.List()
	oldID, newID := all[0].ID, all[1].ID
	// Mounted under a prefix, as the application will do.
	h := http.StripPrefix("/dev/mailbox", mailbox.Handler(store))

	t.Run("list", func(t *testing.T) {
		rec := get(t, h, "/dev/mailbox/")
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, body)
		}
		for _, want := range []string{"Boîte de réception de développement", "<th>De</th>", "<th>À</th>", "<th>Objet</th>", "<th>Pièces jointes</th>",
			"Premier rappel amiable", "Mise en demeure — facture F-118", `href="` + newID + `"`, "Société Dupont"} {
			if !strings.Contains(body, want) {
				t.Errorf("list page lacks %q", want)
			}
		}
		if strings.Contains(body, "<script>") {
			t.Error("the subject was not escaped")
		}
		if strings.Index(body, newID) > strings.Index(body, oldID) {
			t.Error("newest message is not listed first")
		}
	})

	t.Run("message", func(t *testing.T) {
		rec := get(t, h, "/dev/mailbox/"+newID)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, body)
		}
		for _, want := range []string{"Veuillez régler 1 234,56 €.", "relance-2@recouvra", "mise en demeure n°1.pdf", "page.html",
			`src="` + newID + `/html"`, `sandbox=""`, `href="` + newID + `/attachments/0"`, "Pièces jointes", "compta@dupont.fr"} {
			if !strings.Contains(body, want) {
				t.Errorf("message page lacks %q", want)
			}
		}
		if strings.Contains(body, "<script>") {
			t.Error("message page contains a live script")
		}
	})

	t.Run("html body is sandboxed", func(t *testing.T) {
		rec := get(t, h, "/dev/mailbox/"+newID+"/html")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<b>1 234,56 €</b>") {
			t.Fatalf("status %d, body %q", rec.Code, rec.Body.String())
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
			t.Errorf("Content-Security-Policy = %q, want a sandbox", csp)
		}
	})

	t.Run("attachment download", func(t *testing.T) {
		rec := get(t, h, "/dev/mailbox/"+newID+"/attachments/0")
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), pdf) {
			t.Fatalf("status %d, %d bytes; want the %d bytes of the PDF", rec.Code, rec.Body.Len(), len(pdf))
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("Content-Type = %q", ct)
		}
		disposition, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
		if err != nil || disposition != "attachment" || params["filename"] != "mise en demeure n°1.pdf" {
			t.Errorf("Content-Disposition = %q (%v): want attachment with the accented file name", rec.Header().Get("Content-Disposition"), err)
		}
		// An HTML attachment is downloaded, never rendered in the inbox's origin.
		rec = get(t, h, "/dev/mailbox/"+newID+"/attachments/1")
		if d := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(d, "attachment") ||
			!strings.HasPrefix(rec.Header().Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("HTML attachment served with disposition %q and CSP %q", d, rec.Header().Get("Content-Security-Policy"))
		}
	})

	t.Run("raw source", func(t *testing.T) {
		rec := get(t, h, "/dev/mailbox/"+oldID+"/raw")
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), all[0].Raw) {
			t.Errorf("status %d; raw source differs from the stored bytes", rec.Code)
		}
	})

	t.Run("not found", func(t *testing.T) {
		for _, path := range []string{"/dev/mailbox/inconnu", "/dev/mailbox/" + newID + "/attachments/2",
			"/dev/mailbox/" + newID + "/attachments/-1", "/dev/mailbox/" + newID + "/attachments/x", "/dev/mailbox/..%2F..%2Fetc/html"} {
			if rec := get(t, h, path); rec.Code != http.StatusNotFound {
				t.Errorf("GET %s: status %d, want 404", path, rec.Code)
			}
		}
	})

	t.Run("prefix without slash redirects relatively", func(t *testing.T) {
		rec := get(t, h, "/dev/mailbox")
		if rec.Code != http.StatusFound || rec.Header().Get("Location") != "mailbox/" {
			t.Errorf("status %d, Location %q; want 302 to mailbox/", rec.Code, rec.Header().Get("Location"))
		}
	})
}

func TestHandlerEmptyInbox(t *testing.T) {
	rec := get(t, mailbox.Handler(mailbox.NewMemoryStore()), "/")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Aucun message reçu.") {
		t.Errorf("status %d, body %q", rec.Code, rec.Body.String())
	}
}

func TestHandlerShowsUnreadableMessage(t *testing.T) {
	store := mailbox.NewMemoryStore()
	raw := "Content-Type: multipart/mixed\r\n\r\ncorps sans délimiteur\r\n"
	if err := store.Save(mailbox.Received{ID: "casse", At: time.Now(), From: "a@b.fr", To: []string{"c@d.fr"}, Raw: []byte(raw)}); err != nil {
		t.Fatal(err)
	}
	h := mailbox.Handler(store)
	if body := get(t, h, "/").Body.String(); !strings.Contains(body, "illisible") || !strings.Contains(body, "a@b.fr") {
		t.Errorf("list does not flag the unreadable message with its envelope sender:\n%s", body)
	}
	body := get(t, h, "/casse").Body.String()
	if !strings.Contains(body, "Message illisible") || !strings.Contains(body, "corps sans délimiteur") {
		t.Errorf("message page does not show the error and the raw text:\n%s", body)
	}
}

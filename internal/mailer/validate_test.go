package mailer

import (
	"slices"
	"strings"
	"testing"
)

func validMessage() Message {
	return Message{
		ID:      MessageID("dossier-42/relance-1"),
		To:      []string{"Société Dupont <compta@dupont.fr>"},
		Subject: "Relance",
		Text:    "Bonjour",
	}
}

func TestPrepareRefusesInvalidMessages(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Message)
		want   string // substring of the error
	}{
		{"invalid from", func(m *Message) { m.From = "relances.cabinet.fr" }, `From "relances.cabinet.fr"`},
		{"invalid reply-to", func(m *Message) { m.ReplyTo = "a@" }, `ReplyTo "a@"`},
		{"invalid to", func(m *Message) { m.To = []string{"ok@dupont.fr", "dupont @ fr"} }, `To[1] "dupont @ fr"`},
		{"invalid cc", func(m *Message) { m.Cc = []string{"x"} }, `Cc[0] "x"`},
		{"no recipient", func(m *Message) { m.To = nil; m.Cc = []string{"a@b.fr"} }, "To is empty"},
		{"no id", func(m *Message) { m.ID = "" }, "ID is empty"},
		{"id with brackets", func(m *Message) { m.ID = "<a@b>" }, `ID "<a@b>"`},
		{"id without domain", func(m *Message) { m.ID = "abc" }, `ID "abc"`},
		{"id with space", func(m *Message) { m.ID = "a b@c" }, "position 1"},
		{"bad in-reply-to", func(m *Message) { m.InReplyTo = "x@y@z" }, `InReplyTo "x@y@z"`},
		{"bad reference", func(m *Message) { m.References = []string{"ok@x", "pas bon"} }, `References "pas bon"`},
		{"subject with line break", func(m *Message) { m.Subject = "Relance\r\nBcc: x@y.fr" }, "line break"},
		{"empty subject", func(m *Message) { m.Subject = "  " }, "Subject is empty"},
		{"no body", func(m *Message) { m.Text = "" }, "no body"},
		{"unnamed attachment", func(m *Message) { m.Attachments = []Attachment{{Data: []byte("x")}} }, "attachment 0"},
		{"path in attachment name", func(m *Message) { m.Attachments = []Attachment{{Name: "../etc/passwd", Data: []byte("x")}} }, `"../etc/passwd"`},
		{"empty attachment", func(m *Message) { m.Attachments = []Attachment{{Name: "a.pdf"}} }, `("a.pdf") is empty`},
		{"bad content type", func(m *Message) {
			m.Attachments = []Attachment{{Name: "a.pdf", ContentType: "pdf", Data: []byte("x")}}
		}, `content type "pdf"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMessage()
			tt.change(&m)
			_, err := prepare(m, "relances@cabinet-martin.fr")
			if err == nil {
				t.Fatal("prepare accepted an invalid message")
			}
			if !IsPermanent(err) {
				t.Errorf("error %v is not permanent", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestPrepareNormalises(t *testing.T) {
	m := validMessage()
	m.To = []string{"Société Dupont <compta@dupont.fr>", "COMPTA@dupont.fr", "direction@dupont.fr"}
	m.Cc = []string{"compta@DUPONT.fr", "avocat@cabinet.fr"}
	m.References = []string{ThreadID("42"), m.ID}
	m.Attachments = []Attachment{{Name: "Mise en demeure.PDF", Data: []byte("%PDF")}, {Name: "notes", Data: []byte("x")}}

	p, err := prepare(m, "Cabinet Martin <relances@cabinet-martin.fr>")
	if err != nil {
		t.Fatal(err)
	}
	if p.From != "Cabinet Martin <relances@cabinet-martin.fr>" || p.fromAddr != "relances@cabinet-martin.fr" {
		t.Errorf("From = %q, envelope %q: want the default sender", p.From, p.fromAddr)
	}
	if want := []string{"Société Dupont <compta@dupont.fr>", "direction@dupont.fr"}; !slices.Equal(p.To, want) {
		t.Errorf("To = %q, want duplicates removed: %q", p.To, want)
	}
	if want := []string{"avocat@cabinet.fr"}; !slices.Equal(p.Cc, want) {
		t.Errorf("Cc = %q, want %q (addresses already in To removed)", p.Cc, want)
	}
	if want := []string{ThreadID("42")}; !slices.Equal(p.References, want) {
		t.Errorf("References = %q, want the self-reference dropped: %q", p.References, want)
	}
	if got := p.Attachments[0].ContentType; got != "application/pdf" {
		t.Errorf("content type of .PDF = %q, want application/pdf", got)
	}
	if got := p.Attachments[1].ContentType; got != "application/octet-stream" {
		t.Errorf("content type without extension = %q, want application/octet-stream", got)
	}
	if m.Attachments[0].ContentType != "" {
		t.Error("prepare modified the caller's attachments")
	}
}

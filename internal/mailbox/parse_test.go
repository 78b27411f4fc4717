package mailbox

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

// crlf turns a readable fixture into wire format.
func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

const nestedMessage = `Message-ID: <relance-2@recouvra>
In-Reply-To: <case.D-42@recouvra>
References: <case.D-42@recouvra>
 <relance-1@recouvra>
From: =?UTF-8?Q?Cabinet_Martin_=26_Associ=C3=A9s?= <relances@cabinet-martin.fr>
Reply-To: recouvrement@cabinet-martin.fr
To: "Dupont, Jean" <jean@dupont.fr>, compta@dupont.fr
Cc: =?ISO-8859-1?Q?Fran=E7oise?= <f@dupont.fr>
Subject: =?UTF-8?Q?Relance_=C3=A9chue?= =?UTF-8?B?IOKAlCDDoCByw6lnbGVy?=
Date: Sat, 14 Nov 2026 09:05:03 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

This is a multi-part message in MIME format.
--outer
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

Bonjour,=0A=C3=80 r=C3=A9gler sous huit jours : 1=C2=A0234,56 =E2=82=AC. Une l=
igne tr=C3=A8s longue coup=C3=A9e.
--inner
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64

PHA+Qm9uam91ciA8Yj5Tb2Npw6l0w6k8L2I+PC9wPg==
--inner--

--outer
Content-Type: application/pdf; name="ignored.pdf"
Content-Disposition: attachment; filename*=UTF-8''r%C3%A9capitulatif%20n%C2%B01.pdf
Content-Transfer-Encoding: base64

AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g
ISIjJCUmJw==
--outer
Content-Type: text/csv; name="=?UTF-8?Q?relev=C3=A9.csv?="
Content-Disposition: inline

date;montant
--outer
Content-Type: image/png
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw==
--outer--
`

func TestParseNestedMultipart(t *testing.T) {
	p, err := Parse(crlf(nestedMessage))
	if err != nil {
		t.Fatal(err)
	}
	fields := []struct{ name, got, want string }{
		{"MessageID", p.MessageID, "relance-2@recouvra"},
		{"InReplyTo", p.InReplyTo, "case.D-42@recouvra"},
		{"References", strings.Join(p.References, " "), "case.D-42@recouvra relance-1@recouvra"},
		{"From", p.From, "Cabinet Martin & Associés <relances@cabinet-martin.fr>"},
		{"ReplyTo", p.ReplyTo, "recouvrement@cabinet-martin.fr"},
		{"To", strings.Join(p.To, " | "), "Dupont, Jean <jean@dupont.fr> | compta@dupont.fr"},
		{"Cc", strings.Join(p.Cc, " | "), "Françoise <f@dupont.fr>"},
		{"Subject", p.Subject, "Relance échue — à régler"},
		{"Text", p.Text, "Bonjour,\nÀ régler sous huit jours : 1\u00a0234,56 €. Une ligne très longue coupée."},
		{"HTML", p.HTML, "<p>Bonjour <b>Société</b></p>"},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	if want := time.Date(2026, 11, 14, 8, 5, 3, 0, time.UTC); !p.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", p.Date, want)
	}

	wantAttachments := []Attachment{
		{Name: "récapitulatif n°1.pdf", ContentType: "application/pdf", Data: bytesRange(40)},
		{Name: "relevé.csv", ContentType: "text/csv", Data: []byte("date;montant")},
		{Name: "part-1.4", ContentType: "image/png", Data: []byte{0x89, 'P', 'N', 'G'}},
	}
	if len(p.Attachments) != len(wantAttachments) {
		t.Fatalf("%d attachments, want %d: %+v", len(p.Attachments), len(wantAttachments), p.Attachments)
	}
	for i, want := range wantAttachments {
		got := p.Attachments[i]
		if i == 2 {
			// The extension of an unnamed part depends on the system's MIME table.
			if !strings.HasPrefix(got.Name, want.Name) {
				t.Errorf("attachment %d name = %q, want prefix %q", i, got.Name, want.Name)
			}
			got.Name = want.Name
		}
		if got.Name != want.Name || got.ContentType != want.ContentType || !bytes.Equal(got.Data, want.Data) {
			t.Errorf("attachment %d = %q %s %v, want %q %s %v", i, got.Name, got.ContentType, got.Data, want.Name, want.ContentType, want.Data)
		}
	}
}

func bytesRange(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func TestParseSimpleMessages(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want Parsed
	}{
		{
			name: "no MIME at all, LF line ends",
			raw:  "From: a@b.fr\nTo: c@d.fr\nSubject: Bonjour\nMessage-ID: <x@y>\n\nLigne 1\nLigne 2\n",
			want: Parsed{From: "a@b.fr", To: []string{"c@d.fr"}, Subject: "Bonjour", MessageID: "x@y", Text: "Ligne 1\nLigne 2\n"},
		},
		{
			name: "Windows-1252 body and Latin-1 subject",
			raw: "Subject: =?ISO-8859-1?Q?Facture_impay=E9e?=\nContent-Type: text/plain; charset=windows-1252\n" +
				"Content-Transfer-Encoding: quoted-printable\n\nMontant d=FB : 12,00 =80\n",
			want: Parsed{Subject: "Facture impayée", Text: "Montant dû : 12,00 €\n"},
		},
		{
			name: "8bit UTF-8 HTML and references without brackets",
			raw:  "Subject: Relance\nReferences: a@x, b@y\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n<p>Échéance</p>\n",
			want: Parsed{Subject: "Relance", References: []string{"a@x", "b@y"}, HTML: "<p>Échéance</p>\n"},
		},
		{
			name: "unparsable address kept as written",
			raw:  "From: =?UTF-8?Q?Soci=C3=A9t=C3=A9?= <pas une adresse\nSubject: x\n\nbody",
			want: Parsed{From: "Société <pas une adresse", Subject: "x", Text: "body"},
		},
		{
			name: "body-less attachment only message",
			raw:  "Subject: pj\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n",
			want: Parsed{Subject: "pj", Attachments: []Attachment{{Name: "a.pdf", ContentType: "application/pdf", Data: []byte("%PDF")}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if got.From != tt.want.From || got.Subject != tt.want.Subject || got.MessageID != tt.want.MessageID ||
				got.Text != tt.want.Text || got.HTML != tt.want.HTML || !slices.Equal(got.To, tt.want.To) ||
				!slices.Equal(got.References, tt.want.References) || len(got.Attachments) != len(tt.want.Attachments) {
				t.Fatalf("Parse =\n %+v\nwant\n %+v", got, tt.want)
			}
			for i, a := range tt.want.Attachments {
				g := got.Attachments[i]
				if g.Name != a.Name || g.ContentType != a.ContentType || !bytes.Equal(g.Data, a.Data) {
					t.Errorf("attachment %d = %+v, want %+v", i, g, a)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"no header", "pas un en-tête\n\ncorps", "reading message header"},
		{"multipart without boundary", "Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n", "without a boundary"},
		{"truncated nested part", "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n--i\nContent-Type: text/plain\n\ntexte", "part 1.1"},
		{"bad base64", "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n%%%%\n", "decoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.raw))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

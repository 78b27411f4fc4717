package mailer

import (
	"strings"
)

// IDDomain is the right-hand side of every Message-ID we generate. It is a
// constant, not the sender's domain, so that the IDs of a case stay the same
// if the relay or the sender address changes between two reminders.
const IDDomain = "recouvra"

// Message is one e-mail to send.
type Message struct {
	// ID is the Message-ID without angle brackets. Make it deterministic
	// (MessageID of an idempotency key) so that a retried send carries the
	// same ID and the recipient's client shows it once.
	ID string
	// InReplyTo and References (IDs without angle brackets) keep every
	// e-mail of a case in one thread; see ThreadID.
	InReplyTo  string
	References []string
	// From defaults to Config.From. ReplyTo is optional.
	From, ReplyTo string
	To, Cc        []string
	Subject       string
	// HTML and Text are sent as multipart/alternative when both are set.
	HTML, Text  string
	Attachments []Attachment
}

// Attachment is a file joined to a Message.
type Attachment struct {
	Name        string // file name shown to the recipient, e.g. "mise-en-demeure.pdf"
	ContentType string // empty means guessed from Name, else application/octet-stream
	Data        []byte
}

// MessageID turns an idempotency key into a Message-ID (without angle
// brackets): the same key always gives the same ID, and two different keys
// never give the same one. Characters that RFC 5322 does not allow on the
// left of "@" are written as %XX.
func MessageID(key string) string {
	return escapeIDPart(key) + "@" + IDDomain
}

// ThreadID is the root Message-ID of the thread of a case. Send the case's
// first e-mail with ID = ThreadID(caseKey), and every later e-mail with
// InReplyTo = ThreadID(caseKey) and References = [ThreadID(caseKey)] (plus
// the IDs of the previous e-mails if known): mail clients then group them,
// even when the first e-mail was deleted.
func ThreadID(caseKey string) string {
	return "case." + escapeIDPart(caseKey) + "@" + IDDomain
}

// escapeIDPart keeps letters, digits and a few safe punctuation marks, and
// percent-encodes every other byte, including "%" itself, which makes the
// encoding reversible and so injective. A dot is kept only where dot-atom
// syntax allows it (not first, not last, not after another dot).
func escapeIDPart(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '+', c == '=':
			b.WriteByte(c)
		case c == '.' && i > 0 && i < len(s)-1 && s[i-1] != '.':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0x0F])
		}
	}
	if b.Len() == 0 {
		return "%empty" // valid syntax, and no key encodes to it (escapes use upper-case hex)
	}
	return b.String()
}

package mailbox

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
)

// Parsed is a received message decoded for reading and for assertions in
// tests: encoded words decoded (accents intact), transfer encodings undone,
// text converted to UTF-8 with "\n" line ends.
type Parsed struct {
	MessageID, InReplyTo string   // without angle brackets
	References           []string // without angle brackets, in header order
	// From, ReplyTo, To and Cc are "Name <address>" when the header has a
	// display name, else the bare address.
	From, ReplyTo string
	To, Cc        []string
	Subject       string
	Date          time.Time // zero if absent or unreadable
	// Text and HTML are the first text/plain and text/html bodies. In a
	// single-part message they end with the line break that SMTP requires
	// at the end of the data, whether or not the sender wrote it.
	Text, HTML  string
	Attachments []Attachment
}

// Attachment is a non-body part: a file, an inline image, a forwarded message.
type Attachment struct {
	Name        string
	ContentType string // media type without parameters, e.g. "application/pdf"
	Data        []byte // decoded bytes
}

// wordDecoder decodes RFC 2047 encoded words in any charset x/text knows,
// not only UTF-8 and ISO-8859-1 as mime.WordDecoder does on its own.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unknown charset %q: %w", charset, err)
	}
	return enc.NewDecoder().Reader(input), nil
}

// Parse decodes a raw message. Header fields that cannot be decoded are
// kept as they are rather than failing, because a development inbox must
// still show a malformed message; a broken MIME structure is an error.
func Parse(raw []byte) (Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Parsed{}, fmt.Errorf("reading message header: %w", err)
	}
	h := msg.Header
	p := Parsed{
		Subject:    decodeHeader(h.Get("Subject")),
		From:       firstOrEmpty(addressList(h.Get("From"))),
		ReplyTo:    firstOrEmpty(addressList(h.Get("Reply-To"))),
		To:         addressList(h.Get("To")),
		Cc:         addressList(h.Get("Cc")),
		MessageID:  firstOrEmpty(messageIDs(h.Get("Message-Id"))),
		InReplyTo:  firstOrEmpty(messageIDs(h.Get("In-Reply-To"))),
		References: messageIDs(h.Get("References")),
	}
	if date, err := mail.ParseDate(h.Get("Date")); err == nil {
		p.Date = date
	}
	if err := p.walk(textproto.MIMEHeader(h), msg.Body, "1"); err != nil {
		return Parsed{}, err
	}
	return p, nil
}

func decodeHeader(v string) string {
	decoded, err := wordDecoder.DecodeHeader(v)
	if err != nil {
		return v
	}
	return decoded
}

// addressList formats each address for display; an unparsable header is
// returned decoded but otherwise as written.
func addressList(v string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	parser := mail.AddressParser{WordDecoder: wordDecoder}
	list, err := parser.ParseList(v)
	if err != nil {
		return []string{decodeHeader(v)}
	}
	out := make([]string, len(list))
	for i, a := range list {
		if a.Name != "" {
			out[i] = a.Name + " <" + a.Address + ">"
		} else {
			out[i] = a.Address
		}
	}
	return out
}

// messageIDs extracts "<id>" tokens; a header without angle brackets (as
// some clients write) is split on white space instead.
func messageIDs(v string) []string {
	var ids []string
	rest := v
	for {
		start := strings.IndexByte(rest, '<')
		if start < 0 {
			break
		}
		end := strings.IndexByte(rest[start:], '>')
		if end < 0 {
			break
		}
		if id := strings.TrimSpace(rest[start+1 : start+end]); id != "" {
			ids = append(ids, id)
		}
		rest = rest[start+end+1:]
	}
	if len(ids) == 0 {
		ids = strings.Fields(strings.ReplaceAll(v, ",", " "))
	}
	return ids
}

func firstOrEmpty(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

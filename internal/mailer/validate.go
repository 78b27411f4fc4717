package mailer

import (
	"mime"
	"net/mail"
	"path/filepath"
	"strings"
)

// prepared is a Message checked and normalised, ready to compose: every
// problem a relay would refuse anyway is caught here, before connecting,
// and reported as a PermanentError naming the field and value.
type prepared struct {
	Message
	fromAddr string // bare address for the envelope (MAIL FROM)
}

func prepare(m Message, defaultFrom string) (prepared, error) {
	p := prepared{Message: m}
	if p.From == "" {
		p.From = defaultFrom
	}
	from, err := mail.ParseAddress(p.From)
	if err != nil {
		return prepared{}, invalid("From %q is not an e-mail address: %v", p.From, err)
	}
	p.fromAddr = from.Address
	if p.ReplyTo != "" {
		if _, err := mail.ParseAddress(p.ReplyTo); err != nil {
			return prepared{}, invalid("ReplyTo %q is not an e-mail address: %v", p.ReplyTo, err)
		}
	}

	// A debtor's address may also be its accountant's: send once, not fail.
	seen := map[string]bool{}
	if p.To, err = uniqueAddresses("To", m.To, seen); err != nil {
		return prepared{}, err
	}
	if p.Cc, err = uniqueAddresses("Cc", m.Cc, seen); err != nil {
		return prepared{}, err
	}
	if len(p.To) == 0 {
		return prepared{}, invalid("To is empty: at least one recipient is required")
	}

	if err := checkID("ID", p.ID); err != nil {
		return prepared{}, err
	}
	if p.InReplyTo != "" {
		if err := checkID("InReplyTo", p.InReplyTo); err != nil {
			return prepared{}, err
		}
	}
	refs := make([]string, 0, len(m.References))
	for _, ref := range m.References {
		if ref == p.ID {
			continue // the thread's first e-mail must not refer to itself
		}
		if err := checkID("References", ref); err != nil {
			return prepared{}, err
		}
		refs = append(refs, ref)
	}
	p.References = refs

	if strings.ContainsAny(p.Subject, "\r\n") {
		return prepared{}, invalid("Subject %q contains a line break", p.Subject)
	}
	if strings.TrimSpace(p.Subject) == "" {
		return prepared{}, invalid("Subject is empty")
	}
	if p.HTML == "" && p.Text == "" {
		return prepared{}, invalid("both HTML and Text are empty: the message has no body")
	}

	p.Attachments = make([]Attachment, len(m.Attachments))
	for i, a := range m.Attachments {
		if a.Name == "" || strings.ContainsAny(a.Name, "\r\n/\\") {
			return prepared{}, invalid("attachment %d: file name %q is empty or contains a line break or path separator", i, a.Name)
		}
		if len(a.Data) == 0 {
			return prepared{}, invalid("attachment %d (%q) is empty", i, a.Name)
		}
		if a.ContentType == "" {
			a.ContentType = mime.TypeByExtension(strings.ToLower(filepath.Ext(a.Name)))
		}
		if a.ContentType == "" {
			a.ContentType = "application/octet-stream"
		}
		if mt, _, err := mime.ParseMediaType(a.ContentType); err != nil || !strings.Contains(mt, "/") || strings.ContainsAny(a.ContentType, "\r\n") {
			return prepared{}, invalid("attachment %d (%q): content type %q is not a media type", i, a.Name, a.ContentType)
		}
		p.Attachments[i] = a
	}
	return p, nil
}

// uniqueAddresses parses each address and drops those already seen
// (compared case-insensitively), keeping the first occurrence.
func uniqueAddresses(field string, list []string, seen map[string]bool) ([]string, error) {
	var out []string
	for i, raw := range list {
		addr, err := mail.ParseAddress(raw)
		if err != nil {
			return nil, invalid("%s[%d] %q is not an e-mail address: %v", field, i, raw, err)
		}
		key := strings.ToLower(addr.Address)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, raw)
	}
	return out, nil
}

// checkID accepts "left@right" with printable ASCII, no spaces and no angle
// brackets: what fits between "<" and ">" in a Message-ID header.
func checkID(field, id string) error {
	if id == "" {
		return invalid("%s is empty: a deterministic Message-ID is required (see MessageID)", field)
	}
	at := strings.IndexByte(id, '@')
	if at <= 0 || at == len(id)-1 || strings.Count(id, "@") != 1 {
		return invalid("%s %q: want \"left@right\" without angle brackets", field, id)
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' || c == '<' || c == '>' || c == '"' || c == '\\' || c == ',' {
			return invalid("%s %q: character %q at position %d is not allowed in a Message-ID", field, id, c, i)
		}
	}
	return nil
}

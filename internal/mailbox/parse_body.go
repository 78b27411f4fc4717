package mailbox

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"unicode/utf8"
)

// maxDepth bounds multipart nesting; real messages stay below 5 levels.
const maxDepth = 20

// walk visits a MIME entity: multipart containers recursively
// (multipart/mixed holding multipart/alternative, and so on), leaves into
// Text, HTML or Attachments. path ("1", "1.2", …) names the part in errors.
func (p *Parsed) walk(h textproto.MIMEHeader, body io.Reader, path string) error {
	if strings.Count(path, ".") > maxDepth {
		return fmt.Errorf("part %s: multipart nesting deeper than %d levels", path, maxDepth)
	}
	mediaType, params := contentType(h)
	if strings.HasPrefix(mediaType, "multipart/") {
		boundary := params["boundary"]
		if boundary == "" {
			return fmt.Errorf("part %s: %s without a boundary parameter", path, mediaType)
		}
		mr := multipart.NewReader(body, boundary)
		for n := 1; ; n++ {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("part %s.%d of %s: %w", path, n, mediaType, err)
			}
			if err := p.walk(part.Header, part, fmt.Sprintf("%s.%d", path, n)); err != nil {
				return err
			}
		}
	}

	data, err := io.ReadAll(transferDecoder(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return fmt.Errorf("part %s (%s, %s): decoding: %w", path, mediaType, h.Get("Content-Transfer-Encoding"), err)
	}
	disposition, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	name = decodeHeader(name) // many senders put RFC 2047 words inside the quotes

	isBody := disposition != "attachment" && name == ""
	switch {
	case isBody && mediaType == "text/plain" && p.Text == "":
		p.Text = toUTF8Text(data, params["charset"])
	case isBody && mediaType == "text/html" && p.HTML == "":
		p.HTML = toUTF8Text(data, params["charset"])
	default:
		if name == "" {
			name = "part-" + path + extensionFor(mediaType)
		}
		p.Attachments = append(p.Attachments, Attachment{Name: name, ContentType: mediaType, Data: data})
	}
	return nil
}

// contentType applies the RFC 2045 default (text/plain) and keeps the
// media type even when a parameter is malformed.
func contentType(h textproto.MIMEHeader) (string, map[string]string) {
	v := h.Get("Content-Type")
	if strings.TrimSpace(v) == "" {
		return "text/plain", map[string]string{}
	}
	mediaType, params, err := mime.ParseMediaType(v)
	if mediaType == "" || (err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter)) {
		return "application/octet-stream", map[string]string{}
	}
	return mediaType, params
}

func transferDecoder(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r) // skips the CR LF line breaks
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	default: // 7bit, 8bit, binary
		return r
	}
}

// toUTF8Text converts a text body to UTF-8 with "\n" line ends; an unknown
// charset leaves the bytes as they are, with invalid sequences replaced.
func toUTF8Text(data []byte, charset string) string {
	switch strings.ToLower(charset) {
	case "", "utf-8", "utf8", "us-ascii":
	default:
		if r, err := charsetReader(charset, strings.NewReader(string(data))); err == nil {
			if converted, err := io.ReadAll(r); err == nil {
				data = converted
			}
		}
	}
	text := string(data)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return strings.ReplaceAll(text, "\r\n", "\n")
}

func extensionFor(mediaType string) string {
	if mediaType == "message/rfc822" {
		return ".eml"
	}
	if exts, err := mime.ExtensionsByType(mediaType); err == nil && len(exts) > 0 {
		return exts[0]
	}
	return ".bin"
}

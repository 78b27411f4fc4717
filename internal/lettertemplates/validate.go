package lettertemplates

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// PlaceholderError is a template that names a placeholder Data lacks, or a
// function that does not exist.
type PlaceholderError struct {
	Key         string // template key
	Placeholder string // as written, e.g. "{{.Debtor.Nom}}" or "Nom"
	Line        int    // 0 when the template engine did not say
	Err         error
}

func (e *PlaceholderError) Error() string {
	where := e.Key
	if e.Line > 0 {
		where = fmt.Sprintf("%s line %d", e.Key, e.Line)
	}
	return fmt.Sprintf("template %s: unknown placeholder %s", where, e.Placeholder)
}

func (e *PlaceholderError) Unwrap() error { return e.Err }

// SyntaxError is a template that does not parse or execute for another reason.
type SyntaxError struct {
	Key string
	Err error
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("template %s: %v", e.Key, e.Err) }
func (e *SyntaxError) Unwrap() error { return e.Err }

var (
	unknownField    = regexp.MustCompile(`:(\d+):\d+: executing .* at <([^>]*)>: can't evaluate field (\w+)`)
	unknownFunction = regexp.MustCompile(`:(\d+): function "(\w+)" not defined`)
	mapKey          = regexp.MustCompile(`:(\d+):\d+: executing .* at <([^>]*)>: map has no entry for key "(\w+)"`)
)

// explain turns the template engine's error into a PlaceholderError naming
// the placeholder when that is the cause, a SyntaxError otherwise.
func explain(key string, err error) error {
	msg := err.Error()
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return &PlaceholderError{Key: key, Placeholder: "{{" + m[2] + "}}", Line: atoi(m[1]), Err: err}
	}
	if m := mapKey.FindStringSubmatch(msg); m != nil {
		return &PlaceholderError{Key: key, Placeholder: "{{" + m[2] + "}}", Line: atoi(m[1]), Err: err}
	}
	if m := unknownFunction.FindStringSubmatch(msg); m != nil {
		return &PlaceholderError{Key: key, Placeholder: m[2], Line: atoi(m[1]), Err: err}
	}
	return &SyntaxError{Key: key, Err: err}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// Validate checks a template before it is saved: it must parse, and render
// SampleData and the same data with every optional field empty (so that
// both branches of each {{if}} are reached), naming only fields of Data.
// A subject must fit on one line and the rendered text must not be empty.
func Validate(key, body string) error {
	if _, ok := partOf(key); !ok {
		return fmt.Errorf("template key %q: want <step>.<channel>.<part> with part one of %s", key, strings.Join(parts, ", "))
	}
	full := SampleData()
	sparse := full
	sparse.Debtor.Contact, sparse.Debtor.Phone, sparse.AccountManager.Phone = "", "", ""
	sparse.Creditor.BIC, sparse.Indemnities = "", ""
	sparse.Invoices, sparse.Count = sparse.Invoices[:1], 1
	for _, d := range []Data{full, sparse} {
		out, err := Render(key, body, d)
		if err != nil {
			return err
		}
		if strings.TrimSpace(out) == "" {
			return &SyntaxError{Key: key, Err: errors.New("renders to an empty text")}
		}
		if strings.HasSuffix(key, ".subject") && strings.Contains(strings.TrimSpace(out), "\n") {
			return &SyntaxError{Key: key, Err: errors.New("a subject must fit on one line")}
		}
	}
	return nil
}

// parts are the last segment of a template key.
var parts = []string{"subject", "html", "text", "body", "script"}

func partOf(key string) (string, bool) {
	segs := strings.Split(key, ".")
	if len(segs) != 3 || segs[0] == "" || segs[1] == "" {
		return "", false
	}
	for _, p := range parts {
		if segs[2] == p {
			return p, true
		}
	}
	return "", false
}

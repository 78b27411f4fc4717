package lettertemplates

import (
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// Languages Recouvra ships templates in; French is the default.
const (
	French  = "fr"
	English = "en"
)

// LanguageFor chooses the language of the pieces sent to a debtor from the
// country of its address (ISO 3166-1 alpha-2): French for France and the
// French-speaking neighbours that use French in business, English elsewhere.
func LanguageFor(country string) string {
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case "", "FR", "MC", "BE", "LU", "CH", "RE", "GP", "MQ", "GF", "YT", "PM", "NC", "PF", "BL", "MF", "WF":
		return French
	}
	return English
}

// isHTML tells whether a template is the HTML body of an email: those are
// escaped by html/template, every other part is plain text.
func isHTML(key string) bool { return strings.HasSuffix(key, ".html") }

// Render executes body (the text of template key) on d. HTML parts escape
// what they insert; every part fails on a field Data lacks.
func Render(key, body string, d Data) (string, error) {
	var out strings.Builder
	if isHTML(key) {
		t, err := htmltemplate.New(key).Option("missingkey=error").Parse(body)
		if err != nil {
			return "", explain(key, err)
		}
		if err := t.Execute(&out, d); err != nil {
			return "", explain(key, err)
		}
		return out.String(), nil
	}
	t, err := texttemplate.New(key).Option("missingkey=error").Parse(body)
	if err != nil {
		return "", explain(key, err)
	}
	if err := t.Execute(&out, d); err != nil {
		return "", explain(key, err)
	}
	return out.String(), nil
}

// Paragraphs splits a rendered letter body at blank lines, the form
// letters.Letter.Body takes; single line breaks stay inside a paragraph.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

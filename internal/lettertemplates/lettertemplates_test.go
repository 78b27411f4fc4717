package lettertemplates

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/testenv"
)

func TestShippedTemplatesValidateInBothLanguages(t *testing.T) {
	fr, en := ShippedKeys(French), ShippedKeys(English)
	if len(fr) < 18 {
		t.Fatalf("only %d French templates shipped: %v", len(fr), fr)
	}
	if !slices.Equal(fr, en) {
		t.Fatalf("French and English keys differ:\nfr %v\nen %v", fr, en)
	}
	for _, lang := range []string{French, English} {
		for _, key := range ShippedKeys(lang) {
			v, err := Shipped(key, lang)
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(key, v.Body); err != nil {
				t.Errorf("%s (%s): %v", key, lang, err)
			}
		}
	}
}

func TestValidateNamesTheUnknownPlaceholder(t *testing.T) {
	tests := []struct {
		key, body, want string
		line            int
	}{
		{"level1.email.text", "Bonjour {{.Debtor.Nom}}", "{{.Debtor.Nom}}", 1},
		{"level1.email.html", "<p>a</p>\n<p>{{.Montant}}</p>", "{{.Montant}}", 2},
		{"level1.email.subject", "{{range .Invoices}}{{.Numero}}{{end}}", "{{.Numero}}", 1},
		{"level1.letter.body", "{{upper .Total}}", "upper", 1},
		// Inside an {{if}} branch only taken when a field is empty.
		{"level1.letter.body", "x{{if not .Creditor.BIC}}{{.Creditor.Swift}}{{end}}", "{{.Creditor.Swift}}", 1},
	}
	for _, tt := range tests {
		err := Validate(tt.key, tt.body)
		var pe *PlaceholderError
		if !errors.As(err, &pe) {
			t.Errorf("%q: got %v, want a PlaceholderError", tt.body, err)
			continue
		}
		if pe.Placeholder != tt.want || pe.Line != tt.line {
			t.Errorf("%q: placeholder %q line %d, want %q line %d", tt.body, pe.Placeholder, pe.Line, tt.want, tt.line)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("message %q does not name %q", err, tt.want)
		}
	}
}

func TestValidateRefusesOtherMistakes(t *testing.T) {
	tests := []struct{ key, body string }{
		{"level1.email.text", "Bonjour {{.Debtor.Name"}, // unclosed action
		{"level1.email.subject", "Relance\n{{.Total}}"}, // two lines
		{"level1.email.text", "   "},                    // empty
		{"level1.email", "Bonjour"},                     // key without part
		{"level1.email.footer", "Bonjour"},              // unknown part
	}
	for _, tt := range tests {
		if err := Validate(tt.key, tt.body); err == nil {
			t.Errorf("Validate(%q, %q) accepted it", tt.key, tt.body)
		}
	}
}

func TestRenderEscapesHTMLOnlyInHTMLParts(t *testing.T) {
	d := SampleData()
	d.Debtor.Contact = "<b>Léa & Co</b>"
	html, err := Render("x.email.html", "{{.Debtor.Contact}}", d)
	if err != nil || html != "&lt;b&gt;Léa &amp; Co&lt;/b&gt;" {
		t.Errorf("html part: %q, %v", html, err)
	}
	text, err := Render("x.email.text", "{{.Debtor.Contact}}", d)
	if err != nil || text != d.Debtor.Contact {
		t.Errorf("text part: %q, %v", text, err)
	}
}

func TestLanguageFor(t *testing.T) {
	tests := map[string]string{"": French, "FR": French, "fr": French, "BE": French, "RE": French,
		"DE": English, "GB": English, "US": English, "ES": English}
	for country, want := range tests {
		if got := LanguageFor(country); got != want {
			t.Errorf("LanguageFor(%q) = %q, want %q", country, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := Paragraphs("A\r\nb\n\n\n  C  \n\n")
	if !slices.Equal(got, []string{"A\nb", "C"}) {
		t.Errorf("got %q", got)
	}
}

func TestSaveMakesNewVersionsAndKeepsOldOnes(t *testing.T) {
	db, _ := testenv.SQLite(t)
	ctx := context.Background()
	s := Store{DB: db}
	const key = "level1.email.subject"
	v, err := s.Current(ctx, key, French)
	if err != nil || v.Version != ShippedVersion || v.TemplateID != nil {
		t.Fatalf("before any edit: %+v, %v", v, err)
	}
	if _, err := s.Save(ctx, key, French, "Relance {{.Debtor.Nom}}", "cm@x"); err == nil ||
		!strings.Contains(err.Error(), "{{.Debtor.Nom}}") {
		t.Fatalf("bad template saved or error does not name the placeholder: %v", err)
	}
	for i, body := range []string{"Relance {{.InvoiceNumbers}}", "Rappel {{.InvoiceNumbers}}"} {
		saved, err := s.Save(ctx, key, French, body, "cm@x")
		if err != nil {
			t.Fatal(err)
		}
		if saved.Version != ShippedVersion+1+i {
			t.Errorf("save %d: version %d", i, saved.Version)
		}
	}
	cur, _ := s.Current(ctx, key, French)
	if cur.Version != 3 || cur.Body != "Rappel {{.InvoiceNumbers}}" {
		t.Errorf("current: %+v", cur)
	}
	old, err := s.Get(ctx, key, French, 2)
	if err != nil || old.Body != "Relance {{.InvoiceNumbers}}" {
		t.Errorf("version 2: %+v, %v", old, err)
	}
	all, _ := s.Versions(ctx, key, French)
	if len(all) != 3 || all[2].Version != ShippedVersion {
		t.Errorf("versions: %+v", all)
	}
	// English has its own history: still the shipped default.
	en, _ := s.Current(ctx, key, English)
	if en.Version != ShippedVersion || !strings.Contains(en.Body, "Reminder") {
		t.Errorf("English: %+v", en)
	}
	if _, err := s.Current(ctx, "nope.email.subject", English); !errors.Is(err, ErrNoTemplate) {
		t.Errorf("unknown key: %v", err)
	}
}

package mailbox

import (
	"embed"
	"fmt"
	"html/template"
	"log"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Paris must resolve on machines without zoneinfo
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"join": func(list []string) string { return strings.Join(list, ", ") },
}).ParseFS(templateFS, "templates/*.html"))

var paris = mustLoadLocation("Europe/Paris")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Handler serves a small web inbox over store. Its links are relative, so
// it works wherever it is mounted, e.g.
//
//	mux.Handle("/dev/mailbox/", http.StripPrefix("/dev/mailbox", mailbox.Handler(store)))
//
// Routes: "/" lists messages (newest first), "/{id}" shows one,
// "/{id}/html" serves its HTML body for a sandboxed iframe,
// "/{id}/attachments/{n}" downloads attachment n (from 0), "/{id}/raw" the
// whole message.
func Handler(store Store) http.Handler {
	h := &inbox{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.list)
	mux.HandleFunc("GET /{id}", h.message)
	mux.HandleFunc("GET /{id}/html", h.html)
	mux.HandleFunc("GET /{id}/raw", h.raw)
	mux.HandleFunc("GET /{id}/attachments/{n}", h.attachment)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" {
			// Mounted at "/x/" and visited as "/x": relative links need the
			// trailing slash. A relative Location keeps any outer prefix.
			location := "./"
			if base := path.Base(strings.SplitN(r.RequestURI, "?", 2)[0]); base != "/" && base != "." {
				location = base + "/"
			}
			w.Header().Set("Location", location)
			w.WriteHeader(http.StatusFound)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

type inbox struct {
	store Store
}

// pagePolicy forbids scripts and remote content on the inbox pages; the
// message HTML itself gets the stricter sandboxPolicy.
const (
	pagePolicy    = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self'; form-action 'none'"
	sandboxPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: cid:; font-src data:"
)

type listRow struct {
	ID, At, From, Subject, Error string
	To                           []string
	Attachments                  int
}

func (h *inbox) list(w http.ResponseWriter, r *http.Request) {
	all, err := h.store.List()
	if err != nil {
		serverError(w, "listing messages", err)
		return
	}
	rows := make([]listRow, 0, len(all))
	for _, m := range slices.Backward(all) {
		row := listRow{ID: m.ID, At: frenchTime(m.At), From: m.From, To: m.To}
		if p, err := Parse(m.Raw); err != nil {
			row.Error = err.Error()
		} else {
			row.From, row.To, row.Subject, row.Attachments = p.From, p.To, p.Subject, len(p.Attachments)
		}
		rows = append(rows, row)
	}
	render(w, "list", rows)
}

type messagePage struct {
	Parsed
	ID, At, Date, Error string
	EnvelopeFrom        string
	EnvelopeTo          []string
	Attachments         []attachmentLink
}

type attachmentLink struct {
	Name, ContentType, Size, URL string
}

func (h *inbox) message(w http.ResponseWriter, r *http.Request) {
	m, p, ok := h.load(w, r)
	if !ok {
		return
	}
	page := messagePage{Parsed: p, ID: m.ID, At: frenchTime(m.At), EnvelopeFrom: m.From, EnvelopeTo: m.To}
	if _, err := Parse(m.Raw); err != nil {
		page.Error = err.Error()
	}
	if !p.Date.IsZero() {
		page.Date = frenchTime(p.Date)
	}
	for i, a := range p.Attachments {
		page.Attachments = append(page.Attachments, attachmentLink{
			Name: a.Name, ContentType: a.ContentType, Size: frenchSize(len(a.Data)),
			URL: m.ID + "/attachments/" + strconv.Itoa(i),
		})
	}
	render(w, "message", page)
}

// html serves the message's own HTML, which is untrusted: the CSP sandbox
// gives it an opaque origin without scripts, even if opened directly.
func (h *inbox) html(w http.ResponseWriter, r *http.Request) {
	_, p, ok := h.load(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", sandboxPolicy)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprint(w, p.HTML)
}

func (h *inbox) attachment(w http.ResponseWriter, r *http.Request) {
	_, p, ok := h.load(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(p.Attachments) {
		http.Error(w, fmt.Sprintf("Pièce jointe %q introuvable : le message en a %d.", r.PathValue("n"), len(p.Attachments)), http.StatusNotFound)
		return
	}
	a := p.Attachments[n]
	download(w, a.Name, a.ContentType, a.Data)
}

func (h *inbox) raw(w http.ResponseWriter, r *http.Request) {
	m, ok := h.get(w, r)
	if !ok {
		return
	}
	download(w, m.ID+".eml", "message/rfc822", m.Raw)
}

// download sends data as a file to save, never to render: an HTML or SVG
// attachment must not run in the inbox's origin.
func download(w http.ResponseWriter, name, contentType string, data []byte) {
	if _, _, err := mime.ParseMediaType(contentType); err != nil {
		contentType = "application/octet-stream"
	}
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if disposition == "" {
		disposition = "attachment"
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", disposition)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Content-Security-Policy", sandboxPolicy)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}

func (h *inbox) get(w http.ResponseWriter, r *http.Request) (Received, bool) {
	id := r.PathValue("id")
	m, found, err := h.store.Get(id)
	if err != nil {
		serverError(w, "reading message "+id, err)
		return Received{}, false
	}
	if !found {
		http.Error(w, fmt.Sprintf("Message %q introuvable.", id), http.StatusNotFound)
		return Received{}, false
	}
	return m, true
}

func (h *inbox) load(w http.ResponseWriter, r *http.Request) (Received, Parsed, bool) {
	m, ok := h.get(w, r)
	if !ok {
		return Received{}, Parsed{}, false
	}
	p, err := Parse(m.Raw)
	if err != nil {
		// Show what can be shown: the raw text, and the link to the source.
		return m, Parsed{Text: string(m.Raw)}, true
	}
	return m, p, true
}

func render(w http.ResponseWriter, name string, data any) {
	var buf strings.Builder
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		serverError(w, "rendering "+name, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pagePolicy)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	fmt.Fprint(w, buf.String())
}

func serverError(w http.ResponseWriter, doing string, err error) {
	log.Printf("mailbox: %s: %v", doing, err)
	http.Error(w, "Erreur interne de la boîte de réception : "+err.Error(), http.StatusInternalServerError)
}

// frenchTime writes t in Paris time, e.g. "14/11/2026 à 09:05:03".
func frenchTime(t time.Time) string {
	return t.In(paris).Format("02/01/2006 à 15:04:05")
}

// frenchSize writes a byte count with French units and decimal comma.
func frenchSize(n int) string {
	switch {
	case n < 1024:
		return strconv.Itoa(n) + " o"
	case n < 1024*1024:
		return strings.Replace(strconv.FormatFloat(float64(n)/1024, 'f', 1, 64), ".", ",", 1) + " Ko"
	default:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64), ".", ",", 1) + " Mo"
	}
}

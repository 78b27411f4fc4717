package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/recouvra/recouvra/api"
	"github.com/recouvra/recouvra/internal/app/apptest"
)

func init() {
	// The files the API sends and receives, validated as opaque bytes.
	for _, ct := range []string{"application/pdf", "application/zip", "application/xml", "text/xml"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}

// loadOpenAPI loads and validates the embedded document.
func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3.0 document: %v", err)
	}
	return doc
}

// validatingTransport checks every request to /api/v1 and its response
// against the document; any mismatch fails the test. It records the
// operations and statuses it saw, so that a test can prove it covered them.
type validatingTransport struct {
	report func(format string, args ...any) // t.Errorf
	host   string
	router routers.Router
	next   http.RoundTripper

	mu   sync.Mutex
	seen map[string]bool // "POST /invoices 201"
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != v.host || !strings.HasPrefix(req.URL.Path, "/api/v1/") {
		return v.next.RoundTrip(req)
	}
	what := req.Method + " " + req.URL.RequestURI()
	var reqBody []byte
	if req.Body != nil {
		var err error
		if reqBody, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body.Close()
		req.Body = http.NoBody // an empty body is sent as none, not chunked
		if len(reqBody) > 0 {
			req.Body = io.NopCloser(bytes.NewReader(reqBody))
		}
	}
	route, pathParams, err := v.router.FindRoute(req)
	if err != nil {
		v.report("%s: no such operation in openapi.json: %v", what, err)
		return v.next.RoundTrip(req)
	}
	checked := req.Clone(req.Context())
	checked.Body = io.NopCloser(bytes.NewReader(reqBody))
	in := &openapi3filter.RequestValidationInput{
		Request: checked, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: bearerGiven},
	}
	if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
		v.report("%s: request does not match openapi.json: %v", what, err)
	}
	resp, err := v.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	respBody, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Options: &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	}
	out.SetBodyBytes(respBody)
	if err := openapi3filter.ValidateResponse(req.Context(), out); err != nil {
		v.report("%s: response %d does not match openapi.json: %v\nbody: %.600s", what, resp.StatusCode, err, respBody)
	}
	v.mu.Lock()
	v.seen[fmt.Sprintf("%s %s %d", req.Method, route.Path, resp.StatusCode)] = true
	v.mu.Unlock()
	return resp, nil
}

// bearerGiven stands for the server's check: the document's security
// scheme asks for an Authorization: Bearer header.
func bearerGiven(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme.Type == "http" && in.SecurityScheme.Scheme == "bearer" &&
		strings.HasPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ") {
		return nil
	}
	return fmt.Errorf("no Authorization: Bearer header for scheme %s", in.SecuritySchemeName)
}

// validateAPICalls makes every call of the test's HTTP client (the client of
// apptest.Env.Do) go through a validatingTransport, until the test ends.
func validateAPICalls(t *testing.T, env *apptest.Env, doc *openapi3.T) *validatingTransport {
	t.Helper()
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(env.URL)
	if err != nil {
		t.Fatal(err)
	}
	v := &validatingTransport{report: t.Errorf, host: u.Host, router: router, next: http.DefaultTransport, seen: map[string]bool{}}
	previous := http.DefaultClient
	http.DefaultClient = &http.Client{Transport: v}
	t.Cleanup(func() { http.DefaultClient = previous })
	return v
}

// TestOpenAPIValidationHasTeeth: the validating transport reports answers
// and requests that stray from the document (money as flat *_cents fields
// among them), so a passing scenario means something; the controls show
// that the right shapes pass.
func TestOpenAPIValidationHasTeeth(t *testing.T) {
	router, err := gorillamux.NewRouter(loadOpenAPI(t))
	if err != nil {
		t.Fatal(err)
	}
	const (
		caseRow = `"id": 1, "workflow_id": "w", "invoice_id": 1, "invoice_number": "F", "phase": "amicable", "status": "open"`
		invoice = `"id": 1, "number": "F", "status": "open", "net": {"amount_cents": 1000, "currency": "EUR"}, "vat": {"amount_cents": 200, "currency": "EUR"}, "total": {"amount_cents": 1200, "currency": "EUR"}`
	)
	tests := []struct {
		name, method, path, contentType, body string
		status                                int
		answer                                string
		valid                                 bool // a control: this one must pass
	}{
		{"a case row", "GET", "/api/v1/cases", "", "", 200, `{"cases": [{` + caseRow + `, "balance": {"amount_cents": 1200, "currency": "EUR"}, "due_date": "2026-10-15"}]}`, true},
		{"money as a string", "GET", "/api/v1/cases", "", "", 200, `{"cases": [{` + caseRow + `, "balance": {"amount_cents": "12.00", "currency": "EUR"}}]}`, false},
		{"money as flat cents", "GET", "/api/v1/cases", "", "", 200, `{"cases": [{` + caseRow + `, "balance_cents": 1200, "currency": "EUR"}]}`, false},
		{"money without its currency", "GET", "/api/v1/cases", "", "", 200, `{"cases": [{` + caseRow + `, "balance": {"amount_cents": 1200}}]}`, false},
		{"a date not YYYY-MM-DD", "GET", "/api/v1/cases", "", "", 200, `{"cases": [{` + caseRow + `, "balance": {"amount_cents": 1200, "currency": "EUR"}, "due_date": "15/10/2026"}]}`, false},
		{"an invoice", "GET", "/api/v1/invoices/1", "", "", 200, `{` + invoice + `, "outstanding": {"amount_cents": 1200, "currency": "EUR"}}`, true},
		{"an invoice with flat cents besides", "GET", "/api/v1/invoices/1", "", "", 200, `{` + invoice + `, "outstanding": {"amount_cents": 1200, "currency": "EUR"}, "outstanding_cents": 1200}`, false},
		{"an invoice with flat cents only", "GET", "/api/v1/invoices/1", "", "", 200, `{` + invoice + `, "outstanding_cents": 1200, "currency": "EUR"}`, false},
		{"an action's flat state", "POST", "/api/v1/cases/1/actions/payment", "application/json", `{"amount": {"amount_cents": 1200, "currency": "EUR"}}`, 200,
			`{"action": "payment", "state": {"phase": "closed", "status": "paid", "balance_cents": 0, "overpaid_cents": 0, "currency": "EUR"}}`, false},
		{"an action's amount without its currency", "POST", "/api/v1/cases/1/actions/payment", "application/json", `{"amount": {"amount_cents": 1200}}`, 400, `{"error": "invalid body"}`, false},
		{"error without its message", "GET", "/api/v1/cases/1", "", "", 404, `{"errors": []}`, false},
		{"undocumented status", "GET", "/api/v1/cases/1", "", "", 418, `{"error": "teapot"}`, false},
		{"unknown invoice field", "POST", "/api/v1/invoices", "application/json", `{"number": "F", "issue_date": "2026-09-15", "due_date": "2026-10-15", "total_cents": 1, "currency": "EUR", "due_dte": "x"}`, 201, `{"created": 1, "updated": 0, "unchanged": 0, "invoices": []}`, false},
		{"undocumented route", "GET", "/api/v1/nowhere", "", "", 404, `{"error": "no"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reports []string
			v := &validatingTransport{host: "api.test", router: router, seen: map[string]bool{},
				report: func(format string, args ...any) { reports = append(reports, fmt.Sprintf(format, args...)) },
				next: roundTripFunc(func(*http.Request) (*http.Response, error) {
					return &http.Response{StatusCode: tt.status, Header: http.Header{"Content-Type": {"application/json"}},
						Body: io.NopCloser(strings.NewReader(tt.answer))}, nil
				})}
			req, _ := http.NewRequest(tt.method, "http://api.test"+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Authorization", "Bearer t")
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if _, err := v.RoundTrip(req); err != nil {
				t.Fatal(err)
			}
			if tt.valid && len(reports) > 0 {
				t.Errorf("%s %s answering %d %s failed validation: %v", tt.method, tt.path, tt.status, tt.answer, reports)
			}
			if !tt.valid && len(reports) == 0 {
				t.Errorf("%s %s answering %d %s passed validation", tt.method, tt.path, tt.status, tt.answer)
			}
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

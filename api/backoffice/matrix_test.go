package backoffice

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// Outcomes of the authorization matrix.
const (
	allow  = "allow"  // the page or form is served (200, a redirect after success, or a form error)
	deny   = "deny"   // 403
	hidden = "hidden" // 404: a partner may not learn that the case exists
	login  = "login"  // no session: sent to the login page (GET) or 401 (POST)
)

// TestAuthorizationMatrix sends every back-office route as every role and
// without login, and compares the outcome with the table. Columns: admin,
// credit_manager, legal, partner (partner A), anonymous.
func TestAuthorizationMatrix(t *testing.T) {
	f := newFixture(t)
	own, other := f.cases[0].ID, f.cases[1].ID // delegated to partner A; not delegated
	// Forms that an allowed role sends are deliberately incomplete where a
	// complete one would change what later rows see: they answer 400, which
	// still proves the role got through.
	tests := []struct {
		method, path string
		form         url.Values
		want         [5]string
	}{
		{"GET", "/", nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", "/login", nil, [5]string{allow, allow, allow, allow, allow}},
		{"POST", "/login", url.Values{"email": {"admin@test.local"}}, [5]string{deny, deny, deny, deny, deny}}, // without the login form's CSRF cookie: refused, whoever sends it
		{"GET", "/cases", nil, [5]string{allow, allow, allow, allow, allow}},                                   // a permanent redirect to /dossiers
		{"GET", "/tableau-de-bord", nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", "/tableau-de-bord?creancier=1&gestionnaire=1", nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", "/ma-journee", nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", "/ma-journee/lot.pdf", nil, [5]string{allow, allow, deny, deny, login}},
		{"POST", "/ma-journee/imprimes", url.Values{"outbox": {"999"}}, [5]string{allow, allow, deny, deny, login}},
		{"GET", "/dossiers", nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", "/dossiers.csv", nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", fmt.Sprintf("/dossiers/%d", own), nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", fmt.Sprintf("/dossiers/%d", other), nil, [5]string{allow, allow, allow, hidden, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/actions/promise", own), url.Values{}, [5]string{allow, allow, deny, allow, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/actions/promise", other), url.Values{}, [5]string{allow, allow, deny, hidden, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/actions/write_off", own), url.Values{}, [5]string{allow, allow, deny, deny, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/actions/approve_litigation", other), url.Values{}, [5]string{allow, deny, allow, hidden, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/notes", own), url.Values{"note": {"Rappel fait"}}, [5]string{allow, allow, allow, allow, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/notes", other), url.Values{"note": {"Rappel fait"}}, [5]string{allow, allow, allow, hidden, login}},
		{"POST", fmt.Sprintf("/dossiers/%d/assignation", own), url.Values{"assignee_id": {"x"}}, [5]string{allow, allow, deny, deny, login}},   // not an id: 400
		{"POST", fmt.Sprintf("/dossiers/%d/assignation", other), url.Values{"assignee_id": {"x"}}, [5]string{allow, allow, deny, deny, login}}, // not an id: 400
		{"GET", fmt.Sprintf("/documents/%d", f.doc.ID), nil, [5]string{allow, allow, allow, allow, login}},
		{"GET", fmt.Sprintf("/debiteurs/%d", f.debtor.ID), nil, [5]string{allow, allow, allow, allow, login}}, // partner A has a case of this debtor
		{"GET", fmt.Sprintf("/debiteurs/%d", f.otherDebtor.ID), nil, [5]string{allow, allow, allow, hidden, login}},
		{"POST", fmt.Sprintf("/debiteurs/%d/blocage", f.debtor.ID), url.Values{"blocked": {"0"}}, [5]string{allow, allow, deny, deny, login}},
		{"POST", fmt.Sprintf("/debiteurs/%d/notes", f.debtor.ID), url.Values{"note": {"Client fidèle"}}, [5]string{allow, allow, deny, deny, login}},
		{"POST", fmt.Sprintf("/debiteurs/%d/credit", f.debtor.ID), url.Values{"credit_limit": {"douze"}}, [5]string{allow, allow, deny, deny, login}}, // not an amount: 400
		{"POST", fmt.Sprintf("/debiteurs/%d/credit", f.otherDebtor.ID), url.Values{"credit_limit": {"douze"}}, [5]string{allow, allow, deny, deny, login}},
		{"GET", "/contentieux", nil, [5]string{allow, deny, allow, deny, login}},
		{"POST", fmt.Sprintf("/contentieux/%d/juridiction", other), url.Values{}, [5]string{allow, deny, allow, deny, login}},  // no code: 400
		{"GET", fmt.Sprintf("/contentieux/%d/dossier/pdf", other), nil, [5]string{allow, deny, allow, deny, login}},            // court to choose: 409
		{"POST", fmt.Sprintf("/contentieux/%d/etapes/filed", other), url.Values{}, [5]string{allow, deny, allow, deny, login}}, // no date: 400
		{"GET", "/admin/utilisateurs", nil, [5]string{allow, deny, deny, deny, login}},
		{"POST", "/admin/utilisateurs", url.Values{"email": {"x@test.local"}}, [5]string{allow, deny, deny, deny, login}},
		{"POST", fmt.Sprintf("/admin/utilisateurs/%d/role", f.users["legal"].ID), url.Values{"role": {"nope"}}, [5]string{allow, deny, deny, deny, login}},
		{"POST", fmt.Sprintf("/admin/utilisateurs/%d/desactivation", f.users["legal"].ID), url.Values{"disabled": {"peut-être"}}, [5]string{allow, deny, deny, deny, login}},
		{"GET", "/admin/scenarios", nil, [5]string{allow, deny, deny, deny, login}},
		{"POST", "/admin/scenarios", url.Values{}, [5]string{allow, deny, deny, deny, login}}, // no name: 400
		{"GET", "/admin/partenaires", nil, [5]string{allow, deny, deny, deny, login}},
		{"POST", "/admin/partenaires", url.Values{}, [5]string{allow, deny, deny, deny, login}},
		{"GET", "/admin/journal", nil, [5]string{allow, deny, deny, deny, login}},
		{"GET", "/admin/journal?acteur=admin&action=case.&entite=case&id=1&du=2026-01-01&au=2026-12-31&avant=99", nil, [5]string{allow, deny, deny, deny, login}},
		{"GET", fmt.Sprintf("/admin/journal/%d", f.auditEntry(t).ID), nil, [5]string{allow, deny, deny, deny, login}},
		{"GET", "/imports", nil, [5]string{allow, allow, deny, deny, login}},
		{"POST", "/imports", url.Values{"kind": {"fec"}}, [5]string{allow, allow, deny, deny, login}}, // no file: 400
		{"GET", "/lettrage", nil, [5]string{allow, allow, deny, deny, login}},
		{"POST", "/lettrage/imputer", url.Values{}, [5]string{allow, allow, deny, deny, login}},     // incomplete: 400
		{"POST", "/lettrage/999/annuler", url.Values{}, [5]string{allow, allow, deny, deny, login}}, // no reason: 400
		{"POST", "/logout", url.Values{}, [5]string{allow, allow, allow, allow, login}},
		{"GET", "/courriers", nil, [5]string{allow, allow, deny, deny, login}},
		{"GET", "/courriers/lot.pdf?date=demain", nil, [5]string{allow, allow, deny, deny, login}},
		{"POST", "/courriers/999/poste", url.Values{"date": {"demain"}}, [5]string{allow, allow, deny, deny, login}},
		{"GET", "/appels?date=demain", nil, [5]string{allow, allow, deny, allow, login}},
		{"GET", "/modeles", nil, [5]string{allow, allow, deny, deny, login}},
		{"GET", "/modeles/level1.email.subject", nil, [5]string{allow, allow, deny, deny, login}},
		{"POST", "/modeles/level1.email.subject", url.Values{"langue": {"fr"}, "body": {"{{.Nope}}"}}, [5]string{allow, allow, deny, deny, login}},
		{"POST", "/modeles/level1.email.subject/apercu", url.Values{"langue": {"fr"}, "body": {"x"}}, [5]string{allow, allow, deny, deny, login}},
	}
	t.Run("every route has a row", func(t *testing.T) {
		requests := make([]matrixRequest, len(tests))
		for i, tt := range tests {
			requests[i] = matrixRequest{tt.method, tt.path}
		}
		everyRouteHasARow(t, f.pages, requests)
	})
	roles := [5]string{"admin", "credit_manager", "legal", "partner", ""}
	for _, tt := range tests {
		for i, role := range roles {
			name := role
			if name == "" {
				name = "anonymous"
			}
			t.Run(name+" "+tt.method+" "+tt.path, func(t *testing.T) {
				s := f.as(role)
				var rec = s.get(tt.path)
				if tt.method == http.MethodPost {
					rec = s.post(tt.path, cloneForm(tt.form))
				}
				if got := outcome(tt.method, rec.Code, rec.Header().Get("Location")); got != tt.want[i] {
					t.Errorf("%s: status %d (%s), want %s: %s", got, rec.Code, rec.Header().Get("Location"), tt.want[i], errorOf(rec.Body.String()))
				}
			})
		}
	}
}

func cloneForm(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// outcome classifies a response. 503 counts as allowed: the action went as
// far as calling the workflow, which these tests run without.
func outcome(method string, status int, location string) string {
	switch {
	case status == http.StatusForbidden:
		return deny
	case status == http.StatusNotFound:
		return hidden
	case status == http.StatusUnauthorized, method == http.MethodGet && status == http.StatusSeeOther && location == "/login":
		return login
	case status < 500, status == http.StatusServiceUnavailable:
		return allow
	}
	return fmt.Sprintf("error %d", status)
}

// matrixRequest is the request of a row of the matrix.
type matrixRequest struct{ method, path string }

// everyRouteHasARow fails for each route Pages.Register mounts that no row
// of the matrix requests, and for each row that no route serves.
func everyRouteHasARow(t *testing.T, p *Pages, requests []matrixRequest) {
	t.Helper()
	r := gin.New()
	r.SetHTMLTemplate(Templates())
	p.Register(r)
	covered := map[string]bool{}
	for _, req := range requests {
		rt, ok := routeOf(r.Routes(), req)
		if !ok {
			t.Errorf("row %s %s: no registered route serves it", req.method, req.path)
			continue
		}
		covered[rt.Method+" "+rt.Path] = true
	}
	for _, rt := range r.Routes() {
		if !covered[rt.Method+" "+rt.Path] {
			t.Errorf("route %s %s has no row in the matrix", rt.Method, rt.Path)
		}
	}
}

// routeOf is the route gin serves req with: of the routes with as many
// segments whose static segments match the path's (query aside), a :param
// standing for any one, the one static furthest left, as gin's tree prefers.
func routeOf(routes gin.RoutesInfo, req matrixRequest) (gin.RouteInfo, bool) {
	path, _, _ := strings.Cut(req.path, "?")
	segments := strings.Split(path, "/")
	// rank spells the route's static segments as 1 and its params as 0,
	// or is empty when the route does not match.
	rank := func(rt gin.RouteInfo) string {
		parts := strings.Split(rt.Path, "/")
		if rt.Method != req.method || len(parts) != len(segments) {
			return ""
		}
		var b strings.Builder
		for i, part := range parts {
			switch {
			case strings.HasPrefix(part, ":") && segments[i] != "":
				b.WriteByte('0')
			case part == segments[i]:
				b.WriteByte('1')
			default:
				return ""
			}
		}
		return b.String()
	}
	var best gin.RouteInfo
	bestRank := ""
	for _, rt := range routes {
		if r := rank(rt); r > bestRank {
			best, bestRank = rt, r
		}
	}
	return best, bestRank != ""
}

package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// litigationInvoice is an overdue invoice of a debtor of the given kind and
// commune; late_rate_percent is set for traders only.
func litigationInvoice(number, kind, form, postal, city, insee, rcs string) string {
	rate := ""
	if kind == "trader" {
		rate = `"late_rate_percent": "12.5",`
	}
	return fmt.Sprintf(`{
  "number": %q, "issue_date": "2026-09-15", "due_date": "2026-10-15",
  "total_cents": 120000, "vat_cents": 20000, "currency": "EUR", %s
  "debtor": {"name": "Débiteur %s", "kind": %q, "legal_form": %q, "rcs_city": %q,
    "address": {"line1": "5 place du Marché", "postal_code": %q, "city": %q, "insee_code": %q, "country": "FR"}}
}`, number, rate, number, kind, form, rcs, postal, city, insee)
}

func openCase(t *testing.T, env *apptest.Env, invoice string) uint {
	t.Helper()
	var sum intake.Summary
	status, raw := env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(invoice), &sum)
	if status != http.StatusCreated || len(sum.Invoices) != 1 || sum.Invoices[0].CaseID == 0 {
		t.Fatalf("POST invoice: %d %s", status, raw)
	}
	return sum.Invoices[0].CaseID
}

type claimResponse struct {
	Lines []struct {
		Kind        string       `json:"kind"`
		Invoice     string       `json:"invoice"`
		Basis       string       `json:"basis"`
		Amount      money.Amount `json:"amount"`
		RatePercent *float64     `json:"rate_percent"`
		From        *string      `json:"from"`
		To          *string      `json:"to"`
		Days        int          `json:"days"`
	} `json:"lines"`
	Total    money.Amount `json:"total"`
	Warnings []string     `json:"warnings"`
	Error    string       `json:"error"`
}

// TestClaimAndCosts: the claim of a case as the API returns it, the explicit
// error of a half-year without a rate, the costs legal staff add.
func TestClaimAndCosts(t *testing.T) {
	for _, db := range []string{"postgres", "sqlite"} {
		t.Run(db, func(t *testing.T) {
			env := apptest.Start(t, db, today)
			id := openCase(t, env, litigationInvoice("FA-CLAIM-"+db, "trader", "SARL", "92000", "Nanterre", "92050", "Nanterre"))
			path := fmt.Sprintf("/api/v1/cases/%d/claim", id)

			var cl claimResponse
			status, raw := env.Do(t, "GET", path+"?at=2026-11-23", "", nil, &cl)
			if status != http.StatusUnprocessableEntity || !strings.Contains(cl.Error, "H2 2026") {
				t.Fatalf("claim without the H2 2026 rates: %d %s, want 422 naming H2 2026", status, raw)
			}
			status, raw = env.Do(t, "GET", path+"?at=23/11/2026", "", nil, &cl)
			if status != http.StatusBadRequest || !strings.HasPrefix(cl.Error, "at:") {
				t.Errorf("bad date: %d %s, want 400 naming at", status, raw)
			}

			err := litact.SaveRates(t.Context(), env.DB, []claim.RateEntry{
				{Series: "mro", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 215, Source: "test"},
				{Series: "legal", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 262, Source: "test"},
			})
			if err != nil {
				t.Fatal(err)
			}
			cl = claimResponse{}
			status, raw = env.Do(t, "GET", path+"?at=2026-11-23", "", nil, &cl)
			if status != http.StatusOK {
				t.Fatalf("claim: %d %s", status, raw)
			}
			// 1 200 € principal; 1 200 € × 12,50 % × 39 days / 365 = 16,03 €; 40 €.
			if len(cl.Lines) != 3 || cl.Total != eur(120000+1603+4000) || cl.Lines[0].Amount != eur(120000) {
				t.Fatalf("claim %s", raw)
			}
			pen := cl.Lines[1]
			if pen.Kind != "penalty" || pen.Amount != eur(1603) || pen.RatePercent == nil || *pen.RatePercent != 12.5 ||
				*pen.From != "2026-10-16" || *pen.To != "2026-11-23" || pen.Days != 39 || pen.Invoice != "FA-CLAIM-"+db ||
				!strings.Contains(pen.Basis, "L441-10") {
				t.Errorf("penalty line %+v", pen)
			}
			if cl.Lines[0].RatePercent != nil || cl.Lines[0].From != nil || cl.Lines[2].Kind != "indemnity" {
				t.Errorf("principal and indemnity lines %s", raw)
			}

			costs := fmt.Sprintf("/api/v1/cases/%d/costs", id)
			bad := []struct{ body, field string }{
				{`{"label": "Frais d'huissier", "cents": 8912, "date": "2026-11-20"}`, "basis"},
				{`{"label": "Frais", "basis": "Art. 695 CPC", "cents": -1, "date": "2026-11-20"}`, "cents"},
				{`{"label": "Frais", "basis": "Art. 695 CPC", "cents": 100, "date": "2027-01-01"}`, "date"},
				{`{"basis": "Art. 695 CPC", "cents": 100, "date": "2026-11-20"}`, "label"},
				{`{"label": "Frais", "basis": "Art. 695 CPC", "amount": {"amount_cents": 100, "currency": "USD"}, "date": "2026-11-20"}`, "amount.currency"},
				{`{"label": "Frais", "basis": "Art. 695 CPC", "cents": 100, "amount": {"amount_cents": 100, "currency": "EUR"}, "date": "2026-11-20"}`, "amount"},
				{`{"label": "Frais", "basis": "Art. 695 CPC", "amount": {"amount_cents": -5, "currency": "EUR"}, "date": "2026-11-20"}`, "amount.amount_cents"},
			}
			bad = append(bad, struct{ body, field string }{`{"label": "Frais", "basis": "Art. 695 CPC", "cents": 100, "date": "2026-11-20", "tva": 20}`, "tva"})
			for _, b := range bad {
				var e struct {
					Errors []struct{ Field string } `json:"errors"`
				}
				if status, raw := env.Do(t, "POST", costs, "application/json", []byte(b.body), &e); status != 400 || len(e.Errors) != 1 || e.Errors[0].Field != b.field {
					t.Errorf("POST %s: %d %s, want 400 naming %s in errors[]", b.body, status, raw, b.field)
				}
			}
			type cost struct {
				Amount    money.Amount `json:"amount"`
				CreatedBy string       `json:"created_by"`
			}
			var added cost
			status, raw = env.Do(t, "POST", costs, "application/json",
				[]byte(`{"label": "Frais de greffe", "basis": "Article R444-3 du code de commerce", "amount": {"amount_cents": 3500, "currency": "EUR"}, "date": "2026-11-20"}`), &added)
			if status != http.StatusCreated || added.Amount != eur(3500) {
				t.Fatalf("POST cost: %d %s", status, raw)
			}
			var list struct{ Costs []cost }
			env.Do(t, "GET", costs, "", nil, &list)
			if len(list.Costs) != 1 || list.Costs[0].CreatedBy != "admin@test.local" || list.Costs[0].Amount != eur(3500) {
				t.Errorf("costs %+v", list.Costs)
			}
			env.Do(t, "GET", path+"?at=2026-11-23", "", nil, &cl)
			if last := cl.Lines[len(cl.Lines)-1]; last.Kind != "cost" || last.Amount != eur(3500) || cl.Total != eur(120000+1603+4000+3500) {
				t.Errorf("claim with the cost %+v", cl)
			}

			// Scope and roles: a partner sees no case it was not delegated;
			// a credit manager may read the claim but not the costs.
			partner := env.NewPartner(t, "Affacturage "+db)
			p := *env
			p.Token = env.UserToken(t, "partner-"+db+"@test.local", models.RolePartner, &partner.ID)
			if status, _ := p.Do(t, "GET", path, "", nil, nil); status != http.StatusNotFound {
				t.Errorf("partner reading another's case: %d, want 404", status)
			}
			m := *env
			m.Token = env.UserToken(t, "manager-"+db+"@test.local", models.RoleCreditManager, nil)
			if status, _ := m.Do(t, "GET", costs, "", nil, nil); status != http.StatusForbidden {
				t.Errorf("credit manager listing costs: %d, want 403", status)
			}
			if status, _ := m.Do(t, "GET", path+"?at=2026-11-23", "", nil, nil); status != http.StatusOK {
				t.Errorf("credit manager reading the claim: %d, want 200", status)
			}
		})
	}
}

type tribunalResponse struct {
	Kind        string `json:"kind"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Cerfa       string `json:"cerfa"`
	Reason      string `json:"reason"`
	NeedsChoice bool   `json:"needs_choice"`
	Fees        struct {
		GreffeFee money.Amount `json:"greffe_fee"`
	} `json:"fees"`
	Candidates []struct {
		Code, Name, Kind string
	} `json:"candidates"`
	Error string `json:"error"`
}

// TestTribunalAndDossier: the court of each kind of debtor, the choice among
// candidates when the data cannot decide, and the dossier files.
func TestTribunalAndDossier(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	err := litact.SaveRates(t.Context(), env.DB, []claim.RateEntry{
		{Series: "mro", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 215, Source: "test"},
		{Series: "legal", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 262, Source: "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, invoice string
		kind, cerfa   string
		court         string
		needsChoice   bool
		fee           int64
	}{
		{"SAS in Nanterre", litigationInvoice("FA-TRIB-1", "trader", "SAS", "92000", "Nanterre", "92050", "Nanterre"),
			"tribunal_des_activites_economiques", "12946*02", "Tribunal des activités économiques de Nanterre", false, 3500},
		{"artisan in Limoges", litigationInvoice("FA-TRIB-5", "trader", "EI", "87000", "Limoges", "87085", "RCS/RM Limoges"),
			"tribunal_des_activites_economiques", "12946*02", "Tribunal des activités économiques de Limoges", false, 3500},
		{"SARL in Strasbourg", litigationInvoice("FA-TRIB-2", "trader", "SARL", "67000", "Strasbourg", "67482", "Strasbourg"),
			"chambre_commerciale_tj", "12946*02", "Strasbourg", false, 0},
		{"consumer in Lyon", litigationInvoice("FA-TRIB-3", "consumer", "", "69003", "Lyon", "69383", ""),
			"tribunal_judiciaire", "12948*06", "Tribunal judiciaire de Lyon", false, 0},
		{"unknown commune", litigationInvoice("FA-TRIB-4", "trader", "SARL", "92000", "Nullepart", "", ""),
			"", "12946*02", "", true, 0},
	}
	ids := map[string]uint{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := openCase(t, env, tt.invoice)
			ids[tt.name] = id
			var tr tribunalResponse
			status, raw := env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d/tribunal", id), "", nil, &tr)
			if status != http.StatusOK || tr.Kind != tt.kind || tr.Cerfa != tt.cerfa || tr.NeedsChoice != tt.needsChoice ||
				tr.Fees.GreffeFee != eur(tt.fee) || !strings.Contains(tr.Name, tt.court) || tr.Reason == "" {
				t.Errorf("tribunal: %d %s", status, raw)
			}
			if tt.needsChoice && len(tr.Candidates) == 0 {
				t.Errorf("no candidates to choose from: %s", raw)
			}
		})
	}

	// Choosing the court: refused when nothing is to choose or the code is
	// not a candidate, accepted among the candidates.
	unknown := fmt.Sprintf("/api/v1/cases/%d", ids["unknown commune"])
	if status, raw := env.Do(t, "GET", unknown+"/dossier.pdf", "", nil, nil); status != http.StatusConflict {
		t.Errorf("dossier before the court is chosen: %d %s, want 409", status, raw)
	}
	var tr tribunalResponse
	env.Do(t, "GET", unknown+"/tribunal", "", nil, &tr)
	for _, b := range []struct{ name, body, field string }{
		{"a non-candidate", `{"code": "tj69123"}`, "code"},
		{"nothing", `{}`, "code"},
		{"an unknown field", `{"code": "9201", "juge": "x"}`, "juge"},
	} {
		var e struct {
			Errors []struct{ Field string } `json:"errors"`
		}
		if status, raw := env.Do(t, "POST", unknown+"/tribunal", "application/json", []byte(b.body), &e); status != 400 || len(e.Errors) != 1 || e.Errors[0].Field != b.field {
			t.Errorf("choosing %s: %d %s, want 400 naming %s", b.name, status, raw, b.field)
		}
	}
	nanterre := fmt.Sprintf("/api/v1/cases/%d", ids["SAS in Nanterre"])
	if status, raw := env.Do(t, "POST", nanterre+"/tribunal", "application/json", []byte(`{"code": "9201"}`), nil); status != http.StatusConflict {
		t.Errorf("choosing for a decided case: %d %s, want 409", status, raw)
	}
	var chosen tribunalResponse
	body := fmt.Sprintf(`{"code": %q}`, tr.Candidates[0].Code)
	if status, raw := env.Do(t, "POST", unknown+"/tribunal", "application/json", []byte(body), &chosen); status != 200 || chosen.NeedsChoice || chosen.Code != tr.Candidates[0].Code {
		t.Fatalf("choosing a candidate: %d %s", status, raw)
	}
	env.Do(t, "GET", unknown+"/tribunal", "", nil, &tr)
	if tr.NeedsChoice || tr.Name != chosen.Name || !strings.Contains(tr.Reason, "admin@test.local") {
		t.Errorf("tribunal after the choice %+v", tr)
	}

	// The dossier files, for legal staff only.
	for _, path := range []string{nanterre + "/dossier.pdf?at=2026-11-23", unknown + "/dossier.zip?at=2026-11-23"} {
		start := time.Now()
		status, raw := env.Do(t, "GET", path, "", nil, nil)
		if status != http.StatusOK || len(raw) < 1000 {
			t.Errorf("GET %s: %d (%d bytes) %.200s", path, status, len(raw), raw)
		}
		if strings.Contains(path, ".pdf") && !strings.HasPrefix(string(raw), "%PDF-") ||
			strings.Contains(path, ".zip") && !strings.HasPrefix(string(raw), "PK") {
			t.Errorf("GET %s: not the expected file type", path)
		}
		t.Logf("GET %s in %s", path, time.Since(start))
	}
	m := *env
	m.Token = env.UserToken(t, "manager@test.local", models.RoleCreditManager, nil)
	if status, _ := m.Do(t, "GET", nanterre+"/dossier.pdf", "", nil, nil); status != http.StatusForbidden {
		t.Errorf("credit manager downloading the dossier: %d, want 403", status)
	}
}

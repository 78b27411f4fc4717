package api

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/money"
)

// TestViewsMatchOpenAPI: the fields each view sends are exactly the
// properties of its schema in openapi.json, and every amount is a required
// Money object there. A field added to a view without documenting it, or a
// flat *_cents field coming back, fails here rather than in a client.
func TestViewsMatchOpenAPI(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc.Components.Schemas
	for path, view := range map[string]any{
		"CaseRow":                          caseRowView{},
		"CaseDetail":                       caseDetailView{},
		"CaseEvent":                        storedEventView{},
		"PendingEvent":                     eventView{},
		"CaseDocument":                     documentView{},
		"DebtorContact":                    debtorContactView{},
		"RecoveryState":                    stateView{},
		"RecoveryState.promise":            promiseView{},
		"Invoice":                          invoiceView{},
		"Debtor":                           debtorView{},
		"Creditor":                         creditorView{},
		"CreditNote":                       creditNoteView{},
		"Payment":                          paymentView{},
		"Allocation":                       allocationView{},
		"Reversal":                         reversalView{},
		"MoneyInSummary":                   moneyInSummaryView{},
		"Claim":                            claimView{},
		"ClaimLine":                        claimLine{},
		"Cost":                             costView{},
		"Tribunal":                         tribunalView{},
		"Tribunal.fees":                    feesView{},
		"Dashboard":                        dashboardView{},
		"Dashboard.aging[]":                agingBucketView{},
		"Dashboard.cases_by_phase_level[]": phaseLevelView{},
		"Money":                            money.Amount{},
	} {
		schema := schemaAt(t, schemas, path)
		props, required := properties(schemas, schema)
		fields := jsonFields(reflect.TypeOf(view))
		if got, want := slices.Sorted(maps.Keys(fields)), slices.Sorted(maps.Keys(props)); !slices.Equal(got, want) {
			t.Errorf("%s: the view sends %v, openapi.json documents %v", path, got, want)
		}
		for name, typ := range fields {
			if strings.HasSuffix(name, "_cents") && path != "Money" {
				t.Errorf("%s.%s: money must be a {amount_cents, currency} object", path, name)
			}
			if typ == reflect.TypeFor[money.Amount]() && !required[name] {
				t.Errorf("%s.%s: an amount the view always sends is not required in openapi.json", path, name)
			}
		}
	}
}

// jsonFields maps the JSON names of a struct's fields, embedded structs'
// included, to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		switch {
		case name == "-":
			continue
		case f.Anonymous && name == "":
			maps.Copy(out, jsonFields(f.Type))
			continue
		case !f.IsExported():
			continue
		case name == "":
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// schemaAt finds a schema by name, then by property ("Tribunal.fees") and
// array items ("Dashboard.aging[]").
func schemaAt(t *testing.T, schemas map[string]any, path string) map[string]any {
	t.Helper()
	steps := strings.Split(path, ".")
	s, _ := schemas[steps[0]].(map[string]any)
	for _, step := range steps[1:] {
		prop, items := strings.CutSuffix(step, "[]")
		props, _ := s["properties"].(map[string]any)
		s, _ = props[prop].(map[string]any)
		if items {
			s, _ = s["items"].(map[string]any)
		}
	}
	if s == nil {
		t.Fatalf("no schema %s in openapi.json", path)
	}
	return s
}

// properties collects a schema's properties and required names, following
// $ref and allOf.
func properties(schemas, s map[string]any) (props map[string]any, required map[string]bool) {
	props, required = map[string]any{}, map[string]bool{}
	if ref, ok := s["$ref"].(string); ok {
		target, _ := schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
		return properties(schemas, target)
	}
	if p, ok := s["properties"].(map[string]any); ok {
		maps.Copy(props, p)
	}
	if r, ok := s["required"].([]any); ok {
		for _, name := range r {
			required[name.(string)] = true
		}
	}
	all, _ := s["allOf"].([]any)
	for _, part := range all {
		p, r := properties(schemas, part.(map[string]any))
		maps.Copy(props, p)
		maps.Copy(required, r)
	}
	return props, required
}

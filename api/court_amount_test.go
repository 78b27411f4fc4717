package api

import (
	"encoding/json"
	"testing"

	"github.com/recouvra/recouvra/workflows/litigation"
)

// TestAmountAsCents: a court step's amount may come as a money object in
// the case's currency; it reaches the workflow as amount_cents, and every
// wrong form is named.
func TestAmountAsCents(t *testing.T) {
	tests := []struct {
		name      string
		body      any
		raw       string
		wantCents int64  // when no error
		wantField string // the field the error names
	}{
		{"object", &litigation.Paid{}, `{"date": "2026-12-01", "amount": {"amount_cents": 12345, "currency": "EUR"}}`, 12345, ""},
		{"flat field left alone", &litigation.Paid{}, `{"date": "2026-12-01", "amount_cents": 777}`, 777, ""},
		{"ordonnance", &litigation.OrdonnanceRendered{}, `{"outcome": "partial", "amount": {"amount_cents": 50000, "currency": "EUR"}}`, 50000, ""},
		{"both forms", &litigation.Paid{}, `{"amount_cents": 1, "amount": {"amount_cents": 1, "currency": "EUR"}}`, 0, "amount"},
		{"another currency", &litigation.Paid{}, `{"amount": {"amount_cents": 1, "currency": "CHF"}}`, 0, "amount.currency"},
		{"no currency", &litigation.Paid{}, `{"amount": {"amount_cents": 1}}`, 0, "amount.currency"},
		{"not an object", &litigation.Paid{}, `{"amount": 12}`, 0, "amount"},
		{"unknown field inside", &litigation.Paid{}, `{"amount": {"cents": 1, "currency": "EUR"}}`, 0, "amount.cents"},
		{"flat field not a number", &litigation.Paid{}, `{"amount_cents": "1", "amount": {"amount_cents": 1, "currency": "EUR"}}`, 0, "amount_cents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ferr := amountAsCents([]byte(tt.raw), tt.body, "EUR")
			if tt.wantField != "" {
				if ferr == nil || ferr.Field != tt.wantField {
					t.Fatalf("error %+v, want one naming %s", ferr, tt.wantField)
				}
				return
			}
			if ferr != nil {
				t.Fatalf("refused: %+v", ferr)
			}
			var got struct {
				AmountCents int64           `json:"amount_cents"`
				Amount      json.RawMessage `json:"amount"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if got.AmountCents != tt.wantCents || got.Amount != nil {
				t.Errorf("rewritten to %s, want amount_cents %d and no amount", out, tt.wantCents)
			}
		})
	}
	// A step whose body has no amount_cents is left for the strict decoding
	// to refuse its unknown field.
	raw := `{"date": "2026-12-01", "amount": {"amount_cents": 1, "currency": "EUR"}}`
	if out, ferr := amountAsCents([]byte(raw), &litigation.Filed{}, "EUR"); ferr != nil || string(out) != raw {
		t.Errorf("filed body changed to %s (%v)", out, ferr)
	}
}

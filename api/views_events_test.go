package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/models"
)

// TestWithMoney: every whole number under a *_cents key becomes a money
// object in the case's currency, at any depth; anything else stays as is.
func TestWithMoney(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"payment", `{"amount_cents": 20000, "reference": "CHQ 42", "date": "2026-11-20"}`,
			`{"amount": {"amount_cents": 20000, "currency": "EUR"}, "reference": "CHQ 42", "date": "2026-11-20"}`},
		{"several amounts", `{"total_cents": 123456, "fee_cents": 0, "warnings": ["x"]}`,
			`{"total": {"amount_cents": 123456, "currency": "EUR"}, "fee": {"amount_cents": 0, "currency": "EUR"}, "warnings": ["x"]}`},
		{"negative and large", `{"delta_cents": -9007199254740993}`, `{"delta": {"amount_cents": -9007199254740993, "currency": "EUR"}}`},
		{"nested", `{"lines": [{"amount_cents": 5}], "claim": {"principal_cents": 7}}`,
			`{"lines": [{"amount": {"amount_cents": 5, "currency": "EUR"}}], "claim": {"principal": {"amount_cents": 7, "currency": "EUR"}}}`},
		{"not a whole number", `{"rate_cents": 12.5, "label_cents": "12"}`, `{"rate_cents": 12.5, "label_cents": "12"}`},
		{"name taken", `{"amount": "x", "amount_cents": 3}`, `{"amount": "x", "amount_cents": 3}`},
		{"bare suffix", `{"_cents": 3}`, `{"_cents": 3}`},
		{"no cents", `{"step": "level1", "level": 1}`, `{"step": "level1", "level": 1}`},
		{"not an object", `[1, 2]`, `{"text": "[1, 2]"}`},
		{"empty", ``, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(withMoney(storedData(tt.data), "EUR"))
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, got, []byte(tt.want)) {
				t.Errorf("withMoney(%s) = %s, want %s", tt.data, got, tt.want)
			}
		})
	}
}

// TestPendingEventView: an event still pending in the workflow's state has
// come back from a Temporal payload, its numbers as float64; it shows like
// a stored one, in snake_case, without its internal key.
func TestPendingEventView(t *testing.T) {
	var data map[string]any
	if err := json.Unmarshal([]byte(`{"amount_cents": 150000, "date": "2026-11-20"}`), &data); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	pending, _ := json.Marshal(pendingEventViewOf(casebook.Event{CaseID: 7, Key: "secret/key", At: at, Actor: "system",
		Kind: "payment", Summary: "Paiement", Data: data}, "CHF"))
	want := `{"case_id": 7, "at": "2026-11-20T09:30:00Z", "actor": "system", "kind": "payment", "summary": "Paiement",
		"data": {"amount": {"amount_cents": 150000, "currency": "CHF"}, "date": "2026-11-20"}}`
	if !sameJSON(t, pending, []byte(want)) {
		t.Errorf("pending event %s, want %s", pending, want)
	}
	stored, _ := json.Marshal(storedEventViewOf(models.CaseEvent{ID: 3, CaseID: 7, Key: "secret/key", At: at, Actor: "system",
		Kind: "payment", Summary: "Paiement", Data: `{"amount_cents":150000,"date":"2026-11-20"}`}, "CHF"))
	if !sameJSON(t, stored, []byte(`{"id": 3, `+want[1:])) {
		t.Errorf("stored event %s, want the pending one with its id", stored)
	}
}

// sameJSON compares two JSON texts by value, whole numbers exactly.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	canonical := func(raw []byte) string {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		out, _ := json.Marshal(v)
		return string(out)
	}
	return canonical(a) == canonical(b)
}

package api

import (
	"encoding/json"
	"math"
	"strings"
	"time"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/models"
)

// eventView is an event of a case's timeline as the API shows it, whether
// stored already or still pending in the workflow: its data an object whose
// amounts carry the case's currency. The event's idempotency key stays
// internal.
type eventView struct {
	CaseID     uint           `json:"case_id"`
	At         time.Time      `json:"at"`
	Actor      string         `json:"actor"`
	Kind       string         `json:"kind"`
	Summary    string         `json:"summary"`
	Channel    string         `json:"channel,omitempty"`
	DocumentID *uint          `json:"document_id,omitempty"`
	Data       map[string]any `json:"data,omitempty"`
}

// storedEventView is an event of the timeline, which has an ID once stored.
type storedEventView struct {
	ID uint `json:"id"`
	eventView
}

// storedEventViewOf shows a stored event; currency is the case's.
func storedEventViewOf(e models.CaseEvent, currency string) storedEventView {
	return storedEventView{ID: e.ID, eventView: eventView{
		CaseID: e.CaseID, At: e.At, Actor: e.Actor, Kind: e.Kind, Summary: e.Summary, Channel: e.Channel,
		DocumentID: e.DocumentID, Data: withMoney(storedData(e.Data), currency),
	}}
}

// pendingEventViewOf shows an event the workflow has not stored yet.
func pendingEventViewOf(e casebook.Event, currency string) eventView {
	return eventView{
		CaseID: e.CaseID, At: e.At, Actor: e.Actor, Kind: e.Kind, Summary: e.Summary, Channel: e.Channel,
		DocumentID: e.DocumentID, Data: withMoney(e.Data, currency),
	}
}

// storedData reads an event's stored JSON details, keeping whole numbers
// exact. Details that are not a JSON object, which no writer makes, are
// shown as {"text": …} rather than lost.
func storedData(raw string) map[string]any {
	if raw == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var data map[string]any
	if err := dec.Decode(&data); err != nil || data == nil || dec.More() {
		return map[string]any{"text": raw}
	}
	return data
}

// withMoney copies data, turning every "<name>_cents" key that holds a whole
// number into "<name>": {amount_cents, currency}, at any depth. Events store
// flat cents without their currency (the workflows' histories depend on
// that shape); the API shows money as everywhere else. A key whose name
// without the suffix is already taken keeps its flat form.
func withMoney(data map[string]any, currency string) map[string]any {
	if data == nil {
		return nil
	}
	out := make(map[string]any, len(data))
	for key, value := range data {
		name, isCents := strings.CutSuffix(key, "_cents")
		cents, whole := wholeNumber(value)
		if _, taken := data[name]; isCents && whole && name != "" && !taken {
			out[name] = moneyOf(cents, currency)
			continue
		}
		out[key] = valueWithMoney(value, currency)
	}
	return out
}

func valueWithMoney(v any, currency string) any {
	switch v := v.(type) {
	case map[string]any:
		return withMoney(v, currency)
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = valueWithMoney(item, currency)
		}
		return out
	}
	return v
}

// wholeNumber reads v as a whole number of cents: an integer of Go, a
// json.Number without fraction, or a float64 without fraction (how a
// map[string]any comes back from a Temporal payload).
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), true
		}
	}
	return 0, false
}

package casenotes_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/recouvra/recouvra/internal/casenotes"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestAdd writes notes on both databases: PostgreSQL enforces the width of
// case_events.summary, which the longest notes exceed.
func TestAdd(t *testing.T) {
	for kind, open := range testenv.Databases {
		t.Run(kind, func(t *testing.T) {
			db, _ := open(t)
			ev, err := casenotes.Add(t.Context(), db, 7, "anne@test.local", "  Rappeler lundi  ")
			if err != nil {
				t.Fatal(err)
			}
			if ev.ID == 0 || ev.Kind != "note" || ev.Summary != "Rappeler lundi" || ev.Actor != "anne@test.local" || ev.Data != "" {
				t.Errorf("short note: %+v", ev)
			}

			long := strings.Repeat("é", casenotes.MaxChars) // characters, not bytes
			ev, err = casenotes.Add(t.Context(), db, 7, "anne@test.local", long)
			if err != nil {
				t.Fatalf("note of %d characters: %v", casenotes.MaxChars, err)
			}
			var data struct{ Text string }
			if err := json.Unmarshal([]byte(ev.Data), &data); err != nil || data.Text != long {
				t.Errorf("long note's data %.80q: %v", ev.Data, err)
			}
			if n := utf8.RuneCountInString(ev.Summary); n != 1000 || !strings.HasSuffix(ev.Summary, "…") {
				t.Errorf("long note's summary: %d characters, ends %q", n, ev.Summary[len(ev.Summary)-6:])
			}

			var n int64
			db.Model(&models.CaseEvent{}).Where("case_id = 7 AND kind = 'note'").Count(&n)
			if n != 2 {
				t.Errorf("%d notes stored, want 2", n)
			}
		})
	}
}

func TestAddRefusesEmptyAndOverlongNotes(t *testing.T) {
	db, _ := testenv.SQLite(t)
	for text, chars := range map[string]int{" \n\t": 0, strings.Repeat("a", casenotes.MaxChars+1): casenotes.MaxChars + 1} {
		_, err := casenotes.Add(t.Context(), db, 7, "anne@test.local", text)
		var le *casenotes.LengthError
		if !errors.As(err, &le) || le.Chars != chars {
			t.Errorf("note of %d characters: %v, want a LengthError", chars, err)
		}
	}
	var n int64
	db.Model(&models.CaseEvent{}).Count(&n)
	if n != 0 {
		t.Errorf("%d events stored by refused notes", n)
	}
}

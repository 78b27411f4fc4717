// Package casenotes records a person's note on a case's timeline. The
// back-office form and the API (which partners use on their delegated
// cases) both write through Add, so a note reads the same on the timeline
// whoever wrote it and wherever from.
package casenotes

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// MaxChars is the longest note, in characters, after trimming.
const MaxChars = 4000

// summaryChars is the width of case_events.summary (varchar(1000)): a
// longer note is shortened there and kept whole in the event's data.
const summaryChars = 1000

// LengthError says a note is empty or longer than MaxChars; Chars is its
// length once trimmed, for the caller's message in its own language.
type LengthError struct{ Chars int }

func (e *LengthError) Error() string {
	return fmt.Sprintf("must be 1 to %d characters once trimmed, got %d", MaxChars, e.Chars)
}

// Add trims text and records it as a "note" event of the case by actor (a
// user's email). It returns a *LengthError when the note is empty or too
// long. A note over the summary's width is shortened there, ending in "…",
// and kept whole in the event's data as {"text": ...}.
func Add(ctx context.Context, db *gorm.DB, caseID uint, actor, text string) (models.CaseEvent, error) {
	text = strings.TrimSpace(text)
	if n := utf8.RuneCountInString(text); n == 0 || n > MaxChars {
		return models.CaseEvent{}, &LengthError{Chars: n}
	}
	ev := models.CaseEvent{
		CaseID: caseID, Key: "note/" + rand.Text(), At: time.Now().UTC(), Actor: actor,
		Kind: "note", Summary: text,
	}
	if utf8.RuneCountInString(text) > summaryChars {
		ev.Summary = string([]rune(text)[:summaryChars-1]) + "…"
		data, err := json.Marshal(map[string]string{"text": text})
		if err != nil {
			return ev, fmt.Errorf("note on case %d: %w", caseID, err)
		}
		ev.Data = string(data)
	}
	if err := db.WithContext(ctx).Create(&ev).Error; err != nil {
		return ev, fmt.Errorf("note on case %d: %w", caseID, err)
	}
	return ev, nil
}

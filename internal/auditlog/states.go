package auditlog

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/lettertemplates"
)

// Change is the "after" of an entry made by a request to a workflow: what
// was asked, and the state the workflow answered with. With the state
// before as the entry's "before", the two states compare field by field.
type Change struct {
	Request any `json:"request"`
	State   any `json:"state"`
}

// Unavailable stands for a state that could not be read, with the reason:
// an entry never pretends to know a state it did not see.
type Unavailable struct {
	Reason string `json:"state_unavailable"`
}

// WorkflowState asks a workflow for its state by query and returns the
// JSON it answers, or Unavailable when it does not answer. Temporal answers
// a query after the events accepted before it, so a state read after a
// signal includes the signal.
func WorkflowState(ctx context.Context, tc client.Client, workflowID, query string) any {
	if tc == nil {
		return Unavailable{"Temporal is not configured"}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	v, err := tc.QueryWorkflow(ctx, workflowID, "", query)
	var state json.RawMessage
	if err == nil {
		err = v.Get(&state)
	}
	if err != nil {
		return Unavailable{"query " + query + " of workflow " + workflowID + ": " + err.Error()}
	}
	return state
}

// Snapshot is a record read for an entry's before or after, as a reader
// returns it: the record, nil when there is none, or Unavailable with the
// reason the read failed.
func Snapshot(v any, err error) any {
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return nil
	case err != nil:
		return Unavailable{Reason: err.Error()}
	}
	return v
}

// PreviousTemplate is the version a template save replaced: the version
// just before saved, which for the first edit is the shipped default. It
// is nil when there was none (no shipped default in that language).
func PreviousTemplate(ctx context.Context, db *gorm.DB, saved lettertemplates.Version) any {
	if saved.Version <= lettertemplates.ShippedVersion {
		return nil
	}
	prev, err := lettertemplates.Store{DB: db}.Get(ctx, saved.Key, saved.Language, saved.Version-1)
	switch {
	case errors.Is(err, lettertemplates.ErrNoTemplate):
		return nil
	case err != nil:
		return Unavailable{err.Error()}
	}
	return prev
}

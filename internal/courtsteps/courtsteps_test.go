package courtsteps

import (
	"context"
	"errors"
	"testing"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/recouvra/recouvra/internal/caseactions"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// fakeClient answers updates and signals with err and records the target.
type fakeClient struct {
	client.Client
	err          error
	workflow, op string
}

func (f *fakeClient) UpdateWorkflow(_ context.Context, o client.UpdateWorkflowOptions) (client.WorkflowUpdateHandle, error) {
	f.workflow, f.op = o.WorkflowID, o.UpdateName
	return handle{f.err}, nil // the outcome comes with the handle
}

type handle struct{ err error }

func (handle) WorkflowID() string               { return "" }
func (handle) RunID() string                    { return "" }
func (handle) UpdateID() string                 { return "" }
func (h handle) Get(context.Context, any) error { return h.err }

func (f *fakeClient) SignalWorkflow(_ context.Context, id, _, name string, _ any) error {
	f.workflow, f.op = id, name
	return f.err
}

// TestSendSortsErrors: every step reaches the child workflow by its name;
// Temporal's answers become the errors callers tell apart.
func TestSendSortsErrors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		err     error
		check   func(error) bool
		message string
	}{
		{"accepted", nil, func(err error) bool { return err == nil }, "nil"},
		{"no workflow", serviceerror.NewNotFound("gone"), func(err error) bool { return errors.Is(err, ErrNoLitigation) }, "ErrNoLitigation"},
		{"refused", temporal.NewApplicationError("date: bad", "x"), func(err error) bool {
			var r *caseactions.ErrRefused
			return errors.As(err, &r) && r.Reason == "date: bad"
		}, "ErrRefused with the reason"},
		{"no answer", context.DeadlineExceeded, func(err error) bool { return errors.Is(err, ErrUnavailable) }, "ErrUnavailable"},
	} {
		for key, step := range Steps {
			t.Run(tt.name+" "+key, func(t *testing.T) {
				tc := &fakeClient{err: tt.err}
				body := step.NewBody()
				SetActor(body, "juriste@test")
				err := Send(t.Context(), tc, "recovery-FA-1", step, body)
				if !tt.check(err) {
					t.Errorf("got %v, want %s", err, tt.message)
				}
				if tc.workflow != "recovery-FA-1/litigation" || tc.op != step.Name {
					t.Errorf("sent %q to %q", tc.op, tc.workflow)
				}
			})
		}
	}
	if (Steps["paid"].Signal) != true || Steps["paid"].Name != litigation.SignalPaid || Steps["filed"].Signal {
		t.Error("payment must be a signal and the other steps updates")
	}
}

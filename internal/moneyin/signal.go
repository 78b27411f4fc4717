package moneyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"go.temporal.io/sdk/client"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// Signaller tells a case's recovery workflow that money was allocated to its
// invoice. A signal, not an update: reconciliation must not wait for workers.
type Signaller interface {
	// Signal sends signal name (recovery.ActionPayment or
	// recovery.ActionPaymentReversed) with its action.
	Signal(ctx context.Context, workflowID, name string, a recovery.Action) error
}

// TemporalSignaller sends the signals with a Temporal client.
type TemporalSignaller struct {
	Client client.Client
}

// Signal signals the current run of the workflow.
func (t TemporalSignaller) Signal(ctx context.Context, workflowID, name string, a recovery.Action) error {
	if t.Client == nil {
		return fmt.Errorf("signal %s: Temporal is not connected", workflowID)
	}
	return t.Client.SignalWorkflow(ctx, workflowID, "", name, a)
}

// paymentSignal is one signal to send once the transaction commits.
type paymentSignal struct {
	WorkflowID   string          `json:"workflow_id"`
	Name         string          `json:"name,omitempty"` // recovery.ActionPayment when empty
	CaseID       uint            `json:"-"`
	AllocationID uint            `json:"-"` // the first allocation line it reports
	OutboxID     uint            `json:"-"`
	Action       recovery.Action `json:"action"`
}

// ChannelWorkflowSignal marks the outbox entries of signals to recovery
// workflows. Each signal is written to the outbox in the transaction of its
// allocation: if Temporal cannot be reached after the commit, the entry stays
// pending and RetrySignals sends it later. Until then the workflow would
// mirror its old balance onto the invoice, so the retry matters.
const ChannelWorkflowSignal = "workflow_signal"

// queue writes the signals to the outbox, pending.
func queue(tx *gorm.DB, signals []paymentSignal) error {
	for i := range signals {
		payload, _ := json.Marshal(signals[i])
		caseID := signals[i].CaseID
		key := fmt.Sprintf("moneyin/signal/allocation/%d", signals[i].AllocationID)
		if signals[i].Name == recovery.ActionPaymentReversed {
			key += "/reversed"
		}
		row := models.Outbox{Key: key, CaseID: &caseID,
			Channel: ChannelWorkflowSignal, Status: "pending", Payload: string(payload)}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("queue the signal to %s: %w", signals[i].WorkflowID, err)
		}
		signals[i].OutboxID = row.ID
	}
	return nil
}

// RetrySignals sends the signals still pending (Temporal was unreachable
// when their allocation committed) and returns how many went out. Call it
// from the daily sweep.
func (s *Service) RetrySignals(ctx context.Context) (int, error) {
	var rows []models.Outbox
	if err := s.DB.WithContext(ctx).Where("channel = ? AND status = ?", ChannelWorkflowSignal, "pending").
		Order("id").Find(&rows).Error; err != nil {
		return 0, fmt.Errorf("read pending signals: %w", err)
	}
	sent := 0
	for _, r := range rows {
		var sig paymentSignal
		if err := json.Unmarshal([]byte(r.Payload), &sig); err != nil {
			return sent, fmt.Errorf("outbox entry %d: %w", r.ID, err)
		}
		sig.OutboxID = r.ID
		if s.send(ctx, sig) {
			sent++
		}
	}
	return sent, nil
}

// send signals the workflow and records the outcome in the outbox.
func (s *Service) send(ctx context.Context, sig paymentSignal) bool {
	err := errors.New("no signaller configured (Temporal not connected)")
	if s.Signaller != nil {
		name := sig.Name
		if name == "" {
			name = recovery.ActionPayment
		}
		err = s.Signaller.Signal(ctx, sig.WorkflowID, name, sig.Action)
	}
	q := s.DB.WithContext(ctx).Model(&models.Outbox{}).Where("id = ?", sig.OutboxID)
	if err != nil {
		s.logger().Warn("allocation saved but its workflow was not told; RetrySignals will", "workflow", sig.WorkflowID, "err", err)
		q.Update("error", clip(err.Error(), 1000))
		return false
	}
	now := time.Now().UTC()
	q.Updates(map[string]any{"status": "sent", "sent_at": &now, "error": ""})
	return true
}

// deferredStarter stands in for the intake Starter inside an import's
// transaction: a workflow must not start before the rows it reads commit,
// nor start at all if the import rolls back. It remembers the cases with the
// invoice as it was when the case opened, so the workflow starts with the
// balance before this import's allocations, which it then receives as signals.
type deferredStarter struct {
	calls []startCall
}

type startCall struct {
	c   models.Case
	inv models.Invoice
	d   models.Debtor
}

func (d *deferredStarter) StartCase(_ context.Context, c models.Case, inv models.Invoice, debtor models.Debtor) error {
	d.calls = append(d.calls, startCall{c, inv, debtor})
	return nil
}

// afterCommit starts the deferred cases and sends the signals. Failures are
// logged, not returned: the import is committed, a case not started is
// marked so that the daily sweep starts it, and a signal not sent stays
// pending in the outbox for RetrySignals.
func (s *Service) afterCommit(ctx context.Context, starts []startCall, signals []paymentSignal) {
	for _, sc := range starts {
		var err error
		if s.Intake == nil || s.Intake.Starter == nil {
			err = fmt.Errorf("Temporal is not connected")
		} else {
			err = s.Intake.Starter.StartCase(ctx, sc.c, sc.inv, sc.d)
		}
		if err != nil {
			s.logger().Warn("case saved but its workflow did not start; the sweep will retry", "case", sc.c.ID, "err", err)
			s.DB.WithContext(ctx).Model(&models.Case{}).Where("id = ?", sc.c.ID).Update("workflow_started", false)
		}
	}
	for _, sig := range signals {
		s.send(ctx, sig)
	}
}

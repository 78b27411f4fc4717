package moneyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
	if !s.signal(ctx, sig) {
		return false
	}
	s.markSent(ctx, []uint{sig.OutboxID})
	return true
}

// signal tells the workflow; a failure is recorded on its outbox row.
func (s *Service) signal(ctx context.Context, sig paymentSignal) bool {
	err := errors.New("no signaller configured (Temporal not connected)")
	if s.Signaller != nil {
		name := sig.Name
		if name == "" {
			name = recovery.ActionPayment
		}
		err = s.Signaller.Signal(ctx, sig.WorkflowID, name, sig.Action)
	}
	if err != nil {
		s.logger().Warn("allocation saved but its workflow was not told; RetrySignals will", "workflow", sig.WorkflowID, "err", err)
		s.DB.WithContext(ctx).Model(&models.Outbox{}).Where("id = ?", sig.OutboxID).Update("error", clip(err.Error(), 1000))
		return false
	}
	return true
}

// markSent records outbox rows as sent, 500 a statement.
func (s *Service) markSent(ctx context.Context, outboxIDs []uint) {
	now := time.Now().UTC()
	for chunk := range slices.Chunk(outboxIDs, 500) {
		s.DB.WithContext(ctx).Model(&models.Outbox{}).Where("id IN ?", chunk).
			Updates(map[string]any{"status": "sent", "sent_at": &now, "error": ""})
	}
}

// deferredStarter stands in for the intake Starter inside an import's
// transaction: a workflow must not start before the rows it reads commit,
// nor start at all if the import rolls back. It remembers the cases with the
// invoice as it was when the case opened, so the workflow starts with the
// balance before this import's allocations, which it then receives as signals.
type deferredStarter struct {
	calls []startCall
	// debtors holds each debtor once: a FEC may open 20 000 cases of a few
	// hundred debtors.
	debtors map[uint]*models.Debtor
}

type startCall struct {
	c   models.Case
	inv models.Invoice
	d   *models.Debtor
}

func (d *deferredStarter) StartCase(_ context.Context, c models.Case, inv models.Invoice, debtor models.Debtor) error {
	if d.debtors == nil {
		d.debtors = map[uint]*models.Debtor{}
	}
	known := d.debtors[debtor.ID]
	if known == nil || *known != debtor {
		known = &debtor
		d.debtors[debtor.ID] = known
	}
	d.calls = append(d.calls, startCall{c, inv, known})
	return nil
}

// afterCommit starts the deferred cases and sends the signals. Failures are
// logged, not returned: the import is committed, a case not started is
// marked so that the daily sweep starts it, and a signal not sent stays
// pending in the outbox for RetrySignals.
func (s *Service) afterCommit(ctx context.Context, starts []startCall, signals []paymentSignal) {
	var notStarted []uint
	for _, sc := range starts {
		if s.Intake == nil || s.Intake.Starter == nil {
			notStarted = append(notStarted, sc.c.ID)
			continue
		}
		if err := s.Intake.Starter.StartCase(ctx, sc.c, sc.inv, *sc.d); err != nil {
			s.logger().Warn("case saved but its workflow did not start; the sweep will retry", "case", sc.c.ID, "err", err)
			notStarted = append(notStarted, sc.c.ID)
		}
	}
	if len(notStarted) > 0 && (s.Intake == nil || s.Intake.Starter == nil) {
		s.logger().Warn("cases saved but their workflows did not start: Temporal is not connected; the sweep will retry", "cases", len(notStarted))
	}
	for chunk := range slices.Chunk(notStarted, 1000) {
		s.DB.WithContext(ctx).Model(&models.Case{}).Where("id IN ?", chunk).Update("workflow_started", false)
	}
	sent := make([]uint, 0, len(signals))
	for _, sig := range signals {
		if s.signal(ctx, sig) {
			sent = append(sent, sig.OutboxID)
		}
	}
	s.markSent(ctx, sent)
}

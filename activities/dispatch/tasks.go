package dispatch

import (
	"context"
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// Task is a call the account manager must make: the call step's outbox
// entry, with the debtor's numbers and a short script for the level.
type Task struct {
	OutboxID       uint       `json:"outbox_id"`
	CaseID         uint       `json:"case_id"`
	DebtorID       uint       `json:"debtor_id"`
	DebtorName     string     `json:"debtor_name"`
	Phone          string     `json:"phone,omitempty"`
	Email          string     `json:"email,omitempty"`
	Contact        string     `json:"contact,omitempty"`
	InvoiceNumber  string     `json:"invoice_number"`
	Step           string     `json:"step"`
	Level          int        `json:"level"`
	DueOn          civil.Date `json:"due_on"`
	AccountManager string     `json:"account_manager"`
	Script         string     `json:"script"`
	ScriptVersion  int        `json:"script_version"`
}

// Tasks lists the open call tasks due by day (those of earlier days that
// nobody called included), oldest first, each with its rendered script. A
// task whose case recorded a call outcome since the task was created is
// done: the outcome went to the workflow as the "call" action.
func (c Composer) Tasks(ctx context.Context, day civil.Date) ([]Task, error) {
	var rows []models.Outbox
	q := c.DB.WithContext(ctx).Where("channel = ? AND status = ?", ChannelPhoneTask, "task_open")
	if c.Scope.PartnerOnly {
		q = q.Where("case_id IN (SELECT id FROM cases WHERE partner_id = ?)", c.Scope.PartnerID)
	}
	err := q.Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read call tasks: %w", err)
	}
	tasks := []Task{}
	for _, r := range rows {
		e, err := entryOf(r)
		if err != nil {
			return nil, err
		}
		if e.DueOn.After(day) {
			continue
		}
		// The outcome of the call, recorded as a case action, closes it.
		var calls int64
		if err := c.DB.WithContext(ctx).Model(&models.CaseEvent{}).
			Where("case_id = ? AND kind = ? AND at >= ?", e.CaseID, "call", r.CreatedAt).Count(&calls).Error; err != nil {
			return nil, fmt.Errorf("outcome of call task %d: %w", r.ID, err)
		}
		if calls > 0 {
			continue
		}
		d, cr, manager, err := c.parties(ctx, e.DebtorID)
		if err != nil {
			return nil, err
		}
		var inv models.Invoice
		if err := c.DB.WithContext(ctx).First(&inv, e.InvoiceID).Error; err != nil {
			return nil, fmt.Errorf("invoice %d of task %d: %w", e.InvoiceID, r.ID, err)
		}
		open, err := c.openInvoices(ctx, e.DebtorID)
		if err != nil {
			return nil, err
		}
		data := templateData(d, cr, manager, []models.Invoice{inv}, open, day, e.Level)
		key := e.Template + ".script"
		if e.Template == "" {
			key = e.Step + ".phone_task.script"
		}
		// The call is made in the debtor's language, and so is its script.
		script, v, err := c.templates().RenderCurrent(ctx, key, lettertemplates.LanguageFor(d.Address.Country), data)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, Task{OutboxID: r.ID, CaseID: e.CaseID, DebtorID: d.ID, DebtorName: d.Name,
			Phone: d.Phone, Email: d.Email, Contact: d.PaymentContact, InvoiceNumber: inv.Number,
			Step: e.Step, Level: e.Level, DueOn: e.DueOn, AccountManager: manager.Name,
			Script: script, ScriptVersion: v.Version})
	}
	return tasks, nil
}

func (c Composer) templates() lettertemplates.Store {
	if c.Templates.DB == nil {
		return lettertemplates.Store{DB: c.DB}
	}
	return c.Templates
}

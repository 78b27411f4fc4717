// Package dispatch sends what the recovery steps put in the outbox, grouped
// per debtor: one letter and one email for all the invoices of a debtor that
// reach the same step within the grouping window, each with the statement
// of account (or the mise en demeure) as a PDF. Every piece is stored as a
// Document with its SHA-256 and template version, linked from the outbox
// entries it covers and from each case's timeline.
//
// Emails are sent exactly once: the mailing row and its Message-ID are
// written before the SMTP dialogue, and the outbox entries are marked sent
// in the same activity once the relay accepted; a retry that finds them sent
// does not send again. A permanent refusal marks them failed, tells the
// account manager on the timeline, and is not retried.
package dispatch

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/mailer"
	"github.com/recouvra/recouvra/models"
)

// Channels the dispatch handles; tasks stay in the outbox for people.
const (
	ChannelEmail            = "email"
	ChannelLetter           = "letter"
	ChannelRegisteredLetter = "registered_letter"
	ChannelPhoneTask        = "phone_task"
)

// Outbox and mailing statuses.
const (
	StatusPending      = "pending"
	StatusSending      = "sending"
	StatusSent         = "sent"
	StatusFailed       = "failed"
	StatusCancelled    = "cancelled"
	StatusToPrint      = "to_print"
	StatusPrinted      = "printed"
	StatusPosted       = "posted"
	StatusAcknowledged = "acknowledged"
	StatusBlocked      = "blocked" // a result only: the entries stay waiting
)

// MailSender is what the dispatch needs of a mailer: *mailer.Sender.
type MailSender interface {
	Send(ctx context.Context, m mailer.Message) error
}

// Activities are registered on the worker.
type Activities struct {
	DB     *gorm.DB
	Mailer MailSender
	// FromAddress, when set, sends in the creditor's name from this
	// address ("Forges de l’Écluse <relances@…>"); empty keeps the relay's
	// configured sender.
	FromAddress string
	// Composer builds the pieces; its DB defaults to DB.
	Composer Composer
	// WindowDays is the grouping window: how many days the first entry of a
	// debtor's group waits for others (0: grouped only with the same day).
	WindowDays int
	// AfterSent, when set, runs once an email was accepted by the relay and
	// recorded as sent, before the activity returns. Tests make it fail to
	// play a worker that crashes there.
	AfterSent func(mailingKey string) error
}

func (a *Activities) composer() Composer {
	c := a.Composer
	if c.DB == nil {
		c.DB = a.DB
	}
	if c.Templates.DB == nil {
		c.Templates.DB = c.DB
	}
	return c
}

// DueMailings returns the pieces to send on today: the waiting outbox entries —
// pending emails, postal letters not yet rendered — grouped by Plan. Entries
// of cases no longer open are cancelled on the way: a paid invoice gets no
// reminder. Each entry carries the partner its case is delegated to, so that
// Plan keeps a partner's cases in pieces of their own.
func (a *Activities) DueMailings(ctx context.Context, today civil.Date) ([]Group, error) {
	var rows []models.Outbox
	err := a.DB.WithContext(ctx).
		Where("(channel = ? AND status = ?) OR (channel IN ? AND status = ? AND document_id IS NULL)",
			ChannelEmail, StatusPending, []string{ChannelLetter, ChannelRegisteredLetter}, StatusToPrint).
		Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read waiting outbox entries: %w", err)
	}
	var entries []Entry
	var stale []uint
	for _, r := range rows {
		e, err := entryOf(r)
		if err != nil {
			return nil, err
		}
		var c models.Case
		if err := a.DB.WithContext(ctx).Select("id, status, partner_id").First(&c, e.CaseID).Error; err != nil {
			return nil, fmt.Errorf("case %d of outbox entry %s: %w", e.CaseID, r.Key, err)
		}
		if c.Status != models.CaseOpen {
			stale = append(stale, r.ID)
			continue
		}
		e.PartnerID = 0
		if c.PartnerID != nil {
			e.PartnerID = *c.PartnerID
		}
		entries = append(entries, e)
	}
	if len(stale) > 0 {
		err := a.DB.WithContext(ctx).Model(&models.Outbox{}).Where("id IN ?", stale).
			Updates(map[string]any{"status": StatusCancelled, "error": "case closed before the dispatch"}).Error
		if err != nil {
			return nil, fmt.Errorf("cancel outbox entries of closed cases: %w", err)
		}
	}
	return Plan(entries, today, a.WindowDays), nil
}

// entryOf reads an outbox row's payload (outbox.Send).
func entryOf(r models.Outbox) (Entry, error) {
	var e Entry
	if err := json.Unmarshal([]byte(r.Payload), &e); err != nil {
		return e, fmt.Errorf("outbox entry %d (%s): payload is not valid JSON: %w", r.ID, r.Key, err)
	}
	e.ID = r.ID
	if e.Channel == "" {
		e.Channel = r.Channel
	}
	if e.CaseID == 0 && r.CaseID != nil {
		e.CaseID = *r.CaseID
	}
	if e.DebtorID == 0 && r.DebtorID != nil {
		e.DebtorID = *r.DebtorID
	}
	return e, nil
}

func entryIDs(g Group) []uint {
	ids := make([]uint, len(g.Entries))
	for i, e := range g.Entries {
		ids[i] = e.ID
	}
	return ids
}

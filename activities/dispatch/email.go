package dispatch

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/mailer"
	"github.com/recouvra/recouvra/models"
)

// Result says what became of a group.
type Result struct {
	MailingID  uint   `json:"mailing_id"`
	DocumentID uint   `json:"document_id"`
	Status     string `json:"status"`
	// Sent is true when this attempt handed the email to the relay.
	Sent bool `json:"sent,omitempty"`
	// Reason says why a blocked piece waits.
	Reason string `json:"reason,omitempty"`
}

// ErrTypePermanent is the type of the non-retryable application error an
// activity returns when a piece can never be sent (refused address, debtor
// without email, letter that cannot be printed).
const ErrTypePermanent = "DispatchPermanentFailure"

// ThreadKey is the thread every email to a debtor belongs to: a grouped
// email covers several cases, so the debtor's mailbox threads by debtor.
func ThreadKey(debtorID uint) string { return fmt.Sprintf("debtor-%d", debtorID) }

// SendEmail sends the email of group g, with its letter attached as a PDF,
// exactly once. The mailing (with its Message-ID) and the document are
// written before the SMTP dialogue; after the relay accepted, the mailing
// and the outbox entries are marked sent in the same activity. A retry that
// finds them sent returns without sending. A retry after a crash between
// the two sends again with the same Message-ID, which receivers collapse.
func (a *Activities) SendEmail(ctx context.Context, g Group) (Result, error) {
	if g.Channel != ChannelEmail || len(g.Entries) == 0 {
		return Result{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("group %s: SendEmail takes a non-empty email group, got channel %q", g.Key, g.Channel), ErrTypePermanent, nil)
	}
	db := a.DB.WithContext(ctx)
	m, err := findMailing(db, g.Key)
	if err != nil {
		return Result{}, err
	}
	if m != nil && (m.Status == StatusSent || m.Status == StatusFailed) {
		return resultOf(*m, false), nil
	}
	piece, err := a.composer().Compose(ctx, g)
	if err != nil {
		return a.blocked(ctx, g, err)
	}
	subject, html, text, err := a.emailTexts(ctx, g, piece)
	if err != nil {
		return Result{}, err
	}
	if strings.TrimSpace(piece.Debtor.Email) == "" {
		return a.fail(ctx, g, m, fmt.Sprintf("le débiteur %s n’a pas d’adresse e-mail", piece.Debtor.Name))
	}
	if m == nil {
		if m, err = a.recordSending(ctx, g, piece); err != nil {
			var perm *permanent
			if errors.As(err, &perm) {
				return a.fail(ctx, g, nil, perm.Error())
			}
			return Result{}, err
		}
	}
	var doc models.Document
	if err := db.First(&doc, *m.DocumentID).Error; err != nil {
		return Result{}, fmt.Errorf("document %d of mailing %s: %w", *m.DocumentID, g.Key, err)
	}
	thread := mailer.ThreadID(ThreadKey(g.DebtorID))
	msg := mailer.Message{
		From: a.from(piece.Creditor.Name),
		ID:   m.MessageID, InReplyTo: thread, References: []string{thread},
		To: []string{piece.Debtor.Email}, Subject: subject, HTML: html, Text: text,
		Attachments: []mailer.Attachment{{Name: doc.FileName, ContentType: doc.ContentType, Data: doc.Content}},
	}
	if piece.Manager.Email != "" {
		msg.ReplyTo = (&mail.Address{Name: piece.Manager.Name, Address: piece.Manager.Email}).String()
	}
	if err := a.Mailer.Send(ctx, msg); err != nil {
		if mailer.IsPermanent(err) {
			return a.fail(ctx, g, m, err.Error())
		}
		return Result{}, fmt.Errorf("email %s to %s: %w", g.Key, piece.Debtor.Email, err)
	}
	if err := a.recordSent(ctx, g, m, piece); err != nil {
		return Result{}, err
	}
	if a.AfterSent != nil {
		if err := a.AfterSent(g.Key); err != nil {
			return Result{}, err
		}
	}
	r := resultOf(*m, true)
	r.Status = StatusSent
	return r, nil
}

// emailTexts renders the subject and both bodies in the debtor's language.
func (a *Activities) emailTexts(ctx context.Context, g Group, p Piece) (subject, html, text string, err error) {
	t := a.composer().Templates
	if subject, _, err = t.RenderCurrent(ctx, g.Step+".email.subject", p.Language, p.Data); err != nil {
		return
	}
	if html, _, err = t.RenderCurrent(ctx, g.Step+".email.html", p.Language, p.Data); err != nil {
		return
	}
	text, _, err = t.RenderCurrent(ctx, g.Step+".email.text", p.Language, p.Data)
	return strings.TrimSpace(subject), html, text, err
}

// permanent marks an error that retrying cannot cure.
type permanent struct{ msg string }

func (p *permanent) Error() string { return p.msg }

// recordSending renders and stores the attached letter — or takes the
// letter of the same step already prepared for the post, so that the email
// carries the very document sent by mail — and writes the mailing with its
// Message-ID and the outbox entries as "sending", in one transaction.
func (a *Activities) recordSending(ctx context.Context, g Group, p Piece) (*models.Mailing, error) {
	db := a.DB.WithContext(ctx)
	var doc models.Document
	sibling, err := siblingDocument(db, g, p.CaseIDs)
	if err != nil {
		return nil, err
	}
	if sibling == 0 {
		pdf, err := letters.Render(p.Letter)
		if err != nil {
			return nil, &permanent{msg: "lettre impossible à imprimer : " + err.Error()}
		}
		doc = newDocument(pdf, documentKind(p.Letter.Kind), fileName(p.Letter.Kind, g.Date.String()), g, singleCase(p.CaseIDs), p.BodyTemplate)
	}
	ids := entryIDs(g)
	m := models.Mailing{Key: g.Key, DebtorID: g.DebtorID, Step: g.Step, Channel: g.Channel, Status: StatusSending,
		DueOn: g.Date, OutboxIDs: idsJSON(ids), MessageID: mailer.MessageID(g.Key), Recipient: p.Debtor.Email}
	err = db.Transaction(func(tx *gorm.DB) error {
		if sibling != 0 {
			doc.ID = sibling
		} else if err := tx.Create(&doc).Error; err != nil {
			return fmt.Errorf("store document of %s: %w", g.Key, err)
		}
		m.DocumentID = &doc.ID
		if err := tx.Create(&m).Error; err != nil {
			return fmt.Errorf("create mailing %s: %w", g.Key, err)
		}
		return tx.Model(&models.Outbox{}).Where("id IN ?", ids).
			Updates(map[string]any{"status": StatusSending, "document_id": doc.ID, "error": ""}).Error
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// recordSent marks the mailing and its outbox entries sent and links the
// document from each case's timeline.
func (a *Activities) recordSent(ctx context.Context, g Group, m *models.Mailing, p Piece) error {
	now := time.Now().UTC()
	summary := fmt.Sprintf("E-mail envoyé à %s : %s (%s)", p.Debtor.Email, p.Letter.Subject, invoiceList(p))
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&models.Mailing{}).Where("id = ?", m.ID).
			Updates(map[string]any{"status": StatusSent, "sent_at": now, "error": ""}).Error; err != nil {
			return fmt.Errorf("mark mailing %s sent: %w", g.Key, err)
		}
		if err := tx.Model(&models.Outbox{}).Where("id IN ?", entryIDs(g)).
			Updates(map[string]any{"status": StatusSent, "sent_at": now, "document_id": *m.DocumentID}).Error; err != nil {
			return fmt.Errorf("mark outbox entries of %s sent: %w", g.Key, err)
		}
		m.Status = StatusSent
		return caseEvents(tx, p.CaseIDs, g.Key, "email_sent", summary, ChannelEmail, m.DocumentID,
			map[string]any{"mailing_id": m.ID, "message_id": m.MessageID, "invoices": invoiceNumbers(p)})
	})
}

// fail records a permanent failure: mailing and outbox entries failed, and
// an "email_failed" event on each case for the account manager. The
// activity then ends with a non-retryable error.
func (a *Activities) fail(ctx context.Context, g Group, m *models.Mailing, reason string) (Result, error) {
	if len(reason) > 900 {
		reason = reason[:900]
	}
	var caseIDs []uint
	for _, e := range g.Entries {
		caseIDs = append(caseIDs, e.CaseID)
	}
	var res Result
	err := a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if m == nil {
			m = &models.Mailing{Key: g.Key, DebtorID: g.DebtorID, Step: g.Step, Channel: g.Channel,
				DueOn: g.Date, OutboxIDs: idsJSON(entryIDs(g)), MessageID: mailer.MessageID(g.Key)}
			if err := tx.Create(m).Error; err != nil {
				return err
			}
		}
		if err := tx.Model(&models.Mailing{}).Where("id = ?", m.ID).
			Updates(map[string]any{"status": StatusFailed, "error": reason}).Error; err != nil {
			return err
		}
		if err := tx.Model(&models.Outbox{}).Where("id IN ?", entryIDs(g)).
			Updates(map[string]any{"status": StatusFailed, "error": reason}).Error; err != nil {
			return err
		}
		m.Status = StatusFailed
		res = resultOf(*m, false)
		return caseEvents(tx, caseIDs, g.Key, "email_failed",
			"Échec définitif de l’envoi de l’e-mail : "+reason+" — à traiter par le chargé de recouvrement",
			ChannelEmail, m.DocumentID, map[string]any{"mailing_id": m.ID, "error": reason})
	})
	if err != nil {
		return Result{}, fmt.Errorf("record failure of %s (%s): %w", g.Key, reason, err)
	}
	return res, temporal.NewNonRetryableApplicationError("email "+g.Key+" refused: "+reason, ErrTypePermanent, nil)
}

func resultOf(m models.Mailing, sent bool) Result {
	r := Result{MailingID: m.ID, Status: m.Status, Sent: sent}
	if m.DocumentID != nil {
		r.DocumentID = *m.DocumentID
	}
	return r
}

// singleCase links a document to its case when it concerns only one.
func singleCase(ids []uint) *uint {
	ids = sortedIDs(ids)
	if len(ids) != 1 {
		return nil
	}
	return &ids[0]
}

func invoiceNumbers(p Piece) []string {
	out := make([]string, len(p.Invoices))
	for i, inv := range p.Invoices {
		out[i] = inv.Number
	}
	return out
}

func invoiceList(p Piece) string {
	label := "facture "
	if len(p.Invoices) > 1 {
		label = "factures "
	}
	return label + strings.Join(invoiceNumbers(p), ", ")
}

// from is the sender as the debtor sees it: the creditor's name on the
// configured sending address; empty (the relay's default) without one.
func (a *Activities) from(creditor string) string {
	if a.FromAddress == "" {
		return ""
	}
	return (&mail.Address{Name: creditor, Address: a.FromAddress}).String()
}

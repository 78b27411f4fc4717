package dispatch

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/models"
)

// PrepareLetter renders the postal letter of group g — one letter for all
// the debtor's invoices in the group, with the statement of account or the
// mise en demeure — stores it, and puts it in the print batch of g.Date:
// a mailing "to_print", the outbox entries linked to the document, and an
// event on each case's timeline. Running it again changes nothing.
func (a *Activities) PrepareLetter(ctx context.Context, g Group) (Result, error) {
	if (g.Channel != ChannelLetter && g.Channel != ChannelRegisteredLetter) || len(g.Entries) == 0 {
		return Result{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("group %s: PrepareLetter takes a non-empty postal group, got channel %q", g.Key, g.Channel), ErrTypePermanent, nil)
	}
	db := a.DB.WithContext(ctx)
	if m, err := findMailing(db, g.Key); err != nil || m != nil {
		if m != nil {
			return resultOf(*m, false), nil
		}
		return Result{}, err
	}
	p, err := a.composer().Compose(ctx, g)
	if err != nil {
		return a.blocked(ctx, g, err)
	}
	pdf, err := letters.Render(p.Letter)
	if err != nil {
		return Result{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("letter %s cannot be printed: %v", g.Key, err), ErrTypePermanent, err)
	}
	doc := newDocument(pdf, documentKind(p.Letter.Kind), fileName(p.Letter.Kind, g.Date.String()), g, singleCase(p.CaseIDs), p.BodyTemplate)
	ids := entryIDs(g)
	m := models.Mailing{Key: g.Key, DebtorID: g.DebtorID, Step: g.Step, Channel: g.Channel, Status: StatusToPrint,
		DueOn: g.Date, OutboxIDs: idsJSON(ids)}
	what := "Courrier"
	if g.Channel == ChannelRegisteredLetter {
		what = "Lettre recommandée avec AR"
	}
	summary := fmt.Sprintf("%s prêt à imprimer : %s (%s)", what, p.Letter.Subject, invoiceList(p))
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&doc).Error; err != nil {
			return fmt.Errorf("store document of %s: %w", g.Key, err)
		}
		m.DocumentID = &doc.ID
		if err := tx.Create(&m).Error; err != nil {
			return fmt.Errorf("create mailing %s: %w", g.Key, err)
		}
		if err := tx.Model(&models.Outbox{}).Where("id IN ?", ids).Update("document_id", doc.ID).Error; err != nil {
			return fmt.Errorf("link outbox entries of %s: %w", g.Key, err)
		}
		return caseEvents(tx, p.CaseIDs, g.Key, "letter_ready", summary, g.Channel, &doc.ID,
			map[string]any{"mailing_id": m.ID, "invoices": invoiceNumbers(p), "sha256": doc.SHA256})
	})
	if err != nil {
		return Result{}, err
	}
	return resultOf(m, false), nil
}

package dispatch

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// ErrNothingToPrint is returned for a day without postal letters.
var ErrNothingToPrint = errors.New("no postal letter to print")

// PrintBatch merges every postal letter of day into one PDF for the
// printer, each letter starting on an odd page (letters.MergeForPrint), in
// the order they were prepared. Letters already printed that day are
// included again, so a jammed batch can be reprinted; it returns the
// mailings included.
func PrintBatch(ctx context.Context, db *gorm.DB, day civil.Date) ([]byte, []models.Mailing, error) {
	var ms []models.Mailing
	err := db.WithContext(ctx).Where("channel IN ? AND due_on = ? AND status IN ? AND document_id IS NOT NULL",
		[]string{ChannelLetter, ChannelRegisteredLetter}, day, []string{StatusToPrint, StatusPrinted}).
		Order("id").Find(&ms).Error
	if err != nil {
		return nil, nil, fmt.Errorf("letters to print on %s: %w", day, err)
	}
	if len(ms) == 0 {
		return nil, nil, fmt.Errorf("%w on %s", ErrNothingToPrint, day)
	}
	pdfs := make([][]byte, len(ms))
	for i, m := range ms {
		var doc models.Document
		if err := db.WithContext(ctx).First(&doc, *m.DocumentID).Error; err != nil {
			return nil, nil, fmt.Errorf("document %d of letter %d: %w", *m.DocumentID, m.ID, err)
		}
		pdfs[i] = doc.Content
	}
	batch, err := letters.MergeForPrint(pdfs)
	if err != nil {
		return nil, nil, err
	}
	return batch, ms, nil
}

// RenderStatement prints the statement of account of a debtor on date.
func RenderStatement(ctx context.Context, c Composer, debtorID uint, date civil.Date) ([]byte, lettertemplates.Version, error) {
	l, v, err := c.Statement(ctx, debtorID, date)
	if err != nil {
		return nil, v, err
	}
	pdf, err := letters.Render(l)
	return pdf, v, err
}

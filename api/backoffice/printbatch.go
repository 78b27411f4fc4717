package backoffice

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/dashboard"
	"github.com/recouvra/recouvra/internal/letters"
)

// printBatch serves the letters waiting to be printed as one PDF, each
// letter starting on a new sheet, oldest first (the order of "Ma journée").
// Marking them printed is a separate form, once the printer is done.
func (p *Pages) printBatch(c *gin.Context) {
	var docs []struct {
		OutboxID uint
		Content  []byte
	}
	err := p.DB.WithContext(c.Request.Context()).Table("outboxes o").
		Select("o.id AS outbox_id, d.content").Joins("JOIN documents d ON d.id = o.document_id").
		Where("o.status = ?", "to_print").Order("o.created_at, o.id").Limit(dashboard.DayLimit).Scan(&docs).Error
	if err != nil {
		p.internalError(c, "lot d'impression", err)
		return
	}
	if len(docs) == 0 {
		p.fail(c, http.StatusNotFound, "Aucun courrier à imprimer.")
		return
	}
	pdfs := make([][]byte, len(docs))
	ids := make([]uint, len(docs))
	for i, d := range docs {
		pdfs[i], ids[i] = d.Content, d.OutboxID
	}
	batch, err := letters.MergeForPrint(pdfs)
	if err != nil {
		p.internalError(c, "lot d'impression", fmt.Errorf("outbox %v: %w", ids, err))
		return
	}
	p.audit(c, "outbox.print_batch", "outbox", 0, nil, gin.H{"ids": ids, "bytes": len(batch)})
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="lot-courriers-%s.pdf"`, p.Today()))
	c.Data(http.StatusOK, "application/pdf", batch)
}

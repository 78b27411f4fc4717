package backoffice

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/dashboard"
)

// litigationQueueLimit bounds the queue page.
const litigationQueueLimit = 200

// litigationQueue lists, for legal staff, the cases waiting for their
// decision, each with approve and reject buttons.
func (p *Pages) litigationQueue(c *gin.Context) {
	rows, err := dashboard.LitigationQueue(c.Request.Context(), p.DB, litigationQueueLimit)
	if err != nil {
		p.internalError(c, "file contentieuse", err)
		return
	}
	p.render(c, http.StatusOK, "litigation.html", "Contentieux", gin.H{"Rows": rows})
}

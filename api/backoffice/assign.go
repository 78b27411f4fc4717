package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/casefile"
)

func init() {
	flashes["assignation"] = "Responsable du dossier mis à jour."
}

// caseAssign gives the case to the admin or credit manager chosen in the
// case file's form, or to nobody when the choice is empty, as
// POST /api/v1/cases/:id/assign does.
func (p *Pages) caseAssign(c *gin.Context) {
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	var assignee *uint
	if v := strings.TrimSpace(c.PostForm("assignee_id")); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n == 0 {
			p.showCase(c, http.StatusBadRequest, row, "Responsable : "+strconv.Quote(v)+" n'est pas un identifiant d'utilisateur.")
			return
		}
		id := uint(n)
		assignee = &id
	}
	previous, err := casefile.Assign(c.Request.Context(), p.DB, row.ID, assignee)
	var refused *casefile.NotAssignableError
	switch {
	case errors.As(err, &refused):
		p.showCase(c, http.StatusBadRequest, row, fmt.Sprintf("Responsable : l'utilisateur n°%d ne peut pas recevoir de dossier "+
			"(seuls les administrateurs et gestionnaires actifs le peuvent).", refused.UserID))
		return
	case err != nil:
		p.internalError(c, "attribution du dossier", err)
		return
	}
	p.audit(c, "case.assign", "case", row.ID, gin.H{"assignee_id": previous}, gin.H{"assignee_id": assignee})
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/dossiers/%d?fait=assignation", row.ID))
}

package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/caseactions"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/courtsteps"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/workflows/litigation"
)

// filingChannels are the ways a requête reaches the greffe, for the form.
var filingChannels = [][2]string{
	{"paper", "Papier (dépôt ou envoi au greffe)"}, {"infogreffe", "Infogreffe"}, {"tribunal_digital", "Tribunal digital"},
}

// ordonnanceOutcomes are the judge's possible decisions, for the form.
var ordonnanceOutcomes = [][2]string{
	{litigation.OrdonnanceAccepted, "Accueillie"}, {litigation.OrdonnancePartial, "Accueillie en partie"},
	{litigation.OrdonnanceRejected, "Rejetée"},
}

// courtStepForm reads the form of a court step into the body the litigation
// workflow takes. Amounts are typed in euros, dates as YYYY-MM-DD; the
// workflow itself checks what depends on the procedure's state.
func courtStepForm(c *gin.Context, key string, body any) []string {
	var errs []string
	date := func() civil.Date {
		v := strings.TrimSpace(c.PostForm("date"))
		d, err := civil.Parse(v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("Date : %q n'est pas une date AAAA-MM-JJ", v))
		}
		return d
	}
	amount := func(required bool) int64 {
		v := strings.TrimSpace(c.PostForm("amount"))
		if v == "" && !required {
			return 0
		}
		cents, err := money.ParseDecimal(v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("Montant : %q n'est pas un montant (%v)", v, err))
		}
		return cents
	}
	switch b := body.(type) {
	case *litigation.Filed:
		b.Date, b.Channel, b.Reference = date(), c.PostForm("channel"), strings.TrimSpace(c.PostForm("reference"))
	case *litigation.OrdonnanceRendered:
		b.Date, b.Outcome, b.AmountCents = date(), c.PostForm("outcome"), amount(c.PostForm("outcome") == litigation.OrdonnancePartial)
	case *litigation.Signified:
		b.Date, b.Commissaire = date(), strings.TrimSpace(c.PostForm("commissaire"))
	case *litigation.Opposition:
		b.Date = date()
	case *litigation.Paid:
		b.Date, b.AmountCents = date(), amount(true)
	default:
		errs = append(errs, "Étape inconnue : "+key)
	}
	return errs
}

// courtStep records a court step on the case's litigation workflow, exactly
// as POST /api/v1/cases/:id/court/:step does; a refusal shows the
// workflow's reason in French.
func (p *Pages) courtStep(c *gin.Context) {
	key := c.Param("step")
	step, known := courtsteps.Steps[key]
	if !known {
		p.fail(c, http.StatusNotFound, fmt.Sprintf("Étape de procédure inconnue : %q.", key))
		return
	}
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	body := step.NewBody()
	if errs := courtStepForm(c, key, body); len(errs) > 0 {
		p.litigationPage(c, http.StatusBadRequest, fmt.Sprintf("Dossier %s, %s : %s.", row.InvoiceNumber, step.Label, strings.Join(errs, " ; ")))
		return
	}
	courtsteps.SetActor(body, currentUser(c).Email) // never from the form
	if p.Temporal == nil {
		p.litigationPage(c, http.StatusServiceUnavailable, "Temporal n'est pas configuré : étape impossible à enregistrer.")
		return
	}
	childID := courtsteps.ChildID(row.WorkflowID)
	before := auditlog.WorkflowState(c.Request.Context(), p.Temporal, childID, litigation.QueryState)
	err := courtsteps.Send(c.Request.Context(), p.Temporal, row.WorkflowID, step, body)
	var refused *caseactions.ErrRefused
	switch {
	case errors.Is(err, courtsteps.ErrNoLitigation):
		p.litigationPage(c, http.StatusConflict, fmt.Sprintf("Dossier %s : %s.", row.InvoiceNumber, err))
		return
	case errors.As(err, &refused):
		p.litigationPage(c, http.StatusConflict, fmt.Sprintf("Dossier %s, %s — %s", row.InvoiceNumber, step.Label, refusalFrench(refused.Reason)))
		return
	case err != nil:
		p.Log.Error("back-office court step", "step", key, "case", row.ID, "err", err)
		p.litigationPage(c, http.StatusServiceUnavailable, "La procédure du dossier ne répond pas : réessayez dans un instant.")
		return
	}
	after := auditlog.WorkflowState(c.Request.Context(), p.Temporal, childID, litigation.QueryState)
	p.audit(c, "court."+key, "case", row.ID, before, auditlog.Change{Request: body, State: after})
	c.Redirect(http.StatusSeeOther, "/contentieux?fait=etape")
}

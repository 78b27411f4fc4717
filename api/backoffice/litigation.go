package backoffice

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	litact "github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/courtsteps"
	"github.com/recouvra/recouvra/internal/dashboard"
	"github.com/recouvra/recouvra/internal/dossier"
	"github.com/recouvra/recouvra/internal/tribunal"
	"github.com/recouvra/recouvra/models"
)

// litigationQueueLimit bounds each list of the queue page.
const litigationQueueLimit = 200

func init() {
	flashes["juridiction"] = "Juridiction enregistrée."
	flashes["etape"] = "Étape de la procédure enregistrée."
}

// litigationCase is one case of the queue with the preview legal staff
// decide on: what would be claimed today and before which court.
type litigationCase struct {
	dashboard.Task
	Claim        claim.Claim
	ClaimError   string // French; set when the claim cannot be computed
	Court        tribunal.Decision
	CourtError   string // French; set when the court cannot be decided
	InLitigation bool   // approved: the court steps apply
}

// litigationQueue lists, for legal staff, the cases waiting for their
// decision, each with approve and reject buttons, and the cases in
// litigation with their court steps; every case shows its claim, its court
// and its dossier.
func (p *Pages) litigationQueue(c *gin.Context) {
	p.litigationPage(c, http.StatusOK, "")
}

// litigationPage renders the queue with an optional error (a refused form).
func (p *Pages) litigationPage(c *gin.Context, status int, formError string) {
	ctx := c.Request.Context()
	waiting, err := dashboard.LitigationQueue(ctx, p.DB, litigationQueueLimit)
	if err != nil {
		p.internalError(c, "file contentieuse", err)
		return
	}
	running, err := casesInLitigation(ctx, p, litigationQueueLimit)
	if err != nil {
		p.internalError(c, "dossiers au contentieux", err)
		return
	}
	// The court registry (with the commune table, tens of thousands of
	// rows) is read once for the whole page.
	reg, err := litact.LoadRegistry(ctx, p.DB)
	if err != nil {
		p.internalError(c, "juridictions", err)
		return
	}
	today := p.Today()
	var pending, active []litigationCase
	for _, t := range waiting {
		pending = append(pending, p.preview(ctx, reg, t, today, false))
	}
	for _, t := range running {
		active = append(active, p.preview(ctx, reg, t, today, true))
	}
	p.render(c, status, "litigation.html", "Contentieux", gin.H{
		"Rows": pending, "Running": active, "Today": today, "FormError": formError,
		"Channels": filingChannels, "Outcomes": ordonnanceOutcomes,
	})
}

// casesInLitigation lists the open cases legal staff approved for court.
func casesInLitigation(ctx context.Context, p *Pages, limit int) ([]dashboard.Task, error) {
	var rows []dashboard.Task
	err := p.DB.WithContext(ctx).Raw(`SELECT c.id AS case_id, i.number AS invoice_number, d.id AS debtor_id, d.name AS debtor_name,
		c.balance_cents, c.currency FROM cases c JOIN invoices i ON i.id = c.invoice_id JOIN debtors d ON d.id = c.debtor_id
		WHERE c.status = ? AND c.phase = 'litigation' AND EXISTS (SELECT 1 FROM litigation_files lf WHERE lf.case_id = c.id)
		ORDER BY c.updated_at, c.id LIMIT ?`, models.CaseOpen, limit).Scan(&rows).Error
	return rows, err
}

// preview computes the claim and the court of one case as of today; what
// cannot be computed is said in French on the row, never fails the page.
func (p *Pages) preview(ctx context.Context, reg *tribunal.Registry, t dashboard.Task, today civil.Date, inLitigation bool) litigationCase {
	row := litigationCase{Task: t, InLitigation: inLitigation}
	d, err := litact.LoadCase(ctx, p.DB, t.CaseID)
	if err != nil {
		p.Log.Error("back-office: litigation preview", "case", t.CaseID, "err", err)
		row.ClaimError, _ = claimProblem(err)
		row.CourtError = row.ClaimError
		return row
	}
	if row.Claim, err = d.Claim(ctx, p.DB, today); err != nil {
		row.ClaimError = p.problem(t.CaseID, err)
	}
	if row.Court, err = litact.DecideCourtIn(ctx, p.DB, reg, d, today); err != nil {
		row.CourtError = p.problem(t.CaseID, err)
	}
	return row
}

// problem says err in French, logging what a person cannot fix.
func (p *Pages) problem(caseID uint, err error) string {
	msg, fixable := claimProblem(err)
	if !fixable {
		p.Log.Error("back-office: litigation preview", "case", caseID, "err", err)
	}
	return msg
}

// chooseCourt records the court legal staff chose among the candidates,
// then tells the litigation workflow, as POST /api/v1/cases/:id/tribunal.
func (p *Pages) chooseCourt(c *gin.Context) {
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	code := c.PostForm("code")
	if code == "" {
		p.litigationPage(c, http.StatusBadRequest, fmt.Sprintf("Dossier %s : choisissez une juridiction parmi les candidates.", row.InvoiceNumber))
		return
	}
	u := currentUser(c)
	before := auditlog.Snapshot(litact.File(c.Request.Context(), p.DB, row.ID))
	dec, err := litact.ChooseCourt(c.Request.Context(), p.DB, row.ID, code, u.Email, p.Today())
	switch {
	case errors.Is(err, litact.ErrNoChoiceNeeded):
		p.litigationPage(c, http.StatusConflict, fmt.Sprintf("Dossier %s : la juridiction est déjà déterminée (%s), il n'y a rien à choisir.", row.InvoiceNumber, dec.Name))
		return
	case errors.Is(err, litact.ErrNotACandidate):
		p.litigationPage(c, http.StatusBadRequest, fmt.Sprintf("Dossier %s : la juridiction %q n'est pas parmi les candidates.", row.InvoiceNumber, code))
		return
	case err != nil:
		msg, fixable := claimProblem(err)
		if !fixable {
			p.internalError(c, "choix de la juridiction", err)
			return
		}
		p.litigationPage(c, http.StatusUnprocessableEntity, fmt.Sprintf("Dossier %s : %s", row.InvoiceNumber, msg))
		return
	}
	if err := courtsteps.TellCourtChosen(c.Request.Context(), p.Temporal, row.WorkflowID, u.Email); err != nil {
		p.Log.Debug("no litigation workflow to tell of the chosen court", "workflow", row.WorkflowID, "err", err)
	}
	p.audit(c, "court.choose", "case", row.ID, before, auditlog.Change{Request: gin.H{"code": code},
		State: auditlog.Snapshot(litact.File(c.Request.Context(), p.DB, row.ID))})
	c.Redirect(http.StatusSeeOther, "/contentieux?fait=juridiction")
}

// litigationDossier serves the dossier (PDF or ZIP) the litigation workflow
// stored, or one built now when none was, as the API does.
func (p *Pages) litigationDossier(c *gin.Context) {
	format := c.Param("format")
	if format != "pdf" && format != "zip" {
		p.fail(c, http.StatusNotFound, "Format de dossier inconnu : "+format+" (pdf ou zip).")
		return
	}
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	if doc, found, err := litact.StoredDossier(ctx, p.DB, row.ID, format); err != nil {
		p.internalError(c, "dossier enregistré", err)
		return
	} else if found {
		p.audit(c, "document.download", "document", doc.ID, nil, gin.H{"sha256": doc.SHA256})
		sendAttachment(c, doc.FileName, doc.ContentType, doc.Content)
		return
	}
	d, _, err := litact.CaseDossier(ctx, p.DB, row.ID, p.Today(), p.greffeFee())
	if err != nil {
		msg, fixable := claimProblem(err)
		if !fixable {
			p.internalError(c, "dossier contentieux", err)
			return
		}
		p.fail(c, http.StatusConflict, fmt.Sprintf("Dossier %s : %s", row.InvoiceNumber, msg))
		return
	}
	p.audit(c, "litigation.dossier_built", "case", row.ID, nil, gin.H{"format": format})
	name := litact.DossierFileName(row.InvoiceNumber, format)
	if format == "zip" {
		sendAttachment(c, name, "application/zip", d.ZIP)
	} else {
		sendAttachment(c, name, "application/pdf", d.PDF)
	}
}

func sendAttachment(c *gin.Context, name, contentType string, content []byte) {
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	c.Data(http.StatusOK, contentType, content)
}

// greffeFee is the configured fee of a commercial court, or the usual one.
func (p *Pages) greffeFee() int64 {
	if p.GreffeFeeCents > 0 {
		return p.GreffeFeeCents
	}
	return dossier.DefaultGreffeFeeCents
}

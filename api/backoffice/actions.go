package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/caseactions"
	"github.com/recouvra/recouvra/internal/casenotes"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// actionLabels names each workflow action on its button.
var actionLabels = map[string]string{
	recovery.ActionPayment:           "Enregistrer un paiement",
	recovery.ActionPromise:           "Promesse de paiement",
	recovery.ActionCallLogged:        "Compte rendu d'appel",
	recovery.ActionDisputeOpen:       "Ouvrir un litige",
	recovery.ActionDisputeResolve:    "Résoudre le litige",
	recovery.ActionPause:             "Suspendre les relances",
	recovery.ActionResume:            "Reprendre les relances",
	recovery.ActionEscalate:          "Passer à l'étape suivante",
	recovery.ActionSkip:              "Sauter l'étape",
	recovery.ActionDelegate:          "Confier à un partenaire",
	recovery.ActionRecall:            "Reprendre au partenaire",
	recovery.ActionApproveLitigation: "Approuver le contentieux",
	recovery.ActionRejectLitigation:  "Refuser le contentieux",
	recovery.ActionWriteOff:          "Passer en perte",
	recovery.ActionCancel:            "Annuler le dossier",
}

var callOutcomeChoices = [][2]string{
	{"reached", "Joint"}, {"not_reached", "Non joint"}, {"promise", "Promesse de paiement"},
	{"dispute", "Contestation"}, {"wrong_number", "Mauvais numéro"},
}

// fieldLabels names in French the fields CheckBody may complain about.
var fieldLabels = map[string]string{
	"amount_cents": "Montant", "date": "Date", "reason": "Motif", "outcome": "Résultat",
	"credit_note_cents": "Montant de l'avoir", "partner_id": "Partenaire", "until": "Jusqu'au",
	"next_call_date": "Date du prochain appel", "action": "Action",
}

func allowedAction(name string, role models.Role) bool { return caseactions.Allowed(name, role) }

// actionForm reads an action's form. Amounts are typed in euros ("1 234,56"),
// dates as YYYY-MM-DD (the date input's value).
func actionForm(c *gin.Context) (recovery.Action, []string) {
	var a recovery.Action
	var errs []string
	amount := func(field string, dst *int64) {
		if v := strings.TrimSpace(c.PostForm(field)); v != "" {
			cents, err := money.ParseDecimal(v)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s : %q n'est pas un montant (%v)", fieldLabels[field], v, err))
			}
			*dst = cents
		}
	}
	date := func(field string, dst *civil.Date) {
		if v := strings.TrimSpace(c.PostForm(field)); v != "" {
			d, err := civil.Parse(v)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s : %q n'est pas une date AAAA-MM-JJ", fieldLabels[field], v))
			}
			*dst = d
		}
	}
	amount("amount_cents", &a.AmountCents)
	amount("credit_note_cents", &a.CreditNoteCents)
	date("date", &a.Date)
	date("until", &a.Until)
	date("next_call_date", &a.NextCallDate)
	a.Reference = strings.TrimSpace(c.PostForm("reference"))
	a.Reason = strings.TrimSpace(c.PostForm("reason"))
	a.Outcome = c.PostForm("outcome")
	a.Notes = strings.TrimSpace(c.PostForm("notes"))
	if v := c.PostForm("partner_id"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Sprintf("Partenaire : %q n'est pas un identifiant", v))
		}
		a.PartnerID = uint(n)
	}
	return a, errs
}

// caseAction sends a one-click action to the case's workflow, exactly as
// POST /api/v1/cases/:id/actions/:action does, and comes back to the page
// it was posted from (the case file or the litigation queue).
func (p *Pages) caseAction(c *gin.Context) {
	name := c.Param("action")
	u := currentUser(c)
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	if _, known := actionLabels[name]; !known {
		p.fail(c, http.StatusNotFound, "Action inconnue : "+strconv.Quote(name))
		return
	}
	if !allowedAction(name, u.Role) {
		p.fail(c, http.StatusForbidden, "Votre rôle ne permet pas l'action « "+actionLabels[name]+" ».")
		return
	}
	a, errs := actionForm(c)
	a.By, a.Role = u.Email, string(u.Role) // never from the form
	for _, fe := range append(recovery.CheckBody(name, a), caseactions.CheckReferences(c.Request.Context(), p.DB, name, a)...) {
		errs = append(errs, fieldLabels[fe.Field]+" : valeur manquante ou invalide ("+fe.Message+")")
	}
	if len(errs) > 0 {
		p.showCase(c, http.StatusBadRequest, row, strings.Join(errs, " ; "))
		return
	}
	if p.Temporal == nil {
		p.showCase(c, http.StatusServiceUnavailable, row, "Temporal n'est pas configuré : action impossible.")
		return
	}
	taken, err := caseactions.Take(c.Request.Context(), p.Temporal, p.DB, row.ID, row.WorkflowID, name, a)
	var refused *caseactions.ErrRefused
	switch {
	case errors.As(err, &refused):
		p.showCase(c, http.StatusConflict, row, "Action refusée : "+refused.Reason)
		return
	case err != nil:
		p.Log.Error("back-office case action", "action", name, "case", row.ID, "err", err)
		p.showCase(c, http.StatusServiceUnavailable, row, "Le workflow du dossier ne répond pas : réessayez dans un instant.")
		return
	}
	if taken.MirrorErr != nil {
		p.Log.Error("mirror action", "action", name, "case", row.ID, "err", taken.MirrorErr)
	}
	p.audit(c, "case."+name, "case", row.ID, taken.Before, taken.After)
	c.Redirect(http.StatusSeeOther, backTo(c.PostForm("back"), fmt.Sprintf("/dossiers/%d", row.ID))+"fait=action")
}

// backTo returns where to go after a form: the posted local path if it is
// one of ours (never another site), else def; with "?" or "&" ready for a
// query parameter.
func backTo(posted, def string) string {
	to := def
	if strings.HasPrefix(posted, "/") && !strings.HasPrefix(posted, "//") && !strings.ContainsAny(posted, "\\\r\n") {
		to = posted
	}
	if strings.Contains(to, "?") {
		return to + "&"
	}
	return to + "?"
}

// caseNote adds a note to the case's timeline, as POST
// /api/v1/cases/:id/notes does.
func (p *Pages) caseNote(c *gin.Context) {
	row, ok := p.caseInScope(c)
	if !ok {
		return
	}
	ev, err := casenotes.Add(c.Request.Context(), p.DB, row.ID, currentUser(c).Email, c.PostForm("note"))
	var badLength *casenotes.LengthError
	switch {
	case errors.As(err, &badLength):
		p.showCase(c, http.StatusBadRequest, row, fmt.Sprintf("Note : de 1 à %d caractères (%d reçus).", casenotes.MaxChars, badLength.Chars))
		return
	case err != nil:
		p.internalError(c, "note", err)
		return
	}
	p.audit(c, "case.note", "case", row.ID, nil, ev)
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/dossiers/%d?fait=note", row.ID))
}

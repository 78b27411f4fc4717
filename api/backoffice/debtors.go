package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casefile"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/debtoredit"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// debtorLimit bounds the invoices and cases the card lists.
const debtorLimit = 200

// loadDebtor reads the :id debtor. A partner sees only the debtors of the
// cases delegated to it; any other is "not found", like a case.
func (p *Pages) loadDebtor(c *gin.Context) (models.Debtor, bool) {
	var d models.Debtor
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	q := p.DB.WithContext(c.Request.Context())
	if s := casequery.ScopeOf(currentUser(c)); s.PartnerOnly {
		q = q.Where("EXISTS (SELECT 1 FROM cases WHERE cases.debtor_id = debtors.id AND cases.partner_id = ?)", s.PartnerID)
	}
	if err != nil || q.Take(&d, id).Error != nil {
		p.fail(c, http.StatusNotFound, "Débiteur introuvable.")
		return d, false
	}
	return d, true
}

// debtorCard shows a debtor: contacts, invoices, cases, exposure against the
// credit limit, the blocked flag and notes. A partner sees the contacts and
// its own delegated cases only: not the creditor's other invoices, credit
// limit or notes.
func (p *Pages) debtorCard(c *gin.Context) {
	d, ok := p.loadDebtor(c)
	if !ok {
		return
	}
	u := currentUser(c)
	if s := casequery.ScopeOf(u); s.PartnerOnly {
		var cases []casequery.Row
		err := p.debtorCases(c, d.ID).Where("cases.partner_id = ?", s.PartnerID).Scan(&cases).Error
		if err != nil {
			p.internalError(c, "dossiers", err)
			return
		}
		d.Notes, d.CreditLimitCents = "", 0
		p.render(c, http.StatusOK, "debtor.html", d.Name, gin.H{"D": d, "Cases": cases, "PartnerView": true})
		return
	}
	db := p.DB.WithContext(c.Request.Context())
	var invoices []models.Invoice
	var cases []casequery.Row
	var exposure struct{ Cents, Count int64 }
	steps := []struct {
		what string
		err  error
	}{
		{"factures", db.Where("debtor_id = ?", d.ID).Order("due_date DESC, id DESC").Limit(debtorLimit).Find(&invoices).Error},
		{"dossiers", p.debtorCases(c, d.ID).Scan(&cases).Error},
		{"encours", db.Raw("SELECT CAST(COALESCE(SUM(outstanding_cents), 0) AS BIGINT) AS cents, COUNT(*) AS count FROM invoices WHERE debtor_id = ? AND status = 'open'", d.ID).Scan(&exposure).Error},
	}
	for _, st := range steps {
		if st.err != nil {
			p.internalError(c, st.what, st.err)
			return
		}
	}
	managers, err := p.managerOptions(c, d)
	if err != nil {
		p.internalError(c, "gestionnaires", err)
		return
	}
	p.render(c, http.StatusOK, "debtor.html", d.Name, gin.H{
		"D": d, "Invoices": invoices, "Cases": cases, "ExposureCents": exposure.Cents, "OpenInvoices": exposure.Count,
		"OverLimit": d.CreditLimitCents > 0 && exposure.Cents > d.CreditLimitCents,
		"CanEdit":   u.Role == models.RoleAdmin || u.Role == models.RoleCreditManager,
		"Managers":  managers,
	})
}

// managerOption is a choice of account manager on the credit form.
type managerOption struct {
	ID       uint
	Label    string
	Selected bool
}

// managerOptions lists the active admins and credit managers, and the
// debtor's current account manager even if since disabled, given another
// role or gone, so that saving the credit limit does not silently drop them.
func (p *Pages) managerOptions(c *gin.Context, d models.Debtor) ([]managerOption, error) {
	users, err := casefile.Assignees(c.Request.Context(), p.DB) // the people who run the book
	if err != nil {
		return nil, err
	}
	current := d.AccountManagerID
	options := make([]managerOption, 0, len(users)+1)
	found := false
	for _, u := range users {
		selected := current != nil && *current == u.ID
		found = found || selected
		options = append(options, managerOption{ID: u.ID, Label: userLabel(u), Selected: selected})
	}
	if current != nil && !found {
		var u models.User
		label := fmt.Sprintf("n° %d (introuvable)", *current)
		err := p.DB.WithContext(c.Request.Context()).Take(&u, *current).Error
		switch {
		case err == nil && u.Disabled:
			label = userLabel(u) + " (désactivé)"
		case err == nil:
			label = userLabel(u) + " (" + lookup(roleNames, string(u.Role)) + ")"
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return nil, err
		}
		options = append(options, managerOption{ID: *current, Label: label, Selected: true})
	}
	return options, nil
}

// userLabel names a user in a list: name and email, or the email alone.
func userLabel(u models.User) string {
	if u.Name == "" {
		return u.Email
	}
	return u.Name + " — " + u.Email
}

// debtorCases selects the cases of a debtor as the card lists them.
func (p *Pages) debtorCases(c *gin.Context, debtorID uint) *gorm.DB {
	return p.DB.WithContext(c.Request.Context()).Table("cases").
		Select("cases.id, cases.phase, cases.level, cases.status, cases.balance_cents, cases.currency, cases.next_action, cases.next_action_date, invoices.number AS invoice_number, invoices.due_date").
		Joins("JOIN invoices ON invoices.id = cases.invoice_id").Where("cases.debtor_id = ?", debtorID).
		Order("cases.id DESC").Limit(debtorLimit)
}

// debtorBlock sets or clears the debtor's blocked flag.
func (p *Pages) debtorBlock(c *gin.Context) {
	d, ok := p.loadDebtor(c)
	if !ok {
		return
	}
	blocked := c.PostForm("blocked") == "1"
	if err := p.DB.WithContext(c.Request.Context()).Model(&models.Debtor{}).Where("id = ?", d.ID).Update("blocked", blocked).Error; err != nil {
		p.internalError(c, "blocage", err)
		return
	}
	p.audit(c, "debtor.blocked", "debtor", d.ID, gin.H{"blocked": d.Blocked}, gin.H{"blocked": blocked})
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/debiteurs/%d?fait=blocage", d.ID))
}

// debtorNote appends a dated, signed line to the debtor's notes.
func (p *Pages) debtorNote(c *gin.Context) {
	d, ok := p.loadDebtor(c)
	if !ok {
		return
	}
	text := strings.TrimSpace(c.PostForm("note"))
	if text == "" || len(text) > 2000 {
		p.fail(c, http.StatusBadRequest, fmt.Sprintf("Note : de 1 à 2000 caractères (%d reçus).", len(text)))
		return
	}
	line := fmt.Sprintf("%s — %s : %s", time.Now().In(civil.Paris).Format("02/01/2006 15:04"), currentUser(c).Email, text)
	notes := line
	if d.Notes != "" {
		notes = d.Notes + "\n" + line
	}
	if err := p.DB.WithContext(c.Request.Context()).Model(&models.Debtor{}).Where("id = ?", d.ID).Update("notes", notes).Error; err != nil {
		p.internalError(c, "note", err)
		return
	}
	p.audit(c, "debtor.note", "debtor", d.ID, gin.H{"notes": d.Notes}, gin.H{"notes": notes})
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/debiteurs/%d?fait=note", d.ID))
}

// debtorCredit sets the credit limit, typed in the debtor's currency as
// French forms write amounts ("12 500,00"; empty for no limit), and the
// account manager. A field the form does not send is kept.
func (p *Pages) debtorCredit(c *gin.Context) {
	d, ok := p.loadDebtor(c)
	if !ok {
		return
	}
	ch := debtoredit.Changes{}
	var errs []string
	if limit, given := c.GetPostForm("credit_limit"); given {
		var cents int64
		var err error
		if limit = strings.TrimSpace(limit); limit != "" {
			if cents, err = money.ParseDecimal(limit); err == nil {
				err = debtoredit.CheckCreditLimit(cents)
			}
		}
		if err != nil {
			errs = append(errs, fmt.Sprintf("Limite de crédit : %q n'est pas un montant positif ou nul (%v)", limit, err))
		}
		ch["credit_limit_cents"] = cents
	}
	if v, given := c.GetPostForm("account_manager_id"); given {
		manager, err := optionalID(v)
		if err == nil {
			err = debtoredit.CheckAccountManager(c.Request.Context(), p.DB, d, manager)
		}
		if err != nil {
			errs = append(errs, "Gestionnaire du compte : "+err.Error())
		}
		ch["account_manager_id"] = manager
	}
	if len(errs) > 0 {
		p.fail(c, http.StatusBadRequest, strings.Join(errs, " ; "))
		return
	}
	if len(ch) > 0 {
		res, err := debtoredit.Apply(c.Request.Context(), p.DB, d, ch)
		if err != nil {
			p.internalError(c, "limite de crédit", err)
			return
		}
		p.audit(c, "debtor.update", "debtor", d.ID, res.Before, res.After)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/debiteurs/%d?fait=credit", d.ID))
}

// optionalID reads a select's value: empty for none, else a record's id.
func optionalID(v string) (*uint, error) {
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil || n == 0 {
		return nil, fmt.Errorf("%q n'est pas un identifiant", v)
	}
	id := uint(n)
	return &id, nil
}

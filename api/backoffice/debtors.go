package backoffice

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
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
	p.render(c, http.StatusOK, "debtor.html", d.Name, gin.H{
		"D": d, "Invoices": invoices, "Cases": cases, "ExposureCents": exposure.Cents, "OpenInvoices": exposure.Count,
		"OverLimit": d.CreditLimitCents > 0 && exposure.Cents > d.CreditLimitCents,
		"CanEdit":   u.Role == models.RoleAdmin || u.Role == models.RoleCreditManager,
	})
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

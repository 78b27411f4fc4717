package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// maxChoices bounds the invoices offered to one payment: an unidentified
// payer may pay any open invoice, and the page must stay light.
const maxChoices = 200

// suspenseRow is a payment waiting for lettrage, with the invoices it may pay.
type suspenseRow struct {
	models.Payment
	DebtorName string
	Invoices   []invoiceChoice
}

// invoiceChoice is an open invoice offered in a payment's allocation form.
type invoiceChoice struct {
	ID               uint
	Number           string
	DebtorName       string
	OutstandingCents int64
	Currency         string
}

// allocationRow is a recent allocation, with what it letters.
type allocationRow struct {
	models.Allocation
	InvoiceNumber string
	DebtorName    string
	Currency      string
	Source        string // the payment or credit note lettered
}

// lettragePage shows the suspense list and the recent allocations.
func (m *moneyInPages) lettragePage(c *gin.Context) {
	m.showLettrage(c, http.StatusOK, gin.H{})
}

func (m *moneyInPages) showLettrage(c *gin.Context, status int, data gin.H) {
	ctx := c.Request.Context()
	db := m.DB.WithContext(ctx)
	payments, err := m.svc.Suspense(ctx, 200)
	if err != nil {
		m.internalError(c, "paiements en attente", err)
		return
	}
	var invoices []models.Invoice
	if err := db.Where("status = ? AND outstanding_cents > 0", models.InvoiceOpen).Order("due_date, number").Limit(2000).Find(&invoices).Error; err != nil {
		m.internalError(c, "factures ouvertes", err)
		return
	}
	var allocations []models.Allocation
	if err := db.Order("id DESC").Limit(50).Find(&allocations).Error; err != nil {
		m.internalError(c, "lettrages récents", err)
		return
	}
	invoiceIDs := make([]uint, 0, len(allocations))
	for _, a := range allocations {
		invoiceIDs = append(invoiceIDs, a.InvoiceID)
	}
	var lettered []models.Invoice
	if err := db.Where("id IN ?", append(invoiceIDs, 0)).Find(&lettered).Error; err != nil {
		m.internalError(c, "factures lettrées", err)
		return
	}
	debtorIDs := []uint{0}
	for _, p := range payments {
		if p.DebtorID != nil {
			debtorIDs = append(debtorIDs, *p.DebtorID)
		}
	}
	for _, inv := range append(invoices, lettered...) {
		debtorIDs = append(debtorIDs, inv.DebtorID)
	}
	var debtors []models.Debtor
	if err := db.Select("id", "name").Where("id IN ?", debtorIDs).Find(&debtors).Error; err != nil {
		m.internalError(c, "débiteurs", err)
		return
	}
	names := make(map[uint]string, len(debtors))
	for _, d := range debtors {
		names[d.ID] = d.Name
	}
	rows := make([]suspenseRow, 0, len(payments))
	for _, p := range payments {
		row := suspenseRow{Payment: p}
		if p.DebtorID != nil {
			row.DebtorName = names[*p.DebtorID]
		}
		for _, inv := range invoices {
			// A payer not identified may pay any invoice; an identified one, its own.
			if len(row.Invoices) < maxChoices && inv.Currency == p.Currency && (p.DebtorID == nil || *p.DebtorID == inv.DebtorID) {
				row.Invoices = append(row.Invoices, invoiceChoice{inv.ID, inv.Number, names[inv.DebtorID], inv.OutstandingCents, inv.Currency})
			}
		}
		rows = append(rows, row)
	}
	byID := make(map[uint]models.Invoice, len(lettered))
	for _, inv := range lettered {
		byID[inv.ID] = inv
	}
	recent := make([]allocationRow, 0, len(allocations))
	for _, a := range allocations {
		inv := byID[a.InvoiceID]
		row := allocationRow{Allocation: a, InvoiceNumber: inv.Number, DebtorName: names[inv.DebtorID], Currency: inv.Currency}
		switch {
		case a.PaymentID != nil:
			row.Source = fmt.Sprintf("Paiement n° %d", *a.PaymentID)
		case a.CreditNoteID != nil:
			row.Source = fmt.Sprintf("Avoir n° %d", *a.CreditNoteID)
		}
		recent = append(recent, row)
	}
	data["Suspense"] = rows
	data["Recent"] = recent
	m.render(c, status, "lettrage.html", "Lettrage", data)
}

// allocate letters a payment against an invoice by hand; the service audits it.
func (m *moneyInPages) allocate(c *gin.Context) {
	var errs []string
	paymentID, err := strconv.ParseUint(c.PostForm("payment_id"), 10, 32)
	if err != nil {
		errs = append(errs, fmt.Sprintf("Paiement : %q n'est pas un identifiant.", c.PostForm("payment_id")))
	}
	invoiceID, err := strconv.ParseUint(c.PostForm("invoice_id"), 10, 32)
	if err != nil {
		errs = append(errs, "Facture : choisissez la facture que ce paiement règle.")
	}
	var cents int64
	if v := strings.TrimSpace(c.PostForm("amount")); v != "" {
		if cents, err = money.ParseDecimal(v); err != nil {
			errs = append(errs, fmt.Sprintf("Montant : %q n'est pas un montant en euros (ex. 1 234,56).", v))
		}
	}
	reason := strings.TrimSpace(c.PostForm("reason"))
	if reason == "" {
		errs = append(errs, "Motif : obligatoire, dites pourquoi ce paiement règle cette facture.")
	}
	if len(errs) > 0 {
		m.showLettrage(c, http.StatusBadRequest, gin.H{"Error": strings.Join(errs, " ")})
		return
	}
	pid := uint(paymentID)
	_, err = m.svc.Allocate(c.Request.Context(), moneyin.ManualAllocation{
		InvoiceID: uint(invoiceID), PaymentID: &pid, Cents: cents, Reason: reason}, m.actor(c))
	if err != nil {
		m.lettrageError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/lettrage?fait=lettrage")
}

// reverse unletters an allocation; the reason is required and the service
// audits it, tells the case's timeline and its workflow.
func (m *moneyInPages) reverse(c *gin.Context) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		m.showLettrage(c, http.StatusNotFound, gin.H{"Error": fmt.Sprintf("Lettrage %q introuvable.", c.Param("id"))})
		return
	}
	reason := strings.TrimSpace(c.PostForm("reason"))
	if reason == "" {
		m.showLettrage(c, http.StatusBadRequest, gin.H{"Error": "Motif : obligatoire pour annuler un lettrage, dites pourquoi il était faux."})
		return
	}
	rev, err := m.svc.Reverse(c.Request.Context(), uint(id), reason, m.actor(c))
	if err != nil {
		m.lettrageError(c, err)
		return
	}
	if rev.Warning != "" {
		// Someone must act on the case: say it on the page, not in a flash.
		m.showLettrage(c, http.StatusOK, gin.H{"Notice": "Lettrage annulé. Attention : " + rev.Warning + "."})
		return
	}
	c.Redirect(http.StatusSeeOther, "/lettrage?fait=delettrage")
}

func (m *moneyInPages) actor(c *gin.Context) moneyin.Actor {
	u := currentUser(c)
	return moneyin.Actor{Email: u.Email, UserID: &u.ID, RemoteAddr: c.ClientIP()}
}

// lettrageError shows the service's refusal in French on the page.
func (m *moneyInPages) lettrageError(c *gin.Context, err error) {
	status, msg := lettrageMessage(err)
	if status == http.StatusInternalServerError {
		m.internalError(c, "lettrage", err)
		return
	}
	m.showLettrage(c, status, gin.H{"Error": msg})
}

// lettrageMessage says in French why the service refused, keeping its
// detail (amounts, numbers) in parentheses.
func lettrageMessage(err error) (int, string) {
	var in *moneyin.InputError
	switch {
	case errors.As(err, &in):
		what := map[string]string{
			"payment_id": "Paiement : choisissez un paiement.",
			"invoice_id": "Facture : elle ne peut pas recevoir ce paiement (soldée, annulée ou dans une autre devise).",
			"cents":      "Montant : il dépasse ce qui reste à imputer sur le paiement ou ce que doit encore la facture.",
			"reason":     "Motif : obligatoire.",
		}[in.Field]
		if what == "" {
			what = "Valeur refusée (" + in.Field + ")."
		}
		return http.StatusBadRequest, what + " (détail : " + in.Message + ")"
	case errors.Is(err, moneyin.ErrNotFound):
		return http.StatusNotFound, "Introuvable : la facture, le paiement ou le lettrage n'existe pas (" + err.Error() + ")."
	case errors.Is(err, moneyin.ErrConflict):
		return http.StatusConflict, "Ce lettrage a déjà été annulé ou vient de changer (" + err.Error() + ")."
	}
	return http.StatusInternalServerError, ""
}

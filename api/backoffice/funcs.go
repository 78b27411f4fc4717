package backoffice

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/templates"
)

var templatesFS = templates.Backoffice

var phaseNames = map[string]string{
	"pre_due": "Avant échéance", "amicable": "Amiable", "litigation": "Contentieux", "closed": "Clos",
}

var statusNames = map[string]string{
	"open": "En cours", "paid": "Payé", "written_off": "Passé en perte", "cancelled": "Annulé", "closed": "Clos",
}

var roleNames = map[string]string{
	"admin": "Administrateur", "credit_manager": "Chargé de recouvrement", "legal": "Juriste", "partner": "Partenaire",
}

var litigationNames = map[string]string{
	"awaiting_approval": "En attente de décision du service juridique", "approved": "Approuvé",
	"rejected": "Refusé", "running": "En cours", "done": "Terminé",
}

var funcs = template.FuncMap{
	"money":  money.Format,
	"amount": money.FormatNumber,
	"phase":  func(p string) string { return lookup(phaseNames, p) },
	"status": func(s any) string { return lookup(statusNames, fmt.Sprint(s)) },
	"role":   func(r any) string { return lookup(roleNames, fmt.Sprint(r)) },
	"litigation": func(s string) string {
		return lookup(litigationNames, s)
	},
	"action": func(a string) string { return lookup(actionLabels, a) },
	"date":   func(d civil.Date) string { return d.FrenchNumeric() },
	"longdate": func(d civil.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.French()
	},
	"iso": func(d civil.Date) string { return d.String() },
	// paris shows an instant as the people of the back-office read it.
	"paris": func(t time.Time) string { return t.In(civil.Paris).Format("02/01/2006 15:04") },
	"address": func(a models.Address) string {
		var parts []string
		for _, p := range []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City)} {
			if strings.TrimSpace(p) != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, ", ")
	},
	"pct": func(x float64) string { return strings.Replace(fmt.Sprintf("%.1f", x), ".", ",", 1) + " %" },
	"days": func(x float64) string {
		return strings.Replace(fmt.Sprintf("%.1f", x), ".", ",", 1) + " j"
	},
	// share is the width in percent of a chart bar: part of whole.
	"share": func(part, whole int64) int64 {
		if whole <= 0 || part <= 0 {
			return 0
		}
		return max(part*100/whole, 1)
	},
	"add": func(a, b int) int { return a + b },
	"deref": func(p *uint) uint {
		if p == nil {
			return 0
		}
		return *p
	},
	"roles":    func() []models.Role { return everyone },
	"outcomes": func() [][2]string { return callOutcomeChoices },
}

func lookup(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

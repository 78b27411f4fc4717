package backoffice

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/dashboard"
)

// dashboard shows the tableau de bord, optionally for one creditor or one
// account manager; a partner sees the figures of its delegated cases alone.
func (p *Pages) dashboard(c *gin.Context) {
	f := dashboard.Filter{Scope: casequery.ScopeOf(currentUser(c))}
	for name, dst := range map[string]*uint{"creancier": &f.CreditorID, "gestionnaire": &f.AccountManagerID} {
		if v := c.Query(name); v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				p.fail(c, http.StatusBadRequest, name+" : "+strconv.Quote(v)+" n'est pas un identifiant")
				return
			}
			*dst = uint(n)
		}
	}
	key := dashKey{f, p.Today()}
	entry, cached := p.dashboards.get(key, p.DashboardTTL, time.Now())
	if !cached || c.Query("recalculer") != "" {
		m, err := dashboard.Compute(c.Request.Context(), p.DB, f, key.today)
		if err != nil {
			p.internalError(c, "tableau de bord", err)
			return
		}
		entry = dashEntry{m: m, at: time.Now()}
		if p.DashboardTTL > 0 {
			p.dashboards.put(key, entry)
		}
	}
	m := entry.m
	var maxBucket int64
	for _, b := range m.Aging {
		maxBucket = max(maxBucket, b.Cents)
	}
	refresh := c.Request.URL.Query()
	refresh.Set("recalculer", "1")
	p.render(c, http.StatusOK, "dashboard.html", "Tableau de bord", gin.H{
		"M": m, "MaxBucket": maxBucket, "ComputedAt": entry.at, "Refresh": "/tableau-de-bord?" + refresh.Encode(),
		"Partner": f.Scope.PartnerOnly,
	})
}

// myDay shows what needs doing today, within the user's scope.
func (p *Pages) myDay(c *gin.Context) {
	day, err := dashboard.MyDay(c.Request.Context(), p.DB, casequery.ScopeOf(currentUser(c)), p.Today())
	if err != nil {
		p.internalError(c, "ma journée", err)
		return
	}
	p.render(c, http.StatusOK, "myday.html", "Ma journée", gin.H{"Day": day})
}

// markPrinted records that the letters of a print batch were printed.
func (p *Pages) markPrinted(c *gin.Context) {
	var ids []uint
	for _, v := range c.PostFormArray("outbox") {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			p.fail(c, http.StatusBadRequest, "outbox : "+strconv.Quote(v)+" n'est pas un identifiant")
			return
		}
		ids = append(ids, uint(n))
	}
	if len(ids) == 0 {
		p.fail(c, http.StatusBadRequest, "Aucun courrier sélectionné.")
		return
	}
	res := p.DB.WithContext(c.Request.Context()).Table("outboxes").Where("id IN ? AND status = ?", ids, "to_print").Update("status", "printed")
	if res.Error != nil {
		p.internalError(c, "courriers imprimés", res.Error)
		return
	}
	p.audit(c, "outbox.printed", "outbox", 0, gin.H{"ids": ids, "status": "to_print"}, gin.H{"status": "printed", "rows": res.RowsAffected})
	c.Redirect(http.StatusSeeOther, "/ma-journee?fait=imprimes")
}

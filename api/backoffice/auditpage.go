package backoffice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// auditForm is the audit log's filter as typed, shown again above the
// entries it selects and carried by the paging links.
type auditForm struct {
	Actor, Action, Entity, EntityID, From, To string
}

// values are the form's query parameters, empty ones left out.
func (f auditForm) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"acteur": f.Actor, "action": f.Action, "entite": f.Entity, "id": f.EntityID, "du": f.From, "au": f.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// pageURL is the link to the page of entries older ("avant") or newer
// ("apres") than id, under the same filter.
func (f auditForm) pageURL(cursor string, id uint) string {
	v := f.values()
	v.Set(cursor, strconv.FormatUint(uint64(id), 10))
	return "/admin/journal?" + v.Encode()
}

// auditFilter reads the filter and the page cursor from the query; the
// message says in French what is wrong with them.
func auditFilter(c *gin.Context) (auditForm, auditlog.Filter, string) {
	form := auditForm{
		Actor: strings.TrimSpace(c.Query("acteur")), Action: strings.TrimSpace(c.Query("action")),
		Entity: strings.TrimSpace(c.Query("entite")), EntityID: strings.TrimSpace(c.Query("id")),
		From: strings.TrimSpace(c.Query("du")), To: strings.TrimSpace(c.Query("au")),
	}
	if form.EntityID != "" && form.Entity == "" {
		form.Entity = "case" // a number alone is a case: the record people look up most
	}
	f := auditlog.Filter{Actor: form.Actor, ActionPrefix: form.Action, Entity: form.Entity, EntityID: form.EntityID}
	var problems []string
	day := func(label, v string) civil.Date {
		if v == "" {
			return civil.Date{}
		}
		d, err := civil.Parse(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s : %q n'est pas une date AAAA-MM-JJ.", label, v))
		}
		return d
	}
	// Days are Paris days, as the dates the page shows.
	if from := day("Du", form.From); !from.IsZero() {
		f.From = from.In(civil.Paris, 0, 0)
	}
	if to := day("Au", form.To); !to.IsZero() {
		f.To = to.AddDays(1).In(civil.Paris, 0, 0)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		problems = append(problems, "Du : la date de début suit la date de fin.")
	}
	for _, cur := range []struct {
		param string
		dst   *uint
	}{{"avant", &f.Before}, {"apres", &f.After}} {
		if v := c.Query(cur.param); v != "" {
			n, err := strconv.ParseUint(v, 10, 32)
			if err != nil {
				problems = append(problems, fmt.Sprintf("Page : %q n'est pas un numéro d'entrée.", v))
			}
			*cur.dst = uint(n)
		}
	}
	return form, f, strings.Join(problems, " ")
}

// auditLog shows the audit log a page at a time, newest first, filtered by
// actor, action, record and Paris days.
func (p *Pages) auditLog(c *gin.Context) {
	form, f, problem := auditFilter(c)
	data := gin.H{"Form": form, "Error": problem}
	if problem != "" {
		p.render(c, http.StatusBadRequest, "audit.html", "Journal d'audit", data)
		return
	}
	page, err := auditlog.List(c.Request.Context(), p.DB, f)
	if err != nil {
		p.internalError(c, "journal d'audit", err)
		return
	}
	rows := make([]auditRow, len(page.Entries))
	for i, e := range page.Entries {
		rows[i] = auditRow{e, glimpse(e.Before), glimpse(e.After)}
	}
	data["Rows"] = rows
	if n := len(page.Entries); n > 0 {
		if page.Older {
			data["Older"] = form.pageURL("avant", page.Entries[n-1].ID)
		}
		if page.Newer {
			data["Newer"] = form.pageURL("apres", page.Entries[0].ID)
		}
	}
	p.render(c, http.StatusOK, "audit.html", "Journal d'audit", data)
}

// auditRow is an entry as the list shows it: its states cut short, whole
// on the entry's own page.
type auditRow struct {
	models.AuditLog
	BeforeGlimpse, AfterGlimpse string
}

// glimpse is the start of a recorded state, ending in "…" when cut.
func glimpse(s string) string {
	const n = 120
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// auditEntry shows one entry whole: the states before and after in full,
// as indented JSON.
func (p *Pages) auditEntry(c *gin.Context) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		p.fail(c, http.StatusNotFound, fmt.Sprintf("Entrée du journal introuvable : %q.", c.Param("id")))
		return
	}
	e, err := auditlog.Get(c.Request.Context(), p.DB, uint(id))
	if errors.Is(err, gorm.ErrRecordNotFound) {
		p.fail(c, http.StatusNotFound, fmt.Sprintf("Entrée du journal introuvable : n° %d.", id))
		return
	}
	if err != nil {
		p.internalError(c, "entrée du journal d'audit", err)
		return
	}
	data := gin.H{"Entry": e, "Before": indentJSON(e.Before), "After": indentJSON(e.After)}
	if e.Entity != "" && e.EntityID != "" && e.EntityID != "0" {
		data["History"] = "/admin/journal?" + auditForm{Entity: e.Entity, EntityID: e.EntityID}.values().Encode()
	}
	p.render(c, http.StatusOK, "audit_entry.html", fmt.Sprintf("Journal d'audit, entrée %d", e.ID), data)
}

// indentJSON shows a recorded state as indented JSON; text that is not
// JSON as it was recorded.
func indentJSON(s string) string {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		return s
	}
	return b.String()
}

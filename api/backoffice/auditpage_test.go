package backoffice

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recouvra/recouvra/models"
)

// auditEntry writes an entry whose states hold markup and more than a
// glimpse of text, for the pages that show it.
func (f *fixture) auditEntry(t *testing.T) models.AuditLog {
	t.Helper()
	admin := f.users["admin"].ID
	e := models.AuditLog{At: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC), UserID: &admin, Actor: "admin@test.local",
		Action: "case.note", Entity: "case", EntityID: strconv.FormatUint(uint64(f.cases[0].ID), 10), RemoteAddr: "192.0.2.7",
		Before: `{"note":"<script>alert(1)</script>","level":2}`,
		After:  `{"request":{"note":"` + strings.Repeat("très long ", 40) + `"},"state":{"level":3}}`}
	f.create(&e)
	return e
}

var (
	entryLink = regexp.MustCompile(`href="/admin/journal/(\d+)"`)
	olderLink = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	newerLink = regexp.MustCompile(`<a href="([^"]+)" rel="prev">`)
)

// auditPage reads a page of the log: the ids it lists, newest first, and
// its links to older and newer entries.
func auditPage(t *testing.T, s *session, path string) (ids []uint, older, newer string) {
	t.Helper()
	rec := s.get(path)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, errorOf(rec.Body.String()))
	}
	body := rec.Body.String()
	for _, m := range entryLink.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseUint(m[1], 10, 64)
		ids = append(ids, uint(id))
	}
	if m := olderLink.FindStringSubmatch(body); m != nil {
		older = html.UnescapeString(m[1])
	}
	if m := newerLink.FindStringSubmatch(body); m != nil {
		newer = html.UnescapeString(m[1])
	}
	return ids, older, newer
}

// seedAudit writes n entries an hour apart, from 2026-03-01 00:30 UTC on,
// alternating between two actors, two actions and two cases.
func seedAudit(f *fixture, n int) []models.AuditLog {
	start := time.Date(2026, 3, 1, 0, 30, 0, 0, time.UTC)
	rows := make([]models.AuditLog, n)
	for i := range rows {
		actor, action := "Anne.Martin@test.local", "case.promise"
		if i%2 == 1 {
			actor, action = "cli:root", "invoice.import"
		}
		rows[i] = models.AuditLog{At: start.Add(time.Duration(i) * time.Hour), Actor: actor, Action: action,
			Entity: "case", EntityID: strconv.Itoa(1 + i%3), RemoteAddr: "local", After: fmt.Sprintf(`{"n":%d}`, i)}
	}
	if err := f.db.CreateInBatches(&rows, 100).Error; err != nil {
		f.t.Fatal(err)
	}
	return rows
}

// TestAuditLogPaging: the log pages by 50 through keyset links, newest
// first, every entry once, and back again.
func TestAuditLogPaging(t *testing.T) {
	f := newFixture(t)
	seedAudit(f, 120)
	var all []uint
	f.db.Model(&models.AuditLog{}).Order("id DESC").Pluck("id", &all)
	admin := f.as("admin")

	var pages [][]uint
	path := "/admin/journal"
	var newers []string
	for path != "" {
		ids, older, newer := auditPage(t, admin, path)
		pages = append(pages, ids)
		newers = append(newers, newer)
		path = older
		if len(pages) > 5 {
			t.Fatal("the pages do not end")
		}
	}
	var listed []uint
	for _, p := range pages {
		listed = append(listed, p...)
	}
	if !slices.Equal(listed, all) {
		t.Errorf("paging listed %d entries %v…, want the %d entries newest first", len(listed), listed[:min(5, len(listed))], len(all))
	}
	if len(pages) != 3 || len(pages[0]) != 50 || len(pages[2]) != len(all)-100 {
		t.Errorf("page sizes %d, %d…, want 50, 50, %d", len(pages[0]), len(pages[1]), len(all)-100)
	}
	if newers[0] != "" || newers[1] == "" {
		t.Errorf("links to newer entries: %q on the first page, %q on the second", newers[0], newers[1])
	}
	// Back from the last page: the previous page is the second again.
	ids, _, _ := auditPage(t, admin, newers[2])
	if !slices.Equal(ids, pages[1]) {
		t.Errorf("newer than the last page: %v, want the second page %v", ids, pages[1])
	}
	// New entries do not shift a page being read.
	seedAudit(f, 3)
	ids, _, _ = auditPage(t, admin, fmt.Sprintf("/admin/journal?avant=%d", pages[0][49]))
	if !slices.Equal(ids, pages[1]) {
		t.Errorf("second page after new entries: %v, want %v", ids, pages[1])
	}
}

// TestAuditLogFilters: each filter alone and together, on both pages of
// a filtered result; wrong values answer 400 naming the field.
func TestAuditLogFilters(t *testing.T) {
	f := newFixture(t)
	seeded := seedAudit(f, 120)
	admin := f.as("admin")
	want := func(keep func(i int, e models.AuditLog) bool) []uint {
		var ids []uint
		for i, e := range slices.Backward(seeded) {
			if keep(i, e) {
				ids = append(ids, e.ID)
			}
		}
		return ids
	}
	// Paris is UTC+1 in March: 2026-03-02 in Paris is 2026-03-01 23:00 UTC
	// to 2026-03-02 23:00 UTC, hours 22.5 to 46.5 after the first entry.
	parisMarch2 := func(i int, _ models.AuditLog) bool { return i >= 23 && i <= 46 }
	for _, tt := range []struct {
		name, query string
		keep        func(int, models.AuditLog) bool
	}{
		{"actor, any case, part of it", "acteur=anne.MARTIN", func(i int, _ models.AuditLog) bool { return i%2 == 0 }},
		{"action prefix", "action=invoice.", func(i int, _ models.AuditLog) bool { return i%2 == 1 }},
		{"action prefix is a prefix", "action=promise", func(int, models.AuditLog) bool { return false }},
		{"LIKE wildcards match themselves", "acteur=%25", func(int, models.AuditLog) bool { return false }},
		{"one record", "entite=case&id=2", func(i int, _ models.AuditLog) bool { return i%3 == 1 }},
		{"a number alone is a case", "id=3", func(i int, _ models.AuditLog) bool { return i%3 == 2 }},
		{"another kind of record", "entite=user&id=2", func(int, models.AuditLog) bool { return false }},
		{"one Paris day", "du=2026-03-02&au=2026-03-02", parisMarch2},
		{"from a day on", "du=2026-03-05", func(i int, _ models.AuditLog) bool { return i >= 95 }},
		{"all together", "acteur=cli&action=invoice.&id=2&du=2026-03-02&au=2026-03-02",
			func(i int, e models.AuditLog) bool { return i%2 == 1 && i%3 == 1 && parisMarch2(i, e) }},
		{"more than a page", "acteur=anne&au=2026-03-05", func(i int, _ models.AuditLog) bool { return i%2 == 0 && i <= 118 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint
			path := "/admin/journal?" + tt.query
			for path != "" {
				ids, older, _ := auditPage(t, admin, path)
				got = append(got, ids...)
				path = older
				if older != "" && !strings.Contains(older, strings.Split(tt.query, "=")[0]+"=") {
					t.Errorf("the next page's link %q drops the filter %q", older, tt.query)
				}
			}
			if w := want(tt.keep); !slices.Equal(got, w) {
				t.Errorf("listed %v, want %v", got, w)
			}
		})
	}
	for _, bad := range []struct{ query, message string }{
		{"du=02/03/2026", "Du : &#34;02/03/2026&#34; n&#39;est pas une date"},
		{"au=hier", "Au : &#34;hier&#34;"},
		{"du=2026-03-05&au=2026-03-01", "la date de début suit la date de fin"},
		{"avant=abc", "Page : &#34;abc&#34;"},
	} {
		rec := admin.get("/admin/journal?" + bad.query)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), bad.message) {
			t.Errorf("%s: %d, %s; want 400 saying %s", bad.query, rec.Code, errorOf(rec.Body.String()), bad.message)
		}
	}
}

// TestAuditEntryDetail: one entry whole, its states indented and escaped,
// with a link to its record's history; unknown entries are 404.
func TestAuditEntryDetail(t *testing.T) {
	f := newFixture(t)
	e := f.auditEntry(t)
	admin := f.as("admin")
	list := admin.get("/admin/journal").Body.String()
	if strings.Contains(list, strings.Repeat("très long ", 40)) || !strings.Contains(list, "très long …") {
		t.Error("the list shows a long state whole instead of its start")
	}
	rec := admin.get(fmt.Sprintf("/admin/journal/%d", e.ID))
	if rec.Code != http.StatusOK {
		t.Fatalf("entry page: %d %s", rec.Code, errorOf(rec.Body.String()))
	}
	body := rec.Body.String()
	for _, want := range []string{
		"admin@test.local", "192.0.2.7", "case.note", "20/11/2026 10:30", "2026-11-20T09:30:00.000Z",
		"&#34;note&#34;: &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;,\n  &#34;level&#34;: 2", // indented, escaped
		strings.Repeat("très long ", 40), // in full
		fmt.Sprintf(`href="/admin/journal?entite=case&amp;id=%d"`, f.cases[0].ID),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("entry page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Error("entry page shows a recorded state as markup")
	}
	for _, path := range []string{"/admin/journal/999999", "/admin/journal/abc"} {
		if rec := admin.get(path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	if rec := f.as("credit_manager").get(fmt.Sprintf("/admin/journal/%d", e.ID)); rec.Code != http.StatusForbidden {
		t.Errorf("a credit manager opened an audit entry: %d", rec.Code)
	}
}

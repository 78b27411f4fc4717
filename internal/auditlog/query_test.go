package auditlog_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// TestListOnBothDatabases: filters and keyset pages give the same entries
// on PostgreSQL and SQLite, LIKE wildcards in a filter match themselves.
func TestListOnBothDatabases(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
			actors := []string{"anne@test.local", "paul_x@test.local", "cli:root", "100%@test.local"}
			var ids []uint // by i
			for i := range 20 {
				e := models.AuditLog{At: start.Add(time.Duration(i) * 24 * time.Hour), Actor: actors[i%4],
					Action: []string{"case.promise", "case.pause", "user.create"}[i%3], Entity: "case", EntityID: []string{"1", "2"}[i%2]}
				if err := db.Create(&e).Error; err != nil {
					t.Fatal(err)
				}
				ids = append(ids, e.ID)
			}
			list := func(f auditlog.Filter) []uint {
				t.Helper()
				p, err := auditlog.List(t.Context(), db, f)
				if err != nil {
					t.Fatal(err)
				}
				var got []uint
				for _, e := range p.Entries {
					got = append(got, e.ID)
				}
				return got
			}
			newestFirst := func(keep func(i int) bool) []uint {
				var want []uint
				for i := 19; i >= 0; i-- {
					if keep(i) {
						want = append(want, ids[i])
					}
				}
				return want
			}
			for _, tt := range []struct {
				name string
				f    auditlog.Filter
				keep func(i int) bool
			}{
				{"everything", auditlog.Filter{}, func(int) bool { return true }},
				{"actor in any case", auditlog.Filter{Actor: "ANNE"}, func(i int) bool { return i%4 == 0 }},
				{"underscore is no wildcard", auditlog.Filter{Actor: "l_x"}, func(i int) bool { return i%4 == 1 }},
				{"percent is no wildcard", auditlog.Filter{Actor: "0%@"}, func(i int) bool { return i%4 == 3 }},
				{"action prefix", auditlog.Filter{ActionPrefix: "case."}, func(i int) bool { return i%3 != 2 }},
				{"one record", auditlog.Filter{Entity: "case", EntityID: "2"}, func(i int) bool { return i%2 == 1 }},
				{"dates", auditlog.Filter{From: start.Add(5 * 24 * time.Hour), To: start.Add(9 * 24 * time.Hour)}, func(i int) bool { return i >= 5 && i < 9 }},
			} {
				if got, want := list(tt.f), newestFirst(tt.keep); !slices.Equal(got, want) {
					t.Errorf("%s: %v, want %v", tt.name, got, want)
				}
			}
			// Keyset pages of 6, both ways, under a filter.
			f := auditlog.Filter{ActionPrefix: "case.", Limit: 6}
			all := newestFirst(func(i int) bool { return i%3 != 2 })
			p1, _ := auditlog.List(t.Context(), db, f)
			f.Before = p1.Entries[5].ID
			p2, _ := auditlog.List(t.Context(), db, f)
			if p1.Newer || !p1.Older || !p2.Newer || !p2.Older || p2.Entries[0].ID != all[6] {
				t.Errorf("pages 1 and 2: newer/older %v/%v and %v/%v, page 2 starts at %d, want %d",
					p1.Newer, p1.Older, p2.Newer, p2.Older, p2.Entries[0].ID, all[6])
			}
			f.Before = 0
			f.After = p2.Entries[0].ID
			back, _ := auditlog.List(t.Context(), db, f)
			if len(back.Entries) != 6 || back.Entries[0].ID != all[0] || back.Newer || !back.Older {
				t.Errorf("back to page 1: %d entries from %d, newer %v older %v", len(back.Entries), back.Entries[0].ID, back.Newer, back.Older)
			}
		})
	}
}

// TestDigestCoversTheWholeFile: what the parser left unread counts too.
func TestDigestCoversTheWholeFile(t *testing.T) {
	content := strings.Repeat("ligne;de;fichier\n", 1000)
	d := auditlog.NewDigest(strings.NewReader(content))
	if _, err := io.ReadFull(d, make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	sum, size, err := d.Finish()
	want := sha256.Sum256([]byte(content))
	if err != nil || sum != hex.EncodeToString(want[:]) || size != int64(len(content)) {
		t.Errorf("digest %s of %d bytes (%v), want %x of %d", sum, size, err, want, len(content))
	}
	if imp := auditlog.ImportOf("f.csv", "csv", []byte(content), nil); imp.SHA256 != sum || imp.Bytes != size {
		t.Errorf("ImportOf %+v, want the same digest and size", imp)
	}
}

// TestPreviousTemplate: the first edit replaced the shipped text, later
// ones the edit before.
func TestPreviousTemplate(t *testing.T) {
	db, _ := testenv.SQLite(t)
	store := lettertemplates.Store{DB: db}
	const key = "level1.email.subject"
	v2, err := store.Save(t.Context(), key, "fr", "Relance {{.InvoiceNumbers}}", "anne")
	if err != nil {
		t.Fatal(err)
	}
	v3, err := store.Save(t.Context(), key, "fr", "Rappel {{.InvoiceNumbers}}", "anne")
	if err != nil {
		t.Fatal(err)
	}
	shipped, _ := lettertemplates.Shipped(key, "fr")
	if got, ok := auditlog.PreviousTemplate(t.Context(), db, v2).(lettertemplates.Version); !ok || got.Version != 1 || got.Body != shipped.Body {
		t.Errorf("before version 2: %+v", got)
	}
	if got, ok := auditlog.PreviousTemplate(t.Context(), db, v3).(lettertemplates.Version); !ok || got.Version != 2 || got.Body != v2.Body {
		t.Errorf("before version 3: %+v", got)
	}
	if got := auditlog.PreviousTemplate(t.Context(), db, shipped); got != nil {
		t.Errorf("before the shipped text: %v, want nil", got)
	}
}

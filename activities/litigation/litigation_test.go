package litigation_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/litigation"
	"github.com/recouvra/recouvra/activities/litigation/littest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

var (
	at      = civil.MustParse("2026-03-10")
	nanterr = littest.Case{DebtorKind: models.Trader, LegalForm: "SAS", PostalCode: "92000", City: "Nanterre", InseeCode: "92050",
		RCSCity: "Nanterre", DueDate: civil.MustParse("2025-05-15"), TotalCents: 1_234_567,
		Payment: &littest.Payment{Date: civil.MustParse("2025-09-01"), Cents: 200_000}}
)

func amounts(cl claim.Claim) []int64 {
	out := make([]int64, len(cl.Lines))
	for i, l := range cl.Lines {
		out[i] = l.AmountCents
	}
	return out
}

// TestCaseClaim computes claims from the database: payments from
// allocations, the mise en demeure from the timeline, costs and rates from
// their tables. Expected amounts are worked out by hand (base × rate × days / 365).
func TestCaseClaim(t *testing.T) {
	db, _ := testenv.SQLite(t)
	ctx := t.Context()
	tests := []struct {
		name  string
		seed  littest.Case
		costs []models.CaseCost
		rates []claim.RateEntry
		at    civil.Date
		want  []int64
		warn  string
		err   string
	}{
		{name: "trader with a partial payment across three half-years", seed: nanterr, at: at,
			// 10 345,67 principal; 1 234 567 × 13,15 % × 46/365; × 12,15 % × 63/365; 1 034 567 × 12,15 % × 190/365; 40 €.
			want: []int64{1_034_567, 20_460, 25_890, 65_433, 4000}},
		{name: "consumer: legal interest from the formal demand, forbidden cost left out",
			seed: littest.Case{DebtorKind: models.Consumer, PostalCode: "69003", City: "Lyon", InseeCode: "69383",
				DueDate: civil.MustParse("2025-10-01"), TotalCents: 48_000, FormalDemand: civil.MustParse("2025-11-03")},
			costs: []models.CaseCost{{Label: "Frais de relance", Basis: "Contrat", Cents: 1500, Date: civil.MustParse("2025-11-03")}},
			at:    at,
			// 48 000 × 2,76 % × 58/365 = 210,5; × 2,62 % × 69/365 = 237,7.
			want: []int64{48_000, 211, 238}, warn: "L111-8"},
		{name: "consumer without formal demand",
			seed: littest.Case{DebtorKind: models.Consumer, PostalCode: "69003", City: "Lyon", DueDate: civil.MustParse("2025-10-01"), TotalCents: 48_000},
			at:   at, err: "no formal demand"},
		{name: "half-year without a rate", seed: littest.Case{DebtorKind: models.Civil, PostalCode: "33000", City: "Bordeaux",
			DueDate: civil.MustParse("2026-06-15"), TotalCents: 100_000}, at: civil.MustParse("2026-08-01"), err: "H2 2026"},
		{name: "stored rate fills the half-year", seed: littest.Case{DebtorKind: models.Civil, PostalCode: "33000", City: "Bordeaux",
			DueDate: civil.MustParse("2026-06-15"), TotalCents: 100_000}, at: civil.MustParse("2026-08-01"),
			rates: []claim.RateEntry{{Series: "mro", Period: claim.HalfYear{Year: 2026, Half: 2}, Rate: 200, Source: "test"}},
			// 100 000 × 12,15 % × 15/365 = 499,3; × 12,00 % × 32/365 = 1 052,1.
			want: []int64{100_000, 499, 1052, 4000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rates != nil {
				if err := litigation.SaveRates(ctx, db, tt.rates); err != nil {
					t.Fatal(err)
				}
			}
			s := littest.Seed(t, db, tt.seed)
			for _, c := range tt.costs {
				c.CaseID = s.CaseID
				if err := db.Create(&c).Error; err != nil {
					t.Fatal(err)
				}
			}
			cl, err := litigation.CaseClaim(ctx, db, s.CaseID, tt.at)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := amounts(cl); !equal(got, tt.want) {
				t.Errorf("amounts %v, want %v", got, tt.want)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(cl.Warnings, " "), tt.warn) {
				t.Errorf("warnings %q lack %q", cl.Warnings, tt.warn)
			}
		})
	}
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPrepareStoresTheDossier: a decided court gives a stored dossier (PDF
// and ZIP with their SHA-256) linked from the litigation file and the
// timeline; an undecided one waits for a choice among the candidates.
func TestPrepareStoresTheDossier(t *testing.T) {
	db, _ := testenv.SQLite(t)
	ctx := t.Context()
	a := &litigation.Activities{DB: db}

	s := littest.Seed(t, db, nanterr)
	p, err := a.Prepare(ctx, litigation.PrepareInput{CaseID: s.CaseID, On: at})
	if err != nil {
		t.Fatal(err)
	}
	if p.NeedsChoice || p.Cerfa != "12946*02" || !strings.Contains(p.CourtName, "activités économiques de Nanterre") ||
		p.FeeCents != 3500 || p.TotalCents != 1_034_567+20_460+25_890+65_433+4000 {
		t.Errorf("prepared %+v", p)
	}
	var doc models.Document
	if err := db.Take(&doc, p.DossierPDFID).Error; err != nil {
		t.Fatal(err)
	}
	if doc.Kind != litigation.DocDossierPDF || *doc.CaseID != s.CaseID || len(doc.SHA256) != 64 || !strings.HasPrefix(string(doc.Content), "%PDF-") {
		t.Errorf("stored PDF %+v", doc.Kind)
	}
	file, err := litigation.File(ctx, db, s.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if file.CourtSetBy != "system" || file.CourtCode == "" || file.DossierZIPID == nil || *file.DossierZIPID != p.DossierZIPID {
		t.Errorf("litigation file %+v", file)
	}
	var events int64
	db.Model(&models.CaseEvent{}).Where("case_id = ? AND kind = ?", s.CaseID, "dossier_ready").Count(&events)
	if events != 1 {
		t.Errorf("%d dossier_ready events", events)
	}

	// A trader of an unknown commune: the court is to be chosen.
	unknown := littest.Seed(t, db, littest.Case{DebtorKind: models.Trader, LegalForm: "SARL", PostalCode: "92000", City: "Nullepart",
		DueDate: civil.MustParse("2025-05-15"), TotalCents: 50_000})
	p, err = a.Prepare(ctx, litigation.PrepareInput{CaseID: unknown.CaseID, On: at})
	if err != nil {
		t.Fatal(err)
	}
	if !p.NeedsChoice || p.DossierPDFID != 0 {
		t.Fatalf("prepared %+v, want a choice to make", p)
	}
	if _, err := litigation.ChooseCourt(ctx, db, unknown.CaseID, "tj69123", "juriste@test", at); !errors.Is(err, litigation.ErrNotACandidate) {
		t.Errorf("choosing a court outside the candidates: %v", err)
	}
	d, err := litigation.LoadCase(ctx, db, unknown.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := litigation.DecideCourt(ctx, db, d, at)
	if err != nil || len(dec.Candidates) == 0 {
		t.Fatalf("decision %+v, %v", dec, err)
	}
	chosen, err := litigation.ChooseCourt(ctx, db, unknown.CaseID, dec.Candidates[0].Code, "juriste@test", at)
	if err != nil || chosen.NeedsChoice || chosen.Code != dec.Candidates[0].Code {
		t.Fatalf("chosen %+v, %v", chosen, err)
	}
	p, err = a.Prepare(ctx, litigation.PrepareInput{CaseID: unknown.CaseID, On: at})
	if err != nil || p.NeedsChoice || p.DossierPDFID == 0 || p.CourtName != dec.Candidates[0].Name {
		t.Errorf("after the choice: %+v, %v", p, err)
	}
	if _, err := litigation.ChooseCourt(ctx, db, s.CaseID, "9201", "juriste@test", at); !errors.Is(err, litigation.ErrNoChoiceNeeded) {
		t.Errorf("choosing for a decided case: %v", err)
	}
}

// TestRecordStepIsIdempotent: a retried step writes one event and the same file.
func TestRecordStepIsIdempotent(t *testing.T) {
	db, _ := testenv.SQLite(t)
	a := &litigation.Activities{DB: db}
	s := littest.Seed(t, db, nanterr)
	step := litigation.Step{CaseID: s.CaseID, Key: "filed", Kind: "ip_filed", Summary: "Requête déposée", At: time.Now(),
		Status: models.LitigationFiled, FiledDate: at, FiledChannel: "infogreffe", FiledReference: "IP-2026-1"}
	for range 2 {
		if err := a.RecordStep(t.Context(), step); err != nil {
			t.Fatal(err)
		}
	}
	file, err := litigation.File(t.Context(), db, s.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if file.Status != models.LitigationFiled || file.FiledDate != at || file.FiledReference != "IP-2026-1" {
		t.Errorf("file %+v", file)
	}
	var n int64
	db.Model(&models.CaseEvent{}).Where("case_id = ? AND kind = ?", s.CaseID, "ip_filed").Count(&n)
	if n != 1 {
		t.Errorf("%d events for one step recorded twice", n)
	}
}

// TestDataOnBothDatabases: rates stored twice update in place, and the
// imported commune table decides the court of a commune the embedded data
// alone does not place.
func TestDataOnBothDatabases(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			db, _ := open(t)
			ctx := t.Context()
			h2 := claim.HalfYear{Year: 2026, Half: 2}
			for _, r := range []claim.Rate{200, 215} {
				if err := litigation.SaveRates(ctx, db, []claim.RateEntry{{Series: "mro", Period: h2, Rate: r, Source: "BCE"}}); err != nil {
					t.Fatal(err)
				}
			}
			table, err := litigation.LoadRates(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if r, err := table.Lookup("mro", h2); err != nil || r != 215 {
				t.Errorf("stored H2 2026 = %v, %v; want 2,15 %%", r, err)
			}
			if r, err := table.Lookup("legal", claim.HalfYear{Year: 2024, Half: 1}); err != nil || r != 507 {
				t.Errorf("shipped H1 2024 legal rate = %v, %v", r, err)
			}
			if err := litigation.SaveRates(ctx, db, []claim.RateEntry{{Series: "ecb", Period: h2, Rate: 1, Source: "x"}}); err == nil {
				t.Error("an unknown series was stored")
			}

			s := littest.Seed(t, db, littest.Case{DebtorKind: models.Consumer, PostalCode: "69100", City: "Villeurbanne",
				InseeCode: "69266", DueDate: civil.MustParse("2025-10-01"), TotalCents: 1000, Number: "FA-" + name})
			d, err := litigation.LoadCase(ctx, db, s.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			for _, imported := range []bool{false, true} {
				if imported {
					n, err := litigation.ImportCommunes(ctx, db, map[string]string{"69266": "LYON", "33281": "Tribunal judiciaire de Bordeaux"})
					if err != nil || n != 2 {
						t.Fatalf("import: %d, %v", n, err)
					}
				}
				dec, err := litigation.DecideCourt(ctx, db, d, at)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("imported=%v: %s (needs choice %v)", imported, dec.Name, dec.NeedsChoice)
				if imported && (dec.NeedsChoice || dec.Name != "Tribunal judiciaire de Lyon") {
					t.Errorf("with the commune table: %+v", dec)
				}
			}
			// A new import replaces the old table.
			if _, err := litigation.ImportCommunes(ctx, db, map[string]string{"33281": "Bordeaux"}); err != nil {
				t.Fatal(err)
			}
			var n int64
			db.Model(&models.CommuneCourt{}).Count(&n)
			if n != 1 {
				t.Errorf("%d communes after re-import, want 1", n)
			}
		})
	}
}

// TestPrepareTwiceStoresOnce: a retried Prepare reuses the stored dossier
// when its content is the same.
func TestPrepareTwiceStoresOnce(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) { prepareTwice(t, open) })
	}
}

func prepareTwice(t *testing.T, open func(testing.TB) (*gorm.DB, string)) {
	db, _ := open(t)
	a := &litigation.Activities{DB: db}
	s := littest.Seed(t, db, nanterr)
	in := litigation.PrepareInput{CaseID: s.CaseID, On: at, At: at.In(civil.Paris, 9, 0)}
	first, err := a.Prepare(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	second, err := a.Prepare(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	var docs, events int64
	db.Model(&models.Document{}).Where("case_id = ?", s.CaseID).Count(&docs)
	db.Model(&models.CaseEvent{}).Where("case_id = ? AND kind = ?", s.CaseID, "dossier_ready").Count(&events)
	if first.DossierPDFID != second.DossierPDFID || docs != 2 || events != 1 {
		t.Errorf("two runs: PDF %d then %d, %d documents, %d events", first.DossierPDFID, second.DossierPDFID, docs, events)
	}
}

package claim

import (
	"fmt"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func d(s string) civil.Date { return civil.MustParse(s) }

func rp(r Rate) *Rate { return &r }

// lineText renders a line on one row so that a failing golden test shows
// exactly which field differs.
func lineText(l Line) string {
	rate := "-"
	if l.RatePercent != nil {
		rate = l.RatePercent.decimal(".")
	}
	return fmt.Sprintf("%s %s %s..%s %dd @%s = %d [%s | %s]",
		l.Kind, l.Invoice, l.From, l.To, l.Days, rate, l.AmountCents, l.Label, l.Basis)
}

// accrued is an expected interest line; kind "contractual" is a penalty at
// the contractual rate.
func accrued(kind, invoice, from, to string, days int, rate Rate, cents int64) Line {
	l := Line{Kind: kind, Invoice: invoice, Label: "Pénalités de retard (taux BCE + 10 points)", Basis: BasisPenalty,
		AmountCents: cents, RatePercent: &rate, From: d(from), To: d(to), Days: days}
	switch kind {
	case "contractual":
		l.Kind, l.Label = KindPenalty, "Pénalités de retard (taux contractuel)"
	case KindInterest:
		l.Label, l.Basis = "Intérêts au taux légal", BasisInterest
	}
	return l
}

func principal(invoice string, cents int64) Line {
	return Line{Kind: KindPrincipal, Invoice: invoice, Label: "Principal restant dû", Basis: BasisPrincipal, AmountCents: cents}
}

func indemnity(invoice string) Line {
	return Line{Kind: KindIndemnity, Invoice: invoice, Label: "Indemnité forfaitaire pour frais de recouvrement",
		Basis: BasisIndemnity, AmountCents: 4000}
}

// checkLines compares lines row by row.
func checkLines(t *testing.T, got, want []Line) {
	t.Helper()
	var g, w []string
	for _, l := range got {
		g = append(g, lineText(l))
	}
	for _, l := range want {
		w = append(w, lineText(l))
	}
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("lines:\n got:\n  %s\n want:\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
}

// checkWarnings requires one warning per entry of want, each containing all
// the fragments of its entry.
func checkWarnings(t *testing.T, got []string, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("warnings: got %d %q, want %d", len(got), got, len(want))
		return
	}
	for i, frags := range want {
		for _, f := range frags {
			if !strings.Contains(got[i], f) {
				t.Errorf("warning %d %q does not contain %q", i, got[i], f)
			}
		}
	}
}

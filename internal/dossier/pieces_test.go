package dossier

import (
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/claim"
)

func TestPiecesOrderAndSupport(t *testing.T) {
	pieces := numberPieces([]Piece{
		{Kind: PieceStatement, Title: "Relevé"},
		{Kind: PieceFormalDemand, Title: "Mise en demeure"},
		{Kind: PieceInvoice, Title: "Facture B", Invoice: "B"},
		{Kind: PieceReceipt, Title: "AR"},
		{Kind: PieceInvoice, Title: "Facture A", Invoice: "A"},
		{Kind: PieceTerms, Title: "CGV"},
		{Kind: PieceReminder, Title: "Relance"},
	})
	var titles []string
	for _, p := range pieces {
		titles = append(titles, p.Title)
	}
	want := []string{"Facture B", "Facture A", "CGV", "Relance", "Mise en demeure", "AR", "Relevé"}
	if !slices.Equal(titles, want) {
		t.Fatalf("order %q, want %q", titles, want)
	}
	tests := []struct {
		line claim.Line
		want []int
	}{
		{claim.Line{Kind: claim.KindPrincipal, Invoice: "A"}, []int{2, 7}},
		{claim.Line{Kind: claim.KindPenalty, Invoice: "B"}, []int{1, 3}},
		{claim.Line{Kind: claim.KindInterest, Invoice: "A"}, []int{2, 5, 6}},
		{claim.Line{Kind: claim.KindIndemnity, Invoice: "A"}, []int{2, 3}},
		{claim.Line{Kind: claim.KindCost}, nil},
	}
	for _, tt := range tests {
		if got := supportingPieces(tt.line, pieces); !slices.Equal(got, tt.want) {
			t.Errorf("%s of %s: pieces %v, want %v", tt.line.Kind, tt.line.Invoice, got, tt.want)
		}
	}
}

func TestMissingPieces(t *testing.T) {
	lines := []claim.Line{{Kind: claim.KindPrincipal, Invoice: "A"}, {Kind: claim.KindInterest, Invoice: "A"},
		{Kind: claim.KindInterest, Invoice: "A"}}
	tests := []struct {
		name   string
		pieces []Piece
		want   []string
	}{
		{"nothing joined", nil, []string{"la facture A", "la mise en demeure"}},
		{"another invoice only", []Piece{{Kind: PieceInvoice, Invoice: "B"}}, []string{"la facture A", "la mise en demeure"}},
		{"all joined", []Piece{{Kind: PieceInvoice, Invoice: "A"}, {Kind: PieceFormalDemand}}, nil},
	}
	for _, tt := range tests {
		got := missingPieces(Request{Claim: claim.Claim{Lines: lines}}, numberPieces(tt.pieces))
		if len(got) != len(tt.want) {
			t.Errorf("%s: warnings %q, want %d", tt.name, got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: warning %q lacks %q", tt.name, got[i], w)
			}
		}
	}
}

package dossier

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/letters"
)

// numberedPiece is a piece with its number in the bordereau, from 1.
type numberedPiece struct {
	Piece
	Number int
}

// numberPieces orders the pieces as the bordereau lists them (invoices,
// orders and delivery notes, terms, reminders, formal demand and its receipt,
// statement, costs), keeping the caller's order within a kind, and numbers them.
func numberPieces(pieces []Piece) []numberedPiece {
	sorted := slices.Clone(pieces)
	slices.SortStableFunc(sorted, func(a, b Piece) int { return pieceOrder[a.Kind] - pieceOrder[b.Kind] })
	out := make([]numberedPiece, len(sorted))
	for i, p := range sorted {
		out[i] = numberedPiece{Piece: p, Number: i + 1}
	}
	return out
}

// supportingPieces are the numbers of the pieces that justify a claim line:
// the invoice and its order or delivery note for the principal, the invoice
// and the terms of sale for penalties, the formal demand and its receipt for
// a consumer's interest, the invoice for the indemnity, proofs of costs.
func supportingPieces(l claim.Line, pieces []numberedPiece) []int {
	var kinds []string
	switch l.Kind {
	case claim.KindPrincipal:
		kinds = []string{PieceInvoice, PiecePurchaseOrder, PieceDeliveryNote, PieceStatement}
	case claim.KindPenalty:
		kinds = []string{PieceInvoice, PieceTerms}
	case claim.KindInterest:
		kinds = []string{PieceInvoice, PieceFormalDemand, PieceReceipt}
	case claim.KindIndemnity:
		kinds = []string{PieceInvoice, PieceTerms}
	case claim.KindCost:
		kinds = []string{PieceCost}
	}
	var out []int
	for _, p := range pieces {
		if !slices.Contains(kinds, p.Kind) {
			continue
		}
		if p.Kind == PieceInvoice && l.Invoice != "" && p.Invoice != "" && p.Invoice != l.Invoice {
			continue
		}
		out = append(out, p.Number)
	}
	return out
}

// isPDF reports whether a piece can be appended to the dossier PDF.
func isPDF(p Piece) bool {
	return bytes.HasPrefix(p.Content, []byte("%PDF-")) && letters.ValidPDF(p.Content) == nil
}

// renderBordereau prints the numbered list of pieces.
func renderBordereau(r Request, numbered []numberedPiece) ([]byte, error) {
	heading := "BORDEREAU DE PIÈCES"
	return letters.Compose(heading+" — "+r.Creditor.Name, r.Creditor.Name, nil, func(d *letters.Document) {
		d.Paragraph(heading, title, 1)
		debtors := make([]string, len(r.Debtors))
		for i, p := range r.Debtors {
			debtors[i] = p.Name
		}
		d.Paragraph("communiquées à l'appui de la requête en injonction de payer présentée par "+r.Creditor.Name+
			" contre "+joinFrench(debtors)+" devant le "+lowerFirst(r.Court.Name), subtitle, 6)
		t := d.Table([]letters.Column{
			{Title: "N°", Width: 20},
			{Title: "Désignation de la pièce", Width: 120},
			{Title: "Date", Width: 30},
		})
		for _, p := range numbered {
			t.WrapRow(fmt.Sprintf("Pièce %02d", p.Number), p.Title, p.Date.FrenchNumeric())
		}
		if len(numbered) == 0 {
			t.WrapRow("—", "Aucune pièce", "")
		}
		d.Space(5)
		d.Paragraph("Fait à "+r.Place+", le "+r.Date.French(), body, 1)
	})
}

func joinFrench(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
}

// missingPieces warns of claim lines no piece supports: a judge decides on
// the papers alone, and a principal without its invoice or interest without
// the formal demand it runs from is refused.
func missingPieces(r Request, numbered []numberedPiece) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range r.Claim.Lines {
		var what string
		switch {
		case l.Kind == claim.KindPrincipal && !hasPiece(numbered, PieceInvoice, l.Invoice):
			what = "la facture " + l.Invoice
		case l.Kind == claim.KindInterest && !hasPiece(numbered, PieceFormalDemand, ""):
			what = "la mise en demeure, point de départ des intérêts"
		default:
			continue
		}
		if !seen[what] {
			seen[what] = true
			out = append(out, "Pièce manquante : joindre "+what+" avant le dépôt de la requête.")
		}
	}
	return out
}

func hasPiece(pieces []numberedPiece, kind, invoice string) bool {
	for _, p := range pieces {
		if p.Kind == kind && (invoice == "" || p.Invoice == "" || p.Invoice == invoice) {
			return true
		}
	}
	return false
}

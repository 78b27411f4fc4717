// Package dossier prints the file legal staff lodge with the court to obtain
// an injonction de payer: the requête, laid out as Cerfa 12946*02 (commercial
// courts) or 12948*06 (tribunal judiciaire) with every mention article 1407
// of the code de procédure civile requires, the numbered bordereau de pièces,
// and the supporting documents appended in the bordereau's order. It also
// tells legal staff the fees to expect and what to check before filing.
//
// The package is pure: the caller gathers parties, claim and pieces (see
// activities/litigation) and gets bytes back.
package dossier

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
)

// Party is the creditor, a debtor or a mandataire as the requête names them.
// A legal person is named by form, name and registered office; a natural
// person by name and domicile.
type Party struct {
	NaturalPerson       bool
	LegalForm           string // "SAS", "SARL"…
	Name                string
	Line1, Line2        string
	PostalCode, City    string
	Country             string // empty or "FR" for France
	SIREN               string
	RCSCity             string
	Representative      string // legal representative of a legal person
	RepresentativeTitle string // "Président", "Gérant"
	Email               string
	Mobile              string
	Role                string // mandataire only: "Avocat", "Société d'affacturage"…
}

// Court is the court the requête is addressed to, as tribunal.Decide names it.
type Court struct {
	Kind  string // tribunal.Kind… constant
	Code  string
	Name  string
	Cerfa string // "12946*02" or "12948*06"
}

// Piece kinds, in the order the bordereau lists them.
const (
	PieceInvoice       = "invoice"
	PiecePurchaseOrder = "purchase_order" // bon de commande
	PieceDeliveryNote  = "delivery_note"  // bon de livraison
	PieceTerms         = "terms"          // conditions générales de vente
	PieceReminder      = "reminder"
	PieceFormalDemand  = "formal_demand" // mise en demeure
	PieceReceipt       = "receipt"       // avis de réception of the registered letter
	PieceStatement     = "statement"     // relevé de compte
	PieceCost          = "cost"          // proof of an accessory cost
	PieceOther         = "other"
)

var pieceOrder = map[string]int{
	PieceInvoice: 1, PiecePurchaseOrder: 2, PieceDeliveryNote: 3, PieceTerms: 4, PieceReminder: 5,
	PieceFormalDemand: 6, PieceReceipt: 7, PieceStatement: 8, PieceCost: 9, PieceOther: 10,
}

// Piece is one supporting document. Invoice names the invoice an invoice
// piece is; Content is appended to the dossier PDF when it is a PDF.
type Piece struct {
	Kind        string
	Title       string // "Facture FA-2026-001"
	Date        civil.Date
	Invoice     string
	FileName    string
	ContentType string
	Content     []byte
}

// Request is everything the requête and the bordereau print.
type Request struct {
	Court      Court
	Creditor   Party
	Mandataire *Party // lawyer or factoring partner acting for the creditor; nil if none
	Debtors    []Party
	Claim      claim.Claim
	Pieces     []Piece
	// ReferralCourt is the court the case goes to if the debtor opposes
	// (art. 1408 CPC); empty means the court of the requête.
	ReferralCourt string
	Place         string // "Nanterre" in "Fait à Nanterre, le …"
	Date          civil.Date
	Electronic    bool // filed online: the creditor's email and mobile are required
	Reference     string
}

// validate refuses a request that would be rejected by the greffe for a
// missing mention, naming the field.
func (r Request) validate() error {
	var missing []string
	need := func(ok bool, field string) {
		if !ok {
			missing = append(missing, field)
		}
	}
	need(strings.TrimSpace(r.Court.Name) != "", "court.name")
	need(r.Court.Cerfa != "", "court.cerfa")
	need(strings.TrimSpace(r.Creditor.Name) != "", "creditor.name")
	need(strings.TrimSpace(r.Creditor.City) != "", "creditor.city")
	if !r.Creditor.NaturalPerson {
		need(strings.TrimSpace(r.Creditor.LegalForm) != "", "creditor.legal_form")
		need(strings.TrimSpace(r.Creditor.Representative) != "", "creditor.representative")
	}
	if r.Electronic {
		need(strings.TrimSpace(r.Creditor.Email) != "", "creditor.email")
		need(strings.TrimSpace(r.Creditor.Mobile) != "", "creditor.mobile")
	}
	need(len(r.Debtors) > 0, "debtors")
	for i, d := range r.Debtors {
		need(strings.TrimSpace(d.Name) != "", fmt.Sprintf("debtors[%d].name", i))
		need(strings.TrimSpace(d.City) != "", fmt.Sprintf("debtors[%d].city", i))
	}
	need(len(r.Claim.Lines) > 0, "claim.lines")
	need(!r.Date.IsZero(), "date")
	need(strings.TrimSpace(r.Place) != "", "place")
	for i, p := range r.Pieces {
		if _, ok := pieceOrder[p.Kind]; !ok {
			return fmt.Errorf("pieces[%d] (%q): kind %q is unknown", i, p.Title, p.Kind)
		}
		need(strings.TrimSpace(p.Title) != "", fmt.Sprintf("pieces[%d].title", i))
	}
	if len(missing) > 0 {
		return fmt.Errorf("requête en injonction de payer: missing %s", strings.Join(missing, ", "))
	}
	return nil
}

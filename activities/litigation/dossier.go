package litigation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/dossier"
	"github.com/recouvra/recouvra/internal/tribunal"
	"github.com/recouvra/recouvra/models"
)

// Kinds of the documents this package stores.
const (
	DocDossierPDF = "litigation_dossier_pdf"
	DocDossierZIP = "litigation_dossier_zip"
)

// ErrCourtNotChosen reports a dossier asked for while the court still needs
// to be chosen by legal staff.
var ErrCourtNotChosen = errors.New("the competent court must first be chosen among the candidates")

// pieceKinds maps the kinds of documents stored on a case to the pieces of
// the bordereau. Documents of other kinds (emails, the dossier itself) are
// not pieces.
var pieceKinds = map[string]string{
	"invoice":               dossier.PieceInvoice,
	"purchase_order":        dossier.PiecePurchaseOrder,
	"delivery_note":         dossier.PieceDeliveryNote,
	"terms":                 dossier.PieceTerms,
	"general_terms":         dossier.PieceTerms,
	"reminder":              dossier.PieceReminder,
	"reminder_1":            dossier.PieceReminder,
	"reminder_2":            dossier.PieceReminder,
	"formal_demand":         dossier.PieceFormalDemand,
	"formal_demand_receipt": dossier.PieceReceipt,
	"registered_receipt":    dossier.PieceReceipt,
	"statement":             dossier.PieceStatement,
	"cost":                  dossier.PieceCost,
}

var pieceTitles = map[string]string{
	dossier.PieceInvoice:       "Facture",
	dossier.PiecePurchaseOrder: "Bon de commande",
	dossier.PieceDeliveryNote:  "Bon de livraison",
	dossier.PieceTerms:         "Conditions générales de vente",
	dossier.PieceReminder:      "Lettre de relance",
	dossier.PieceFormalDemand:  "Mise en demeure",
	dossier.PieceReceipt:       "Avis de réception de la lettre recommandée",
	dossier.PieceStatement:     "Relevé de compte",
	dossier.PieceCost:          "Justificatif de frais",
}

// PieceKinds lists the document kinds that become pieces of the bordereau.
func PieceKinds() []string {
	out := make([]string, 0, len(pieceKinds))
	for k := range pieceKinds {
		out = append(out, k)
	}
	return out
}

// casePieces are the case's stored documents that support the claim, oldest first.
func casePieces(ctx context.Context, db *gorm.DB, d CaseData) ([]dossier.Piece, error) {
	var docs []models.Document
	err := db.WithContext(ctx).Where("case_id = ? AND kind IN ?", d.Case.ID, PieceKinds()).
		Order("created_at, id").Find(&docs).Error
	if err != nil {
		return nil, fmt.Errorf("documents of case %d: %w", d.Case.ID, err)
	}
	var out []dossier.Piece
	for _, doc := range docs {
		kind := pieceKinds[doc.Kind]
		p := dossier.Piece{Kind: kind, Title: pieceTitles[kind], Date: civil.Of(doc.CreatedAt), FileName: doc.FileName,
			ContentType: doc.ContentType, Content: doc.Content}
		if kind == dossier.PieceInvoice {
			p.Invoice, p.Date = d.Invoice.Number, d.Invoice.IssueDate
			p.Title += " n° " + d.Invoice.Number
		}
		out = append(out, p)
	}
	return out, nil
}

func party(name, form, line1, line2, postal, city, country, siren, rcs string, natural bool) dossier.Party {
	return dossier.Party{Name: name, LegalForm: form, Line1: line1, Line2: line2, PostalCode: postal, City: city,
		Country: country, SIREN: siren, RCSCity: rcs, NaturalPerson: natural}
}

// DossierRequest gathers the requête of a case for a decided court.
func DossierRequest(ctx context.Context, db *gorm.DB, d CaseData, court tribunal.Decision, cl claim.Claim, on civil.Date) (dossier.Request, error) {
	cr, de := d.Creditor, d.Debtor
	creditor := party(cr.Name, cr.LegalForm, cr.Address.Line1, cr.Address.Line2, cr.Address.PostalCode, cr.Address.City,
		cr.Address.Country, cr.SIREN, cr.RCSCity, false)
	creditor.Representative, creditor.RepresentativeTitle = cr.Representative, cr.RepresentativeTitle
	creditor.Email, creditor.Mobile = cr.Email, cr.Mobile
	debtor := party(de.Name, de.LegalForm, de.Address.Line1, de.Address.Line2, de.Address.PostalCode, de.Address.City,
		de.Address.Country, de.SIREN, de.RCSCity, de.NaturalPerson || de.Kind == models.Consumer)
	pieces, err := casePieces(ctx, db, d)
	if err != nil {
		return dossier.Request{}, err
	}
	if !slices.ContainsFunc(pieces, func(p dossier.Piece) bool { return p.Kind == dossier.PieceStatement }) {
		st, ok, err := statementPiece(d, on)
		if err != nil {
			return dossier.Request{}, err
		}
		if ok {
			pieces = append(pieces, st)
		}
	}
	r := dossier.Request{
		Court:    dossier.Court{Kind: court.Kind, Code: court.Code, Name: court.Name, Cerfa: court.Cerfa},
		Creditor: creditor, Debtors: []dossier.Party{debtor}, Claim: cl, Pieces: pieces,
		Place: cr.Address.City, Date: on, Reference: fmt.Sprintf("dossier %d, facture %s", d.Case.ID, d.Invoice.Number),
	}
	// Commercial courts take requests online (tribunal digital, Infogreffe);
	// the creditor's email and mobile then appear, as the decree requires.
	r.Electronic = court.Cerfa == tribunal.CerfaCommercial && court.Kind != tribunal.KindChambreCommercialeTJ &&
		strings.TrimSpace(cr.Email) != "" && strings.TrimSpace(cr.Mobile) != ""
	if d.Case.PartnerID != nil {
		var p models.Partner
		if err := db.WithContext(ctx).Take(&p, *d.Case.PartnerID).Error; err != nil {
			return r, fmt.Errorf("partner %d of case %d: %w", *d.Case.PartnerID, d.Case.ID, err)
		}
		m := dossier.Party{Name: p.Name, SIREN: p.SIREN, Email: p.Email, Role: "Société d'affacturage, mandataire du créancier"}
		r.Mandataire = &m
	}
	return r, nil
}

// CaseDossier builds the dossier of a case as of day on.
func CaseDossier(ctx context.Context, db *gorm.DB, caseID uint, on civil.Date, greffeFeeCents int64) (dossier.Dossier, tribunal.Decision, error) {
	d, err := LoadCase(ctx, db, caseID)
	if err != nil {
		return dossier.Dossier{}, tribunal.Decision{}, err
	}
	court, err := DecideCourt(ctx, db, d, on)
	if err != nil {
		return dossier.Dossier{}, court, err
	}
	if court.NeedsChoice {
		return dossier.Dossier{}, court, ErrCourtNotChosen
	}
	cl, err := d.Claim(ctx, db, on)
	if err != nil {
		return dossier.Dossier{}, court, err
	}
	req, err := DossierRequest(ctx, db, d, court, cl, on)
	if err != nil {
		return dossier.Dossier{}, court, err
	}
	out, err := dossier.Build(req, dossier.Options{GreffeFeeCents: greffeFeeCents, CreditorEmployees: d.Creditor.Employees})
	return out, court, err
}

// storeDossier saves the dossier's PDF and ZIP as documents of the case and
// links them from the litigation file. A document with the same content
// already stored on the case is reused, so a retried activity adds nothing.
func storeDossier(ctx context.Context, db *gorm.DB, d CaseData, out dossier.Dossier) (pdfID, zipID uint, err error) {
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		base := fmt.Sprintf("requete-injonction-de-payer-%s", d.Invoice.Number)
		if pdfID, err = storeDocument(tx, d, DocDossierPDF, base+".pdf", "application/pdf", out.PDF); err != nil {
			return err
		}
		if zipID, err = storeDocument(tx, d, DocDossierZIP, base+".zip", "application/zip", out.ZIP); err != nil {
			return err
		}
		file, err := ensureFile(ctx, tx, d.Case.ID)
		if err != nil {
			return err
		}
		return tx.Model(&file).Updates(map[string]any{"dossier_pdf_id": pdfID, "dossier_zip_id": zipID}).Error
	})
	return pdfID, zipID, err
}

func storeDocument(tx *gorm.DB, d CaseData, kind, name, contentType string, content []byte) (uint, error) {
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:])
	var existing models.Document
	res := tx.Where("case_id = ? AND kind = ? AND sha256 = ?", d.Case.ID, kind, hash).Limit(1).Find(&existing)
	if res.Error != nil {
		return 0, res.Error
	}
	if res.RowsAffected > 0 {
		return existing.ID, nil
	}
	caseID, debtorID := d.Case.ID, d.Debtor.ID
	doc := models.Document{CaseID: &caseID, DebtorID: &debtorID, Kind: kind, FileName: name, ContentType: contentType,
		SHA256: hash, Size: int64(len(content)), Content: content}
	if err := tx.Create(&doc).Error; err != nil {
		return 0, fmt.Errorf("store %s of case %d: %w", kind, d.Case.ID, err)
	}
	return doc.ID, nil
}

package litigation

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// StoredDossier returns the dossier the litigation workflow stored for a
// case, as "pdf" or "zip", and whether there is one: the copy filed with the
// court is the one to hand out, a dossier built now (CaseDossier) only when
// none was stored yet.
func StoredDossier(ctx context.Context, db *gorm.DB, caseID uint, format string) (models.Document, bool, error) {
	var doc models.Document
	f, found, err := findFile(ctx, db, caseID)
	if err != nil || !found {
		return doc, false, err
	}
	id := f.DossierPDFID
	if format == "zip" {
		id = f.DossierZIPID
	}
	if id == nil {
		return doc, false, nil
	}
	err = db.WithContext(ctx).Take(&doc, *id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return doc, false, nil
	}
	if err != nil {
		return doc, false, fmt.Errorf("stored dossier %d of case %d: %w", *id, caseID, err)
	}
	return doc, true, nil
}

// DossierFileName names a dossier built for an invoice, as stored ones are.
func DossierFileName(invoiceNumber, format string) string {
	return fmt.Sprintf("requete-injonction-de-payer-%s.%s", invoiceNumber, format)
}

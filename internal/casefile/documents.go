// Package casefile reads and changes what the case file shows beyond the
// case row, for both the JSON API and the back-office: the case's documents
// and the person who runs the case. One query for both screens keeps them
// showing the same thing.
package casefile

import (
	"context"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// documentColumns are every column of a document but its content: a list
// names the files, the download serves them.
const documentColumns = "id, created_at, case_id, debtor_id, kind, file_name, content_type, sha256, size, template_id, template_version"

// Documents lists the documents of a case, oldest first, without their content.
func Documents(ctx context.Context, db *gorm.DB, caseID uint) ([]models.Document, error) {
	docs := []models.Document{}
	err := db.WithContext(ctx).Select(documentColumns).Where("case_id = ?", caseID).Order("id").Find(&docs).Error
	return docs, err
}

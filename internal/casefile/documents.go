// Package casefile reads and changes what the case file shows beyond the
// case row, for both the JSON API and the back-office: the case's documents
// and the person who runs the case. One query for both screens keeps them
// showing the same thing.
package casefile

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/models"
)

// documentColumns are every column of a document but its content: a list
// names the files, the download serves them.
const documentColumns = "id, created_at, case_id, debtor_id, partner_id, kind, file_name, content_type, sha256, size, template_id, template_version"

// Documents lists the documents of a case in scope s, oldest first,
// without their content. A partner sees those made since the case was last
// delegated (see Visible).
func Documents(ctx context.Context, db *gorm.DB, caseID uint, s casequery.Scope) ([]models.Document, error) {
	docs := []models.Document{}
	if err := db.WithContext(ctx).Select(documentColumns).Where("case_id = ?", caseID).Order("id").Find(&docs).Error; err != nil {
		return docs, err
	}
	if !s.PartnerOnly {
		return docs, nil
	}
	since, err := delegatedSince(ctx, db, caseID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(docs, func(d models.Document) bool { return since != nil && d.CreatedAt.Before(*since) }), nil
}

// delegatedSince is when the case was last delegated to a partner, nil when
// its timeline does not say (a delegation written outside the workflow).
func delegatedSince(ctx context.Context, db *gorm.DB, caseID uint) (*time.Time, error) {
	var last []models.CaseEvent
	err := db.WithContext(ctx).Select("at").Where("case_id = ? AND kind = ?", caseID, "delegated").Order("at DESC").Limit(1).Find(&last).Error
	if err != nil || len(last) == 0 {
		return nil, err
	}
	return &last[0].At, nil
}

// Visible reports whether a document may be shown in scope s. Staff see
// every document. A partner sees a document of a case delegated to it,
// made since that delegation, and a letter of several of its cases that
// was composed for it (documents.partner_id) while one of them still is
// its: letters of a case not yet delegated, or of cases of others, speak
// of the debtor's other debts, which are not the partner's business.
func Visible(ctx context.Context, db *gorm.DB, doc models.Document, s casequery.Scope) (bool, error) {
	if !s.PartnerOnly {
		return true, nil
	}
	if doc.CaseID == nil {
		if doc.PartnerID == nil || *doc.PartnerID != s.PartnerID || s.PartnerID == 0 {
			return false, nil
		}
		var linked int64
		err := db.WithContext(ctx).Table("case_events").Joins("JOIN cases ON cases.id = case_events.case_id").
			Where("case_events.document_id = ? AND cases.partner_id = ?", doc.ID, s.PartnerID).Count(&linked).Error
		return err == nil && linked > 0, err
	}
	if _, err := casequery.Get(ctx, db, *doc.CaseID, s); errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	since, err := delegatedSince(ctx, db, *doc.CaseID)
	return err == nil && (since == nil || !doc.CreatedAt.Before(*since)), err
}

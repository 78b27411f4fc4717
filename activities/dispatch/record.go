package dispatch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/models"
)

// documentKind names a letter's kind in models.Document.Kind.
func documentKind(k letters.Kind) string { return k.String() }

// newDocument is a stored PDF of group g with its fingerprint and the
// template version it was made from. A piece covering several cases is
// stored once, linked to the debtor; each case's timeline points at it. A
// piece composed for a partner's delegated cases says so (PartnerID).
func newDocument(pdf []byte, kind, fileName string, g Group, caseID *uint, v lettertemplates.Version) models.Document {
	sum := sha256.Sum256(pdf)
	debtorID := g.DebtorID
	doc := models.Document{CaseID: caseID, DebtorID: &debtorID, Kind: kind, FileName: fileName,
		ContentType: "application/pdf", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(pdf)),
		Content: pdf, TemplateID: v.TemplateID, TemplateVersion: v.Version}
	if g.PartnerID != 0 {
		partner := g.PartnerID
		doc.PartnerID = &partner
	}
	return doc
}

// SHA256Hex is the fingerprint stored with every document.
func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// fileName is the name of the PDF as the debtor sees it.
func fileName(k letters.Kind, date string) string {
	names := map[letters.Kind]string{
		letters.KindPreDueReminder: "rappel-echeance", letters.KindReminder1: "relance",
		letters.KindReminder2: "relance", letters.KindFormalDemand: "mise-en-demeure",
		letters.KindStatement: "releve-de-compte",
	}
	return names[k] + "-" + date + ".pdf"
}

// caseEvent appends one event to each case, once per key: the mailing's key
// and the event kind, so a retried activity writes nothing twice.
func caseEvents(tx *gorm.DB, caseIDs []uint, mailingKey, kind, summary, channel string, docID *uint, data map[string]any) error {
	return caseEventsBy(tx, "system", caseIDs, mailingKey, kind, summary, channel, docID, data)
}

// caseEventsBy is caseEvents for an event a person caused.
func caseEventsBy(tx *gorm.DB, actor string, caseIDs []uint, mailingKey, kind, summary, channel string, docID *uint, data map[string]any) error {
	raw := ""
	if len(data) > 0 {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		raw = string(b)
	}
	now := time.Now().UTC()
	for _, id := range sortedIDs(caseIDs) {
		ev := models.CaseEvent{CaseID: id, Key: "dispatch/" + mailingKey + "/" + kind, At: now, Actor: actor,
			Kind: kind, Summary: summary, Channel: channel, DocumentID: docID, Data: raw}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&ev).Error; err != nil {
			return fmt.Errorf("append %s event to case %d: %w", kind, id, err)
		}
	}
	return nil
}

// findMailing returns the mailing of key, or nil when there is none yet.
func findMailing(tx *gorm.DB, key string) (*models.Mailing, error) {
	var m models.Mailing
	err := tx.Where("key = ?", key).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read mailing %s: %w", key, err)
	}
	return &m, nil
}

func idsJSON(ids []uint) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

// OutboxIDs decodes a mailing's list of outbox entries.
func OutboxIDs(m models.Mailing) ([]uint, error) {
	var ids []uint
	if m.OutboxIDs == "" {
		return nil, nil
	}
	if err := json.Unmarshal([]byte(m.OutboxIDs), &ids); err != nil {
		return nil, fmt.Errorf("mailing %d: outbox IDs %q: %w", m.ID, m.OutboxIDs, err)
	}
	return ids, nil
}

// casesOf returns the cases of a mailing's outbox entries.
func casesOf(tx *gorm.DB, outboxIDs []uint) ([]uint, error) {
	var ids []uint
	err := tx.Model(&models.Outbox{}).Where("id IN ? AND case_id IS NOT NULL", outboxIDs).Pluck("case_id", &ids).Error
	return ids, err
}

// blocked handles a piece that cannot be composed until an administrator
// acts — today, a late-payment rate missing for the half-year: the entries
// stay waiting (the next run tries again), each case's timeline says why
// once a day, and the activity succeeds with status "blocked" rather than
// fail, since retrying cannot help before someone adds the rate. Any other
// error is returned as it is.
func (a *Activities) blocked(ctx context.Context, g Group, cause error) (Result, error) {
	var missing *claim.MissingRateError
	if !errors.As(cause, &missing) {
		return Result{}, cause
	}
	caseIDs := make([]uint, len(g.Entries))
	for i, e := range g.Entries {
		caseIDs[i] = e.CaseID
	}
	summary := "Envoi en attente : " + cause.Error() + " — à ajouter par un administrateur (taux d’intérêt)"
	err := a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return caseEvents(tx, caseIDs, g.Key+"/"+g.Date.String(), "dispatch_blocked", summary, g.Channel, nil,
			map[string]any{"error": cause.Error()})
	})
	if err != nil {
		return Result{}, fmt.Errorf("record blocked %s: %w", g.Key, err)
	}
	return Result{Status: StatusBlocked, Reason: cause.Error()}, nil
}

// siblingDocument returns the document of the postal letter of the same
// debtor, step and day that covers exactly the same cases, or 0.
func siblingDocument(tx *gorm.DB, g Group, caseIDs []uint) (uint, error) {
	var ms []models.Mailing
	err := tx.Where("debtor_id = ? AND step = ? AND due_on = ? AND channel IN ? AND document_id IS NOT NULL",
		g.DebtorID, g.Step, g.Date, []string{ChannelLetter, ChannelRegisteredLetter}).Order("id").Find(&ms).Error
	if err != nil {
		return 0, fmt.Errorf("letters of %s: %w", g.Key, err)
	}
	want := fmt.Sprint(sortedIDs(caseIDs))
	for _, m := range ms {
		ids, err := OutboxIDs(m)
		if err != nil {
			return 0, err
		}
		cases, err := casesOf(tx, ids)
		if err != nil {
			return 0, err
		}
		if fmt.Sprint(sortedIDs(cases)) == want {
			return *m.DocumentID, nil
		}
	}
	return 0, nil
}

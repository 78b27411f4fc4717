package dispatch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

// Postal actions recorded from the back-office, in the order they happen.
const (
	ActionPrinted      = "printed"
	ActionPosted       = "posted"
	ActionTracking     = "tracking"
	ActionAcknowledged = "acknowledged"
)

// PostalUpdate is one step of a postal letter's life.
type PostalUpdate struct {
	Action         string
	Date           civil.Date // posted, acknowledged
	TrackingNumber string     // tracking
}

// ErrPostalTransition is wrapped by every refused postal update.
var ErrPostalTransition = errors.New("postal letter update refused")

// ApplyPostal returns m after u, or an error saying why u does not apply:
// to_print → printed → posted (date) → acknowledged (date of the avis de
// réception, registered letters only). A tracking number may be recorded on
// a registered letter at any point once printed. Repeating an update with
// the same values is accepted and changes nothing.
func ApplyPostal(m models.Mailing, u PostalUpdate, now time.Time) (models.Mailing, error) {
	refuse := func(format string, args ...any) (models.Mailing, error) {
		return m, fmt.Errorf("%w: letter %d (%s): %s", ErrPostalTransition, m.ID, m.Status, fmt.Sprintf(format, args...))
	}
	registered := m.Channel == ChannelRegisteredLetter
	if m.Channel != ChannelLetter && !registered {
		return refuse("channel %q is not a postal letter", m.Channel)
	}
	switch u.Action {
	case ActionPrinted:
		switch m.Status {
		case StatusToPrint:
			m.Status, m.PrintedAt = StatusPrinted, &now
		case StatusPrinted:
		default:
			return refuse("only a letter to print can be marked printed")
		}
	case ActionPosted:
		if u.Date.IsZero() {
			return refuse("the posting date is missing")
		}
		if m.PrintedAt != nil && u.Date.Before(civil.Of(*m.PrintedAt)) {
			return refuse("posting date %s is before the printing on %s", u.Date, civil.Of(*m.PrintedAt))
		}
		switch {
		case m.Status == StatusPrinted:
			m.Status, m.PostedOn = StatusPosted, u.Date
		case m.Status == StatusPosted && m.PostedOn.Equal(u.Date):
		default:
			return refuse("only a printed letter can be posted")
		}
	case ActionTracking:
		number := strings.ToUpper(strings.Join(strings.Fields(u.TrackingNumber), ""))
		if !registered {
			return refuse("a tracking number is recorded for registered letters only")
		}
		if len(number) < 8 || len(number) > 20 || strings.Trim(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			return refuse("tracking number %q: want 8 to 20 letters and digits", u.TrackingNumber)
		}
		if m.Status == StatusToPrint || m.Status == StatusFailed {
			return refuse("record the tracking number once the letter is printed")
		}
		m.TrackingNumber = number
	case ActionAcknowledged:
		if !registered {
			return refuse("only a registered letter has an acknowledgment of receipt")
		}
		if u.Date.IsZero() {
			return refuse("the date of the acknowledgment of receipt is missing")
		}
		switch {
		case m.Status == StatusPosted:
			if u.Date.Before(m.PostedOn) {
				return refuse("acknowledgment date %s is before the posting on %s", u.Date, m.PostedOn)
			}
			m.Status, m.AcknowledgedOn = StatusAcknowledged, u.Date
		case m.Status == StatusAcknowledged && m.AcknowledgedOn.Equal(u.Date):
		default:
			return refuse("only a posted letter can be acknowledged")
		}
	default:
		return refuse("unknown action %q", u.Action)
	}
	return m, nil
}

// UpdatePostal applies u to mailing id, mirrors the status on its outbox
// entries and writes the step on each case's timeline, as actor.
func UpdatePostal(ctx context.Context, db *gorm.DB, id uint, u PostalUpdate, actor string) (models.Mailing, error) {
	var out models.Mailing
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var m models.Mailing
		if err := tx.First(&m, id).Error; err != nil {
			return err
		}
		next, err := ApplyPostal(m, u, time.Now().UTC())
		if err != nil {
			return err
		}
		out = next
		if err := tx.Save(&next).Error; err != nil {
			return fmt.Errorf("save letter %d: %w", id, err)
		}
		ids, err := OutboxIDs(next)
		if err != nil {
			return err
		}
		outbox := map[string]any{"status": next.Status}
		if next.Status == StatusPosted && next.SentAt == nil {
			t := next.PostedOn.UTC()
			outbox["sent_at"] = t
		}
		if err := tx.Model(&models.Outbox{}).Where("id IN ?", ids).Updates(outbox).Error; err != nil {
			return fmt.Errorf("update outbox entries of letter %d: %w", id, err)
		}
		cases, err := casesOf(tx, ids)
		if err != nil {
			return err
		}
		kind, summary, value := postalEvent(next, u)
		return caseEventsBy(tx, actor, cases, next.Key+"/"+value, kind, summary, next.Channel, next.DocumentID,
			map[string]any{"mailing_id": next.ID})
	})
	return out, err
}

// postalEvent is the timeline entry of a postal update.
func postalEvent(m models.Mailing, u PostalUpdate) (kind, summary, value string) {
	what := "Courrier"
	if m.Channel == ChannelRegisteredLetter {
		what = "Lettre recommandée"
	}
	switch u.Action {
	case ActionPrinted:
		return "letter_printed", what + " imprimé(e)", "printed"
	case ActionPosted:
		return "letter_posted", what + " posté(e) le " + m.PostedOn.French(), m.PostedOn.String()
	case ActionTracking:
		return "letter_tracking", what + " : numéro de suivi " + m.TrackingNumber, m.TrackingNumber
	}
	return "letter_acknowledged", "Accusé de réception signé le " + m.AcknowledgedOn.French(), m.AcknowledgedOn.String()
}

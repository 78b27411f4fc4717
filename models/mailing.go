package models

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// Mailing is one piece actually sent to a debtor: a grouped email or a
// postal letter that covers one or more outbox entries (one per invoice
// whose step asked for it). The outbox entries point to its document; the
// mailing follows the piece through the post or the SMTP relay.
//
// Email: sending (message ID written before the SMTP dialogue) → sent, or
// failed on a permanent refusal. Postal letter: to_print → printed → posted
// (PostedOn) → acknowledged (registered letters: TrackingNumber, then
// AcknowledgedOn from the avis de réception).
type Mailing struct {
	ID             uint       `gorm:"primaryKey" json:"id"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	Key            string     `gorm:"size:250;not null;uniqueIndex" json:"key"` // from the outbox keys it covers
	DebtorID       uint       `gorm:"not null;index" json:"debtor_id"`
	Step           string     `gorm:"size:64;not null" json:"step"`
	Channel        string     `gorm:"size:32;not null;index" json:"channel"` // email, letter, registered_letter
	Status         string     `gorm:"size:32;not null;index" json:"status"`
	DueOn          civil.Date `gorm:"index" json:"due_on"` // the day it goes out: the print batch of that day
	DocumentID     *uint      `json:"document_id,omitempty"`
	OutboxIDs      string     `gorm:"type:text" json:"outbox_ids"` // JSON list of the entries covered
	MessageID      string     `gorm:"size:250" json:"message_id,omitempty"`
	Recipient      string     `gorm:"size:200" json:"recipient,omitempty"`
	SentAt         *time.Time `json:"sent_at,omitempty"`
	PrintedAt      *time.Time `json:"printed_at,omitempty"`
	PostedOn       civil.Date `json:"posted_on,omitzero"`
	TrackingNumber string     `gorm:"size:64" json:"tracking_number,omitempty"`
	AcknowledgedOn civil.Date `json:"acknowledged_on,omitzero"`
	Error          string     `gorm:"size:1000" json:"error,omitempty"`
}

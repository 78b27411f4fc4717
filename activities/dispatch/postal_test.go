package dispatch

import (
	"errors"
	"testing"
	"time"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

func TestApplyPostal(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	printedAt := now
	day := civil.New(2026, 11, 23)
	toPrint := models.Mailing{Channel: ChannelRegisteredLetter, Status: StatusToPrint}
	printed := models.Mailing{Channel: ChannelRegisteredLetter, Status: StatusPrinted, PrintedAt: &printedAt}
	posted := printed
	posted.Status, posted.PostedOn = StatusPosted, day
	acked := posted
	acked.Status, acked.AcknowledgedOn = StatusAcknowledged, day.AddDays(2)
	plain := printed
	plain.Channel = ChannelLetter
	email := models.Mailing{Channel: ChannelEmail, Status: StatusSent}

	tests := []struct {
		name       string
		m          models.Mailing
		u          PostalUpdate
		wantStatus string
		wantErr    bool
	}{
		{"print", toPrint, PostalUpdate{Action: ActionPrinted}, StatusPrinted, false},
		{"print twice", printed, PostalUpdate{Action: ActionPrinted}, StatusPrinted, false},
		{"print after posting", posted, PostalUpdate{Action: ActionPrinted}, "", true},
		{"post", printed, PostalUpdate{Action: ActionPosted, Date: day}, StatusPosted, false},
		{"post before printing", toPrint, PostalUpdate{Action: ActionPosted, Date: day}, "", true},
		{"post without date", printed, PostalUpdate{Action: ActionPosted}, "", true},
		{"post dated before the printing", printed, PostalUpdate{Action: ActionPosted, Date: day.AddDays(-1)}, "", true},
		{"post again same day", posted, PostalUpdate{Action: ActionPosted, Date: day}, StatusPosted, false},
		{"post again another day", posted, PostalUpdate{Action: ActionPosted, Date: day.AddDays(1)}, "", true},
		{"tracking", posted, PostalUpdate{Action: ActionTracking, TrackingNumber: "1a 234 567 8901 2"}, StatusPosted, false},
		{"tracking before printing", toPrint, PostalUpdate{Action: ActionTracking, TrackingNumber: "1A23456789012"}, "", true},
		{"tracking on a plain letter", plain, PostalUpdate{Action: ActionTracking, TrackingNumber: "1A23456789012"}, "", true},
		{"tracking too short", posted, PostalUpdate{Action: ActionTracking, TrackingNumber: "12"}, "", true},
		{"tracking with punctuation", posted, PostalUpdate{Action: ActionTracking, TrackingNumber: "1A-2345-6789"}, "", true},
		{"acknowledge", posted, PostalUpdate{Action: ActionAcknowledged, Date: day.AddDays(2)}, StatusAcknowledged, false},
		{"acknowledge before posting day", posted, PostalUpdate{Action: ActionAcknowledged, Date: day.AddDays(-1)}, "", true},
		{"acknowledge unposted", printed, PostalUpdate{Action: ActionAcknowledged, Date: day}, "", true},
		{"acknowledge again same date", acked, PostalUpdate{Action: ActionAcknowledged, Date: day.AddDays(2)}, StatusAcknowledged, false},
		{"acknowledge a plain letter", plain, PostalUpdate{Action: ActionAcknowledged, Date: day}, "", true},
		{"an email is not a letter", email, PostalUpdate{Action: ActionPrinted}, "", true},
		{"unknown action", printed, PostalUpdate{Action: "burnt"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ApplyPostal(tt.m, tt.u, now)
			if tt.wantErr {
				if !errors.Is(err, ErrPostalTransition) {
					t.Fatalf("got %v (status %s), want a refusal", err, got.Status)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.wantStatus {
				t.Errorf("status %s, want %s", got.Status, tt.wantStatus)
			}
		})
	}
	got, _ := ApplyPostal(posted, PostalUpdate{Action: ActionTracking, TrackingNumber: "1a 234 567 8901 2"}, now)
	if got.TrackingNumber != "1A23456789012" {
		t.Errorf("tracking number stored as %q", got.TrackingNumber)
	}
}

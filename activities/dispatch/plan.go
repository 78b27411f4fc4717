package dispatch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/recouvra/recouvra/activities/outbox"
	"github.com/recouvra/recouvra/internal/civil"
)

// Entry is an outbox entry waiting for the dispatch: one channel of one
// step of one case.
type Entry struct {
	ID uint `json:"id"` // the outbox row
	outbox.Send
	// PartnerID is the factoring partner the case is delegated to (0: none),
	// read from the case when the entry is planned, not from the payload.
	PartnerID uint `json:"partner_id,omitempty"`
}

// Group is what one piece sent to a debtor covers: entries of the same
// debtor, step and channel, and of cases delegated to the same factoring
// partner (or to none). Key identifies the piece for ever (it is the
// mailing's key and the root of its Message-ID): the same entries always
// make the same key.
type Group struct {
	Key          string     `json:"key"`
	DebtorID     uint       `json:"debtor_id"`
	Step         string     `json:"step"`
	Level        int        `json:"level"`
	Channel      string     `json:"channel"`
	Template     string     `json:"template"`
	FormalDemand bool       `json:"formal_demand"`
	Date         civil.Date `json:"date"` // date of the piece
	// PartnerID is the factoring partner all the group's cases are delegated
	// to: the piece is composed within its scope. 0 (also what a group
	// recorded before the field existed decodes to): cases not delegated.
	PartnerID uint    `json:"partner_id,omitempty"`
	Entries   []Entry `json:"entries"`
}

// Plan groups the waiting entries into the pieces to send on today.
//
// Entries group by debtor, step, channel and factoring partner: a delegated
// case is the partner's receivable, so its piece never covers a case that is
// not delegated to that same partner. A group goes out once its
// oldest entry has waited windowDays days (0: the day it is due), and then
// takes every entry of the group due by today: a debtor whose invoices reach
// the same step within the window receives one letter and one email naming
// them all. Entries due after today wait. Groups come out in a stable order
// (debtor, step, partner, then postal letters before emails) and entries by
// due date then ID.
func Plan(entries []Entry, today civil.Date, windowDays int) []Group {
	type gk struct {
		debtor        uint
		step, channel string
		template      string
		formal        bool
		partner       uint
	}
	byKey := map[gk][]Entry{}
	for _, e := range entries {
		if e.DueOn.After(today) {
			continue
		}
		k := gk{e.DebtorID, e.Step, e.Channel, e.Template, e.FormalDemand, e.PartnerID}
		byKey[k] = append(byKey[k], e)
	}
	var groups []Group
	for k, es := range byKey {
		sort.Slice(es, func(i, j int) bool {
			if c := es[i].DueOn.Compare(es[j].DueOn); c != 0 {
				return c < 0
			}
			return es[i].ID < es[j].ID
		})
		if es[0].DueOn.AddDays(windowDays).After(today) {
			continue // the oldest has not waited the window yet
		}
		level := 0
		for _, e := range es {
			level = max(level, e.Level)
		}
		g := Group{DebtorID: k.debtor, Step: k.step, Level: level, Channel: k.channel, Template: k.template,
			FormalDemand: k.formal, Date: today, PartnerID: k.partner, Entries: es}
		g.Key = GroupKey(g)
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if a.DebtorID != b.DebtorID {
			return a.DebtorID < b.DebtorID
		}
		if a.Step != b.Step {
			return a.Step < b.Step
		}
		if a.PartnerID != b.PartnerID {
			return a.PartnerID < b.PartnerID
		}
		return channelRank(a.Channel) < channelRank(b.Channel)
	})
	return groups
}

// channelRank puts postal letters before emails: an email of the same step
// then attaches the very document that goes by post.
func channelRank(channel string) int {
	switch channel {
	case "registered_letter":
		return 0
	case "letter":
		return 1
	case "email":
		return 3
	}
	return 2
}

// GroupKey names a group from its debtor, step, channel and the outbox keys
// it covers, whatever their order. The hash keeps it short enough for a
// Message-ID however many invoices the piece covers.
func GroupKey(g Group) string {
	keys := make([]string, len(g.Entries))
	for i, e := range g.Entries {
		keys[i] = e.Key
	}
	sort.Strings(keys)
	sum := sha256.Sum256([]byte(strings.Join(keys, "\n")))
	return fmt.Sprintf("debtor-%d.%s.%s.%s", g.DebtorID, g.Step, g.Channel, hex.EncodeToString(sum[:8]))
}

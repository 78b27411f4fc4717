package dispatch_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/mailer"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

// monday is the week the three invoices of the grouping tests fall due.
var monday = civil.New(2026, 11, 16)

func newActivities(env *dispatchtest.Env, window int) *dispatch.Activities {
	return &dispatch.Activities{DB: env.DB, Mailer: env.Sender, WindowDays: window, FromAddress: "relances@forges-ecluse.fr"}
}

// threeInvoicesOneWeek seeds a trade debtor with three invoices whose
// level-1 step (email and letter) falls on Monday, Wednesday and Friday.
func threeInvoicesOneWeek(t *testing.T, env *dispatchtest.Env) (models.Debtor, []dispatchtest.Invoice) {
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	invs := []dispatchtest.Invoice{
		env.Invoice(t, d, "FA-2026-0117", monday.AddDays(-3), 144000, 144000),
		env.Invoice(t, d, "FA-2026-0142", monday.AddDays(-1), 216000, 108000),
		env.Invoice(t, d, "FA-2026-0150", monday.AddDays(1), 98050, 98050),
	}
	for i, inv := range invs {
		day := monday.AddDays(2 * i)
		env.Enqueue(t, inv, "level1", 1, dispatch.ChannelEmail, day)
		env.Enqueue(t, inv, "level1", 1, dispatch.ChannelLetter, day)
	}
	return d, invs
}

func TestThreeInvoicesOfADebtorMakeOneEmailAndOneLetter(t *testing.T) {
	for name, open := range testenv.Databases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := open(t)
			env := dispatchtest.New(t, db)
			d, invs := threeInvoicesOneWeek(t, env)
			a := newActivities(env, 4)

			wednesday, friday := monday.AddDays(2), monday.AddDays(4)
			if groups, err := a.DueMailings(ctx, wednesday); err != nil || len(groups) != 0 {
				t.Fatalf("Wednesday, inside the window: %d groups, %v; want none", len(groups), err)
			}
			groups, err := a.DueMailings(ctx, friday)
			if err != nil {
				t.Fatal(err)
			}
			if len(groups) != 2 || groups[1].Channel != "email" || groups[0].Channel != "letter" ||
				len(groups[0].Entries) != 3 || len(groups[1].Entries) != 3 {
				t.Fatalf("Friday: want one email and one letter group of 3 entries, got %+v", groups)
			}
			letter, err := a.PrepareLetter(ctx, groups[0])
			if err != nil {
				t.Fatal(err)
			}
			res, err := a.SendEmail(ctx, groups[1])
			if err != nil || !res.Sent {
				t.Fatalf("SendEmail: %+v, %v", res, err)
			}
			if res.DocumentID != letter.DocumentID {
				t.Errorf("the email attaches document %d, the letter is %d: want the same", res.DocumentID, letter.DocumentID)
			}
			if again, _ := a.DueMailings(ctx, friday); len(again) != 0 {
				t.Errorf("after dispatch, still due: %+v", again)
			}

			mails := env.Received(t)
			if len(mails) != 1 {
				t.Fatalf("SMTP server received %d messages, want 1", len(mails))
			}
			m := mails[0]
			if m.From != "Forges de l’Écluse <relances@forges-ecluse.fr>" {
				t.Errorf("From %q, want the creditor's name", m.From)
			}
			if len(m.To) != 1 || m.To[0] != d.Email {
				t.Errorf("To %v, want %s", m.To, d.Email)
			}
			if !strings.Contains(m.ReplyTo, env.Manager.Email) || !strings.Contains(m.ReplyTo, "Hélène Mercier") {
				t.Errorf("Reply-To %q, want the account manager", m.ReplyTo)
			}
			wantID := mailer.MessageID(groups[1].Key)
			thread := mailer.ThreadID(dispatch.ThreadKey(d.ID))
			if m.MessageID != wantID || m.InReplyTo != thread || len(m.References) != 1 || m.References[0] != thread {
				t.Errorf("threading: id %q in-reply-to %q references %v; want %q, %q", m.MessageID, m.InReplyTo, m.References, wantID, thread)
			}
			if !strings.HasPrefix(m.Subject, "Relance : factures ") {
				t.Errorf("subject %q", m.Subject)
			}
			for _, inv := range invs {
				for part, body := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
					if !strings.Contains(body, inv.Number) {
						t.Errorf("%s does not name invoice %s", part, inv.Number)
					}
				}
			}
			text := dispatchtest.Normalize(m.Text)
			for _, want := range []string{"Bonjour M. Hervé Lefèvre", "Montant total dû : 3 500,50 €",
				"IBAN FR76 3000 6000 0112 3456 7890 189", "Hélène Mercier"} {
				if !strings.Contains(text, want) {
					t.Errorf("text body lacks %q:\n%s", want, m.Text)
				}
			}
			if !strings.Contains(m.HTML, "<strong>FA-2026-0117</strong>") {
				t.Errorf("HTML body lacks the invoice in bold:\n%s", m.HTML)
			}
			if len(m.Attachments) != 1 || m.Attachments[0].ContentType != "application/pdf" ||
				!strings.HasPrefix(string(m.Attachments[0].Data), "%PDF-") {
				t.Fatalf("attachments: %+v", m.Attachments)
			}

			// The email and its outbox entries point at the stored document.
			var entries []models.Outbox
			db.Where("channel = ?", "email").Find(&entries)
			var doc models.Document
			if err := db.First(&doc, *entries[0].DocumentID).Error; err != nil {
				t.Fatal(err)
			}
			if string(doc.Content) != string(m.Attachments[0].Data) || doc.SHA256 != dispatch.SHA256Hex(doc.Content) {
				t.Error("attached PDF differs from the stored document or its SHA-256")
			}
			for _, e := range entries {
				if e.Status != "sent" || e.SentAt == nil || e.DocumentID == nil || *e.DocumentID != doc.ID {
					t.Errorf("email outbox entry %d: status %s, document %v", e.ID, e.Status, e.DocumentID)
				}
			}
			pdf := dispatchtest.PDFText(t, doc.Content)
			for _, want := range []string{"Nanterre, le 20 novembre 2026", "Menuiserie Bérénice", "Champs-Élysées",
				"FA-2026-0117", "FA-2026-0142", "FA-2026-0150", "1 440,00 €", "1 080,00 €", "980,50 €",
				"3 500,50 €", "Hélène Mercier", "l’expression de nos salutations distinguées"} {
				if !strings.Contains(pdf, dispatchtest.Normalize(want)) {
					t.Errorf("attached PDF lacks %q", want)
				}
			}

			// One letter, in the print batch of Friday, linked from each case.
			var letters []models.Mailing
			db.Where("channel = ?", "letter").Find(&letters)
			if len(letters) != 1 || letters[0].Status != "to_print" || !letters[0].DueOn.Equal(friday) {
				t.Fatalf("letter mailings: %+v", letters)
			}
			for _, inv := range invs {
				var evs []models.CaseEvent
				db.Where("case_id = ? AND kind IN ?", inv.Case.ID, []string{"email_sent", "letter_ready"}).Order("id").Find(&evs)
				if len(evs) != 2 || evs[0].DocumentID == nil || *evs[0].DocumentID != doc.ID ||
					evs[1].DocumentID == nil || *evs[1].DocumentID != *letters[0].DocumentID {
					t.Errorf("case %d timeline: %+v", inv.Case.ID, evs)
				}
			}
		})
	}
}

func TestCrashAfterTheRelayAcceptedDoesNotSendTwice(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	threeInvoicesOneWeek(t, env)
	a := newActivities(env, 0)
	crash := errors.New("worker killed")
	crashes := 0
	a.AfterSent = func(string) error { crashes++; return crash }
	groups, err := a.DueMailings(ctx, monday)
	if err != nil || len(groups) != 2 {
		t.Fatalf("%+v, %v", groups, err)
	}
	email := groups[1]
	if _, err := a.SendEmail(ctx, email); !errors.Is(err, crash) {
		t.Fatalf("first attempt: %v, want the crash", err)
	}
	a.AfterSent = nil
	res, err := a.SendEmail(ctx, email) // the retry
	if err != nil || res.Sent || res.Status != "sent" {
		t.Fatalf("retry: %+v, %v; want found sent, not sent again", res, err)
	}
	if n := len(env.Received(t)); n != 1 || crashes != 1 {
		t.Errorf("SMTP server received %d copies (crashes %d), want exactly 1", n, crashes)
	}
}

func TestPermanentRefusalIsRecordedAndNotRetried(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d, invs := threeInvoicesOneWeek(t, env)
	env.SMTP.RejectRecipients(func(addr string) bool { return addr == d.Email })
	a := newActivities(env, 0)
	groups, _ := a.DueMailings(ctx, monday)
	email := groups[1]
	_, err := a.SendEmail(ctx, email)
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() || appErr.Type() != dispatch.ErrTypePermanent {
		t.Fatalf("got %v, want a non-retryable %s", err, dispatch.ErrTypePermanent)
	}
	res, err := a.SendEmail(ctx, email)
	if err != nil || res.Status != "failed" {
		t.Errorf("second call: %+v, %v; want the recorded failure", res, err)
	}
	var e models.Outbox
	db.Where("channel = ? AND case_id = ?", "email", invs[0].Case.ID).Take(&e)
	if e.Status != "failed" || !strings.Contains(e.Error, "550") {
		t.Errorf("outbox entry: status %s error %q", e.Status, e.Error)
	}
	var ev models.CaseEvent
	if err := db.Where("case_id = ? AND kind = ?", invs[0].Case.ID, "email_failed").Take(&ev).Error; err != nil {
		t.Fatalf("no email_failed event: %v", err)
	}
	if !strings.Contains(ev.Summary, "chargé de recouvrement") {
		t.Errorf("summary %q", ev.Summary)
	}
	if n := len(env.Received(t)); n != 0 {
		t.Errorf("%d messages stored despite the refusal", n)
	}
	// A pending email of a debtor without an address fails the same way.
	db.Model(&models.Debtor{}).Where("id = ?", d.ID).Update("email", "")
	other := env.Invoice(t, d, "FA-2026-0199", monday, 1000, 1000)
	env.Enqueue(t, other, "level2", 2, dispatch.ChannelEmail, monday)
	groups, _ = a.DueMailings(ctx, monday)
	var level2 dispatch.Group
	for _, g := range groups {
		if g.Step == "level2" {
			level2 = g
		}
	}
	if _, err := a.SendEmail(ctx, level2); !errors.As(err, &appErr) || !appErr.NonRetryable() ||
		!strings.Contains(err.Error(), "pas d’adresse e-mail") {
		t.Errorf("debtor without email: %v", err)
	}
}

func TestEntriesOfClosedCasesAreCancelled(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	_, invs := threeInvoicesOneWeek(t, env)
	db.Model(&models.Case{}).Where("id = ?", invs[0].Case.ID).Update("status", models.CasePaid)
	groups, err := newActivities(env, 4).DueMailings(ctx, monday.AddDays(7))
	if err != nil || len(groups) != 2 || len(groups[0].Entries) != 2 {
		t.Fatalf("groups %+v, %v; want the two open invoices only", groups, err)
	}
	var n int64
	db.Model(&models.Outbox{}).Where("case_id = ? AND status = ?", invs[0].Case.ID, "cancelled").Count(&n)
	if n != 2 {
		t.Errorf("%d entries of the paid case cancelled, want 2", n)
	}
}

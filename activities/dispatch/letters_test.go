package dispatch_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/recouvra/recouvra/activities/dispatch"
	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/casequery"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

func assertText(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	text = dispatchtest.Normalize(text)
	for _, w := range wants {
		if !strings.Contains(text, dispatchtest.Normalize(w)) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func documentOf(t *testing.T, db *dispatchtest.Env, r dispatch.Result) models.Document {
	t.Helper()
	var doc models.Document
	if err := db.DB.First(&doc, r.DocumentID).Error; err != nil {
		t.Fatalf("document of %+v: %v", r, err)
	}
	return doc
}

// dispatchAll runs every group due on day and returns the results by channel.
func dispatchAll(t *testing.T, a *dispatch.Activities, day civil.Date) map[string][]dispatch.Result {
	t.Helper()
	ctx := context.Background()
	groups, err := a.DueMailings(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]dispatch.Result{}
	for _, g := range groups {
		var r dispatch.Result
		if g.Channel == dispatch.ChannelEmail {
			r, err = a.SendEmail(ctx, g)
		} else {
			r, err = a.PrepareLetter(ctx, g)
		}
		if err != nil {
			t.Fatalf("group %s: %v", g.Key, err)
		}
		out[g.Channel] = append(out[g.Channel], r)
	}
	return out
}

func TestFormalDemandToABusiness(t *testing.T) {
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	rate := int64(1250) // 12,50 % in the terms of sale
	inv := env.Invoice(t, d, "FA-2026-0117", civil.New(2026, 10, 1), 120000, 120000)
	db.Model(&models.Invoice{}).Where("id = ?", inv.ID).Update("late_rate_bp", rate)
	day := civil.New(2026, 11, 23)
	env.Enqueue(t, inv, "formal_demand", 3, dispatch.ChannelRegisteredLetter, day)
	env.Enqueue(t, inv, "formal_demand", 3, dispatch.ChannelEmail, day)

	res := dispatchAll(t, newActivities(env, 0), day)
	letter := documentOf(t, env, res[dispatch.ChannelRegisteredLetter][0])
	if letter.Kind != "formal_demand" || letter.FileName != "mise-en-demeure-2026-11-23.pdf" {
		t.Errorf("document %s %s", letter.Kind, letter.FileName)
	}
	// 1 200 € at 12,50 % for the 53 days from 2 October to 23 November:
	// 120000 × 0.125 × 53 / 365 = 2178.08 cents.
	text := dispatchtest.PDFText(t, letter.Content)
	assertText(t, "mise en demeure", text,
		"MISE EN DEMEURE", "Nanterre, le 23 novembre 2026", "FA-2026-0117",
		"1 200,00 €", "21,78 €", "40,00 €", "1 261,78 €", "12,50 %",
		"au plus tard le 1er décembre 2026", "article 1344 du code civil",
		"injonction de payer", "IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPPXXX",
		"Référence à indiquer sur le virement : C-0042", "indemnité forfaitaire",
		"Forges de l’Écluse", "RCS Nanterre")

	mails := env.Received(t)
	if len(mails) != 1 {
		t.Fatalf("%d emails", len(mails))
	}
	m := mails[0]
	assertText(t, "email text", dispatchtest.Normalize(m.Text), "Principal : 1 200,00 €",
		"Pénalités de retard au 23 novembre 2026 : 21,78 €",
		"Indemnités forfaitaires pour frais de recouvrement : 40,00 €", "Total dû : 1 261,78 €",
		"au plus tard le 1er décembre 2026", "injonction de payer")
	if !strings.HasPrefix(m.Subject, "Mise en demeure de payer") || len(m.Attachments) != 1 ||
		m.Attachments[0].Name != "mise-en-demeure-2026-11-23.pdf" {
		t.Errorf("subject %q attachments %d", m.Subject, len(m.Attachments))
	}
}

func TestFormalDemandToAConsumerClaimsNoIndemnity(t *testing.T) {
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "P-0007", models.Consumer, "FR")
	inv := env.Invoice(t, d, "FA-2026-0301", civil.New(2026, 10, 1), 45000, 45000)
	day := civil.New(2026, 11, 23)
	env.Enqueue(t, inv, "formal_demand", 3, dispatch.ChannelRegisteredLetter, day)
	res := dispatchAll(t, newActivities(env, 0), day)
	text := dispatchtest.PDFText(t, documentOf(t, env, res[dispatch.ChannelRegisteredLetter][0]).Content)
	assertText(t, "consumer demand", text, "MISE EN DEMEURE", "Mme Agnès Dupré", "450,00 €", "injonction de payer")
	if strings.Contains(text, "40,00 €") || strings.Contains(text, "indemnité forfaitaire") {
		t.Error("a consumer's formal demand claims the 40 € indemnity")
	}
}

func TestTemplateEditReachesTheNextLetterOnly(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	first := env.Invoice(t, d, "FA-1", monday.AddDays(-10), 10000, 10000)
	second := env.Invoice(t, d, "FA-2", monday.AddDays(-5), 20000, 20000)
	a := newActivities(env, 0)

	env.Enqueue(t, first, "level1", 1, dispatch.ChannelLetter, monday)
	before := documentOf(t, env, dispatchAll(t, a, monday)[dispatch.ChannelLetter][0])
	sent := bytes.Clone(before.Content)
	if before.TemplateVersion != lettertemplates.ShippedVersion || before.TemplateID != nil {
		t.Errorf("first letter: template v%d id %v, want the shipped default", before.TemplateVersion, before.TemplateID)
	}

	store := lettertemplates.Store{DB: db}
	v, err := store.Save(ctx, "level1.letter.body", "fr",
		"Madame, Monsieur,\n\nNouvelle formulation validée par la direction : {{.InvoiceNumbers}} pour {{.Total}}.", "cm@test")
	if err != nil {
		t.Fatal(err)
	}
	env.Enqueue(t, second, "level1", 1, dispatch.ChannelLetter, monday.AddDays(1))
	after := documentOf(t, env, dispatchAll(t, a, monday.AddDays(1))[dispatch.ChannelLetter][0])
	if after.TemplateVersion != v.Version || after.TemplateID == nil || *after.TemplateID != *v.TemplateID {
		t.Errorf("second letter: template v%d id %v, want v%d", after.TemplateVersion, after.TemplateID, v.Version)
	}
	assertText(t, "letter after the edit", dispatchtest.PDFText(t, after.Content),
		"Nouvelle formulation validée par la direction : FA-2 pour 200,00 €")

	var reread models.Document
	db.First(&reread, before.ID)
	if !bytes.Equal(reread.Content, sent) || reread.SHA256 != dispatch.SHA256Hex(sent) || reread.TemplateVersion != 1 {
		t.Error("the letter made before the edit changed")
	}
	if strings.Contains(dispatchtest.PDFText(t, reread.Content), "Nouvelle formulation") {
		t.Error("the earlier letter shows the new wording")
	}
}

func TestPrintBatchStartsEveryLetterOnAnOddPage(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	short := env.Debtor(t, "C-0001", models.Trader, "FR")
	long := env.Debtor(t, "C-0002", models.Trader, "FR")
	db.Model(&long).Update("name", "Charpentes Lévêque")
	env.Enqueue(t, env.Invoice(t, short, "S-1", monday.AddDays(-4), 10000, 10000), "level1", 1, dispatch.ChannelLetter, monday)
	for i := range 40 { // a statement of 40 lines runs over several pages
		inv := env.Invoice(t, long, fmt.Sprintf("L-%02d", i), monday.AddDays(-40+i), 10000+int64(i), 10000+int64(i))
		if i == 0 {
			env.Enqueue(t, inv, "level1", 1, dispatch.ChannelLetter, monday)
		}
	}
	env.Enqueue(t, env.Invoice(t, short, "S-2", monday.AddDays(-4), 5000, 5000), "formal_demand", 3, dispatch.ChannelRegisteredLetter, monday)
	res := dispatchAll(t, newActivities(env, 0), monday)
	var pages []int
	for _, ch := range []string{dispatch.ChannelLetter, dispatch.ChannelRegisteredLetter} {
		for _, r := range res[ch] {
			pages = append(pages, dispatchtest.PDFPages(t, documentOf(t, env, r).Content))
		}
	}
	batch, included, err := dispatch.PrintBatch(ctx, db, monday)
	if err != nil {
		t.Fatal(err)
	}
	if len(included) != 3 {
		t.Fatalf("%d letters in the batch, want 3", len(included))
	}
	// Batch order is preparation order; the long letter must be odd-length
	// somewhere for the test to mean anything.
	var docPages []int
	start, odd := 1, false
	for _, m := range included {
		var doc models.Document
		db.First(&doc, *m.DocumentID)
		n := dispatchtest.PDFPages(t, doc.Content)
		docPages = append(docPages, n)
		odd = odd || n%2 == 1
		var d models.Debtor
		db.First(&d, m.DebtorID)
		if !strings.Contains(dispatchtest.PDFPageText(t, batch, start), d.Name) {
			t.Errorf("page %d of the batch does not start the letter to %s", start, d.Name)
		}
		start += n + n%2
	}
	if !odd {
		t.Fatalf("no letter has an odd page count (%v): the test proves nothing", docPages)
	}
	if got := dispatchtest.PDFPages(t, batch); got != start-1 || got%2 != 0 {
		t.Errorf("batch has %d pages, want %d (letters of %v pages, each padded to even)", got, start-1, docPages)
	}
	if _, _, err := dispatch.PrintBatch(ctx, db, monday.AddDays(1)); err == nil {
		t.Error("a day without letters gave a batch")
	}
}

func TestRegisteredLetterLifecycle(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	inv := env.Invoice(t, d, "FA-9", monday.AddDays(-40), 50000, 50000)
	env.Enqueue(t, inv, "formal_demand", 3, dispatch.ChannelRegisteredLetter, monday)
	id := dispatchAll(t, newActivities(env, 0), monday)[dispatch.ChannelRegisteredLetter][0].MailingID
	today := civil.Today() // printing is stamped with the real clock
	steps := []dispatch.PostalUpdate{
		{Action: dispatch.ActionPrinted},
		{Action: dispatch.ActionPosted, Date: today},
		{Action: dispatch.ActionTracking, TrackingNumber: "1A 001 234 5678 9"},
		{Action: dispatch.ActionAcknowledged, Date: today.AddDays(2)},
	}
	for _, u := range steps {
		if _, err := dispatch.UpdatePostal(ctx, db, id, u, "cm@test"); err != nil {
			t.Fatalf("%s: %v", u.Action, err)
		}
	}
	var m models.Mailing
	db.First(&m, id)
	if m.Status != "acknowledged" || m.TrackingNumber != "1A00123456789" || !m.PostedOn.Equal(today) ||
		!m.AcknowledgedOn.Equal(today.AddDays(2)) || m.PrintedAt == nil {
		t.Errorf("letter record: %+v", m)
	}
	var e models.Outbox
	db.Where("case_id = ?", inv.Case.ID).Take(&e)
	if e.Status != "acknowledged" || e.DocumentID == nil || *e.DocumentID != *m.DocumentID {
		t.Errorf("outbox entry: %+v", e)
	}
	var kinds []string
	db.Model(&models.CaseEvent{}).Where("case_id = ? AND kind LIKE ?", inv.Case.ID, "letter_%").Order("id").Pluck("kind", &kinds)
	want := "letter_ready letter_printed letter_posted letter_tracking letter_acknowledged"
	if strings.Join(kinds, " ") != want {
		t.Errorf("timeline %v, want %s", kinds, want)
	}
	if _, err := dispatch.UpdatePostal(ctx, db, id, dispatch.PostalUpdate{Action: dispatch.ActionPrinted}, "x"); err == nil {
		t.Error("an acknowledged letter was marked printed again")
	}
}

func TestEnglishDebtorGetsEnglishTexts(t *testing.T) {
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0099", models.Trader, "DE")
	inv := env.Invoice(t, d, "FA-77", monday.AddDays(-4), 123456, 123456)
	env.Enqueue(t, inv, "level1", 1, dispatch.ChannelEmail, monday)
	dispatchAll(t, newActivities(env, 0), monday)
	m := env.Received(t)[0]
	if m.Subject != "Reminder: unpaid invoice FA-77 — Forges de l’Écluse" {
		t.Errorf("subject %q", m.Subject)
	}
	assertText(t, "English text", m.Text, "Total due: €1,234.56", "invoice FA-77 of 13 October 2026, due 12 November 2026")
}

func TestCallTasksCarryTheScript(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	inv := env.Invoice(t, d, "FA-5", monday.AddDays(-10), 70000, 70000)
	env.Enqueue(t, inv, "call1", 1, dispatch.ChannelPhoneTask, monday)
	c := dispatch.Composer{DB: db}
	if tasks, _ := c.Tasks(ctx, monday.AddDays(-1)); len(tasks) != 0 {
		t.Errorf("a task shows before its day: %+v", tasks)
	}
	tasks, err := c.Tasks(ctx, monday)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("%+v, %v", tasks, err)
	}
	tk := tasks[0]
	if tk.Phone != "01 42 00 00 00" || tk.InvoiceNumber != "FA-5" || tk.AccountManager != "Hélène Mercier" {
		t.Errorf("task %+v", tk)
	}
	assertText(t, "call script", tk.Script, "Appeler Menuiserie Bérénice (M. Hervé Lefèvre) au 01 42 00 00 00",
		"la facture FA-5, 700,00 € au total", "promesse (date et montant)")
	db.Create(&models.CaseEvent{CaseID: inv.Case.ID, Key: "call/1", At: time.Now(), Actor: "cm@test", Kind: "call",
		Summary: "Appel : promesse de paiement"})
	if tasks, _ := c.Tasks(ctx, monday); len(tasks) != 0 {
		t.Errorf("a task stays open after its call was recorded: %+v", tasks)
	}
}

func TestStatementOfAccount(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	env.Invoice(t, d, "FA-1", civil.New(2026, 10, 1), 150000, 100000)
	env.Invoice(t, d, "FA-2", civil.New(2026, 11, 1), 23456, 23456)
	pdf, v, err := dispatch.RenderStatement(ctx, dispatch.Composer{DB: db}, d.ID, civil.New(2026, 11, 23))
	if err != nil {
		t.Fatal(err)
	}
	if v.Version != lettertemplates.ShippedVersion {
		t.Errorf("template version %d", v.Version)
	}
	assertText(t, "statement", dispatchtest.PDFText(t, pdf), "Relevé de compte", "C-0042",
		"1 500,00 €", "500,00 €", "1 000,00 €", "234,56 €", "1 234,56 €", "01/10/2026",
		"restant dû s’élève à 1 234,56 €", "Total restant dû 1 234,56 €", "FA-1 01/09/2026 01/10/2026 1 500,00 € 500,00 € 1 000,00 € 53")
}

func TestFormalDemandWaitsForAMissingRate(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	day := civil.New(2027, 2, 10) // no rate of H1 2027 is known yet
	inv := env.Invoice(t, d, "FA-2027-1", civil.New(2027, 1, 5), 80000, 80000)
	env.Enqueue(t, inv, "formal_demand", 3, dispatch.ChannelRegisteredLetter, day)
	a := newActivities(env, 0)
	groups, _ := a.DueMailings(ctx, day)
	res, err := a.PrepareLetter(ctx, groups[0])
	if err != nil || res.Status != dispatch.StatusBlocked || !strings.Contains(res.Reason, "H1 2027") {
		t.Fatalf("got %+v, %v; want the letter blocked on the rate of H1 2027", res, err)
	}
	var ev models.CaseEvent
	if err := db.Where("case_id = ? AND kind = ?", inv.Case.ID, "dispatch_blocked").Take(&ev).Error; err != nil ||
		!strings.Contains(ev.Summary, "2027") {
		t.Errorf("timeline: %+v, %v", ev, err)
	}
	db.Create(&[]models.InterestRate{{Series: "mro", Year: 2027, Half: 1, RateBP: 200, Source: "test"},
		{Series: "legal", Year: 2027, Half: 1, RateBP: 250, Source: "test"}})
	groups, _ = a.DueMailings(ctx, day)
	if len(groups) != 1 {
		t.Fatalf("the blocked letter is no longer waiting: %+v", groups)
	}
	if _, err := a.PrepareLetter(ctx, groups[0]); err != nil {
		t.Errorf("once the rate is stored: %v", err)
	}
}

func TestFormalDemandDeadlineComesFromTheCaseScenario(t *testing.T) {
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0042", models.Trader, "FR")
	sc := models.Scenario{Name: "strict", Version: 1, Active: true,
		Steps: `[{"name":"formal_demand","deadline_days":15,"formal_demand":true}]`}
	db.Create(&sc)
	inv := env.Invoice(t, d, "FA-15", civil.New(2026, 10, 1), 10000, 10000)
	db.Model(&models.Case{}).Where("id = ?", inv.Case.ID).Update("scenario_id", sc.ID)
	day := civil.New(2026, 11, 23)
	env.Enqueue(t, inv, "formal_demand", 3, dispatch.ChannelRegisteredLetter, day)
	res := dispatchAll(t, newActivities(env, 0), day)
	assertText(t, "demand", dispatchtest.PDFText(t, documentOf(t, env, res[dispatch.ChannelRegisteredLetter][0]).Content),
		"au plus tard le 8 décembre 2026")
}

// TestPartnerSeesTheCallsOfItsCases: a composer working for a factoring
// partner lists the call tasks of the cases delegated to it alone.
func TestPartnerSeesTheCallsOfItsCases(t *testing.T) {
	ctx := context.Background()
	db, _ := testenv.SQLite(t)
	env := dispatchtest.New(t, db)
	d := env.Debtor(t, "C-0043", models.Trader, "FR")
	mine := env.Invoice(t, d, "FA-DELEGUEE", monday.AddDays(-10), 70000, 70000)
	other := env.Invoice(t, d, "FA-AUTRE", monday.AddDays(-12), 90000, 90000)
	env.Enqueue(t, mine, "call1", 1, dispatch.ChannelPhoneTask, monday)
	env.Enqueue(t, other, "call1", 1, dispatch.ChannelPhoneTask, monday)
	p := models.Partner{Name: "Affacturage"}
	db.Create(&p)
	db.Model(&models.Case{}).Where("id = ?", mine.Case.ID).Update("partner_id", p.ID)

	all, err := dispatch.Composer{DB: db}.Tasks(ctx, monday)
	if err != nil || len(all) != 2 {
		t.Fatalf("staff see %d tasks (%v), want 2", len(all), err)
	}
	tasks, err := dispatch.Composer{DB: db, Scope: casequery.Scope{PartnerOnly: true, PartnerID: p.ID}}.Tasks(ctx, monday)
	if err != nil || len(tasks) != 1 || tasks[0].InvoiceNumber != "FA-DELEGUEE" || strings.Contains(tasks[0].Script, "FA-AUTRE") {
		t.Errorf("the partner's tasks: %+v, %v; want the delegated case's alone", tasks, err)
	}
}

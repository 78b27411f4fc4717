// Package dispatchtest sets up what a dispatch test needs, all real: a
// database with a creditor, a debtor and its invoices and cases, outbox
// entries written by the outbox activity, a local SMTP server (package
// mailbox) with a sender pointed at it, and PDF reading through poppler.
package dispatchtest

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/outbox"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/mailbox"
	"github.com/recouvra/recouvra/internal/mailer"
	"github.com/recouvra/recouvra/models"
)

// Creditor has every legal mention and bank detail a letter prints.
var Creditor = models.Creditor{
	LegalForm: "SAS", Name: "Forges de l’Écluse", SIREN: "552100554", RCSCity: "Nanterre",
	ShareCapitalCents: 15_000_000, Currency: "EUR",
	Address: models.Address{Line1: "12 rue de l’Église", PostalCode: "92000", City: "Nanterre", Country: "FR"},
	IBAN:    "FR7630006000011234567890189", BIC: "AGRIFRPPXXX",
	Email: "recouvrement@forges-ecluse.fr", Phone: "01 47 00 00 00",
}

// Env is a seeded database and a listening SMTP server.
type Env struct {
	DB       *gorm.DB
	Creditor models.Creditor
	Manager  models.User
	SMTP     *mailbox.Server
	Inbox    *mailbox.MemoryStore
	Sender   *mailer.Sender
}

// New seeds the creditor and an account manager in db and starts an SMTP
// server; everything stops with the test.
func New(t testing.TB, db *gorm.DB) *Env {
	t.Helper()
	e := &Env{DB: db, Creditor: Creditor, Inbox: mailbox.NewMemoryStore()}
	must(t, db.Create(&e.Creditor).Error)
	// Rates of the second half of 2026, absent from the table shipped with
	// the code at the time of writing; stored as an administrator would.
	must(t, db.Create(&[]models.InterestRate{
		{Series: "mro", Year: 2026, Half: 2, RateBP: 215, Source: "test"},
		{Series: "legal", Year: 2026, Half: 2, RateBP: 262, Source: "test"},
	}).Error)
	e.Manager = models.User{Email: "helene.mercier@forges-ecluse.fr", Name: "Hélène Mercier", Role: models.RoleCreditManager}
	must(t, db.Create(&e.Manager).Error)
	srv, err := mailbox.Listen("127.0.0.1:0", e.Inbox, mailbox.WithErrorLog(log.New(io.Discard, "", 0)))
	must(t, err)
	t.Cleanup(func() { srv.Close() })
	e.SMTP = srv
	host, port, _ := splitHostPort(srv.Addr())
	e.Sender = mailer.New(mailer.Config{Host: host, Port: port, Encryption: mailer.EncryptionNone,
		From: "Forges de l’Écluse <relances@forges-ecluse.fr>"})
	return e
}

func splitHostPort(addr string) (string, int, error) {
	m := regexp.MustCompile(`^(.*):(\d+)$`).FindStringSubmatch(addr)
	if m == nil {
		return "", 0, fmt.Errorf("address %q", addr)
	}
	p, err := strconv.Atoi(m[2])
	return m[1], p, err
}

// Debtor seeds a debtor of kind in country ("FR", "DE"…), managed by the
// env's account manager.
func (e *Env) Debtor(t testing.TB, ref string, kind models.DebtorKind, country string) models.Debtor {
	t.Helper()
	d := models.Debtor{CreditorID: e.Creditor.ID, Reference: ref, Name: "Menuiserie Bérénice", LegalForm: "SARL",
		Kind: kind, Email: "compta+" + ref + "@menuiserie-berenice.fr", Phone: "01 42 00 00 00",
		PaymentContact: "M. Hervé Lefèvre", Currency: "EUR", AccountManagerID: &e.Manager.ID,
		Address: models.Address{Line1: "3 avenue des Champs-Élysées", Line2: "Bâtiment C", PostalCode: "75008",
			City: "Paris", Country: country}}
	if kind == models.Consumer {
		d.Name, d.LegalForm, d.PaymentContact = "Mme Agnès Dupré", "", ""
	}
	must(t, e.DB.Create(&d).Error)
	return d
}

// Invoice is an open invoice of d with its open case.
type Invoice struct {
	models.Invoice
	Case models.Case
}

// Invoice seeds an open invoice of d due on due, with totalCents of which
// outstandingCents remain, and its case.
func (e *Env) Invoice(t testing.TB, d models.Debtor, number string, due civil.Date, totalCents, outstandingCents int64) Invoice {
	t.Helper()
	inv := models.Invoice{CreditorID: e.Creditor.ID, Number: number, DebtorID: d.ID, IssueDate: due.AddDays(-30),
		DueDate: due, NetCents: totalCents * 5 / 6, VATCents: totalCents - totalCents*5/6, TotalCents: totalCents,
		Currency: "EUR", OutstandingCents: outstandingCents, Status: models.InvoiceOpen, Source: "test"}
	must(t, e.DB.Create(&inv).Error)
	c := models.Case{CreditorID: e.Creditor.ID, DebtorID: d.ID, InvoiceID: inv.ID, WorkflowID: "case-" + number,
		Phase: "amicable", Level: 1, Status: models.CaseOpen, BalanceCents: outstandingCents, Currency: "EUR"}
	must(t, e.DB.Create(&c).Error)
	return Invoice{Invoice: inv, Case: c}
}

// Enqueue puts one channel of a step of inv's case in the outbox, through
// the outbox activity the recovery workflow uses, due on day.
func (e *Env) Enqueue(t testing.TB, inv Invoice, step string, level int, channel string, day civil.Date) uint {
	t.Helper()
	a := &outbox.Activities{DB: e.DB}
	id, err := a.Enqueue(context.Background(), outbox.Send{
		Key:    fmt.Sprintf("%s/%s/1/%s", inv.Case.WorkflowID, step, channel),
		CaseID: inv.Case.ID, DebtorID: inv.DebtorID, InvoiceID: inv.ID, Step: step, Level: level,
		Channel: channel, Template: step + "." + channel, DueOn: day, FormalDemand: step == "formal_demand",
	})
	must(t, err)
	return id
}

// Received parses every message the SMTP server accepted, oldest first.
func (e *Env) Received(t testing.TB) []mailbox.Parsed {
	t.Helper()
	list, err := e.Inbox.List()
	must(t, err)
	out := make([]mailbox.Parsed, len(list))
	for i, r := range list {
		out[i], err = mailbox.Parse(r.Raw)
		must(t, err)
	}
	return out
}

var spaces = regexp.MustCompile(`[ \x{00a0}\x{202f}]+`)

// Normalize folds no-break spaces and runs of spaces into one space, so
// that "1 234,56 €" compares whatever spaces poppler kept.
func Normalize(s string) string { return spaces.ReplaceAllString(s, " ") }

// PDFText is the text of pdf read back by pdftotext, normalized.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	return Normalize(run(t, "pdftotext", "-layout", "-enc", "UTF-8", writePDF(t, pdf), "-"))
}

// PDFPages is the page count pdfinfo reports.
func PDFPages(t testing.TB, pdf []byte) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", writePDF(t, pdf)))
	if m == nil {
		t.Fatal("pdfinfo gave no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func writePDF(t testing.TB, pdf []byte) string {
	path := filepath.Join(t.TempDir(), "doc.pdf")
	must(t, os.WriteFile(path, pdf, 0o600))
	return path
}

func run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s is required (poppler-utils, installed by `make deps`): %v", tool, err)
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// PDFPageText is the text of one page of pdf (from 1), normalized.
func PDFPageText(t testing.TB, pdf []byte, page int) string {
	t.Helper()
	p := strconv.Itoa(page)
	return Normalize(run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", p, "-l", p, writePDF(t, pdf), "-"))
}

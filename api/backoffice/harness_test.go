package backoffice

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
)

var testToday = civil.MustParse("2026-11-23")

// fixture is a back-office on a fresh SQLite database with a small book:
// two partners, a user of each role, one debtor with three cases (the first
// delegated to partner A, the second waiting for a litigation decision).
type fixture struct {
	t           *testing.T
	db          *gorm.DB
	pages       *Pages
	handler     http.Handler
	users       map[string]models.User // by role name, plus "partner_b"
	partnerA    models.Partner
	partnerB    models.Partner
	debtor      models.Debtor
	otherDebtor models.Debtor // no case at all
	cases       []models.Case
	doc         models.Document
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, _ := testenv.SQLite(t)
	f := &fixture{t: t, db: db, users: map[string]models.User{}}
	f.pages = &Pages{
		DB: db, Accounts: accounts.Store{DB: db}, TemporalUIURL: "http://temporal.test", Namespace: "default",
		Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})), Today: func() civil.Date { return testToday },
	}
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.SetHTMLTemplate(Templates())
	f.pages.Register(r)
	f.handler = http.NewCrossOriginProtection().Handler(r)
	f.seed()
	return f
}

func (f *fixture) create(v any) {
	f.t.Helper()
	if err := f.db.Create(v).Error; err != nil {
		f.t.Fatalf("create %T: %v", v, err)
	}
}

func (f *fixture) seed() {
	cr := models.Creditor{Name: "Fournitures du Val", Currency: "EUR"}
	f.create(&cr)
	f.partnerA, f.partnerB = models.Partner{Name: "Affacturage A"}, models.Partner{Name: "Affacturage B"}
	f.create(&f.partnerA)
	f.create(&f.partnerB)
	st := accounts.Store{DB: f.db}
	for _, u := range []struct {
		key     string
		role    models.Role
		partner *uint
	}{
		{"admin", models.RoleAdmin, nil}, {"credit_manager", models.RoleCreditManager, nil},
		{"legal", models.RoleLegal, nil}, {"partner", models.RolePartner, &f.partnerA.ID},
		{"partner_b", models.RolePartner, &f.partnerB.ID},
	} {
		user, err := st.CreateUser(f.t.Context(), u.key+"@test.local", u.key, u.role, u.partner)
		if err != nil {
			f.t.Fatal(err)
		}
		f.users[u.key] = user
	}
	f.debtor = models.Debtor{CreditorID: cr.ID, Reference: "C001", Name: "Boulangerie Martin", Kind: models.Trader,
		Phone: "01 23 45 67 89", CreditLimitCents: 100000, Currency: "EUR"}
	f.create(&f.debtor)
	f.otherDebtor = models.Debtor{CreditorID: cr.ID, Reference: "C002", Name: "Garage Petit", Kind: models.Trader, Currency: "EUR"}
	f.create(&f.otherDebtor)
	specs := []struct {
		number string
		due    int // days from today
		cents  int64
		phase  string
		level  int
	}{
		{"FA-001", -40, 120000, "amicable", 2},
		{"FA-002", -75, 50000, "litigation", 4},
		{"FA-003", 10, 30000, "pre_due", 0},
	}
	for i, s := range specs {
		inv := models.Invoice{CreditorID: cr.ID, Number: s.number, DebtorID: f.debtor.ID,
			IssueDate: testToday.AddDays(s.due - 30), DueDate: testToday.AddDays(s.due),
			NetCents: s.cents, TotalCents: s.cents, Currency: "EUR", OutstandingCents: s.cents, Status: models.InvoiceOpen}
		f.create(&inv)
		c := models.Case{CreditorID: cr.ID, DebtorID: f.debtor.ID, InvoiceID: inv.ID, WorkflowID: "recovery-" + s.number,
			Phase: s.phase, Level: s.level, Status: models.CaseOpen, BalanceCents: s.cents, Currency: "EUR", WorkflowStarted: true}
		if i == 0 {
			c.PartnerID = &f.partnerA.ID
		}
		f.create(&c)
		f.cases = append(f.cases, c)
		f.create(&models.CaseEvent{CaseID: c.ID, Key: "open", At: time.Now().UTC(), Actor: "system", Kind: "case_opened", Summary: "Dossier ouvert " + s.number})
	}
	c0 := f.cases[0].ID
	f.doc = models.Document{CaseID: &c0, Kind: "letter", FileName: "relance.pdf", ContentType: "application/pdf",
		SHA256: strings.Repeat("a", 64), Size: int64(len(letterPDF(f.t))), Content: letterPDF(f.t)}
	f.create(&f.doc)
	c1 := f.cases[1].ID
	f.create(&models.Outbox{Key: "call-1", CaseID: &c0, Channel: "phone_task", Status: "task_open"})
	f.create(&models.Outbox{Key: "letter-1", CaseID: &c1, Channel: "letter", Status: "to_print", DocumentID: &f.doc.ID})
}

var (
	letterOnce  sync.Once
	letterBytes []byte
	letterErr   error
)

// letterPDF is a real one-page PDF, made once for all tests.
func letterPDF(t *testing.T) []byte {
	letterOnce.Do(func() {
		letterBytes, letterErr = letters.Compose("Relance", "Fournitures du Val", nil, func(d *letters.Document) {
			d.Paragraph("Madame, Monsieur, votre facture FA-001 reste impayée.", letters.Style{Size: 10}, 2)
		})
	})
	if letterErr != nil {
		t.Fatal(letterErr)
	}
	return letterBytes
}

// session is a logged-in browser of one user.
type session struct {
	f            *fixture
	cookie, csrf string
}

// as opens a session for the user with that key ("" for no login at all).
func (f *fixture) as(key string) *session {
	f.t.Helper()
	if key == "" {
		return &session{f: f}
	}
	secret, err := f.pages.Accounts.NewSession(f.t.Context(), f.users[key].ID, time.Hour)
	if err != nil {
		f.t.Fatal(err)
	}
	return &session{f: f, cookie: secret, csrf: csrfToken(secret)}
}

// get requests a page.
func (s *session) get(path string) *httptest.ResponseRecorder {
	return s.do(http.MethodGet, path, nil)
}

// post submits a form with the session's CSRF token (unless the form has
// its own "csrf" value).
func (s *session) post(path string, form url.Values) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	if _, set := form["csrf"]; !set {
		form.Set("csrf", s.csrf)
	}
	return s.do(http.MethodPost, path, form)
}

func (s *session) do(method, path string, form url.Values) *httptest.ResponseRecorder {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if s.cookie != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: s.cookie})
	}
	rec := httptest.NewRecorder()
	s.f.handler.ServeHTTP(rec, req)
	return rec
}

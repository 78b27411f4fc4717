package api_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/models"
)

// caseListPage is a page of GET /api/v1/cases, reduced to what these tests read.
type caseListPage struct {
	Cases []struct {
		InvoiceNumber string `json:"invoice_number"`
	} `json:"cases"`
	NextCursor string `json:"next_cursor"`
}

func (p caseListPage) numbers() string {
	var out []string
	for _, c := range p.Cases {
		out = append(out, c.InvoiceNumber)
	}
	return strings.Join(out, " ")
}

// caseListBook is six cases written straight to the database (their
// workflows play no part in a list), with what the filters need told apart.
type caseListBook struct {
	manager, martin, petit uint
	nord, sud              models.Partner
}

func seedCaseList(t *testing.T, env *apptest.Env) caseListBook {
	t.Helper()
	db := env.DB
	var creditor models.Creditor
	if err := db.Take(&creditor).Error; err != nil {
		t.Fatal(err)
	}
	manager, err := env.Accounts.CreateUser(t.Context(), "gestion@test.local", "Gestion", models.RoleCreditManager, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := caseListBook{manager: manager.ID, nord: env.NewPartner(t, "Affacturage Nord"), sud: env.NewPartner(t, "Affacturage Sud")}
	debtors := []models.Debtor{
		{CreditorID: creditor.ID, Reference: "C-MARTIN", Name: "Boulangerie Martin", Kind: models.Trader, Currency: "EUR"},
		{CreditorID: creditor.ID, Reference: "C-PETIT", Name: "Garage Petit", Kind: models.Trader, Currency: "EUR"},
	}
	if err := db.Create(&debtors).Error; err != nil {
		t.Fatal(err)
	}
	b.martin, b.petit = debtors[0].ID, debtors[1].ID
	specs := []struct {
		number        string
		debtor        uint
		daysAgo       int
		cents         int64
		level         int
		phase, status string
		assigned      bool
		partner       *uint
	}{
		{"FA-L-01", b.martin, 10, 10000, 1, "amicable", "open", true, &b.nord.ID},
		{"FA-L-02", b.martin, 45, 50000, 2, "amicable", "open", false, nil},
		{"FA-L-03", b.petit, 100, 90000, 4, "litigation", "open", true, nil},
		{"FA-L-04", b.petit, -5, 20000, 0, "pre_due", "open", false, nil},
		{"FA-L-05", b.petit, 60, 30000, 3, "closed", "paid", false, &b.sud.ID},
		{"FA-L-06", b.martin, 30, 70000, 1, "amicable", "open", true, &b.nord.ID},
	}
	for _, s := range specs {
		inv := models.Invoice{CreditorID: creditor.ID, Number: s.number, DebtorID: s.debtor, IssueDate: today.AddDays(-s.daysAgo - 30),
			DueDate: today.AddDays(-s.daysAgo), TotalCents: s.cents, Currency: "EUR", OutstandingCents: s.cents, Status: models.InvoiceOpen}
		if err := db.Create(&inv).Error; err != nil {
			t.Fatal(err)
		}
		c := models.Case{CreditorID: creditor.ID, DebtorID: s.debtor, InvoiceID: inv.ID, WorkflowID: "list-" + s.number, Phase: s.phase,
			Level: s.level, Status: models.CaseStatus(s.status), BalanceCents: s.cents, Currency: "EUR", PartnerID: s.partner,
			WorkflowStarted: true}
		if s.assigned {
			c.AssigneeID = &b.manager
		}
		if err := db.Create(&c).Error; err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// TestCaseListFilters: each filter and sort of GET /api/v1/cases, within the
// caller's scope, every request and answer checked against openapi.json.
func TestCaseListFilters(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	b := seedCaseList(t, env)
	partner := *env
	partner.Token = env.UserToken(t, "nord@test.local", models.RolePartner, &b.nord.ID)
	validateAPICalls(t, env, loadOpenAPI(t))
	tests := []struct {
		env   *apptest.Env
		query string
		want  string // invoice numbers in order
	}{
		{env, "", "FA-L-03 FA-L-05 FA-L-02 FA-L-06 FA-L-01 FA-L-04"},
		{env, "status=paid", "FA-L-05"},
		{env, "phase=pre_due", "FA-L-04"},
		{env, "level=0", "FA-L-04"},
		{env, "level=1&phase=amicable", "FA-L-06 FA-L-01"},
		{env, fmt.Sprintf("assignee_id=%d", b.manager), "FA-L-03 FA-L-06 FA-L-01"},
		{env, fmt.Sprintf("partner_id=%d", b.nord.ID), "FA-L-06 FA-L-01"},
		{env, fmt.Sprintf("debtor_id=%d", b.petit), "FA-L-03 FA-L-05 FA-L-04"},
		{env, "q=MARTIN", "FA-L-02 FA-L-06 FA-L-01"},
		{env, "q=c-petit", "FA-L-03 FA-L-05 FA-L-04"},
		{env, "q=l-05", "FA-L-05"},
		{env, "min_amount_cents=30000&max_amount_cents=70000", "FA-L-05 FA-L-02 FA-L-06"},
		{env, "min_days_overdue=30&max_days_overdue=60", "FA-L-05 FA-L-02 FA-L-06"},
		{env, "max_days_overdue=0", "FA-L-04"},
		{env, "sort=balance&order=desc", "FA-L-03 FA-L-06 FA-L-02 FA-L-05 FA-L-04 FA-L-01"},
		{env, "sort=debtor&status=open", "FA-L-01 FA-L-02 FA-L-06 FA-L-03 FA-L-04"},
		{env, "sort=number&order=desc&limit=2", "FA-L-06 FA-L-05"},
		{&partner, "", "FA-L-06 FA-L-01"},
		{&partner, fmt.Sprintf("partner_id=%d", b.sud.ID), ""},
		{&partner, "q=petit", ""},
	}
	for _, tt := range tests {
		var page caseListPage
		if status, raw := tt.env.Do(t, "GET", "/api/v1/cases?"+tt.query, "", nil, &page); status != 200 {
			t.Errorf("?%s: %d %s", tt.query, status, raw)
			continue
		}
		if got := page.numbers(); got != tt.want {
			t.Errorf("?%s (token %.8s): %s, want %s", tt.query, tt.env.Token, got, tt.want)
		}
	}

	// Cursor paging for three sorts: the pages put together are the list.
	for _, query := range []string{"sort=balance&order=desc", "sort=debtor", "sort=due_date&order=desc"} {
		var whole caseListPage
		env.Do(t, "GET", "/api/v1/cases?"+query, "", nil, &whole)
		var got []string
		path := "/api/v1/cases?limit=4&" + query
		for pages := 0; path != ""; pages++ {
			if pages > 3 {
				t.Fatalf("%s: paging does not end", query)
			}
			var page caseListPage
			env.Do(t, "GET", path, "", nil, &page)
			if page.numbers() != "" {
				got = append(got, page.numbers())
			}
			path = ""
			if page.NextCursor != "" {
				path = "/api/v1/cases?limit=4&" + query + "&cursor=" + url.QueryEscape(page.NextCursor)
			}
		}
		if strings.Join(got, " ") != whole.numbers() || len(got) != 2 {
			t.Errorf("%s in pages of 4: %q, want %s in 2 pages", query, got, whole.numbers())
		}
	}
}

// TestCaseListRefusals: every wrong parameter of GET /api/v1/cases answers
// 400 in the API's error shape, naming the parameter and the value.
func TestCaseListRefusals(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	seedCaseList(t, env)
	var first caseListPage
	env.Do(t, "GET", "/api/v1/cases?sort=balance&order=desc&limit=2", "", nil, &first)
	if first.NextCursor == "" {
		t.Fatal("no next_cursor on a page of 2 out of 6")
	}
	balanceDesc := first.NextCursor
	tests := []struct{ query, param, value string }{
		{"status=pending", "status", "pending"},
		{"phase=amiable", "phase", "amiable"},
		{"level=-1", "level", "-1"},
		{"assignee_id=moi", "assignee_id", "moi"},
		{"partner_id=0", "partner_id", "0"},
		{"debtor_id=1.5", "debtor_id", "1.5"},
		{"min_amount_cents=12.50", "min_amount_cents", "12.50"},
		{"max_amount_cents=-1", "max_amount_cents", "-1"},
		{"min_days_overdue=trente", "min_days_overdue", "trente"},
		{"max_days_overdue=-30", "max_days_overdue", "-30"},
		{"sort=colour", "sort", "colour"},
		{"order=up", "order", "up"},
		{"limit=0", "limit", "0"},
		{"limit=501", "limit", "501"},
		{"offset=-1", "offset", "-1"},
		{"cursor=zz", "cursor", "zz"},
		{"sort=debtor&order=desc&cursor=" + url.QueryEscape(balanceDesc), "cursor", balanceDesc},
		{"sort=balance&cursor=" + url.QueryEscape(balanceDesc), "cursor", balanceDesc},
	}
	for _, tt := range tests {
		var body struct {
			Error string `json:"error"`
		}
		status, raw := env.Do(t, "GET", "/api/v1/cases?"+tt.query, "", nil, &body)
		if status != 400 || !strings.HasPrefix(body.Error, tt.param+": ") || !strings.Contains(body.Error, strconv.Quote(tt.value)) {
			t.Errorf("?%s: %d %s; want 400 naming %s and %q", tt.query, status, raw, tt.param, tt.value)
		}
	}
	// The same cursor with its own sort and order goes on.
	var next caseListPage
	status, raw := env.Do(t, "GET", "/api/v1/cases?sort=balance&order=desc&limit=2&cursor="+url.QueryEscape(balanceDesc), "", nil, &next)
	if status != 200 || first.numbers() != "FA-L-03 FA-L-06" || next.numbers() != "FA-L-02 FA-L-05" {
		t.Errorf("balance desc by 2: %s then %d %s", first.numbers(), status, raw)
	}
}

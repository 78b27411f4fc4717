package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"go.temporal.io/api/workflowservice/v1"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

var today = civil.MustParse("2026-11-23")

// overdueInvoice is an invoice as an outside client sends it. Tests share one
// Temporal server, so each gives its invoice a number of its own: the
// workflow ID derives from it.
func overdueInvoice(number string) string {
	return strings.Replace(overdueInvoiceJSON, "NUMBER", number, 1)
}

const overdueInvoiceJSON = `{
  "number": "NUMBER", "issue_date": "2026-09-15", "due_date": "2026-10-15",
  "total_cents": 120000, "vat_cents": 20000, "currency": "EUR", "late_rate_percent": "12.5",
  "debtor": {"name": "Boulangerie Éclair", "kind": "trader", "legal_form": "SARL",
    "siren": "552100554", "rcs_city": "Nanterre", "email": "compta@eclair.example", "phone": "01 02 03 04 05",
    "address": {"line1": "5 place du Marché", "postal_code": "92000", "city": "Nanterre", "insee_code": "92050", "country": "FR"}}
}`

// caseView is a case as the API answers it: money as {amount_cents, currency}.
type caseView struct {
	ID         uint         `json:"id"`
	WorkflowID string       `json:"workflow_id"`
	Phase      string       `json:"phase"`
	Status     string       `json:"status"`
	Balance    money.Amount `json:"balance"`
	Invoice    invoiceJSON  `json:"invoice"`
	Debtor     struct {
		Name        string         `json:"name"`
		Address     models.Address `json:"address"`
		CreditLimit money.Amount   `json:"credit_limit"`
		Currency    string         `json:"currency"`
	} `json:"debtor"`
	Timeline  []timelineEvent `json:"timeline"`
	LiveState *stateJSON      `json:"live_state"`
	LiveError string          `json:"live_error"`
}

type invoiceJSON struct {
	Number      string               `json:"number"`
	Status      models.InvoiceStatus `json:"status"`
	Net         money.Amount         `json:"net"`
	VAT         money.Amount         `json:"vat"`
	Total       money.Amount         `json:"total"`
	Outstanding money.Amount         `json:"outstanding"`
	LateRateBP  *int64               `json:"late_rate_bp"`
}

// stateJSON is the recovery workflow's live state as the API answers it.
type stateJSON struct {
	InvoiceNumber string       `json:"invoice_number"`
	Phase         string       `json:"phase"`
	Status        string       `json:"status"`
	Balance       money.Amount `json:"balance"`
	Overpaid      money.Amount `json:"overpaid"`
	Promise       *struct {
		Amount        money.Amount `json:"amount"`
		BalanceBefore money.Amount `json:"balance_before"`
	} `json:"promise"`
}

func eur(cents int64) money.Amount { return money.EUR(cents) }

// TestInvoiceToRunningCase is the first slice end to end: an invoice posted
// to the API starts its workflow, whose first activity writes the timeline,
// and the case answers with that timeline and the workflow's live state.
func TestInvoiceToRunningCase(t *testing.T) {
	for _, db := range []string{"postgres", "sqlite"} {
		t.Run(db, func(t *testing.T) {
			env := apptest.Start(t, db, today)
			number := "FA-2026-0042-" + db
			var sum intake.Summary
			status, raw := env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice(number)), &sum)
			if status != http.StatusCreated || sum.Created != 1 || len(sum.Invoices) != 1 {
				t.Fatalf("POST invoice: %d %s", status, raw)
			}
			out := sum.Invoices[0]
			if out.CaseID == 0 || out.WorkflowID != recovery.WorkflowID(1, number) {
				t.Fatalf("no case opened for an overdue invoice: %+v", out)
			}
			var c caseView
			apptest.Eventually(t, "the case timeline and live state", func() bool {
				env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d", out.CaseID), "", nil, &c)
				return len(c.Timeline) > 0 && c.LiveState != nil
			})
			if c.Timeline[0].Kind != "case_opened" || !strings.Contains(c.Timeline[0].Summary, number) ||
				!strings.Contains(c.Timeline[0].Summary, "1\u00a0200,00\u00a0€") {
				t.Errorf("first timeline event = %+v", c.Timeline[0])
			}
			if c.LiveState.Phase != "amicable" || c.LiveState.Balance != eur(120000) || c.LiveState.Overpaid != eur(0) || c.LiveState.InvoiceNumber != number {
				t.Errorf("live state = %+v", *c.LiveState)
			}
			// Money is an object {amount_cents, currency} everywhere in the answer.
			if c.Balance != eur(120000) || c.Invoice.Total != eur(120000) || c.Invoice.VAT != eur(20000) ||
				c.Invoice.Net != eur(100000) || c.Invoice.Outstanding != eur(120000) || c.Debtor.CreditLimit != eur(0) || c.Debtor.Currency != "EUR" {
				t.Errorf("case money = balance %+v, invoice %+v, debtor credit limit %+v", c.Balance, c.Invoice, c.Debtor.CreditLimit)
			}
			if c.Debtor.Name != "Boulangerie Éclair" || c.Debtor.Address.InseeCode != "92050" || c.Invoice.LateRateBP == nil || *c.Invoice.LateRateBP != 1250 {
				t.Errorf("debtor/invoice not stored as sent: %+v %+v", c.Debtor, c.Invoice)
			}
			// The list filters by invoice number and shows the workflow ID.
			var list struct{ Cases []caseView }
			env.Do(t, "GET", "/api/v1/cases?number="+number, "", nil, &list)
			if len(list.Cases) != 1 || list.Cases[0].WorkflowID != out.WorkflowID || list.Cases[0].Balance != eur(120000) {
				t.Errorf("filtered list = %+v", list.Cases)
			}
			env.Do(t, "GET", "/api/v1/cases?number=NOPE", "", nil, &list)
			if len(list.Cases) != 0 {
				t.Errorf("filter by an unknown number returned %d cases", len(list.Cases))
			}
		})
	}
}

// TestSameInvoiceTwice: re-sending an invoice updates it, and never creates
// a second invoice, case or workflow.
func TestSameInvoiceTwice(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	invoice := overdueInvoice("FA-2026-TWICE")
	var first, second intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(invoice), &first)
	desc1, err := env.Temporal.DescribeWorkflowExecution(t.Context(), first.Invoices[0].WorkflowID, "")
	if err != nil {
		t.Fatal(err)
	}
	status, raw := env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte("["+invoice+"]"), &second)
	if status != http.StatusOK || second.Unchanged != 1 || second.Created != 0 {
		t.Fatalf("second POST: %d %s", status, raw)
	}
	if second.Invoices[0].CaseID != first.Invoices[0].CaseID || second.Invoices[0].InvoiceID != first.Invoices[0].InvoiceID {
		t.Errorf("second POST gave another invoice or case: %+v vs %+v", second.Invoices[0], first.Invoices[0])
	}
	changed := strings.Replace(invoice, `"total_cents": 120000`, `"total_cents": 130000`, 1)
	var third intake.Summary
	env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(changed), &third)
	if third.Updated != 1 {
		t.Errorf("changed invoice: %+v", third)
	}
	for table, want := range map[string]int64{"invoices": 1, "cases": 1, "debtors": 1} {
		var n int64
		env.DB.Table(table).Count(&n)
		if n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	desc2, err := env.Temporal.DescribeWorkflowExecution(t.Context(), first.Invoices[0].WorkflowID, "")
	if err != nil {
		t.Fatal(err)
	}
	if desc1.WorkflowExecutionInfo.Execution.RunId != desc2.WorkflowExecutionInfo.Execution.RunId {
		t.Errorf("a second workflow run started: %s then %s", desc1.WorkflowExecutionInfo.Execution.RunId, desc2.WorkflowExecutionInfo.Execution.RunId)
	}
	runs, err := env.Temporal.ListWorkflow(t.Context(), &workflowservice.ListWorkflowExecutionsRequest{
		Query: fmt.Sprintf("WorkflowId = '%s'", first.Invoices[0].WorkflowID),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs.Executions) != 1 {
		t.Errorf("%d workflow executions for one invoice, want 1", len(runs.Executions))
	}
}

// TestCSVWithBadRowChangesNothing: one malformed amount on line 7 refuses
// the whole file with an error naming line 7 and the field.
func TestCSVWithBadRowChangesNothing(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	var b strings.Builder
	b.WriteString("number;issue_date;due_date;total;vat;debtor_name;debtor_kind;debtor_postal_code;debtor_city\n")
	for i := 2; i <= 9; i++ {
		total := fmt.Sprintf("%d,50", 100*i)
		if i == 7 {
			total = "12O,00" // letter O for zero: the typo a person makes
		}
		fmt.Fprintf(&b, "F-%03d;01/09/2026;01/10/2026;%s;20,00;Client %d;trader;75011;Paris\n", i, total, i)
	}
	var resp struct {
		Error  string
		Errors []intake.FieldError
	}
	status, raw := env.Do(t, "POST", "/api/v1/imports/invoices", "text/csv", []byte(b.String()), &resp)
	if status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %s", status, raw)
	}
	if len(resp.Errors) != 1 || resp.Errors[0].Row != 7 || resp.Errors[0].Field != "total" {
		t.Errorf("errors = %+v, want one naming row 7, field total", resp.Errors)
	}
	for _, table := range []string{"invoices", "debtors", "cases"} {
		var n int64
		env.DB.Table(table).Count(&n)
		if n != 0 {
			t.Errorf("%s has %d rows after a refused file", table, n)
		}
	}
	// The same file corrected imports all eight invoices.
	fixed := strings.Replace(b.String(), "12O,00", "120,00", 1)
	var sum intake.Summary
	status, raw = env.Do(t, "POST", "/api/v1/imports/invoices", "text/csv", []byte(fixed), &sum)
	if status != http.StatusCreated || sum.Created != 8 {
		t.Fatalf("corrected file: %d %s", status, raw)
	}
}

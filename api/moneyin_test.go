package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// bankStatement is a camt.053 statement with one incoming transfer.
func bankStatement(cents int64, payer, remittance, ref string) []byte {
	amount := fmt.Sprintf("%d.%02d", cents/100, cents%100)
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>E2E</MsgId><CreDtTm>2026-11-23T08:00:00</CreDtTm></GrpHdr>
<Stmt><Id>E2E-1</Id><CreDtTm>2026-11-23T08:00:00</CreDtTm>
<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-23</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">` + amount + `</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-23</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">` + amount + `</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-23</Dt></BookgDt><ValDt><Dt>2026-11-23</Dt></ValDt><AcctSvcrRef>` + ref + `</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>` + payer + `</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>` + remittance + `</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`)
}

// importSummary is what a money-in import answers: counts, and its totals
// as money objects.
type importSummary struct {
	AlreadyImported bool           `json:"already_imported"`
	Payments        moneyin.Counts `json:"payments"`
	Allocations     int            `json:"allocations"`
	Allocated       money.Amount   `json:"allocated"`
	WrittenOff      money.Amount   `json:"written_off"`
	SuspenseCount   int            `json:"suspense_count"`
	Suspense        money.Amount   `json:"suspense"`
}

func multipartFile(t *testing.T, name string, content []byte) (string, []byte) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	w.Close()
	return w.FormDataContentType(), body.Bytes()
}

// TestBankStatementClosesCase is money in end to end on real parts: an
// invoice's case runs on the Temporal dev server; a bank statement paying it
// in full is uploaded; lettrage allocates it and signals the workflow, which
// closes the case as paid with the payment on its timeline.
func TestBankStatementClosesCase(t *testing.T) {
	env := apptest.Start(t, "postgres", today)
	number := "FA-2026-MONEYIN"
	var created intake.Summary
	if status, raw := env.Do(t, "POST", "/api/v1/invoices", "application/json", []byte(overdueInvoice(number)), &created); status != http.StatusCreated {
		t.Fatalf("POST invoice: %d %s", status, raw)
	}
	caseID := created.Invoices[0].CaseID
	var c caseView
	apptest.Eventually(t, "the case workflow to start", func() bool {
		env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d", caseID), "", nil, &c)
		return len(c.Timeline) > 0
	})

	legal := *env
	legal.Token = env.UserToken(t, "juriste@test.local", models.RoleLegal, nil)
	statement := bankStatement(1200_00, "BOULANGERIE ECLAIR", "Reglement facture "+number, "E2E-REF-1")
	if status, _ := legal.Do(t, "POST", "/api/v1/imports/bank?filename=releve.xml", "application/xml", statement, nil); status != http.StatusForbidden {
		t.Errorf("a legal user imported a bank statement: %d", status)
	}

	manager := *env
	manager.Token = env.UserToken(t, "gestionnaire@test.local", models.RoleCreditManager, nil)
	ct, body := multipartFile(t, "releve.xml", statement)
	var sum importSummary
	status, raw := manager.Do(t, "POST", "/api/v1/imports/bank", ct, body, &sum)
	if status != http.StatusCreated || sum.Payments.Created != 1 || sum.Allocations != 1 || sum.SuspenseCount != 0 {
		t.Fatalf("bank import: %d %s", status, raw)
	}
	if sum.Allocated != eur(1200_00) || sum.WrittenOff != eur(0) || sum.Suspense != eur(0) {
		t.Errorf("bank import totals: %s, want allocated {120000, EUR} and nothing in suspense", raw)
	}
	apptest.Eventually(t, "the case to close as paid", func() bool {
		env.Do(t, "GET", fmt.Sprintf("/api/v1/cases/%d", caseID), "", nil, &c)
		return c.Status == string(models.CasePaid)
	})
	var payment *timelineEvent
	for i, e := range c.Timeline {
		if e.Kind == "payment" {
			payment = &c.Timeline[i]
		}
	}
	if payment == nil || !bytes.Contains([]byte(payment.Data), []byte("E2E-REF-1")) {
		t.Errorf("no payment with the bank reference on the timeline: %+v", c.Timeline)
	}
	if c.Invoice.Outstanding != eur(0) || c.Invoice.Status != models.InvoicePaid {
		t.Errorf("invoice after payment: %+v", c.Invoice)
	}

	// The same statement again: nothing new, nothing in suspense.
	status, raw = manager.Do(t, "POST", "/api/v1/imports/bank?filename=releve.xml", "application/xml", statement, &sum)
	if status != http.StatusOK || !sum.AlreadyImported || sum.Payments.Unchanged != 1 || sum.Allocations != 0 {
		t.Errorf("second import: %d %s", status, raw)
	}
	// Both uploads are in the audit log with who sent them, the re-import too.
	var imports int64
	env.DB.Model(&models.AuditLog{}).Where("action = ? AND actor = ? AND remote_addr <> ''", "api.import", "gestionnaire@test.local").Count(&imports)
	if imports != 2 {
		t.Errorf("%d api.import audit entries by the manager, want 2", imports)
	}
	var suspense, payments struct {
		Payments []struct {
			Amount      money.Amount `json:"amount"`
			Unallocated money.Amount `json:"unallocated"`
		}
	}
	env.Do(t, "GET", "/api/v1/payments?unallocated=true", "", nil, &suspense)
	if len(suspense.Payments) != 0 {
		t.Errorf("suspense list %+v, want empty", suspense.Payments)
	}
	env.Do(t, "GET", "/api/v1/payments", "", nil, &payments)
	if len(payments.Payments) != 1 || payments.Payments[0].Amount != eur(1200_00) || payments.Payments[0].Unallocated != eur(0) {
		t.Errorf("payments %+v, want the transfer of {120000, EUR}, all allocated", payments.Payments)
	}

	// A FEC with a bad amount is refused with its line and column.
	bad := "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n" +
		"VE\tVentes\t1\t20261001\t411000\tClients\tC1\tMorel\tFA-9\t20261001\tFacture\t1O0,00\t0,00\t\t\t20261001\t\t\n"
	var apiErr struct {
		Error  string
		Errors []intake.FieldError
	}
	status, raw = manager.Do(t, "POST", "/api/v1/imports/fec?filename=fec.txt", "text/plain", []byte(bad), &apiErr)
	if status != http.StatusBadRequest || len(apiErr.Errors) != 1 || apiErr.Errors[0].Row != 2 {
		t.Errorf("bad FEC: %d %s", status, raw)
	}
}

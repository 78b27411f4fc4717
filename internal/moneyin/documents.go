package moneyin

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/invoicesource"
	"github.com/recouvra/recouvra/internal/siren"
	"github.com/recouvra/recouvra/models"
)

// intakeChunk is how many invoices one intake.ImportBulk call writes.
const intakeChunk = 2000

// importDocuments writes the documents of one file: invoices through intake
// (which creates or updates their debtors and opens their cases), then
// credit notes and payments, whose debtors intake has written by then.
func (s *Service) importDocuments(st *importTx, docs []invoicesource.Document) error {
	qualifySharedPieces(docs)
	var rows []intake.Row
	var rejected []Rejection
	byNumber := map[string]int{} // invoice number → index in rows
	for _, d := range docs {
		if d.Type != invoicesource.TypeInvoice {
			continue
		}
		row := s.invoiceRow(st, d)
		key := strings.TrimSpace(d.Number)
		if i, dup := byNumber[key]; dup && d.Source == invoicesource.SourceFEC {
			// An invoice booked on several customer-account lines (one per
			// instalment) is one invoice: its lines add up.
			prev := &rows[i].Input
			if prev.Debtor.Reference != row.Input.Debtor.Reference {
				rejected = append(rejected, Rejection{Line: d.Line, Field: "PieceRef", Message: fmt.Sprintf(
					"invoice %q is on line %d for account %s and here for account %s", key, rows[i].Row,
					prev.Debtor.Reference, row.Input.Debtor.Reference)})
				continue
			}
			*prev.TotalCents += *row.Input.TotalCents
			*prev.OutstandingCents += *row.Input.OutstandingCents
			if row.Input.DueDate < prev.DueDate {
				prev.DueDate = row.Input.DueDate
			}
			continue
		}
		byNumber[key] = len(rows)
		rows = append(rows, row)
	}
	if len(rejected) > 0 {
		return &RejectedError{Rejected: rejected}
	}
	if err := s.keepKnownDebtorFields(st, rows); err != nil {
		return err
	}
	if err := s.keepAllocatedAmounts(st, rows); err != nil {
		return err
	}
	// The documents are no longer needed whole: only their credit notes and
	// payments, and the rows, whose invoices go to intake a chunk at a time
	// so that what intake holds does not grow with the file.
	credits := mergeCreditNotes(docs)
	clear(docs)
	for chunk := range slices.Chunk(rows, intakeChunk) {
		isum, err := st.intake.ImportBulk(st.tx.Statement.Context, chunk)
		if err != nil {
			return err
		}
		st.sum.Invoices.Created += isum.Created
		st.sum.Invoices.Updated += isum.Updated
		st.sum.Invoices.Unchanged += isum.Unchanged
		for _, o := range isum.Invoices {
			if o.CaseID != 0 {
				st.sum.Cases = append(st.sum.Cases, o)
			}
		}
		clear(chunk)
	}
	var payments []invoicesource.Document
	for _, d := range credits {
		if d.Type == invoicesource.TypePayment {
			payments = append(payments, d)
			continue
		}
		if err := s.upsertCreditNote(st, d); err != nil {
			var rej *RejectedError
			if errors.As(err, &rej) {
				return err
			}
			return fmt.Errorf("%s: %w", where(d), err)
		}
	}
	return s.fecPayments(st, payments)
}

// mergeCreditNotes returns the credit notes and payments of docs, a credit
// note booked on several lines of one account added up into one.
func mergeCreditNotes(docs []invoicesource.Document) []invoicesource.Document {
	var out []invoicesource.Document
	byNumber := map[string]int{}
	for _, d := range docs {
		switch d.Type {
		case invoicesource.TypePayment:
			out = append(out, d)
		case invoicesource.TypeCreditNote:
			key := strings.TrimSpace(d.Number)
			if i, dup := byNumber[key]; dup && d.Source == invoicesource.SourceFEC {
				out[i].TotalCents += d.TotalCents
				out[i].VATCents += d.VATCents
				out[i].PayableCents += d.PayableCents
				continue
			}
			byNumber[key] = len(out)
			out = append(out, d)
		}
	}
	return out
}

// keepAllocatedAmounts lets intake keep what was already allocated to an
// invoice imported before: given no outstanding amount, intake deducts the
// same allocations from the new total. A new invoice's outstanding amount is
// its payable amount (total less prepayments).
func (s *Service) keepAllocatedAmounts(st *importTx, rows []intake.Row) error {
	existing := map[string]bool{}
	numbers := make([]string, 0, len(rows))
	for _, r := range rows {
		numbers = append(numbers, r.Input.Number)
	}
	for chunk := range slices.Chunk(numbers, 1000) {
		var found []string
		if err := st.tx.Model(&models.Invoice{}).Where("creditor_id = ? AND number IN ?", st.creditor.ID, chunk).
			Pluck("number", &found).Error; err != nil {
			return fmt.Errorf("look up invoices: %w", err)
		}
		for _, n := range found {
			existing[n] = true
		}
	}
	for i := range rows {
		in := &rows[i].Input
		if existing[in.Number] || *in.OutstandingCents == *in.TotalCents {
			in.OutstandingCents = nil
		}
	}
	return nil
}

// qualifySharedPieces makes FEC numbers unique per debtor. Many ledgers
// book a month of sales, or the opening balances, under one piece reference
// ("VE 0623", "RAN") shared by several customer accounts; such a piece is one
// invoice per account, numbered "piece / account". A piece of a single
// account keeps its number, so it still matches a remittance quoting it.
func qualifySharedPieces(docs []invoicesource.Document) {
	accounts := map[string]map[string]bool{} // type and piece → accounts
	for _, d := range docs {
		if d.Source != invoicesource.SourceFEC || d.Type == invoicesource.TypePayment {
			continue
		}
		k := d.Type + "|" + strings.TrimSpace(d.Number)
		if accounts[k] == nil {
			accounts[k] = map[string]bool{}
		}
		accounts[k][d.Buyer.AccountRef] = true
	}
	for i := range docs {
		d := &docs[i]
		if len(accounts[d.Type+"|"+strings.TrimSpace(d.Number)]) > 1 {
			d.Number = clip(strings.TrimSpace(d.Number)+" / "+d.Buyer.AccountRef, 64)
		}
	}
}

// invoiceRow is a document as intake takes it. Rows of XML documents are
// numbered from 1 in st.rowPaths so that rejections name the element.
func (s *Service) invoiceRow(st *importTx, d invoicesource.Document) intake.Row {
	total, outstanding := d.TotalCents, d.PayableCents
	if outstanding < 0 || outstanding > total {
		outstanding = total
	}
	vat := d.VATCents
	due := d.DueDate
	if due.IsZero() {
		due = d.IssueDate.AddDays(termsDays(st))
	}
	creditorID := st.creditor.ID
	in := intake.InvoiceInput{
		Number: strings.TrimSpace(d.Number), IssueDate: d.IssueDate.String(), DueDate: due.String(),
		TotalCents: &total, VATCents: &vat, OutstandingCents: &outstanding, Currency: d.Currency,
		CreditorID: &creditorID, Debtor: st.sharedDebtor(debtorInput(d.Buyer, &st.sum.Warnings)), Source: d.Source,
	}
	if d.PaymentReference != "" && d.PaymentReference != d.Number {
		in.PaymentTerms = clip(paymentReferenceLabel+d.PaymentReference, 200)
	}
	row := d.Line
	if row == 0 {
		if st.rowPaths == nil {
			st.rowPaths = map[int]string{}
		}
		row = len(st.rowPaths) + 1
		st.rowPaths[row] = d.Path
	}
	return intake.Row{Row: row, Input: in}
}

// paymentReferenceLabel introduces, in an invoice's payment terms, the
// payment reference the e-invoice asked the payer to quote; lettrage reads it
// back (see paymentReference).
const paymentReferenceLabel = "Référence de paiement : "

// paymentReference is the reference stored by invoiceRow, or "".
func paymentReference(terms string) string {
	ref, _ := strings.CutPrefix(terms, paymentReferenceLabel)
	if ref == terms {
		return ""
	}
	return ref
}

// sharedDebtor returns one pointer for equal debtor inputs: the lines of
// one customer account describe it alike, and 20 000 open lines of a FEC
// then hold a few hundred debtors, not 20 000 copies. Rows sharing it are
// completed alike by keepKnownDebtorFields.
func (st *importTx) sharedDebtor(in *intake.DebtorInput) *intake.DebtorInput {
	if st.debtorInputs == nil {
		st.debtorInputs = map[intake.DebtorInput]*intake.DebtorInput{}
	}
	if shared, ok := st.debtorInputs[*in]; ok {
		return shared
	}
	st.debtorInputs[*in] = in
	return in
}

func termsDays(st *importTx) int {
	if st.creditor.PaymentTermsDays > 0 {
		return st.creditor.PaymentTermsDays
	}
	return 30
}

// debtorInput describes the buyer for intake. Identifiers that fail their
// checksum are dropped with a warning rather than refusing the invoice: the
// debtor is still known by its account or name.
func debtorInput(p invoicesource.Party, warnings *[]string) *intake.DebtorInput {
	in := &intake.DebtorInput{
		Reference: clip(p.AccountRef, 64), Name: clip(p.Name, 200), Kind: "trader",
		Address: addressOf(p.Address),
	}
	if in.Name == "" {
		in.Name = in.Reference
	}
	in.SIREN, in.SIRET = companyIDs(p, warnings)
	// Without an account, a debtor is found by SIREN; a SIREN that fails its
	// check digit, or a VAT number, still identifies the buyer from one
	// invoice to the next, as its reference.
	switch {
	case in.Reference != "" || in.SIREN != "":
	case p.SIREN != "":
		in.Reference = clip("SIREN:"+p.SIREN, 64)
	case p.VATNumber != "":
		in.Reference = clip("TVA:"+strings.ToUpper(p.VATNumber), 64)
	}
	if strings.Contains(p.Email, "@") {
		in.Email = clip(p.Email, 200)
	}
	return in
}

// companyIDs returns the buyer's SIREN and SIRET, the SIREN derived from
// the SIRET or a French VAT number (FR + 2-digit key + SIREN) when absent.
func companyIDs(p invoicesource.Party, warnings *[]string) (sirenNo, siret string) {
	if p.SIRET != "" {
		if err := siren.CheckSIRET(p.SIRET); err == nil {
			siret = p.SIRET
		} else {
			*warnings = append(*warnings, fmt.Sprintf("buyer %q: SIRET %s ignored: %v", p.Name, p.SIRET, err))
		}
	}
	candidates := []string{p.SIREN}
	if siret != "" {
		candidates = append(candidates, siret[:9])
	}
	if v := strings.ToUpper(p.VATNumber); strings.HasPrefix(v, "FR") && len(v) == 13 {
		candidates = append(candidates, v[4:])
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if err := siren.CheckSIREN(c); err != nil {
			*warnings = append(*warnings, fmt.Sprintf("buyer %q: SIREN %s ignored: %v", p.Name, c, err))
			continue
		}
		if siret != "" && siret[:9] != c {
			siret = ""
		}
		return c, siret
	}
	return "", siret
}

func where(d invoicesource.Document) string {
	if d.Line > 0 {
		return fmt.Sprintf("line %d", d.Line)
	}
	return d.Path
}

// parseRejection turns a parser error into the rejection of the file.
func parseRejection(err error) error {
	var pe *invoicesource.ParseError
	if errors.As(err, &pe) {
		r := Rejection{Line: pe.Line, Field: pe.Field, Message: pe.Err.Error()}
		if pe.Line == 0 && pe.Field != "" {
			r.Path, r.Field = pe.Field, ""
		}
		if pe.Column > 0 {
			r.Field = fmt.Sprintf("%s (column %d)", pe.Field, pe.Column)
		}
		return &RejectedError{Rejected: []Rejection{r}}
	}
	return &RejectedError{Rejected: []Rejection{{Message: err.Error()}}}
}

package moneyin

import (
	"bytes"
	"context"
	"fmt"

	"github.com/recouvra/recouvra/internal/invoicesource"
)

// Import kinds, as recorded in models.ImportedFile and named on the command line.
const (
	KindFEC     = "fec"
	KindFacturX = "facturx"
	KindUBL     = "ubl"
	KindCSV     = "csv"
	KindBank    = "bank"
)

// ImportFEC imports the open customer-account lines of a FEC: debits become
// invoices (debtor from the auxiliary account, kind trader), credits become
// credit notes or payments in suspense. The due date is the issue date plus
// the creditor's payment terms, since a FEC records none. The file is read
// as a stream (give File.Body for large files): memory grows with its open
// customer lines, not with its size.
func (s *Service) ImportFEC(ctx context.Context, f File) (Summary, error) {
	return s.run(ctx, KindFEC, f, func(st *importTx) error {
		if sirenNo, _, ok := invoicesource.ParseFECFileName(f.Name); ok && st.creditor.SIREN != "" && sirenNo != st.creditor.SIREN {
			st.sum.Warnings = append(st.sum.Warnings, fmt.Sprintf(
				"the file name gives SIREN %s but the creditor's is %s: is this the right company's FEC?", sirenNo, st.creditor.SIREN))
		}
		opt := invoicesource.FECOptions{PaymentTermsDays: termsDays(st), Currency: st.creditor.Currency,
			Seller: invoicesource.Party{Name: st.creditor.Name, SIREN: st.creditor.SIREN}}
		// Only the open customer lines are kept, a few in a hundred of a
		// FEC: the file itself streams through the parser and the hash.
		var docs []invoicesource.Document
		stats, err := invoicesource.ScanFEC(st.body, opt, func(d invoicesource.Document) error {
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return parseRejection(err)
		}
		if len(docs) == 0 {
			st.sum.Warnings = append(st.sum.Warnings, fmt.Sprintf("no open line on a customer account among %d entries", stats.Entries))
		}
		return s.importDocuments(st, docs)
	})
}

// ImportFacturX imports a Factur-X PDF (or its bare CII XML).
func (s *Service) ImportFacturX(ctx context.Context, f File) (Summary, error) {
	return s.importEInvoice(ctx, KindFacturX, f)
}

// ImportUBL imports a UBL 2.1 Invoice or CreditNote.
func (s *Service) ImportUBL(ctx context.Context, f File) (Summary, error) {
	return s.importEInvoice(ctx, KindUBL, f)
}

// importEInvoice reads one e-invoice: an invoice goes through intake with
// its buyer as debtor, a credit note is stored against the invoice it names.
func (s *Service) importEInvoice(ctx context.Context, kind string, f File) (Summary, error) {
	return s.run(ctx, kind, f, func(st *importTx) error {
		content, err := st.body.all()
		if err != nil {
			return err
		}
		doc, err := parseEInvoice(kind, File{Name: f.Name, Content: content})
		if err != nil {
			return err
		}
		if seller := doc.Seller.SIREN; seller != "" && st.creditor.SIREN != "" && seller != st.creditor.SIREN {
			// A purchase invoice imported by mistake would be chased as a receivable.
			st.sum.Warnings = append(st.sum.Warnings, fmt.Sprintf(
				"the seller %q has SIREN %s but the creditor's is %s: is this one of our sales invoices?", doc.Seller.Name, seller, st.creditor.SIREN))
		}
		return s.importDocuments(st, []invoicesource.Document{doc})
	})
}

func parseEInvoice(kind string, f File) (invoicesource.Document, error) {
	head := f.Content[:min(len(f.Content), invoicesource.DetectHeadSize)]
	got, err := invoicesource.Detect(f.Name, head)
	if err != nil {
		return invoicesource.Document{}, &RejectedError{Rejected: []Rejection{{Field: "file", Message: err.Error()}}}
	}
	var doc invoicesource.Document
	switch {
	case kind == KindFacturX && got == invoicesource.KindFacturX:
		doc, err = invoicesource.ParseFacturX(bytes.NewReader(f.Content), int64(len(f.Content)))
	case kind == KindFacturX && got == invoicesource.KindCII:
		doc, err = invoicesource.ParseCII(bytes.NewReader(f.Content))
	case kind == KindUBL && got == invoicesource.KindUBL:
		doc, err = invoicesource.ParseUBL(bytes.NewReader(f.Content))
	default:
		return doc, &RejectedError{Rejected: []Rejection{{Field: "file", Message: fmt.Sprintf("is a %s file, not %s", got, kind)}}}
	}
	if err != nil {
		return doc, parseRejection(err)
	}
	if doc.Path == "" {
		doc.Path = string(got)
	}
	return doc, nil
}

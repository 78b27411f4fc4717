package litigation

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/dossier"
	"github.com/recouvra/recouvra/internal/letters"
)

// generatedStatementFile names the statement this package prints, so that
// the dossier's key leaves out its bytes, which embed the time of printing.
const generatedStatementFile = "releve-de-compte-genere.pdf"

// statementPiece prints the relevé de compte of the claimed invoice as of
// day on, when none is stored on the case: the bordereau lists a statement
// of account among the usual pieces, and the judge reads the balance from it.
// ok is false when the debtor's address is too incomplete to print a letter.
func statementPiece(d CaseData, on civil.Date) (dossier.Piece, bool, error) {
	inv, cr, de := d.Invoice, d.Creditor, d.Debtor
	if de.Address.Line1 == "" || de.Address.City == "" {
		return dossier.Piece{}, false, nil
	}
	overdue := on.DaysSince(inv.DueDate)
	if overdue < 0 {
		overdue = 0
	}
	l := letters.Letter{
		Kind: letters.KindStatement,
		Creditor: letters.Party{LegalForm: cr.LegalForm, Name: cr.Name, Line1: cr.Address.Line1, Line2: cr.Address.Line2,
			PostalCode: cr.Address.PostalCode, City: cr.Address.City, Country: cr.Address.Country, SIREN: cr.SIREN,
			RCSCity: cr.RCSCity, ShareCapitalCents: cr.ShareCapitalCents, Email: cr.Email, Phone: cr.Phone},
		Debtor: letters.Party{LegalForm: de.LegalForm, Name: de.Name, Line1: de.Address.Line1, Line2: de.Address.Line2,
			PostalCode: de.Address.PostalCode, City: de.Address.City, Country: de.Address.Country},
		Place: cr.Address.City, Date: on, References: []string{"Facture " + inv.Number},
		Subject: "Relevé de compte",
		Statement: &letters.Statement{AccountNumber: de.Reference, Currency: inv.Currency, TotalCents: inv.OutstandingCents,
			Lines: []letters.StatementLine{{Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate,
				AmountCents: inv.TotalCents, PaidCents: inv.TotalCents - inv.OutstandingCents,
				BalanceCents: inv.OutstandingCents, DaysOverdue: overdue}}},
		Signature: letters.Signature{Name: cr.Representative, Title: cr.RepresentativeTitle},
	}
	pdf, err := letters.Render(l)
	if err != nil {
		return dossier.Piece{}, false, fmt.Errorf("statement of account of invoice %s: %w", inv.Number, err)
	}
	return dossier.Piece{Kind: dossier.PieceStatement, Title: "Relevé de compte arrêté au " + on.French(), Date: on,
		FileName: generatedStatementFile, ContentType: "application/pdf", Content: pdf}, true, nil
}

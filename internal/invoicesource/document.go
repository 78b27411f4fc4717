// Package invoicesource reads the files a creditor already has — the FEC
// accounting export, Factur-X PDFs (CII XML) and UBL 2.1 e-invoices — and
// turns each receivable into one Document, so that the rest of Recouvra never
// has to know which format a claim came from.
//
// Amounts are int64 cents: a value that is not a whole number of cents is an
// error, never a rounding. Every error names where it was found: the line and
// column of a FEC file, or the element path of an XML document.
package invoicesource

import "github.com/recouvra/recouvra/internal/civil"

// Sources of a Document.
const (
	SourceFEC     = "fec"
	SourceFacturX = "facturx" // Factur-X PDF or bare CII XML
	SourceUBL     = "ubl"
)

// Document types. A FEC has no document type of its own: an open credit on a
// customer account is either a credit note or a payment not yet matched, and
// both reduce what the debtor owes (see classifyCredit).
const (
	TypeInvoice    = "invoice"
	TypeCreditNote = "credit_note"
	TypePayment    = "payment" // FEC only: unmatched payment on the customer account
)

// Document is one receivable (or one item reducing it) as read from a file.
// Amounts keep the sign the file gives them, which is positive for credit
// notes as for invoices: Type says which way the document counts. FEC lines
// carry only the amount booked on the customer account, so their VATCents
// and NetCents are 0.
type Document struct {
	Source string // SourceFEC, SourceFacturX or SourceUBL
	Line   int    // FEC line number (1 is the header); 0 for XML
	Path   string // XML root element path; "" for FEC

	Number            string   // invoice number, or FEC PieceRef
	Type              string   // TypeInvoice, TypeCreditNote or TypePayment
	PrecedingInvoices []string // invoices a credit note or final invoice refers to

	IssueDate civil.Date
	DueDate   civil.Date // zero when the document states none

	TotalCents   int64 // including VAT
	VATCents     int64
	NetCents     int64 // excluding VAT
	PayableCents int64 // what is still due: total less prepayments (acomptes)
	Currency     string

	PaymentReference string
	IBAN             string // without spaces

	Seller, Buyer Party
}

// Party is a seller or a buyer.
type Party struct {
	Name       string // legal name when the document gives one
	SIREN      string // 9 digits
	SIRET      string // 14 digits
	VATNumber  string // without spaces, e.g. FR11123456782
	AccountRef string // FEC CompAuxNum: the customer sub-account
	Address    Address
	Email      string
}

// Address is a postal address as written on the invoice.
type Address struct {
	Line1, Line2 string
	PostalCode   string
	City         string
	Country      string // ISO 3166-1 alpha-2
}

// IsZero reports whether no address field is set.
func (a Address) IsZero() bool { return a == Address{} }

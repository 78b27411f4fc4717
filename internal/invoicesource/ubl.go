package invoicesource

import (
	"fmt"
	"io"
	"strings"

	"github.com/recouvra/recouvra/internal/money"
)

// ublDocument holds the header of a UBL 2.1 Invoice or CreditNote (EN 16931,
// Peppol BIS 3, French CTC profiles). Elements are matched by local name.
type ublDocument struct {
	ID                 string `xml:"ID"`
	IssueDate          string `xml:"IssueDate"`
	DueDate            string `xml:"DueDate"`
	InvoiceTypeCode    string `xml:"InvoiceTypeCode"`
	CreditNoteTypeCode string `xml:"CreditNoteTypeCode"`
	Currency           string `xml:"DocumentCurrencyCode"`
	BillingReferences  []struct {
		ID string `xml:"InvoiceDocumentReference>ID"`
	} `xml:"BillingReference"`
	Supplier     ublParty `xml:"AccountingSupplierParty>Party"`
	Customer     ublParty `xml:"AccountingCustomerParty>Party"`
	PaymentMeans []struct {
		DueDate   string `xml:"PaymentDueDate"`
		PaymentID string `xml:"PaymentID"`
		Account   string `xml:"PayeeFinancialAccount>ID"`
	} `xml:"PaymentMeans"`
	TaxTotals []struct {
		Amount xmlAmount `xml:"TaxAmount"`
	} `xml:"TaxTotal"`
	Totals struct {
		TaxExclusive xmlAmount `xml:"TaxExclusiveAmount"`
		TaxInclusive xmlAmount `xml:"TaxInclusiveAmount"`
		Payable      xmlAmount `xml:"PayableAmount"`
	} `xml:"LegalMonetaryTotal"`
}

type ublParty struct {
	Endpoint        xmlID    `xml:"EndpointID"`
	Identifications []xmlID  `xml:"PartyIdentification>ID"`
	Names           []string `xml:"PartyName>Name"`
	Address         struct {
		Street     string   `xml:"StreetName"`
		Additional string   `xml:"AdditionalStreetName"`
		Lines      []string `xml:"AddressLine>Line"`
		City       string   `xml:"CityName"`
		PostalZone string   `xml:"PostalZone"`
		Country    string   `xml:"Country>IdentificationCode"`
	} `xml:"PostalAddress"`
	TaxSchemes []struct {
		CompanyID string `xml:"CompanyID"`
		Scheme    string `xml:"TaxScheme>ID"`
	} `xml:"PartyTaxScheme"`
	Legal struct {
		RegistrationName string `xml:"RegistrationName"`
		CompanyID        xmlID  `xml:"CompanyID"`
	} `xml:"PartyLegalEntity"`
	Email string `xml:"Contact>ElectronicMail"`
}

// ParseUBL reads a UBL 2.1 Invoice or CreditNote. A CreditNote root is always
// a credit note; an Invoice follows its InvoiceTypeCode.
func ParseUBL(r io.Reader) (Document, error) {
	var u ublDocument
	root, err := decodeRoot(r, SourceUBL, []string{"Invoice", "CreditNote"}, &u)
	if err != nil {
		return Document{}, err
	}
	return u.document(root)
}

func (u *ublDocument) document(root string) (Document, error) {
	const src = SourceUBL
	doc := Document{Source: src, Path: root, Number: clean(u.ID)}
	if doc.Number == "" {
		return Document{}, pathError(src, root+"/cbc:ID", "invoice number is missing")
	}
	var err error
	if root == "CreditNote" {
		doc.Type = TypeCreditNote
		if _, err = documentType(strings.TrimSpace(u.CreditNoteTypeCode), TypeCreditNote); err != nil {
			return Document{}, pathError(src, root+"/cbc:CreditNoteTypeCode", "%v", err)
		}
	} else if doc.Type, err = documentType(strings.TrimSpace(u.InvoiceTypeCode), TypeInvoice); err != nil {
		return Document{}, pathError(src, root+"/cbc:InvoiceTypeCode", "%v", err)
	}
	if doc.IssueDate, err = parseISODate(src, root+"/cbc:IssueDate", u.IssueDate); err != nil {
		return Document{}, err
	}
	if doc.IssueDate.IsZero() {
		return Document{}, pathError(src, root+"/cbc:IssueDate", "issue date is missing")
	}
	if doc.DueDate, err = parseISODate(src, root+"/cbc:DueDate", u.DueDate); err != nil {
		return Document{}, err
	}
	for i, m := range u.PaymentMeans {
		if doc.DueDate.IsZero() {
			path := fmt.Sprintf("%s/cac:PaymentMeans[%d]/cbc:PaymentDueDate", root, i+1)
			if doc.DueDate, err = parseISODate(src, path, m.DueDate); err != nil {
				return Document{}, err
			}
		}
		if doc.PaymentReference == "" {
			doc.PaymentReference = clean(m.PaymentID)
		}
		if doc.IBAN == "" {
			doc.IBAN = compact(m.Account)
		}
	}
	doc.Currency = strings.ToUpper(strings.TrimSpace(u.Currency))
	if !money.ValidCurrency(doc.Currency) {
		return Document{}, pathError(src, root+"/cbc:DocumentCurrencyCode", "currency %q is not an ISO 4217 code", u.Currency)
	}
	if err := u.amounts(root, &doc); err != nil {
		return Document{}, err
	}
	for _, b := range u.BillingReferences {
		if id := clean(b.ID); id != "" {
			doc.PrecedingInvoices = append(doc.PrecedingInvoices, id)
		}
	}
	doc.Seller = u.Supplier.party()
	doc.Buyer = u.Customer.party()
	if doc.Buyer.Name == "" {
		return Document{}, pathError(src, root+"/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
			"buyer name is missing")
	}
	return doc, nil
}

// amounts reads LegalMonetaryTotal and the VAT total in the document currency.
func (u *ublDocument) amounts(root string, doc *Document) error {
	totals := root + "/cac:LegalMonetaryTotal"
	read := func(path string, a xmlAmount) (int64, bool, error) {
		if c := strings.TrimSpace(a.Currency); c != "" && !strings.EqualFold(c, doc.Currency) {
			return 0, false, pathError(SourceUBL, path, "amount is in %s, the document in %s", c, doc.Currency)
		}
		return parseXMLAmount(SourceUBL, path, a.Value)
	}
	total, hasTotal, err := read(totals+"/cbc:TaxInclusiveAmount", u.Totals.TaxInclusive)
	if err != nil {
		return err
	}
	payable, hasPayable, err := read(totals+"/cbc:PayableAmount", u.Totals.Payable)
	if err != nil {
		return err
	}
	net, hasNet, err := read(totals+"/cbc:TaxExclusiveAmount", u.Totals.TaxExclusive)
	if err != nil {
		return err
	}
	var vat int64
	hasVAT := false
	for i, t := range u.TaxTotals {
		if c := strings.TrimSpace(t.Amount.Currency); c != "" && !strings.EqualFold(c, doc.Currency) {
			continue // VAT restated in the accounting currency
		}
		path := fmt.Sprintf("%s/cac:TaxTotal[%d]/cbc:TaxAmount", root, i+1)
		if vat, hasVAT, err = parseXMLAmount(SourceUBL, path, t.Amount.Value); err != nil {
			return err
		}
		if hasVAT {
			break
		}
	}
	switch {
	case !hasTotal && !hasPayable:
		return pathError(SourceUBL, totals+"/cbc:PayableAmount", "payable amount is missing")
	case !hasTotal:
		total = payable
	case !hasPayable:
		payable = total
	}
	if !hasVAT && hasNet {
		vat = total - net
	}
	if !hasNet {
		net = total - vat
	}
	doc.TotalCents, doc.VATCents, doc.NetCents, doc.PayableCents = total, vat, net, payable
	return nil
}

func (p *ublParty) party() Party {
	out := Party{
		Name: firstNonEmpty(append([]string{p.Legal.RegistrationName}, p.Names...)...),
		Address: Address{
			Line1:      clean(p.Address.Street),
			Line2:      joinNonEmpty(append([]string{p.Address.Additional}, p.Address.Lines...)...),
			PostalCode: clean(p.Address.PostalZone),
			City:       clean(p.Address.City),
			Country:    strings.ToUpper(clean(p.Address.Country)),
		},
		Email: clean(p.Email),
	}
	ids := []partyID{{p.Legal.CompanyID.Scheme, p.Legal.CompanyID.Value}}
	for _, id := range p.Identifications {
		ids = append(ids, partyID{id.Scheme, id.Value})
	}
	ids = append(ids, partyID{p.Endpoint.Scheme, p.Endpoint.Value})
	applyCompanyIDs(&out, ids)
	for _, t := range p.TaxSchemes {
		if s := strings.TrimSpace(t.Scheme); s == "" || strings.EqualFold(s, "VAT") {
			if out.VATNumber = compact(t.CompanyID); out.VATNumber != "" {
				break
			}
		}
	}
	if out.Email == "" && strings.EqualFold(strings.TrimSpace(p.Endpoint.Scheme), "EM") {
		out.Email = clean(p.Endpoint.Value)
	}
	return out
}

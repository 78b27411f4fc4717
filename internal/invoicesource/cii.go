package invoicesource

import (
	"fmt"
	"io"
	"strings"

	"github.com/recouvra/recouvra/internal/money"
)

// Element paths of the CII fields Recouvra reads, for error messages.
const (
	ciiRoot       = "rsm:CrossIndustryInvoice"
	ciiDoc        = ciiRoot + "/rsm:ExchangedDocument"
	ciiAgreement  = ciiRoot + "/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
	ciiSettlement = ciiRoot + "/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
	ciiSummation  = ciiSettlement + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
)

// ciiInvoice holds the header of a UN/CEFACT Cross Industry Invoice (D16B),
// the XML inside Factur-X and ZUGFeRD 2. Elements are matched by local name;
// every profile from MINIMUM to EXTENDED has them at the same place.
type ciiInvoice struct {
	Document struct {
		ID        string  `xml:"ID"`
		TypeCode  string  `xml:"TypeCode"`
		IssueDate ciiDate `xml:"IssueDateTime>DateTimeString"`
	} `xml:"ExchangedDocument"`
	Transaction struct {
		Agreement struct {
			Seller ciiParty `xml:"SellerTradeParty"`
			Buyer  ciiParty `xml:"BuyerTradeParty"`
		} `xml:"ApplicableHeaderTradeAgreement"`
		Settlement struct {
			PaymentReference string `xml:"PaymentReference"`
			Currency         string `xml:"InvoiceCurrencyCode"`
			Means            []struct {
				IBAN        string `xml:"PayeePartyCreditorFinancialAccount>IBANID"`
				Proprietary string `xml:"PayeePartyCreditorFinancialAccount>ProprietaryID"`
			} `xml:"SpecifiedTradeSettlementPaymentMeans"`
			Terms []struct {
				DueDate ciiDate `xml:"DueDateDateTime>DateTimeString"`
			} `xml:"SpecifiedTradePaymentTerms"`
			Summation struct {
				TaxBasis   []xmlAmount `xml:"TaxBasisTotalAmount"`
				TaxTotal   []xmlAmount `xml:"TaxTotalAmount"`
				GrandTotal []xmlAmount `xml:"GrandTotalAmount"`
				DuePayable []xmlAmount `xml:"DuePayableAmount"`
			} `xml:"SpecifiedTradeSettlementHeaderMonetarySummation"`
			Preceding []struct {
				ID string `xml:"IssuerAssignedID"`
			} `xml:"InvoiceReferencedDocument"`
		} `xml:"ApplicableHeaderTradeSettlement"`
	} `xml:"SupplyChainTradeTransaction"`
}

type ciiDate struct {
	Value  string `xml:",chardata"`
	Format string `xml:"format,attr"`
}

type ciiParty struct {
	GlobalIDs []xmlID `xml:"GlobalID"`
	Name      string  `xml:"Name"`
	Legal     struct {
		ID          xmlID  `xml:"ID"`
		TradingName string `xml:"TradingBusinessName"`
	} `xml:"SpecifiedLegalOrganization"`
	Contacts []struct {
		Email string `xml:"EmailURIUniversalCommunication>URIID"`
	} `xml:"DefinedTradeContact"`
	Address struct {
		Postcode  string `xml:"PostcodeCode"`
		LineOne   string `xml:"LineOne"`
		LineTwo   string `xml:"LineTwo"`
		LineThree string `xml:"LineThree"`
		City      string `xml:"CityName"`
		Country   string `xml:"CountryID"`
	} `xml:"PostalTradeAddress"`
	URIs []xmlID `xml:"URIUniversalCommunication>URIID"`
	Tax  []xmlID `xml:"SpecifiedTaxRegistration>ID"`
}

// ParseCII reads a Cross Industry Invoice: the factur-x.xml of a Factur-X
// PDF, a ZUGFeRD 2 or XRechnung CII file. TypeCode 381 (and 261, 262, 396)
// gives a credit note.
func ParseCII(r io.Reader) (Document, error) {
	var inv ciiInvoice
	if _, err := decodeRoot(r, SourceFacturX, []string{"CrossIndustryInvoice"}, &inv); err != nil {
		return Document{}, err
	}
	return inv.document()
}

func (inv *ciiInvoice) document() (Document, error) {
	const src = SourceFacturX
	h, s := &inv.Document, &inv.Transaction.Settlement
	doc := Document{Source: src, Path: ciiRoot, Number: clean(h.ID)}
	if doc.Number == "" {
		return Document{}, pathError(src, ciiDoc+"/ram:ID", "invoice number is missing")
	}
	var err error
	if doc.Type, err = documentType(strings.TrimSpace(h.TypeCode), TypeInvoice); err != nil {
		return Document{}, pathError(src, ciiDoc+"/ram:TypeCode", "%v", err)
	}
	issuePath := ciiDoc + "/ram:IssueDateTime/udt:DateTimeString"
	if doc.IssueDate, err = parseDate102(src, issuePath, h.IssueDate.Format, h.IssueDate.Value); err != nil {
		return Document{}, err
	}
	if doc.IssueDate.IsZero() {
		return Document{}, pathError(src, issuePath, "issue date is missing")
	}
	for i, t := range s.Terms {
		path := fmt.Sprintf("%s/ram:SpecifiedTradePaymentTerms[%d]/ram:DueDateDateTime/udt:DateTimeString", ciiSettlement, i+1)
		due, err := parseDate102(src, path, t.DueDate.Format, t.DueDate.Value)
		if err != nil {
			return Document{}, err
		}
		if !due.IsZero() && (doc.DueDate.IsZero() || due.Before(doc.DueDate)) {
			doc.DueDate = due // with instalments, the first falls due first
		}
	}
	doc.Currency = strings.ToUpper(strings.TrimSpace(s.Currency))
	if !money.ValidCurrency(doc.Currency) {
		return Document{}, pathError(src, ciiSettlement+"/ram:InvoiceCurrencyCode", "currency %q is not an ISO 4217 code", s.Currency)
	}
	if err := inv.amounts(&doc); err != nil {
		return Document{}, err
	}
	doc.PaymentReference = clean(s.PaymentReference)
	for _, m := range s.Means {
		if doc.IBAN = compact(firstNonEmpty(m.IBAN, m.Proprietary)); doc.IBAN != "" {
			break
		}
	}
	for _, p := range s.Preceding {
		if id := clean(p.ID); id != "" {
			doc.PrecedingInvoices = append(doc.PrecedingInvoices, id)
		}
	}
	doc.Seller = inv.Transaction.Agreement.Seller.party()
	doc.Buyer = inv.Transaction.Agreement.Buyer.party()
	if doc.Buyer.Name == "" {
		return Document{}, pathError(src, ciiAgreement+"/ram:BuyerTradeParty/ram:Name", "buyer name is missing")
	}
	return doc, nil
}

// amounts reads the monetary summation: GrandTotalAmount is the total with
// VAT, DuePayableAmount what remains after prepayments.
func (inv *ciiInvoice) amounts(doc *Document) error {
	sum := &inv.Transaction.Settlement.Summation
	read := func(name string, list []xmlAmount) (int64, bool, error) {
		a, found := pickAmount(list, doc.Currency)
		if !found {
			return 0, false, nil
		}
		return parseXMLAmount(SourceFacturX, ciiSummation+"/ram:"+name, a.Value)
	}
	total, hasTotal, err := read("GrandTotalAmount", sum.GrandTotal)
	if err != nil {
		return err
	}
	payable, hasPayable, err := read("DuePayableAmount", sum.DuePayable)
	if err != nil {
		return err
	}
	net, hasNet, err := read("TaxBasisTotalAmount", sum.TaxBasis)
	if err != nil {
		return err
	}
	vat, hasVAT, err := read("TaxTotalAmount", sum.TaxTotal)
	if err != nil {
		return err
	}
	if !hasTotal {
		return pathError(SourceFacturX, ciiSummation+"/ram:GrandTotalAmount", "grand total in %s is missing", doc.Currency)
	}
	if !hasPayable {
		payable = total
	}
	if !hasVAT && hasNet {
		vat = total - net // GrandTotal = TaxBasisTotal + TaxTotal (EN 16931 BR-CO-15)
	}
	if !hasNet {
		net = total - vat
	}
	doc.TotalCents, doc.VATCents, doc.NetCents, doc.PayableCents = total, vat, net, payable
	return nil
}

func (p *ciiParty) party() Party {
	out := Party{
		Name: firstNonEmpty(p.Name, p.Legal.TradingName),
		Address: Address{
			Line1:      clean(p.Address.LineOne),
			Line2:      joinNonEmpty(p.Address.LineTwo, p.Address.LineThree),
			PostalCode: clean(p.Address.Postcode),
			City:       clean(p.Address.City),
			Country:    strings.ToUpper(clean(p.Address.Country)),
		},
	}
	ids := []partyID{{p.Legal.ID.Scheme, p.Legal.ID.Value}}
	for _, g := range p.GlobalIDs {
		ids = append(ids, partyID{g.Scheme, g.Value})
	}
	applyCompanyIDs(&out, ids)
	for _, t := range p.Tax {
		if strings.EqualFold(strings.TrimSpace(t.Scheme), "VA") {
			out.VATNumber = compact(t.Value)
			break
		}
	}
	for _, u := range p.URIs {
		if s := strings.TrimSpace(u.Scheme); s == "" || strings.EqualFold(s, "EM") {
			if out.Email = clean(u.Value); out.Email != "" {
				break
			}
		}
	}
	for _, c := range p.Contacts {
		if out.Email != "" {
			break
		}
		out.Email = clean(c.Email)
	}
	return out
}

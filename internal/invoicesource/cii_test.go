package invoicesource

import (
	"errors"
	"strings"
	"testing"
)

// ciiTemplate is a minimal CII invoice; tests replace parts of it.
const ciiTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocument>
  <ram:ID>FA-42</ram:ID>
  <ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20260115</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Vendeur</ram:Name></ram:SellerTradeParty>
   <ram:BuyerTradeParty>
    <ram:Name>Société Générale des Eaux</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">73282932000074</ram:ID></ram:SpecifiedLegalOrganization>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20260315</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20260214</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:TaxBasisTotalAmount>100.0000</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount>
    <ram:TaxTotalAmount currencyID="USD">21.50</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>
    <ram:DuePayableAmount>120.00</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`

func TestParseCIITemplate(t *testing.T) {
	doc, err := ParseCII(strings.NewReader(ciiTemplate))
	if err != nil {
		t.Fatal(err)
	}
	// The earlier of two instalments is the due date; the VAT restated in
	// USD is ignored; "100.0000" is accepted.
	if doc.DueDate.String() != "2026-02-14" || doc.VATCents != 20_00 || doc.NetCents != 100_00 ||
		doc.Buyer.Name != "Société Générale des Eaux" || doc.Buyer.SIREN != "732829320" || doc.Buyer.SIRET != "73282932000074" {
		t.Errorf("doc = %+v", doc)
	}
}

func TestParseCIILatin1(t *testing.T) {
	text := strings.Replace(ciiTemplate, `encoding="UTF-8"`, `encoding="ISO-8859-15"`, 1)
	var latin []byte
	for _, r := range text {
		if r == 'é' {
			latin = append(latin, 0xE9)
		} else {
			latin = append(latin, string(r)...)
		}
	}
	doc, err := ParseCII(strings.NewReader(string(latin)))
	if err != nil || doc.Buyer.Name != "Société Générale des Eaux" {
		t.Errorf("ParseCII = %q, %v", doc.Buyer.Name, err)
	}
}

func TestParseCIIErrors(t *testing.T) {
	const sum = "rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"bad grand total", "<ram:GrandTotalAmount>120.00<", "<ram:GrandTotalAmount>120.005<",
			[]string{sum + "ram:GrandTotalAmount", `"120.005" is not a whole number of cents`}},
		{"comma in an amount", "<ram:TaxBasisTotalAmount>100.0000<", "<ram:TaxBasisTotalAmount>100,00<",
			[]string{sum + "ram:TaxBasisTotalAmount", "not a decimal number"}},
		{"bad VAT amount", `currencyID="EUR">20.00<`, `currencyID="EUR">vingt<`,
			[]string{sum + "ram:TaxTotalAmount", `"vingt"`}},
		{"missing grand total", "<ram:GrandTotalAmount>120.00</ram:GrandTotalAmount>", "",
			[]string{sum + "ram:GrandTotalAmount", "missing"}},
		{"bad issue date", ">20260115<", ">20261315<",
			[]string{"rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", `"20261315" does not exist`}},
		{"unsupported date format", `format="102">20260115`, `format="610">202601`,
			[]string{"ram:IssueDateTime/udt:DateTimeString", `format "610"`}},
		{"bad due date", ">20260214<", ">2026-02-14<",
			[]string{"ram:SpecifiedTradePaymentTerms[2]/ram:DueDateDateTime/udt:DateTimeString", "AAAAMMJJ"}},
		{"missing number", "<ram:ID>FA-42</ram:ID>", "<ram:ID> </ram:ID>",
			[]string{"rsm:ExchangedDocument/ram:ID", "invoice number is missing"}},
		{"bad type code", "<ram:TypeCode>380<", "<ram:TypeCode>FACTURE<",
			[]string{"rsm:ExchangedDocument/ram:TypeCode", `"FACTURE"`}},
		{"bad currency", ">EUR</ram:InvoiceCurrencyCode>", ">euros</ram:InvoiceCurrencyCode>",
			[]string{"ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode", `"euros"`}},
		{"missing buyer name", "<ram:Name>Société Générale des Eaux</ram:Name>", "",
			[]string{"ram:BuyerTradeParty/ram:Name", "buyer name is missing"}},
		{"UBL root", "rsm:CrossIndustryInvoice", "Invoice",
			[]string{"root element is <Invoice>", "<CrossIndustryInvoice>"}},
		{"truncated XML", "</rsm:CrossIndustryInvoice>", "",
			[]string{"XML syntax error on line"}},
		{"unknown charset", `encoding="UTF-8"`, `encoding="EBCDIC"`,
			[]string{`"EBCDIC" is not supported`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.ReplaceAll(ciiTemplate, tt.old, tt.new)
			if text == ciiTemplate {
				t.Fatalf("%q not found in the template", tt.old)
			}
			_, err := ParseCII(strings.NewReader(text))
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Source != SourceFacturX {
				t.Errorf("error %v is not a facturx *ParseError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

package invoicesource

import (
	"errors"
	"strings"
	"testing"
)

// ublTemplate is a minimal UBL invoice; tests replace parts of it.
const ublTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>F-2026-7</cbc:ID>
 <cbc:IssueDate>2026-03-01</cbc:IssueDate>
 <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Vendeur</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party>
  <cbc:EndpointID schemeID="EM">compta@hotel-du-lac.fr</cbc:EndpointID>
  <cac:PartyName><cbc:Name>Hôtel du Lac</cbc:Name></cac:PartyName>
  <cac:PostalAddress><cbc:CityName>Annecy</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
  <cac:PartyLegalEntity><cbc:CompanyID>552100554</cbc:CompanyID></cac:PartyLegalEntity>
 </cac:Party></cac:AccountingCustomerParty>
 <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2026-03-31</cbc:PaymentDueDate></cac:PaymentMeans>
 <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">10.00</cbc:TaxAmount></cac:TaxTotal>
 <cac:LegalMonetaryTotal>
  <cbc:TaxExclusiveAmount currencyID="EUR">50.00</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="EUR">60.00</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="EUR">60.00</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
</Invoice>`

func TestParseUBLTemplate(t *testing.T) {
	doc, err := ParseUBL(strings.NewReader(ublTemplate))
	if err != nil {
		t.Fatal(err)
	}
	// Due date from PaymentMeans; e-mail from an EM endpoint; an unschemed
	// Luhn-valid company number of a French buyer is its SIREN.
	if doc.DueDate.String() != "2026-03-31" || doc.Buyer.Email != "compta@hotel-du-lac.fr" ||
		doc.Buyer.SIREN != "552100554" || doc.Buyer.Name != "Hôtel du Lac" || doc.TotalCents != 60_00 {
		t.Errorf("doc = %+v", doc)
	}
}

func TestParseUBLCreditNoteRoot(t *testing.T) {
	text := strings.NewReplacer("<Invoice ", "<CreditNote ", "</Invoice>", "</CreditNote>",
		"Invoice-2", "CreditNote-2", "InvoiceTypeCode>380", "CreditNoteTypeCode>381").Replace(ublTemplate)
	text = strings.Replace(text, "</cbc:InvoiceTypeCode>", "</cbc:CreditNoteTypeCode>", 1)
	doc, err := ParseUBL(strings.NewReader(text))
	if err != nil || doc.Type != TypeCreditNote || doc.Path != "CreditNote" {
		t.Errorf("ParseUBL = %+v, %v", doc, err)
	}
}

func TestParseUBLNotXML(t *testing.T) {
	_, err := ParseUBL(strings.NewReader("JournalCode\tJournalLib\nVE\tVentes\n"))
	if err == nil || !strings.Contains(err.Error(), "ubl: no XML root element") {
		t.Errorf("err = %v", err)
	}
}

func TestParseUBLErrors(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"bad payable amount", `<cbc:PayableAmount currencyID="EUR">60.00<`, `<cbc:PayableAmount currencyID="EUR">60.001<`,
			[]string{"Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount", `"60.001" is not a whole number of cents`}},
		{"comma in an amount", `>50.00</cbc:TaxExclusiveAmount>`, `>50,00</cbc:TaxExclusiveAmount>`,
			[]string{"Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", "not a decimal number"}},
		{"bad VAT amount", `>10.00</cbc:TaxAmount>`, `>10.0001</cbc:TaxAmount>`,
			[]string{"Invoice/cac:TaxTotal[1]/cbc:TaxAmount", "not a whole number of cents"}},
		{"amount in another currency", `<cbc:TaxInclusiveAmount currencyID="EUR">`, `<cbc:TaxInclusiveAmount currencyID="USD">`,
			[]string{"Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "is in USD, the document in EUR"}},
		{"no totals", `<cbc:TaxInclusiveAmount currencyID="EUR">60.00</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="EUR">60.00</cbc:PayableAmount>`, "",
			[]string{"Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount", "missing"}},
		{"French date", "<cbc:IssueDate>2026-03-01<", "<cbc:IssueDate>01/03/2026<",
			[]string{"Invoice/cbc:IssueDate", `"01/03/2026"`}},
		{"bad payment due date", "<cbc:PaymentDueDate>2026-03-31<", "<cbc:PaymentDueDate>2026-02-31<",
			[]string{"Invoice/cac:PaymentMeans[1]/cbc:PaymentDueDate", "2026-02-31"}},
		{"missing number", "<cbc:ID>F-2026-7</cbc:ID>", "",
			[]string{"Invoice/cbc:ID", "invoice number is missing"}},
		{"missing issue date", "<cbc:IssueDate>2026-03-01</cbc:IssueDate>", "",
			[]string{"Invoice/cbc:IssueDate", "missing"}},
		{"bad type code", "<cbc:InvoiceTypeCode>380<", "<cbc:InvoiceTypeCode>X<",
			[]string{"Invoice/cbc:InvoiceTypeCode", `"X"`}},
		{"bad currency", "<cbc:DocumentCurrencyCode>EUR<", "<cbc:DocumentCurrencyCode>€<",
			[]string{"Invoice/cbc:DocumentCurrencyCode", `"€"`}},
		{"missing buyer name", "<cbc:Name>Hôtel du Lac</cbc:Name>", "",
			[]string{"AccountingCustomerParty", "buyer name is missing"}},
		{"CII root", "<Invoice ", "<CrossIndustryInvoice ", []string{"root element is <CrossIndustryInvoice>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.ReplaceAll(ublTemplate, tt.old, tt.new)
			if text == ublTemplate {
				t.Fatalf("%q not found in the template", tt.old)
			}
			_, err := ParseUBL(strings.NewReader(text))
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Source != SourceUBL {
				t.Errorf("error %v is not a ubl *ParseError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

package invoicesource

import (
	"bytes"
	"reflect"
	"testing"
)

// docExpect holds the figures read by eye from a sample invoice.
type docExpect struct {
	number, typ, issue, due  string
	total, vat, net, payable int64
	currency, payRef, iban   string
	preceding                []string
	seller, buyer            Party
}

func checkDocument(t *testing.T, got Document, source string, w docExpect) {
	t.Helper()
	if got.Source != source {
		t.Errorf("Source = %q, want %q", got.Source, source)
	}
	fields := []struct{ name, got, want string }{
		{"Number", got.Number, w.number},
		{"Type", got.Type, w.typ},
		{"IssueDate", got.IssueDate.String(), w.issue},
		{"DueDate", got.DueDate.String(), w.due},
		{"Currency", got.Currency, w.currency},
		{"PaymentReference", got.PaymentReference, w.payRef},
		{"IBAN", got.IBAN, w.iban},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	amounts := []struct {
		name      string
		got, want int64
	}{
		{"TotalCents", got.TotalCents, w.total}, {"VATCents", got.VATCents, w.vat},
		{"NetCents", got.NetCents, w.net}, {"PayableCents", got.PayableCents, w.payable},
	}
	for _, a := range amounts {
		if a.got != a.want {
			t.Errorf("%s = %d, want %d", a.name, a.got, a.want)
		}
	}
	if !reflect.DeepEqual(got.PrecedingInvoices, w.preceding) {
		t.Errorf("PrecedingInvoices = %q, want %q", got.PrecedingInvoices, w.preceding)
	}
	if got.Seller != w.seller {
		t.Errorf("Seller = %+v\nwant %+v", got.Seller, w.seller)
	}
	if got.Buyer != w.buyer {
		t.Errorf("Buyer = %+v\nwant %+v", got.Buyer, w.buyer)
	}
}

// The FNFE-MPE pair: invoice FA-2017-0010 and its credit note AV-2017-0005.
var (
	auBonMoulin = Party{Name: "Au bon moulin", SIREN: "999999998", SIRET: "99999999800010",
		VATNumber: "FR11999999998", Address: Address{Line1: "1242 chemin de l'olive",
			PostalCode: "84340", City: "Malaucène", Country: "FR"}}
	maJolieBoutique = Party{Name: "Ma jolie boutique", SIREN: "787878784", SIRET: "78787878400035",
		VATNumber: "FR19787878784", Address: Address{Line1: "35 rue de la République",
			PostalCode: "69001", City: "Lyon", Country: "FR"}}
	akretionEN16931 = docExpect{
		number: "F20260023", typ: TypeInvoice, issue: "2026-01-31", due: "2026-03-02",
		total: 104_90, vat: 4_90, net: 100_00, payable: 104_90, currency: "EUR",
		payRef: "F20260023BUYER", iban: "FR2012542547256985425874698", preceding: []string{"F20260003"},
		seller: Party{Name: "LE FOURNISSEUR", SIREN: "123456782", SIRET: "12345678200077",
			VATNumber: "FR11123456782", Email: "moi@seller.com", Address: Address{Line1: "35 rue d'ici",
				Line2: "Seller line 2, Seller line 3", PostalCode: "75018", City: "PARIS", Country: "FR"}},
		buyer: Party{Name: "LE CLIENT", SIREN: "987654321", VATNumber: "FR05987654321", Email: "me@buyer.com",
			Address: Address{Line1: "MON ADRESSE LIGNE 1", Line2: "Buyer line 2, Buyer line 3",
				PostalCode: "06000", City: "MA VILLE", Country: "FR"}},
	}
	teilrechnungSeller = Party{Name: "Lieferant GmbH", VATNumber: "DE123456789",
		Address: Address{Line1: "Lieferantenstraße 20", PostalCode: "80333", City: "München", Country: "DE"}}
	teilrechnungBuyer = Party{Name: "Kunden AG Mitte",
		Address: Address{Line1: "Kundenstraße 15", PostalCode: "69876", City: "Frankfurt", Country: "DE"}}
)

var facturxSamples = map[string]docExpect{
	"FNFE_Facture_FR_BASICWL.pdf": {
		number: "FA-2017-0010", typ: TypeInvoice, issue: "2017-11-13", due: "2017-12-13",
		total: 671_15, vat: 46_25, net: 624_90, payable: 470_15, currency: "EUR", // acompte of 201.00
		payRef: "FA-2017-0010", iban: "FR2012421242124212421242124",
		seller: auBonMoulin, buyer: maJolieBoutique,
	},
	"FNFE_Avoir_FR_type381_BASIC.pdf": {
		number: "AV-2017-0005", typ: TypeCreditNote, issue: "2017-11-16", due: "2017-11-16",
		total: 233_47, vat: 14_99, net: 218_48, payable: 233_47, currency: "EUR",
		payRef: "AV-2017-0005", preceding: []string{"FA-2017-0010"},
		seller: auBonMoulin, buyer: maJolieBoutique,
	},
	"akretion_invoice_EN16931.pdf":  akretionEN16931,
	"akretion_factur-x-en16931.xml": akretionEN16931,
	"akretion_factur-x-minimum.xml": {
		number: "F20260023", typ: TypeInvoice, issue: "2026-01-31",
		total: 104_90, vat: 4_90, net: 100_00, payable: 104_90, currency: "EUR",
		seller: Party{Name: "LE FOURNISSEUR", SIREN: "123456782", VATNumber: "FR11123456782", Address: Address{Country: "FR"}},
		buyer:  Party{Name: "LE CLIENT", SIREN: "987654321"},
	},
	"corpus_EN16931_1_Teilrechnung.cii.xml": {
		number: "471102", typ: TypeInvoice, issue: "2018-06-05",
		total: 197_65, vat: 20_16, net: 177_49, payable: 147_65, currency: "EUR", // 50.00 prepaid
		seller: teilrechnungSeller, buyer: teilrechnungBuyer,
	},
}

var ublSamples = map[string]docExpect{
	"akretion_ubl-21-extended-ctc-fr.xml": {
		number: "F124212", typ: TypeInvoice, issue: "2026-06-17", due: "2026-07-16",
		total: 308_03, vat: 35_03, net: 273_00, payable: 208_03, currency: "EUR",
		payRef: "2026-06-17 00:00:00", iban: "FR2012421242124212421242124",
		preceding: []string{"F124211", "F124210"},
		seller: Party{Name: "Au bon moulin", SIREN: "999999998", SIRET: "99999999800019", VATNumber: "FR11999999998",
			Email: "commercial@aubonmoulin.com", Address: Address{Line1: "1242 chemin de l'olive",
				Line2: "Lieu dit des senteurs, ZAC du Mont Ventoux", PostalCode: "84340", City: "Malaucène", Country: "FR"}},
		buyer: Party{Name: "Ma jolie boutique SARL", SIREN: "787878784", SIRET: "78787878400018", VATNumber: "FR19787878784",
			Email: "laetita.durand@jolieboutique.com", Address: Address{Line1: "35 rue de la République",
				Line2: "La presqu'île", PostalCode: "69001", City: "Lyon", Country: "FR"}},
	},
	"cen_ubl-tc434-example1.xml": {
		number: "12115118", typ: TypeInvoice, issue: "2015-01-09", due: "2015-01-09",
		total: 250_33, vat: 20_73, net: 229_60, payable: 250_33, currency: "EUR",
		payRef: "Deb. 10202 / Fact. 12115118", iban: "NL57RABO0107307510",
		seller: Party{Name: "De Koksmaat", VATNumber: "NL8200.98.395.B.01",
			Address: Address{Line1: "Postbus 7l", PostalCode: "1950 AB", City: "Velsen-Noord", Country: "NL"}},
		buyer: Party{Name: "ODIN 59",
			Address: Address{Line1: "POSTBUS 367", PostalCode: "1960 AJ", City: "HEEMSKERK", Country: "NL"}},
	},
	"cen_ubl-tc434-example2.xml": {
		number: "TOSL108", typ: TypeInvoice, issue: "2013-06-30", due: "2013-07-20",
		total: 1801_78, vat: 365_28, net: 1436_50, payable: 801_78, currency: "NOK",
		payRef: "0003434323213231", iban: "NO9386011117947",
		seller: Party{Name: "Salescompany ltd.", VATNumber: "NO123456789MVA", Email: "antonio@salescompany.no",
			Address: Address{Line1: "Main street 34", Line2: "Suite 123", PostalCode: "303", City: "Big city", Country: "NO"}},
		buyer: Party{Name: "The Buyercompany", VATNumber: "NO987654321MVA", Email: "john@buyercompany.no",
			Address: Address{Line1: "Anystreet 8", Line2: "Back door", PostalCode: "101", City: "Anytown", Country: "NO"}},
	},
	"corpus_EN16931_1_Teilrechnung.ubl.xml": {
		number: "471102", typ: TypeInvoice, issue: "2018-06-05",
		total: 197_65, vat: 20_16, net: 177_49, payable: 147_65, currency: "EUR",
		seller: teilrechnungSeller, buyer: teilrechnungBuyer,
	},
	"corpus_ubl-tc434-creditnote1.xml": {
		number: "018304 / 28865", typ: TypeCreditNote, issue: "2019-09-23",
		total: 100_11, vat: 0, net: 100_11, payable: 100_11, currency: "EUR",
		payRef: "010676609538", iban: "BE91000000143476",
		seller: Party{Name: "My Supplier Company", VATNumber: "BE0000000196", Email: "john.doole@mysuppliercompany.be",
			Address: Address{Line1: "De Grote Meir 22", PostalCode: "2000", City: "ANTWERPEN", Country: "BE"}},
		buyer: Party{Name: "My Customer Company", VATNumber: "BE0000000295", Email: "pete.smith@mycustomercompany.be",
			Address: Address{Line1: "Boulevard Sint Michel 53", PostalCode: "1000", City: "BRUXELLES", Country: "BE"}},
	},
}

func TestParseFacturXSamples(t *testing.T) {
	requireAllCovered(t, "facturx", facturxSamples)
	for name, want := range facturxSamples {
		t.Run(name, func(t *testing.T) {
			data := readSample(t, "facturx", name)
			kind, err := Detect(name, data[:min(len(data), DetectHeadSize)])
			if err != nil {
				t.Fatal(err)
			}
			var doc Document
			switch kind {
			case KindFacturX:
				doc, err = ParseFacturX(bytes.NewReader(data), int64(len(data)))
			case KindCII:
				doc, err = ParseCII(bytes.NewReader(data))
			default:
				t.Fatalf("Detect = %s", kind)
			}
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc, SourceFacturX, want)
		})
	}
}

func TestParseUBLSamples(t *testing.T) {
	requireAllCovered(t, "ubl", ublSamples)
	for name, want := range ublSamples {
		t.Run(name, func(t *testing.T) {
			data := readSample(t, "ubl", name)
			if kind, err := Detect(name, data[:min(len(data), DetectHeadSize)]); kind != KindUBL || err != nil {
				t.Fatalf("Detect = %s, %v", kind, err)
			}
			doc, err := ParseUBL(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc, SourceUBL, want)
		})
	}
}

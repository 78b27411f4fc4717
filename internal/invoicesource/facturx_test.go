package invoicesource

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// testObj is one indirect object of a PDF built by buildPDF.
type testObj struct {
	num    int
	dict   string
	stream []byte // nil: not a stream
}

// buildPDF writes a small PDF. Its cross-reference table is left out:
// ExtractFacturXML finds objects by scanning, as it must for damaged files.
func buildPDF(trailer string, objs ...testObj) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for _, o := range objs {
		fmt.Fprintf(&b, "%d 0 obj\n%s\n", o.num, o.dict)
		if o.stream != nil {
			b.WriteString("stream\r\n")
			b.Write(o.stream)
			b.WriteString("\r\nendstream\n")
		}
		b.WriteString("endobj\n")
	}
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n0\n%%%%EOF\n", trailer)
	return b.Bytes()
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// utf16Hex writes s as a PDF hex string in UTF-16BE with a byte-order mark.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String() + ">"
}

// catalog, pages and one attachment named name whose stream is object 4.
func attachmentPDF(name string, stream testObj, extra ...testObj) []byte {
	objs := []testObj{
		{num: 1, dict: "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(x) 5 0 R] >> >> >>"},
		{num: 2, dict: "<< /Type /Pages /Kids [] /Count 0 >>"},
		stream,
		{num: 5, dict: fmt.Sprintf("<< /Type /Filespec /F (%s) /UF (%s) /EF << /F 4 0 R >> /AFRelationship /Data >>", name, name)},
	}
	return buildPDF("<< /Root 1 0 R /Size 9 >>", append(objs, extra...)...)
}

func TestExtractFacturXMLVariants(t *testing.T) {
	xmlData := []byte(ciiTemplate)
	packed := deflate(xmlData)
	// An object stream holding the file specification of object 5, named
	// in UTF-16, next to a first attachment that is not the invoice.
	objStm := func() testObj {
		spec5 := "<< /Type /Filespec /UF " + utf16Hex("factur-x.xml") + " /EF << /F 4 0 R >> >>"
		spec7 := "<< /Type /Filespec /F (annexe.pdf) /EF << /F 8 0 R >> >>"
		header := fmt.Sprintf("7 0 5 %d ", len(spec7)+1)
		body := header + spec7 + " " + spec5
		return testObj{num: 10, dict: fmt.Sprintf("<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>",
			len(header), len(deflate([]byte(body)))), stream: deflate([]byte(body))}
	}
	tests := []struct {
		name string
		pdf  []byte
		want string // attachment name
	}{
		{"flate with indirect length in an object stream",
			buildPDF("<< /Root 1 0 R >>",
				testObj{num: 1, dict: "<< /Type /Catalog >>"},
				testObj{num: 4, dict: "<< /Type /EmbeddedFile /Subtype /text#2Fxml /Filter [/FlateDecode] /Length 6 0 R >>", stream: packed},
				testObj{num: 6, dict: fmt.Sprint(len(packed))},
				testObj{num: 8, dict: "<< /Type /EmbeddedFile /Length 3 >>", stream: []byte("PDF")},
				objStm()),
			"factur-x.xml"},
		{"ZUGFeRD name, uncompressed",
			attachmentPDF("zugferd-invoice.xml", testObj{num: 4, dict: fmt.Sprintf("<< /Type /EmbeddedFile /Length %d >>", len(xmlData)), stream: xmlData}),
			"zugferd-invoice.xml"},
		{"unusual name recognised by content",
			attachmentPDF("facture\\0561.xml", testObj{num: 4, dict: "<< /Type /EmbeddedFile /Filter /FlateDecode /Length 99999 >>", stream: packed}),
			"facture.1.xml"},
		{"endstream inside the data, exact /Length",
			attachmentPDF("factur-x.xml", func() testObj {
				data := []byte(strings.Replace(ciiTemplate, "<rsm:ExchangedDocument>", "<!-- endstream --><rsm:ExchangedDocument>", 1))
				return testObj{num: 4, dict: fmt.Sprintf("<< /Length %d >>", len(data)), stream: data}
			}()),
			"factur-x.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, data, err := ExtractFacturXML(bytes.NewReader(tt.pdf), int64(len(tt.pdf)))
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.want {
				t.Errorf("name = %q, want %q", name, tt.want)
			}
			doc, err := ParseCII(bytes.NewReader(data))
			if err != nil || doc.Number != "FA-42" || doc.TotalCents != 120_00 {
				t.Errorf("embedded XML read as %+v, %v", doc, err)
			}
		})
	}
}

func TestParseFacturXErrors(t *testing.T) {
	xmlData := []byte(ciiTemplate)
	plain := func(data []byte) testObj {
		return testObj{num: 4, dict: fmt.Sprintf("<< /Type /EmbeddedFile /Length %d >>", len(data)), stream: data}
	}
	sample := func() []byte {
		data := readSample(t, "facturx", "FNFE_Facture_FR_BASICWL.pdf")
		return data[:3000] // cut inside the embedded XML stream
	}
	tests := []struct {
		name string
		pdf  func() []byte
		want []string
	}{
		{"truncated sample", sample, []string{"facturx:", "truncated", "%%EOF"}},
		{"truncated inside the attachment", func() []byte { return append(sample(), "\n%%EOF\n"...) },
			[]string{"no attachment"}},
		{"no attachment", func() []byte {
			return buildPDF("<< /Root 1 0 R >>", testObj{num: 1, dict: "<< /Type /Catalog /Pages 2 0 R >>"},
				testObj{num: 2, dict: "<< /Type /Pages /Kids [] /Count 0 >>"})
		}, []string{"PDF has no attachment", "factur-x.xml"}},
		{"only another attachment", func() []byte {
			return attachmentPDF("Bon_de_livraison.pdf", plain([]byte("%PDF-1.4 not xml")))
		}, []string{"no factur-x.xml", "attachments: Bon_de_livraison.pdf"}},
		{"not a PDF", func() []byte { return xmlData }, []string{"not a PDF"}},
		{"empty", func() []byte { return nil }, []string{"not a PDF"}},
		{"encrypted", func() []byte {
			return buildPDF("<< /Root 1 0 R /Encrypt 9 0 R >>", testObj{num: 1, dict: "<< /Type /Catalog >>"})
		}, []string{"encrypted"}},
		{"embedded file object missing", func() []byte {
			return buildPDF("<< /Root 1 0 R >>", testObj{num: 5, dict: "<< /F (factur-x.xml) /EF << /F 4 0 R >> >>"})
		}, []string{"factur-x.xml", "object 4 is missing"}},
		{"unsupported filter", func() []byte {
			return attachmentPDF("factur-x.xml", testObj{num: 4, dict: "<< /Filter /ASCII85Decode /Length 5 >>", stream: []byte("abc~>")})
		}, []string{"factur-x.xml", "object 4", "ASCII85Decode", "not supported"}},
		{"corrupt flate data", func() []byte {
			return attachmentPDF("factur-x.xml", testObj{num: 4, dict: "<< /Filter /FlateDecode /Length 9 >>", stream: []byte("not zlib!")})
		}, []string{"factur-x.xml", "FlateDecode"}},
		{"bad amount in the embedded XML", func() []byte {
			bad := strings.Replace(ciiTemplate, "<ram:GrandTotalAmount>120.00<", "<ram:GrandTotalAmount>120.001<", 1)
			return attachmentPDF("factur-x.xml", plain([]byte(bad)))
		}, []string{"factur-x.xml:rsm:CrossIndustryInvoice/", "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount", "120.001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := tt.pdf()
			_, err := ParseFacturX(bytes.NewReader(pdf), int64(len(pdf)))
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

func TestPDFLiteralStrings(t *testing.T) {
	tests := map[string]string{
		`(factur\055x\056xml)`: "factur-x.xml",
		`(a (nested) string)`:  "a (nested) string",
		`(tab\there\\ \)\(x)`:  "tab\there\\ )(x",
		"(line\\\ncontinued)":  "linecontinued",
		`<66616374 7572>`:      "factur",
		`<6>`:                  "`",
		`(Facture \351t\351)`:  "Facture été",
		utf16Hex("Reçu €.xml"): "Reçu €.xml",
	}
	for in, want := range tests {
		p := &pdfParser{data: []byte(in)}
		v, err := p.value()
		s, ok := v.(pdfStr)
		if err != nil || !ok || s.text() != want {
			t.Errorf("%s read as %q (%T), %v; want %q", in, s.text(), v, err, want)
		}
	}
}

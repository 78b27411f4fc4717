package invoicesource

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/recouvra/recouvra/internal/civil"
)

// Kind is a file format Detect recognises.
type Kind string

const (
	KindFEC     Kind = "fec"     // ParseFEC / ScanFEC
	KindFacturX Kind = "facturx" // PDF: ParseFacturX
	KindCII     Kind = "cii"     // bare Factur-X / ZUGFeRD XML: ParseCII
	KindUBL     Kind = "ubl"     // ParseUBL
)

// DetectHeadSize is how many leading bytes to give Detect: XML invoices may
// open with several kilobytes of licence comments before their root element.
const DetectHeadSize = 16 << 10

// Detect tells the format of a file from its first bytes (DetectHeadSize is
// enough); the name only helps the error message. The content decides
// because users rename files: an export called "factures.txt" is still a FEC.
func Detect(name string, head []byte) (Kind, error) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("%PDF-")):
		return KindFacturX, nil
	case bytes.HasPrefix(trimmed, []byte("<")):
		return detectXML(name, trimmed)
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	if bytes.Contains(bytes.ToLower(first), []byte("journalcode")) {
		if _, err := detectSeparator(first); err != nil {
			return "", fmt.Errorf("%s: FEC header %v", name, err)
		}
		return KindFEC, nil
	}
	if _, _, ok := ParseFECFileName(name); ok {
		return "", fmt.Errorf("%s: named like a FEC but its first line has no JournalCode column", name)
	}
	return "", fmt.Errorf("%s: unknown format: neither a FEC, a PDF nor an XML invoice (starts with %q)", name, preview(head))
}

func detectXML(name string, head []byte) (Kind, error) {
	dec := xml.NewDecoder(bytes.NewReader(head))
	dec.CharsetReader = newXMLDecoder(nil).CharsetReader
	for {
		tok, err := dec.Token()
		if err != nil {
			// The head may end inside a long leading comment: look for the
			// namespaces instead.
			switch {
			case bytes.Contains(head, []byte("uncefact:data:standard:CrossIndustryInvoice")):
				return KindCII, nil
			case bytes.Contains(head, []byte("ubl:schema:xsd:Invoice-2")),
				bytes.Contains(head, []byte("ubl:schema:xsd:CreditNote-2")):
				return KindUBL, nil
			}
			return "", fmt.Errorf("%s: no XML root element in the first %d bytes: %v", name, len(head), err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch local, space := start.Name.Local, start.Name.Space; {
		case local == "CrossIndustryInvoice":
			return KindCII, nil
		case (local == "Invoice" || local == "CreditNote") && strings.Contains(space, "oasis") && strings.Contains(space, "ubl"):
			return KindUBL, nil
		default:
			return "", fmt.Errorf("%s: XML root <%s> (namespace %q) is neither a CII nor a UBL invoice", name, local, space)
		}
	}
}

func preview(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	for !utf8.Valid(b) && len(b) > 0 {
		b = b[:len(b)-1]
	}
	return string(b)
}

// fecFileName is the name article A47 A-1 of the LPF imposes: SIREN, "FEC",
// closing date of the financial year AAAAMMJJ.
var fecFileName = regexp.MustCompile(`^(\d{9})FEC(\d{8})`)

// ParseFECFileName reads the SIREN and closing date from a FEC file name
// such as "123456789FEC20231231.txt": a FEC holds no SIREN of its own, so the
// name is where to find the seller's.
func ParseFECFileName(name string) (siren string, closing civil.Date, ok bool) {
	m := fecFileName.FindStringSubmatch(strings.ToUpper(filepath.Base(name)))
	if m == nil {
		return "", civil.Date{}, false
	}
	closing, err := parseFECDate([]byte(m[2]))
	if err != nil {
		return "", civil.Date{}, false
	}
	return m[1], closing, true
}

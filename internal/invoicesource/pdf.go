package invoicesource

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// invoiceAttachments are the names under which hybrid PDFs embed their
// invoice XML, in order of preference: Factur-X, ZUGFeRD 2, XRechnung.
var invoiceAttachments = []string{"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"}

// ParseFacturX reads a Factur-X (or ZUGFeRD 2) PDF: it extracts the embedded
// CII XML and parses it with ParseCII.
func ParseFacturX(r io.ReaderAt, size int64) (Document, error) {
	name, xmlData, err := ExtractFacturXML(r, size)
	if err != nil {
		return Document{}, err
	}
	doc, err := ParseCII(bytes.NewReader(xmlData))
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) && pe.Field != "" {
			pe.Field = name + ":" + pe.Field
		} else {
			err = fmt.Errorf("%s: %w", name, err)
		}
		return Document{}, err
	}
	return doc, nil
}

// ExtractFacturXML returns the name and content of the invoice XML embedded
// in a hybrid PDF, using only the standard library: it finds the file
// specifications (/EF), follows them to the /EmbeddedFile stream, resolves
// an indirect /Length, and inflates /FlateDecode data, including objects
// packed in object streams.
func ExtractFacturXML(r io.ReaderAt, size int64) (name string, xml []byte, err error) {
	fail := func(format string, args ...any) (string, []byte, error) {
		return "", nil, &ParseError{Source: SourceFacturX, Err: fmt.Errorf(format, args...)}
	}
	if size > maxPDFSize {
		return fail("PDF of %d bytes is larger than the %d accepted", size, maxPDFSize)
	}
	if size < 0 {
		return fail("PDF size %d is negative", size)
	}
	data := make([]byte, size)
	if n, err := r.ReadAt(data, 0); n < len(data) {
		return fail("reading the PDF: %v", err)
	}
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i < 0 {
		return fail("not a PDF: no %%PDF- header")
	}
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return fail("PDF is truncated: no %%%%EOF marker at the end of its %d bytes", len(data))
	}
	f := indexPDF(data)
	for _, t := range f.trailers {
		if _, ok := t["Encrypt"]; ok {
			return fail("PDF is encrypted; save it without password protection")
		}
	}
	specs := f.fileSpecs()
	for _, want := range invoiceAttachments {
		for _, s := range specs {
			if strings.EqualFold(path.Base(s.name), want) {
				return f.readAttachment(s)
			}
		}
	}
	// A Factur-X written with an unusual attachment name: recognise its content.
	for _, s := range specs {
		if xmlData, err := f.attachmentData(s); err == nil && bytes.Contains(xmlData[:min(len(xmlData), 4096)], []byte("CrossIndustryInvoice")) {
			return s.name, xmlData, nil
		}
	}
	var names []string
	for _, s := range specs {
		names = append(names, s.name)
	}
	if len(names) == 0 {
		return fail("PDF has no attachment: it is not a Factur-X invoice (expected an embedded %s)", invoiceAttachments[0])
	}
	return fail("PDF has no %s attachment (attachments: %s)", strings.Join(invoiceAttachments, ", "), strings.Join(names, ", "))
}

// fileSpec is an embedded file: its name and the object holding its stream.
type fileSpec struct {
	name   string
	specNo int
	stream any // reference to the /EmbeddedFile stream
}

// fileSpecs lists the file specifications with an embedded file, by object number.
func (f *pdfFile) fileSpecs() []fileSpec {
	var specs []fileSpec
	for num, o := range f.objects {
		d, ok := o.value.(pdfDict)
		if !ok {
			continue
		}
		ef, ok := f.resolve(d["EF"]).(pdfDict)
		if !ok {
			continue
		}
		s := fileSpec{specNo: num, stream: ef["F"]}
		if s.stream == nil {
			s.stream = ef["UF"]
		}
		for _, key := range []pdfName{"UF", "F"} {
			if str, ok := f.resolve(d[key]).(pdfStr); ok && len(str) > 0 {
				s.name = str.text()
				break
			}
		}
		if s.name == "" {
			s.name = fmt.Sprintf("(unnamed file, object %d)", num)
		}
		specs = append(specs, s)
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].specNo < specs[j].specNo })
	return specs
}

func (f *pdfFile) readAttachment(s fileSpec) (string, []byte, error) {
	data, err := f.attachmentData(s)
	if err != nil {
		return "", nil, &ParseError{Source: SourceFacturX, Field: s.name, Err: err}
	}
	return s.name, data, nil
}

func (f *pdfFile) attachmentData(s fileSpec) ([]byte, error) {
	ref, ok := s.stream.(pdfRef)
	if !ok {
		return nil, fmt.Errorf("file specification (object %d) has no /EF /F stream reference", s.specNo)
	}
	o := f.objects[ref.num]
	switch {
	case o == nil:
		return nil, fmt.Errorf("embedded file object %d is missing from the PDF", ref.num)
	case !o.hasStream:
		return nil, fmt.Errorf("embedded file object %d is not a stream", ref.num)
	case o.truncated:
		return nil, fmt.Errorf("embedded file object %d is truncated: no endstream", ref.num)
	}
	return f.decodeStream(o)
}

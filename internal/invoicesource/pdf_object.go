package invoicesource

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// The PDF object model, reduced to what finding an attachment needs
// (ISO 32000-1 §7.3). Numbers are kept as int64 when integral: only lengths,
// counts and offsets matter here.
type (
	pdfName  string // without the leading slash, #xx escapes decoded
	pdfRef   struct{ num, gen int }
	pdfDict  map[pdfName]any
	pdfArray []any
	pdfStr   []byte
)

// maxPDFDepth bounds nesting so that a hostile file cannot exhaust the stack.
const maxPDFDepth = 64

var errPDFSyntax = errors.New("PDF syntax error")

// pdfParser reads PDF objects from data starting at pos.
type pdfParser struct {
	data  []byte
	pos   int
	depth int
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelimiter(c byte) bool {
	return isPDFSpace(c) || bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skipSpace skips white space and comments.
func (p *pdfParser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isPDFSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword reads a run of regular characters.
func (p *pdfParser) keyword() string {
	start := p.pos
	for p.pos < len(p.data) && !isPDFDelimiter(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// value reads one object: dictionary, array, name, string, number,
// reference, boolean or null.
func (p *pdfParser) value() (any, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, fmt.Errorf("%w: unexpected end of data", errPDFSyntax)
	}
	if p.depth > maxPDFDepth {
		return nil, fmt.Errorf("%w: objects nested more than %d deep", errPDFSyntax, maxPDFDepth)
	}
	switch c := p.data[p.pos]; {
	case c == '/':
		p.pos++
		return p.name(), nil
	case c == '(':
		return p.literalString()
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		return p.dict()
	case c == '<':
		return p.hexString()
	case c == '[':
		return p.array()
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return p.numberOrRef()
	}
	start := p.pos
	switch kw := p.keyword(); kw {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		return nil, fmt.Errorf("%w: unexpected %q at offset %d", errPDFSyntax, p.data[start], start)
	default:
		return nil, fmt.Errorf("%w: unexpected keyword %q at offset %d", errPDFSyntax, kw, start)
	}
}

func (p *pdfParser) name() pdfName {
	raw := p.keyword()
	if !bytes.ContainsRune([]byte(raw), '#') {
		return pdfName(raw)
	}
	var out []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(raw[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return pdfName(out)
}

func (p *pdfParser) dict() (pdfDict, error) {
	p.pos += 2
	p.depth++
	defer func() { p.depth-- }()
	d := pdfDict{}
	for {
		p.skipSpace()
		if p.pos+1 < len(p.data) && p.data[p.pos] == '>' && p.data[p.pos+1] == '>' {
			p.pos += 2
			return d, nil
		}
		if p.pos >= len(p.data) || p.data[p.pos] != '/' {
			return nil, fmt.Errorf("%w: dictionary key expected at offset %d", errPDFSyntax, p.pos)
		}
		p.pos++
		key := p.name()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		d[key] = v
	}
}

func (p *pdfParser) array() (pdfArray, error) {
	p.pos++
	p.depth++
	defer func() { p.depth-- }()
	var a pdfArray
	for {
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return a, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

// numberOrRef reads a number, or "num gen R" as a reference.
func (p *pdfParser) numberOrRef() (any, error) {
	start := p.pos
	tok := p.keyword()
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(tok, 64); ferr == nil {
			return f, nil
		}
		return nil, fmt.Errorf("%w: bad number %q at offset %d", errPDFSyntax, tok, start)
	}
	save := p.pos
	p.skipSpace()
	genStart := p.pos
	if gen, err := strconv.Atoi(p.keyword()); err == nil && p.pos > genStart && n >= 0 && n < 1<<31 {
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == 'R' && (p.pos+1 == len(p.data) || isPDFDelimiter(p.data[p.pos+1])) {
			p.pos++
			return pdfRef{int(n), gen}, nil
		}
	}
	p.pos = save
	return n, nil
}

func (p *pdfParser) literalString() (pdfStr, error) {
	p.pos++
	var out []byte
	for nesting := 1; p.pos < len(p.data); p.pos++ {
		c := p.data[p.pos]
		switch c {
		case '(':
			nesting++
		case ')':
			if nesting--; nesting == 0 {
				p.pos++
				return out, nil
			}
		case '\\':
			p.pos++
			if p.pos >= len(p.data) {
				break
			}
			e := p.data[p.pos]
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n': // line continuation
				if e == '\r' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '\n' {
					p.pos++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; k++ {
						v = v*8 + int(p.data[p.pos]-'0')
						p.pos++
					}
					p.pos--
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for the character
				}
			}
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("%w: unterminated string", errPDFSyntax)
}

func (p *pdfParser) hexString() (pdfStr, error) {
	p.pos++
	var out []byte
	var hi byte
	half := false
	for ; p.pos < len(p.data); p.pos++ {
		c := p.data[p.pos]
		var v byte
		switch {
		case c == '>':
			p.pos++
			if half {
				out = append(out, hi<<4)
			}
			return out, nil
		case isPDFSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return nil, fmt.Errorf("%w: bad hex string at offset %d", errPDFSyntax, p.pos)
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return nil, fmt.Errorf("%w: unterminated hex string", errPDFSyntax)
}

// text decodes a PDF text string: UTF-16BE with a byte-order mark, else
// PDFDocEncoding, which matches Latin-1 for the file names that matter here.
func (s pdfStr) text() string {
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		units := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			units = append(units, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(units))
	}
	if len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF {
		return string(s[3:])
	}
	runes := make([]rune, len(s))
	for i, b := range s {
		runes[i] = rune(b)
	}
	return string(runes)
}

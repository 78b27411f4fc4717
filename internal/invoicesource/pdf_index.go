package invoicesource

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Limits that keep a hostile or broken PDF from exhausting memory.
const (
	maxPDFSize      = 64 << 20 // whole file
	maxStreamOutput = 32 << 20 // one decoded stream
	maxObjStmObjs   = 100000   // objects taken from object streams
)

// pdfObject is one indirect object; stream is its raw (still encoded) data.
type pdfObject struct {
	num       int
	value     any
	stream    []byte
	start     int // offset of the stream data in the file
	hasStream bool
	truncated bool // "stream" without "endstream": the file was cut short
}

// pdfFile indexes the objects of a PDF by scanning for "n g obj" rather than
// trusting the cross-reference table, so that files with stale offsets or
// incremental updates still open. A later definition replaces an earlier one,
// as an incremental update does.
type pdfFile struct {
	data     []byte
	objects  map[int]*pdfObject
	trailers []pdfDict
}

func indexPDF(data []byte) *pdfFile {
	f := &pdfFile{data: data, objects: map[int]*pdfObject{}}
	for pos := 0; pos < len(data); {
		i := bytes.Index(data[pos:], []byte("obj"))
		if i < 0 {
			break
		}
		at := pos + i
		pos = at + 3
		num, ok := objectHeader(data, at)
		if !ok || (pos < len(data) && !isPDFDelimiter(data[pos])) {
			continue
		}
		p := &pdfParser{data: data, pos: pos}
		v, err := p.value()
		if err != nil {
			continue
		}
		obj := &pdfObject{num: num, value: v}
		p.skipSpace()
		if bytes.HasPrefix(data[p.pos:], []byte("stream")) {
			start := p.pos + len("stream")
			if bytes.HasPrefix(data[start:], []byte("\r\n")) {
				start += 2
			} else if start < len(data) && (data[start] == '\n' || data[start] == '\r') {
				start++
			}
			obj.hasStream, obj.start = true, start
			end := bytes.Index(data[start:], []byte("endstream"))
			if end < 0 {
				obj.truncated = true
				obj.stream = data[start:]
				pos = len(data)
			} else {
				obj.stream = bytes.TrimRight(data[start:start+end], "\r\n")
				pos = start + end + len("endstream")
			}
		} else {
			pos = p.pos
		}
		f.objects[num] = obj
	}
	for pos := 0; ; {
		i := bytes.Index(data[pos:], []byte("trailer"))
		if i < 0 {
			break
		}
		p := &pdfParser{data: data, pos: pos + i + len("trailer")}
		pos = p.pos
		if d, err := p.value(); err == nil {
			if dict, ok := d.(pdfDict); ok {
				f.trailers = append(f.trailers, dict)
			}
		}
	}
	f.fixStreamLengths()
	f.expandObjectStreams()
	return f
}

// objectHeader checks that "obj" at data[at:] is preceded by "num gen ".
func objectHeader(data []byte, at int) (num int, ok bool) {
	i := at
	digits := func() (int, bool) {
		end := i
		for i > 0 && data[i-1] >= '0' && data[i-1] <= '9' {
			i--
		}
		if i == end || end-i > 10 {
			return 0, false
		}
		n := 0
		for _, c := range data[i:end] {
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	spaces := func() bool {
		end := i
		for i > 0 && isPDFSpace(data[i-1]) {
			i--
		}
		return i < end
	}
	if !spaces() {
		return 0, false
	}
	if _, ok := digits(); !ok || !spaces() {
		return 0, false
	}
	num, ok = digits()
	if !ok || (i > 0 && !isPDFDelimiter(data[i-1])) {
		return 0, false
	}
	return num, true
}

// fixStreamLengths trims each stream to its /Length when that is consistent:
// the binary data itself may contain the word "endstream".
func (f *pdfFile) fixStreamLengths() {
	for _, o := range f.objects {
		d, ok := o.value.(pdfDict)
		if !ok || !o.hasStream || o.truncated {
			continue
		}
		n, ok := f.resolve(d["Length"]).(int64)
		if !ok || n < 0 || n > int64(len(f.data)-o.start) {
			continue
		}
		if end := o.start + int(n); end <= len(f.data) {
			rest := bytes.TrimLeft(f.data[end:], "\r\n \t")
			if bytes.HasPrefix(rest, []byte("endstream")) {
				o.stream = f.data[o.start:end]
			}
		}
	}
}

// resolve follows references; nil stands for a missing object.
func (f *pdfFile) resolve(v any) any {
	for range 32 {
		ref, ok := v.(pdfRef)
		if !ok {
			return v
		}
		o := f.objects[ref.num]
		if o == nil {
			return nil
		}
		v = o.value
	}
	return nil
}

// expandObjectStreams adds the objects compressed inside /Type /ObjStm
// streams (PDF 1.5+), where Filespec dictionaries often live.
func (f *pdfFile) expandObjectStreams() {
	nums := make([]int, 0, len(f.objects))
	for n := range f.objects {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	added := 0
	for _, n := range nums {
		o := f.objects[n]
		d, ok := o.value.(pdfDict)
		if !ok || d["Type"] != pdfName("ObjStm") || !o.hasStream {
			continue
		}
		data, err := f.decodeStream(o)
		if err != nil {
			continue
		}
		count, _ := f.resolve(d["N"]).(int64)
		first, _ := f.resolve(d["First"]).(int64)
		if count < 0 || first < 0 || first > int64(len(data)) {
			continue
		}
		header := &pdfParser{data: data[:first]}
		for k := int64(0); k < count && added < maxObjStmObjs; k++ {
			num, err1 := header.value()
			off, err2 := header.value()
			objNum, ok1 := num.(int64)
			offset, ok2 := off.(int64)
			if err1 != nil || err2 != nil || !ok1 || !ok2 || offset < 0 || first+offset >= int64(len(data)) {
				break
			}
			if _, exists := f.objects[int(objNum)]; exists {
				continue
			}
			p := &pdfParser{data: data, pos: int(first + offset)}
			if v, err := p.value(); err == nil {
				f.objects[int(objNum)] = &pdfObject{num: int(objNum), value: v}
				added++
			}
		}
	}
}

// decodeStream applies the stream's filters. Only FlateDecode, by far the
// most common, is supported, without predictors (used by cross-reference
// streams, which are not read here).
func (f *pdfFile) decodeStream(o *pdfObject) ([]byte, error) {
	d, _ := o.value.(pdfDict)
	var filters []any
	switch v := f.resolve(d["Filter"]).(type) {
	case nil:
	case pdfName:
		filters = []any{v}
	case pdfArray:
		filters = v
	default:
		return nil, fmt.Errorf("object %d: /Filter is neither a name nor an array", o.num)
	}
	data := o.stream
	for _, fl := range filters {
		switch f.resolve(fl) {
		case pdfName("FlateDecode"), pdfName("Fl"):
			if parms, ok := f.resolve(d["DecodeParms"]).(pdfDict); ok {
				if pred, _ := parms["Predictor"].(int64); pred > 1 {
					return nil, fmt.Errorf("object %d: FlateDecode predictor %d is not supported", o.num, pred)
				}
			}
			out, err := inflate(data)
			if err != nil {
				return nil, fmt.Errorf("object %d: %w", o.num, err)
			}
			data = out
		default:
			return nil, fmt.Errorf("object %d: stream filter %v is not supported", o.num, fl)
		}
	}
	return data, nil
}

// inflate decompresses zlib data. A missing or wrong checksum at the very
// end, frequent in PDFs written by hand-rolled libraries, is tolerated: the
// XML parser will notice if content is really missing.
func inflate(data []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("FlateDecode: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxStreamOutput+1))
	if len(out) > maxStreamOutput {
		return nil, fmt.Errorf("FlateDecode: stream inflates to more than %d bytes", maxStreamOutput)
	}
	if err != nil && !(len(out) > 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum))) {
		return nil, fmt.Errorf("FlateDecode: %w", err)
	}
	return out, nil
}

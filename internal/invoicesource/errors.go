package invoicesource

import "fmt"

// ParseError locates a problem in an input file: a line and column for FEC,
// an element path for XML, so that the person who exported the file can find
// the faulty value.
type ParseError struct {
	Source string // "fec", "facturx", "ubl" or "pdf"
	Line   int    // FEC line number, 1 being the header; 0 for XML
	Column int    // FEC column number, 1-based; 0 when the whole line is at fault
	Field  string // FEC column name or XML element path
	Err    error
}

func (e *ParseError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s: line %d, column %d (%s): %v", e.Source, e.Line, e.Column, e.Field, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s: line %d: %v", e.Source, e.Line, e.Err)
	case e.Field != "":
		return fmt.Sprintf("%s: %s: %v", e.Source, e.Field, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// pathError reports a problem with the XML element at path.
func pathError(source, path string, format string, args ...any) error {
	return &ParseError{Source: source, Field: path, Err: fmt.Errorf(format, args...)}
}

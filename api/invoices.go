package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/intake"
)

const maxBody = 32 << 20 // 32 MiB: a large CSV, far beyond any single invoice

// postInvoices takes one invoice, an array of them, or {"invoices": [...]}.
func (s *Server) postInvoices(c *gin.Context) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBody))
	if err != nil {
		fail(c, http.StatusRequestEntityTooLarge, "body too large or unreadable: "+err.Error())
		return
	}
	rows, ferrs := decodeInvoices(body)
	if len(ferrs) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid invoices: nothing was saved", Errors: ferrs})
		return
	}
	for i := range rows {
		rows[i].Input.Source = "api"
	}
	s.runImport(c, rows, auditlog.ImportOf("", "api", body, nil))
}

// importInvoices takes a CSV file, as multipart field "file" or as the body.
func (s *Server) importInvoices(c *gin.Context) {
	var r io.Reader = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	name := ""
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		fh, err := c.FormFile("file")
		if err != nil {
			fail(c, http.StatusBadRequest, "multipart upload needs the CSV in field \"file\"")
			return
		}
		f, err := fh.Open()
		if err != nil {
			fail(c, http.StatusBadRequest, "cannot read uploaded file: "+err.Error())
			return
		}
		defer f.Close()
		r, name = f, fh.Filename
	}
	digest := auditlog.NewDigest(r)
	rows, err := intake.ParseCSV(digest)
	if err != nil {
		s.importError(c, err)
		return
	}
	imp := auditlog.Import{File: name, Source: "csv"}
	if imp.SHA256, imp.Bytes, err = digest.Finish(); err != nil {
		fail(c, http.StatusBadRequest, "cannot read the CSV: "+err.Error())
		return
	}
	s.runImport(c, rows, imp)
}

// runImport imports the rows and audits the import as one entry: the file
// (or body) by digest and what it did in counts.
func (s *Server) runImport(c *gin.Context, rows []intake.Row, imp auditlog.Import) {
	sum, err := s.Intake.Import(c.Request.Context(), rows)
	if err != nil {
		s.importError(c, err)
		return
	}
	e := auditlog.InvoiceImport(imp, sum)
	s.audit(c, e.Action, e.Entity, e.EntityID, nil, e.After)
	status := http.StatusOK
	if sum.Created > 0 {
		status = http.StatusCreated
	}
	c.JSON(status, sum)
}

func (s *Server) importError(c *gin.Context, err error) {
	var verr *intake.ValidationError
	if errors.As(err, &verr) {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid invoices: nothing was saved", Errors: verr.Errors})
		return
	}
	s.Log.Error("import failed", "err", err)
	fail(c, http.StatusInternalServerError, "import failed, nothing was saved: "+err.Error())
}

// decodeInvoices reads the JSON body, element by element so that each error
// names its row (from 1) and field. Unknown fields are errors: a misspelt
// "due_dte" must not silently drop the due date.
func decodeInvoices(body []byte) ([]intake.Row, []intake.FieldError) {
	body = bytes.TrimSpace(body)
	var elems []json.RawMessage
	switch {
	case len(body) == 0:
		return nil, []intake.FieldError{{Row: 0, Field: "body", Message: "is empty; send an invoice or a list of invoices"}}
	case body[0] == '[':
		if err := json.Unmarshal(body, &elems); err != nil {
			return nil, []intake.FieldError{{Row: 0, Field: "body", Message: "is not a JSON array of invoices: " + err.Error()}}
		}
	case body[0] == '{':
		var batch struct {
			Invoices []json.RawMessage `json:"invoices"`
		}
		if err := json.Unmarshal(body, &batch); err == nil && batch.Invoices != nil {
			elems = batch.Invoices
		} else {
			elems = []json.RawMessage{body}
		}
	default:
		return nil, []intake.FieldError{{Row: 0, Field: "body", Message: "is not JSON; send an object or an array"}}
	}
	rows := make([]intake.Row, 0, len(elems))
	var errs []intake.FieldError
	for i, raw := range elems {
		var in intake.InvoiceInput
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			errs = append(errs, jsonFieldError(i+1, err))
			continue
		}
		rows = append(rows, intake.Row{Row: i + 1, Input: in})
	}
	return rows, errs
}

func jsonFieldError(row int, err error) intake.FieldError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return intake.FieldError{Row: row, Field: typeErr.Field, Message: fmt.Sprintf("must be a JSON %s, got %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)}
	}
	msg := err.Error()
	if field, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return intake.FieldError{Row: row, Field: strings.Trim(field, `"`), Message: "unknown field"}
	}
	return intake.FieldError{Row: row, Field: "body", Message: strings.TrimPrefix(msg, "json: ")}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int64", "int", "uint", "uint64":
		return "integer"
	case "ptr":
		return "value of another type"
	case "struct", "map":
		return "object"
	}
	return goKind
}

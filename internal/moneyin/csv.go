package moneyin

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// Mapping maps Recouvra's invoice CSV columns (number, issue_date, total,
// debtor_name… see internal/intake) to the headers of a source's file.
type Mapping map[string]string

// ImportCSV imports an invoice CSV exported by source. A non-empty mapping
// is saved for the source (in the same transaction) and used; otherwise the
// source's saved mapping is used, and without one the file must have
// Recouvra's own headers. Columns the mapping does not name are ignored.
// A file that is not UTF-8 is read as Windows-1252, as Excel saves it.
func (s *Service) ImportCSV(ctx context.Context, f File, source string, mapping Mapping) (Summary, error) {
	return s.run(ctx, KindCSV, f, func(st *importTx) error {
		m, err := s.mapping(st, source, mapping)
		if err != nil {
			return err
		}
		content, err := st.body.all()
		if err != nil {
			return err
		}
		data, lines, err := remapCSV(content, m, &st.sum.Warnings)
		if err != nil {
			return err
		}
		rows, err := intake.ParseCSV(bytes.NewReader(data))
		if err != nil {
			return fileHeaders(err, m, lines)
		}
		creditorID := st.creditor.ID
		for i := range rows {
			rows[i].Input.Source, rows[i].Input.CreditorID = "csv", &creditorID
			if d := rows[i].Input.Debtor; d != nil && d.Kind == "" {
				d.Kind = string(models.Trader) // most exports know no kind: B2B by default
			}
		}
		isum, err := st.intake.Import(ctx, rows)
		if err != nil {
			return fileHeaders(err, m, lines)
		}
		st.sum.Invoices = Counts{Created: isum.Created, Updated: isum.Updated, Unchanged: isum.Unchanged}
		for _, o := range isum.Invoices {
			if o.CaseID != 0 {
				st.sum.Cases = append(st.sum.Cases, o)
			}
		}
		return nil
	})
}

// mapping saves the given mapping for source, or loads the saved one.
func (s *Service) mapping(st *importTx, source string, given Mapping) (Mapping, error) {
	source = strings.TrimSpace(source)
	if len(given) > 0 {
		if source == "" {
			return nil, &RejectedError{Rejected: []Rejection{{Field: "source", Message: "name the source the column mapping is saved for"}}}
		}
		js, _ := json.Marshal(given)
		var row models.CSVMapping
		if err := st.tx.Where("source = ?", source).Limit(1).Find(&row).Error; err != nil {
			return nil, err
		}
		row.Source, row.Columns = clip(source, 100), string(js)
		if err := st.tx.Save(&row).Error; err != nil {
			return nil, fmt.Errorf("save the column mapping of %s: %w", source, err)
		}
		return given, nil
	}
	if source == "" {
		return nil, nil
	}
	var row models.CSVMapping
	if err := st.tx.Where("source = ?", source).Limit(1).Find(&row).Error; err != nil {
		return nil, err
	}
	if row.ID == 0 {
		return nil, &RejectedError{Rejected: []Rejection{{Field: "source", Message: fmt.Sprintf("no column mapping saved for source %q; give one", source)}}}
	}
	var m Mapping
	if err := json.Unmarshal([]byte(row.Columns), &m); err != nil {
		return nil, fmt.Errorf("column mapping of %s: %w", source, err)
	}
	return m, nil
}

// remapCSV rewrites a file's header into Recouvra's column names and keeps
// only the mapped columns. Without a mapping the file is only re-encoded.
// lines[k] is the line in the original file of the rewritten file's line k+2.
func remapCSV(data []byte, m Mapping, warnings *[]string) (out []byte, lines []int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		decoded, decErr := charmap.Windows1252.NewDecoder().Bytes(data)
		if decErr != nil {
			return nil, nil, &RejectedError{Rejected: []Rejection{{Field: "file", Message: "neither UTF-8 nor Windows-1252 text"}}}
		}
		data = decoded
		*warnings = append(*warnings, "the file is not UTF-8: read as Windows-1252")
	}
	if len(m) == 0 {
		return data, nil, nil
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord, cr.LazyQuotes = -1, true
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	header, readErr := cr.Read()
	if readErr != nil {
		return nil, nil, &RejectedError{Rejected: []Rejection{{Line: 1, Field: "header", Message: "missing or unreadable header: " + readErr.Error()}}}
	}
	position := map[string]int{}
	for i, h := range header {
		position[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var names []string
	var columns []int
	var missing []Rejection
	for _, name := range slices.Sorted(maps.Keys(m)) {
		h := m[name]
		i, ok := position[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			missing = append(missing, Rejection{Line: 1, Field: h, Message: fmt.Sprintf("the mapping takes %s from column %q, which the file lacks", name, h)})
			continue
		}
		names, columns = append(names, name), append(columns, i)
	}
	if len(missing) > 0 {
		return nil, nil, &RejectedError{Rejected: missing}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(names)
	for {
		rec, readErr := cr.Read()
		if errors.Is(readErr, io.EOF) {
			break
		}
		if readErr != nil {
			return nil, nil, &RejectedError{Rejected: []Rejection{{Message: readErr.Error()}}}
		}
		line, _ := cr.FieldPos(0)
		lines = append(lines, line)
		row := make([]string, len(columns))
		for j, i := range columns {
			if i < len(rec) {
				row[j] = rec[i]
			}
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes(), lines, w.Error()
}

// fileHeaders names the file's own headers and lines in intake's errors.
func fileHeaders(err error, m Mapping, lines []int) error {
	var verr *intake.ValidationError
	if !errors.As(err, &verr) || len(m) == 0 {
		return err
	}
	for i, fe := range verr.Errors {
		if h, ok := m[fe.Field]; ok {
			verr.Errors[i].Field = fmt.Sprintf("%s (%s)", h, fe.Field)
		}
		if k := fe.Row - 2; k >= 0 && k < len(lines) {
			verr.Errors[i].Row = lines[k]
		}
	}
	return verr
}

package intake

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/recouvra/recouvra/internal/money"
)

// CSV columns. Amounts come either in cents (total_cents) or as decimals
// (total: "1 234,56" or "1234.56"), whichever a spreadsheet produces.
var csvColumns = map[string]bool{
	"number": true, "issue_date": true, "due_date": true, "total": true, "total_cents": true,
	"vat": true, "vat_cents": true, "outstanding": true, "outstanding_cents": true, "currency": true,
	"late_rate_percent": true, "payment_terms": true, "debtor_id": true, "debtor_reference": true,
	"debtor_name": true, "debtor_kind": true, "debtor_legal_form": true, "debtor_siren": true,
	"debtor_siret": true, "debtor_rcs_city": true, "debtor_email": true, "debtor_phone": true,
	"debtor_payment_contact": true, "debtor_line1": true, "debtor_line2": true,
	"debtor_postal_code": true, "debtor_city": true, "debtor_insee_code": true, "debtor_country": true,
}

// ParseCSV reads an invoice CSV (comma or semicolon separated, UTF-8, first
// line the header). Every problem is returned, each naming its line and column.
func ParseCSV(r io.Reader) ([]Row, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read CSV: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's byte-order mark
	if !utf8.Valid(data) {
		return nil, &ValidationError{Errors: []FieldError{{Row: firstInvalidLine(data), Field: "file", Message: "is not UTF-8 text; save the file as CSV UTF-8"}}}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffSeparator(data)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, &ValidationError{Errors: []FieldError{{Row: 1, Field: "header", Message: "missing or unreadable header line: " + err.Error()}}}
	}
	col := map[string]int{}
	var errs []FieldError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if !csvColumns[name] {
			errs = append(errs, FieldError{Row: 1, Field: h, Message: "unknown column"})
			continue
		}
		col[name] = i
	}
	if len(errs) > 0 {
		return nil, &ValidationError{Errors: errs}
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			errs = append(errs, FieldError{Row: line, Field: "line", Message: err.Error()})
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		in, rowErrs := csvInvoice(line, rec, col)
		errs = append(errs, rowErrs...)
		rows = append(rows, Row{Row: line, Input: in})
	}
	if len(errs) > 0 {
		return nil, &ValidationError{Errors: errs}
	}
	return rows, nil
}

func csvInvoice(line int, rec []string, col map[string]int) (InvoiceInput, []FieldError) {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var errs []FieldError
	amount := func(decimal, cents string) *int64 {
		if s := get(cents); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				errs = append(errs, FieldError{Row: line, Field: cents, Message: fmt.Sprintf("%q is not a whole number of cents", s)})
				return nil
			}
			return &n
		}
		if s := get(decimal); s != "" {
			n, err := money.ParseDecimal(s)
			if err != nil {
				errs = append(errs, FieldError{Row: line, Field: decimal, Message: err.Error()})
				return nil
			}
			return &n
		}
		return nil
	}
	in := InvoiceInput{
		Number:           get("number"),
		IssueDate:        get("issue_date"),
		DueDate:          get("due_date"),
		TotalCents:       amount("total", "total_cents"),
		VATCents:         amount("vat", "vat_cents"),
		OutstandingCents: amount("outstanding", "outstanding_cents"),
		Currency:         get("currency"),
		PaymentTerms:     get("payment_terms"),
		Source:           "csv",
	}
	if s := get("late_rate_percent"); s != "" {
		rate := Decimal(s)
		in.LateRatePercent = &rate
	}
	if s := get("debtor_id"); s != "" {
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			errs = append(errs, FieldError{Row: line, Field: "debtor_id", Message: fmt.Sprintf("%q is not a debtor number", s)})
		} else {
			u := uint(id)
			in.DebtorID = &u
		}
	}
	if get("debtor_name") != "" || get("debtor_reference") != "" {
		in.Debtor = &DebtorInput{
			Reference: get("debtor_reference"), Name: get("debtor_name"), Kind: get("debtor_kind"),
			LegalForm: get("debtor_legal_form"), SIREN: get("debtor_siren"), SIRET: get("debtor_siret"),
			RCSCity: get("debtor_rcs_city"), Email: get("debtor_email"), Phone: get("debtor_phone"),
			PaymentContact: get("debtor_payment_contact"),
		}
		in.Debtor.Address.Line1 = get("debtor_line1")
		in.Debtor.Address.Line2 = get("debtor_line2")
		in.Debtor.Address.PostalCode = get("debtor_postal_code")
		in.Debtor.Address.City = get("debtor_city")
		in.Debtor.Address.InseeCode = get("debtor_insee_code")
		in.Debtor.Address.Country = get("debtor_country")
	}
	return in, errs
}

// sniffSeparator picks ';' (French Excel) or ',' from the header line.
func sniffSeparator(data []byte) rune {
	head, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		return ';'
	}
	return ','
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

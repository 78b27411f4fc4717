package intake

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/models"
)

func ptr[T any](v T) *T { return &v }

func goodInput() InvoiceInput {
	return InvoiceInput{
		Number: "FA-1", IssueDate: "2026-09-01", DueDate: "2026-10-01",
		TotalCents: ptr(int64(12000)), VATCents: ptr(int64(2000)), Currency: "eur",
		Debtor: &DebtorInput{Name: "Client", Kind: "trader", SIREN: "552100554",
			Address: models.Address{PostalCode: "92000", City: "Nanterre"}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*InvoiceInput)
		fields []string // the fields named by the errors, in order; none for a valid input
	}{
		{"valid", func(*InvoiceInput) {}, nil},
		{"French date", func(in *InvoiceInput) { in.DueDate = "01/10/2026" }, nil},
		{"no number", func(in *InvoiceInput) { in.Number = " " }, []string{"number"}},
		{"long number", func(in *InvoiceInput) { in.Number = strings.Repeat("9", 65) }, []string{"number"}},
		{"bad issue date", func(in *InvoiceInput) { in.IssueDate = "2026-02-30" }, []string{"issue_date"}},
		{"missing due date", func(in *InvoiceInput) { in.DueDate = "" }, []string{"due_date"}},
		{"due before issue", func(in *InvoiceInput) { in.DueDate = "2026-08-01" }, []string{"due_date"}},
		{"no total", func(in *InvoiceInput) { in.TotalCents = nil }, []string{"total_cents"}},
		{"negative total", func(in *InvoiceInput) { in.TotalCents = ptr(int64(-5)) }, []string{"total_cents", "vat_cents"}},
		{"VAT above total", func(in *InvoiceInput) { in.VATCents = ptr(int64(13000)) }, []string{"vat_cents"}},
		{"outstanding above total", func(in *InvoiceInput) { in.OutstandingCents = ptr(int64(12001)) }, []string{"outstanding_cents"}},
		{"bad currency", func(in *InvoiceInput) { in.Currency = "EURO" }, []string{"currency"}},
		{"bad rate", func(in *InvoiceInput) { in.LateRatePercent = ptr(Decimal("douze")) }, []string{"late_rate_percent"}},
		{"rate above 100 %", func(in *InvoiceInput) { in.LateRatePercent = ptr(Decimal("100.01")) }, []string{"late_rate_percent"}},
		{"no debtor", func(in *InvoiceInput) { in.Debtor = nil }, []string{"debtor"}},
		{"two debtors", func(in *InvoiceInput) { in.DebtorID = ptr(uint(3)) }, []string{"debtor"}},
		{"debtor without name", func(in *InvoiceInput) { in.Debtor.Name = "" }, []string{"debtor.name"}},
		{"unknown kind", func(in *InvoiceInput) { in.Debtor.Kind = "company" }, []string{"debtor.kind"}},
		{"bad SIREN", func(in *InvoiceInput) { in.Debtor.SIREN = "552100555" }, []string{"debtor.siren"}},
		{"SIRET of another SIREN", func(in *InvoiceInput) { in.Debtor.SIRET = "73282932000074" }, []string{"debtor.siret"}},
		{"bad postal code", func(in *InvoiceInput) { in.Debtor.Address.PostalCode = "9200" }, []string{"debtor.address.postal_code"}},
		{"foreign postal code", func(in *InvoiceInput) { in.Debtor.Address = models.Address{PostalCode: "1000", Country: "BE"} }, nil},
		{"bad country", func(in *InvoiceInput) { in.Debtor.Address.Country = "BEL" }, []string{"debtor.address.country"}},
		{"bad email", func(in *InvoiceInput) { in.Debtor.Email = "compta.example" }, []string{"debtor.email"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goodInput()
			tt.change(&in)
			v, errs := validate(Row{Row: 4, Input: in})
			var fields []string
			for _, e := range errs {
				if e.Row != 4 || e.Message == "" {
					t.Errorf("error without row or message: %+v", e)
				}
				fields = append(fields, e.Field)
			}
			if strings.Join(fields, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("errors on %v, want %v (%v)", fields, tt.fields, errs)
			}
			if tt.fields == nil && (v.Currency != "EUR" || v.Total != 12000) {
				t.Errorf("valid input converted to %+v", v)
			}
		})
	}
}

func TestLateRateIsReadWithoutFloats(t *testing.T) {
	for in, want := range map[string]int64{"12.15": 1215, "12,15": 1215, "7": 700, "0.5": 50} {
		i := goodInput()
		rate := Decimal(in)
		i.LateRatePercent = &rate
		v, errs := validate(Row{Row: 1, Input: i})
		if len(errs) > 0 || v.LateRateBP == nil || *v.LateRateBP != want {
			t.Errorf("rate %q read as %v (%v), want %d", in, v.LateRateBP, errs, want)
		}
	}
}

func TestNeedsCase(t *testing.T) {
	today := civil.MustParse("2026-11-23")
	inv := func(due string, outstanding int64, status models.InvoiceStatus) models.Invoice {
		return models.Invoice{DueDate: civil.MustParse(due), OutstandingCents: outstanding, Status: status}
	}
	tests := []struct {
		name string
		inv  models.Invoice
		want bool
	}{
		{"overdue", inv("2026-10-01", 100, models.InvoiceOpen), true},
		{"due today", inv("2026-11-23", 100, models.InvoiceOpen), true},
		{"inside the 10-day window", inv("2026-12-03", 100, models.InvoiceOpen), true},
		{"just outside the window", inv("2026-12-04", 100, models.InvoiceOpen), false},
		{"paid", inv("2026-10-01", 0, models.InvoicePaid), false},
		{"cancelled", inv("2026-10-01", 100, models.InvoiceCancelled), false},
	}
	for _, tt := range tests {
		if got := NeedsCase(tt.inv, today, 10); got != tt.want {
			t.Errorf("%s: NeedsCase = %v", tt.name, got)
		}
	}
}

func TestLateRateAsJSONNumberOrString(t *testing.T) {
	for body, want := range map[string]Decimal{`{"late_rate_percent": 12.15}`: "12.15", `{"late_rate_percent": "12,15"}`: "12,15"} {
		var in InvoiceInput
		if err := json.Unmarshal([]byte(body), &in); err != nil || in.LateRatePercent == nil || *in.LateRatePercent != want {
			t.Errorf("%s: got %v, %v", body, in.LateRatePercent, err)
		}
	}
	var in InvoiceInput
	if err := json.Unmarshal([]byte(`{"late_rate_percent": true}`), &in); err == nil {
		t.Error("a boolean rate was accepted")
	}
}

func TestCheckAddress(t *testing.T) {
	tests := []struct {
		name string
		a    models.Address
		want []string // the fields named, in order
	}{
		{"empty: France, nothing to check", models.Address{}, nil},
		{"French address", models.Address{PostalCode: "75002", InseeCode: "75102", Country: "FR"}, nil},
		{"lower-case fr is France", models.Address{PostalCode: "7500", Country: "fr"}, []string{"x.postal_code"}},
		{"Corsica's INSEE code", models.Address{PostalCode: "20000", InseeCode: "2A004"}, nil},
		{"postal code of 4 digits", models.Address{PostalCode: "7500"}, []string{"x.postal_code"}},
		{"postal code with a letter", models.Address{PostalCode: "7500A"}, []string{"x.postal_code"}},
		{"INSEE code too long", models.Address{InseeCode: "751020"}, []string{"x.insee_code"}},
		{"both wrong", models.Address{PostalCode: "1", InseeCode: "1"}, []string{"x.postal_code", "x.insee_code"}},
		{"Belgian address, postal code not checked", models.Address{PostalCode: "1000", Country: "BE"}, nil},
		{"lower-case country code", models.Address{Country: "be"}, nil},
		{"country name instead of code", models.Address{Country: "Belgique"}, []string{"x.country"}},
		{"country code of digits", models.Address{Country: "12"}, []string{"x.country"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range CheckAddress(3, "x.", tt.a) {
				if e.Row != 3 {
					t.Errorf("%s: row %d, want 3", e.Field, e.Row)
				}
				got = append(got, e.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("fields %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNormalizeAddress(t *testing.T) {
	for in, want := range map[string]string{"": "FR", "fr": "FR", "be": "BE", "DE": "DE"} {
		a := models.Address{Country: in}
		NormalizeAddress(&a)
		if a.Country != want {
			t.Errorf("country %q normalized to %q, want %q", in, a.Country, want)
		}
	}
}

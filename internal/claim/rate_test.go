package claim

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    Rate
		wantErr string
	}{
		{"12.15", 1215, ""},
		{"12,15", 1215, ""},
		{" 4.5 ", 450, ""},
		{"12", 1200, ""},
		{"0.05", 5, ""},
		{"2.62 %", 262, ""},
		{"-0.50", -50, ""},
		{"+3", 300, ""},
		{"1000", 100000, ""},
		{"1000.01", 0, "above"},
		{"12.155", 0, "more than two decimals"},
		{"1.2.3", 0, "more than one decimal separator"},
		{"", 0, "no digits"},
		{".5", 0, "no digits"},
		{"abc", 0, "not a decimal number"},
		{"1e2", 0, "not a decimal number"},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.in) {
				t.Errorf("ParseRate(%q) error = %v, want one naming the input and %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestRateText(t *testing.T) {
	tests := []struct {
		r          Rate
		str, jsonV string
	}{
		{1215, "12,15\u00a0%", "12.15"},
		{1450, "14,50\u00a0%", "14.50"},
		{5, "0,05\u00a0%", "0.05"},
		{0, "0,00\u00a0%", "0.00"},
		{-50, "-0,50\u00a0%", "-0.50"},
		{100000, "1000,00\u00a0%", "1000.00"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.str {
			t.Errorf("Rate(%d).String() = %q, want %q", tt.r, got, tt.str)
		}
		b, err := json.Marshal(tt.r)
		if err != nil || string(b) != tt.jsonV {
			t.Errorf("json.Marshal(Rate(%d)) = %s, %v; want %s", tt.r, b, err, tt.jsonV)
		}
		var back Rate
		if err := json.Unmarshal(b, &back); err != nil || back != tt.r {
			t.Errorf("json.Unmarshal(%s) = %d, %v; want %d", b, back, err, tt.r)
		}
	}
}

func TestRateUnmarshalJSON(t *testing.T) {
	var r Rate
	if err := json.Unmarshal([]byte("4.5"), &r); err != nil || r != 450 {
		t.Errorf("4.5 → %d, %v", r, err)
	}
	for _, bad := range []string{`"12.15"`, `1.2e1`, `12.155`, `true`, `1-2`} {
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("json.Unmarshal(%s) accepted", bad)
		}
	}
	var l struct {
		R *Rate `json:"r"`
	}
	if err := json.Unmarshal([]byte(`{"r":null}`), &l); err != nil || l.R != nil {
		t.Errorf("null → %v, %v", l.R, err)
	}
}

func TestLineJSON(t *testing.T) {
	got, err := json.Marshal([]Line{
		principal("F-1", 100_000),
		accrued(KindPenalty, "F-1", "2025-02-01", "2025-02-15", 15, 1315, 540),
		{Kind: KindCost, Label: "Greffe", Basis: "x", AmountCents: 3388},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"kind":"principal","invoice":"F-1","label":"Principal restant dû","basis":"Article 1103 du Code civil","amount_cents":100000},` +
		`{"kind":"penalty","invoice":"F-1","label":"Pénalités de retard (taux BCE + 10 points)","basis":"Article L441-10 du Code de commerce",` +
		`"amount_cents":540,"rate_percent":13.15,"from":"2025-02-01","to":"2025-02-15","days":15},` +
		`{"kind":"cost","label":"Greffe","basis":"x","amount_cents":3388}]`
	if string(got) != want {
		t.Errorf("JSON:\n got %s\nwant %s", got, want)
	}
}

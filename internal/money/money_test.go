package money

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct {
		cents    int64
		currency string
		want     string
	}{
		{0, "EUR", "0,00\u00a0€"},
		{5, "EUR", "0,05\u00a0€"},
		{123456, "EUR", "1\u00a0234,56\u00a0€"},
		{-123456, "EUR", "-1\u00a0234,56\u00a0€"},
		{100000000, "EUR", "1\u00a0000\u00a0000,00\u00a0€"},
		{99999, "USD", "999,99\u00a0$"},
		{4000, "CHF", "40,00\u00a0CHF"},
		{-9223372036854775808, "EUR", "-92\u00a0233\u00a0720\u00a0368\u00a0547\u00a0758,08\u00a0€"},
	}
	for _, tt := range tests {
		if got := Format(tt.cents, tt.currency); got != tt.want {
			t.Errorf("Format(%d, %s) = %q, want %q", tt.cents, tt.currency, got, tt.want)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"1234.56", 123456, false},
		{"1 234,56", 123456, false},
		{"1\u00a0234,5", 123450, false},
		{"-12,5", -1250, false},
		{"+3", 300, false},
		{",5", 50, false},
		{"0", 0, false},
		{"  42.00 ", 4200, false},
		{"", 0, true},
		{"-", 0, true},
		{"1.234,56", 0, true},
		{"12.345", 0, true},
		{"12a", 0, true},
		{"1e5", 0, true},
		{"99999999999999999999", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDecimal(%q) = %d, %v; want %d, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestAddRefusesMixedCurrencies(t *testing.T) {
	if _, err := EUR(100).Add(Amount{Cents: 1, Currency: "USD"}); err == nil {
		t.Fatal("adding USD to EUR succeeded")
	}
	sum, err := EUR(150).Add(EUR(-50))
	if err != nil || sum != EUR(100) {
		t.Fatalf("EUR(150)+EUR(-50) = %v, %v", sum, err)
	}
}

func TestValidCurrency(t *testing.T) {
	for code, want := range map[string]bool{"EUR": true, "usd": false, "EU": false, "EURO": false, "E1R": false} {
		if got := ValidCurrency(code); got != want {
			t.Errorf("ValidCurrency(%q) = %v", code, got)
		}
	}
}

package siren

import (
	"strings"
	"testing"
)

func TestCheckSIREN(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"552100554", ""}, // Peugeot
		{"732829320", ""}, // a well-known valid SIREN
		{"356000000", ""}, // La Poste
		{"552100555", "check digit"},
		{"55210055", "9 digits"},
		{"55210055A", "digits only"},
		{"", "9 digits"},
	}
	for _, tt := range tests {
		err := CheckSIREN(tt.in)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckSIREN(%q) = %v, want error containing %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestCheckSIRET(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"55210055400013", ""}, // Peugeot head office
		{"73282932000074", ""}, // valid
		{"35600000000047", ""}, // La Poste: digit sum 25 passes
		{"35600000000048", "multiple of 5"},
		{"55210055400014", "check digit"},
		{"55210055500013", "SIREN"}, // invalid SIREN part
		{"5521005540001", "14 digits"},
	}
	for _, tt := range tests {
		err := CheckSIRET(tt.in)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckSIRET(%q) = %v, want error containing %q", tt.in, err, tt.wantErr)
		}
	}
}

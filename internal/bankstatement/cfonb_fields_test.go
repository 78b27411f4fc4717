package bankstatement

import (
	"strings"
	"testing"
)

func TestOverPunch(t *testing.T) {
	tests := []struct {
		c        rune
		digit    int64
		negative bool
		ok       bool
	}{
		{'{', 0, false, true},
		{'A', 1, false, true},
		{'B', 2, false, true},
		{'C', 3, false, true},
		{'D', 4, false, true},
		{'E', 5, false, true},
		{'F', 6, false, true},
		{'G', 7, false, true},
		{'H', 8, false, true},
		{'I', 9, false, true},
		{'}', 0, true, true},
		{'J', 1, true, true},
		{'K', 2, true, true},
		{'L', 3, true, true},
		{'M', 4, true, true},
		{'N', 5, true, true},
		{'O', 6, true, true},
		{'P', 7, true, true},
		{'Q', 8, true, true},
		{'R', 9, true, true},
		{'S', 0, false, false},
		{'X', 0, false, false},
		{'0', 0, false, false}, // a plain digit leaves the sign unknown
		{'5', 0, false, false},
		{'a', 0, false, false},
		{' ', 0, false, false},
		{'é', 0, false, false},
	}
	for _, tt := range tests {
		digit, negative, ok := overPunch(tt.c)
		if digit != tt.digit || negative != tt.negative || ok != tt.ok {
			t.Errorf("overPunch(%q) = %d, %v, %v; want %d, %v, %v",
				tt.c, digit, negative, ok, tt.digit, tt.negative, tt.ok)
		}
	}
}

func TestDecodeAmount(t *testing.T) {
	tests := []struct {
		field    string
		decimals int
		want     int64
		wantErr  string
	}{
		{"0000000000190E", 2, 1905, ""},
		{"0000010173118I", 2, 101731189, ""},
		{"0000000096545K", 2, -965452, ""},
		{"0000000001904}", 2, -19040, ""},
		{"0000000115350{", 2, 1153500, ""},
		{"0000000000000{", 2, 0, ""},
		{"0000000000000}", 2, 0, ""},
		{"0000000000012C", 0, 12300, ""},       // JPY-like: no decimals
		{"0000000000012C", 1, 1230, ""},        // 12.3
		{"0000000001234{", 3, 1234, ""},        // 12.340 → 12.34
		{"0000000001234A", 3, 0, "3 decimals"}, // 12.341 has no cent value
		{"       000190E", 2, 1905, ""},        // leading spaces pad like zeros
		{"9999999999999R", 2, -99999999999999, ""},
		{"0000000001234X", 2, 0, `amount "0000000001234X": invalid over-punched sign character 'X'`},
		{"00000000012345", 2, 0, `invalid over-punched sign character '5'`},
		{"00000O0001234A", 2, 0, `amount "00000O0001234A": character 'O' at position 6 is not a digit`},
		{"0000000 00974I", 2, 0, `character ' ' at position 8 is not a digit`},
		{"000000000974I", 2, 0, "want 14 characters, got 13"},
		{"0000000000190E", 10, 0, "out of range"},
	}
	for _, tt := range tests {
		got, err := decodeAmount(tt.field, tt.decimals)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("decodeAmount(%q, %d) error = %v, want it to contain %q", tt.field, tt.decimals, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("decodeAmount(%q, %d) = %d, %v; want %d", tt.field, tt.decimals, got, err, tt.want)
		}
	}
}

func TestDecodeDecimals(t *testing.T) {
	tests := []struct {
		field   string
		want    int
		wantErr bool
	}{
		{"2", 2, false},
		{"0", 0, false},
		{"3", 3, false},
		{" ", 0, true},
		{"X", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := decodeDecimals(tt.field)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("decodeDecimals(%q) = %d, %v; want %d, error %v", tt.field, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseJJMMAA(t *testing.T) {
	tests := []struct {
		field   string
		want    string
		wantErr string
	}{
		{"120124", "2024-01-12", ""},
		{"090216", "2016-02-09", ""},
		{"290224", "2024-02-29", ""}, // leap year
		{"311299", "1999-12-31", ""}, // 80–99 are the 1900s
		{"010180", "1980-01-01", ""},
		{"311279", "2079-12-31", ""},
		{"010100", "2000-01-01", ""},
		{"290223", "", `date "290223": day 29 does not exist in 2023-02`},
		{"310424", "", "day 31 does not exist in 2024-04"},
		{"000124", "", "day 0 does not exist"},
		{"011324", "", "month 13 does not exist"},
		{"010024", "", "month 0 does not exist"},
		{"      ", "", "not of the form JJMMAA"},
		{"12O124", "", "not of the form JJMMAA"},
		{"1201", "", "not of the form JJMMAA"},
		{"2024-01-12", "", "not of the form JJMMAA"},
	}
	for _, tt := range tests {
		got, err := parseJJMMAA(tt.field)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseJJMMAA(%q) error = %v, want it to contain %q", tt.field, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("parseJJMMAA(%q) = %s, %v; want %s", tt.field, got, err, tt.want)
		}
	}
}

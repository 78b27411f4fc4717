package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestOfUsesParisDay(t *testing.T) {
	tests := []struct {
		instant time.Time
		want    string
	}{
		// 23:30 UTC on 31 December is already 1 January in Paris (winter, UTC+1).
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), "2026-01-01"},
		// 22:30 UTC on 30 June is 00:30 on 1 July in Paris (summer, UTC+2).
		{time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC), "2026-07-01"},
		{time.Date(2026, 6, 30, 21, 30, 0, 0, time.UTC), "2026-06-30"},
	}
	for _, tt := range tests {
		if got := Of(tt.instant).String(); got != tt.want {
			t.Errorf("Of(%v) = %s, want %s", tt.instant, got, tt.want)
		}
	}
}

func TestArithmetic(t *testing.T) {
	d := MustParse("2024-02-28")
	if got := d.AddDays(1).String(); got != "2024-02-29" {
		t.Errorf("leap day: %s", got)
	}
	if got := d.AddDays(2).String(); got != "2024-03-01" {
		t.Errorf("after leap day: %s", got)
	}
	// 2026-03-29 is the spring DST change in Paris; calendar days stay whole.
	if n := MustParse("2026-04-01").DaysSince(MustParse("2026-03-01")); n != 31 {
		t.Errorf("DaysSince across DST = %d", n)
	}
	if n := MustParse("2026-01-01").DaysSince(MustParse("2026-01-31")); n != -30 {
		t.Errorf("negative DaysSince = %d", n)
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"", "2026-13-01", "2026-02-30", "23/11/2026", "2026-1-1"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}

func TestJSONAndScan(t *testing.T) {
	var v struct {
		Due Date `json:"due"`
	}
	if err := json.Unmarshal([]byte(`{"due":"2026-11-23"}`), &v); err != nil || v.Due.String() != "2026-11-23" {
		t.Fatalf("unmarshal: %v %v", v.Due, err)
	}
	if err := json.Unmarshal([]byte(`{"due":"23/11/2026"}`), &v); err == nil {
		t.Fatal("unmarshal accepted 23/11/2026")
	}
	b, _ := json.Marshal(struct{ D Date }{})
	if string(b) != `{"D":null}` {
		t.Errorf("zero date marshals as %s", b)
	}
	for _, src := range []any{"2026-11-23", []byte("2026-11-23 00:00:00+00:00"), time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)} {
		var d Date
		if err := d.Scan(src); err != nil || d.String() != "2026-11-23" {
			t.Errorf("Scan(%#v) = %v, %v", src, d, err)
		}
	}
}

func TestFrench(t *testing.T) {
	tests := map[string]string{
		"2026-11-23": "23 novembre 2026",
		"2026-03-01": "1er mars 2026",
		"2026-08-15": "15 août 2026",
		"2026-02-07": "7 février 2026",
	}
	for in, want := range tests {
		if got := MustParse(in).French(); got != want {
			t.Errorf("French(%s) = %q, want %q", in, got, want)
		}
	}
	if got := MustParse("2026-02-07").FrenchNumeric(); got != "07/02/2026" {
		t.Errorf("FrenchNumeric = %q", got)
	}
}

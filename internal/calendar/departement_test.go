package calendar

import (
	"strings"
	"testing"
)

func TestDepartementOfPostalCode(t *testing.T) {
	valid := map[string]string{
		"75001": "75", "01000": "01", "06000": "06", "57000": "57", " 67000 ": "67",
		"20000": "2A", "20090": "2A", "20137": "2A", "20199": "2A",
		"20200": "2B", "20213": "2B", "20600": "2B",
		"97411": "974", "97200": "972", "97133": "971", "97600": "976", "98800": "988", "98714": "987",
	}
	for in, want := range valid {
		got, err := DepartementOfPostalCode(in)
		if err != nil || got != want {
			t.Errorf("DepartementOfPostalCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "7500", "750011", "75O01", "00100", "96000", "98000", "2A004", "-7500"} {
		_, err := DepartementOfPostalCode(in)
		if err == nil {
			t.Errorf("DepartementOfPostalCode(%q) accepted", in)
		} else if !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("error %q does not name %q", err, in)
		}
	}
}

func TestDepartementOfINSEE(t *testing.T) {
	valid := map[string]string{
		"75056": "75", "01001": "01", "2A004": "2A", "2b033": "2B", "97411": "974",
		"97101": "971", "98735": "987", "67482": "67",
	}
	for in, want := range valid {
		got, err := DepartementOfINSEE(in)
		if err != nil || got != want {
			t.Errorf("DepartementOfINSEE(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "20004", "2C004", "7505", "AB123", "00001", "2A00X", "750566"} {
		_, err := DepartementOfINSEE(in)
		if err == nil {
			t.Errorf("DepartementOfINSEE(%q) accepted", in)
		} else if !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("error %q does not name %q", err, in)
		}
	}
}

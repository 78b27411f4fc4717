package tribunal

import "testing"

func TestSeatKey(t *testing.T) {
	tests := map[string]string{
		"Nanterre":                   "nanterre",
		"RCS Nanterre B 552 100 554": "nanterre",
		"R.C.S. NANTERRE":            "nanterre",
		"RCS/RM Limoges":             "limoges",
		"St-Étienne":                 "saint etienne",
		"Ste-Maxime":                 "sainte maxime",
		"Tribunal des activités économiques du Havre": "havre",
		"Le Havre":                                       "havre",
		"Tribunal de commerce de Bar-le-Duc":             "bar le duc",
		"Tribunal judiciaire des Sables-d'Olonne":        "sables olonne",
		"Tribunal judiciaire de Dole (chambre détachée)": "dole",
		"Châlons-en-Champagne":                           "chalons en champagne",
		"Tribunal de commerce":                           "",
		"":                                               "",
	}
	for in, want := range tests {
		if got := seatKey(in); got != want {
			t.Errorf("seatKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCityKey(t *testing.T) {
	tests := map[string]string{
		"Lyon 3e":                  "lyon",
		"PARIS 15E ARRONDISSEMENT": "paris",
		"Marseille 8ème":           "marseille",
		"Lyon Cedex 03":            "lyon",
		"Le Havre":                 "le havre",
		"St-Malo":                  "saint malo",
	}
	for in, want := range tests {
		if got := cityKey(in); got != want {
			t.Errorf("cityKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestINSEEHelpers(t *testing.T) {
	tests := []struct {
		in, norm, seat, dept string
	}{
		{"92050", "92050", "92050", "92"},
		{" 2a004 ", "2A004", "2A004", "2A"},
		{"2B033", "2B033", "2B033", "2B"},
		{"75101", "75101", "75056", "75"},
		{"75120", "75120", "75056", "75"},
		{"75121", "75121", "75121", "75"}, // not an arrondissement
		{"69381", "69381", "69123", "69"},
		{"69389", "69389", "69123", "69"},
		{"69390", "69390", "69390", "69"},
		{"13201", "13201", "13055", "13"},
		{"13216", "13216", "13055", "13"},
		{"13217", "13217", "13217", "13"},
		{"97209", "97209", "97209", "972"},
		{"98818", "98818", "98818", "988"},
		{"9205", "", "", ""},
		{"2C004", "", "", ""},
		{"ABCDE", "", "", ""},
	}
	for _, tt := range tests {
		norm := normalizeINSEE(tt.in)
		if norm != tt.norm || seatCommune(norm) != tt.seat || departementOfINSEE(norm) != tt.dept {
			t.Errorf("%q: normalize %q, seat %q, dept %q; want %q %q %q", tt.in, norm, seatCommune(norm),
				departementOfINSEE(norm), tt.norm, tt.seat, tt.dept)
		}
	}
}

func TestDepartementOfPostalCode(t *testing.T) {
	tests := map[string]string{
		"92000": "92", "01000": "01", "06110": "06", "20000": "2A", "20169": "2A", "20199": "2A",
		"20200": "2B", "20600": "2B", "97200": "972", "97400": "974", "98800": "988",
		"75 015": "75", "7501": "", "ABCDE": "", "": "", "00000": "",
	}
	for in, want := range tests {
		if got := departementOfPostalCode(in); got != want {
			t.Errorf("departementOfPostalCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEffectiveKind(t *testing.T) {
	tests := []struct {
		kind       DebtorKind
		form       string
		want       DebtorKind
		overridden bool
	}{
		{DebtorTrader, "SAS", DebtorTrader, false},
		{DebtorCivil, "SARL", DebtorTrader, true},
		{DebtorCivil, "S.A.R.L.", DebtorTrader, true},
		{DebtorConsumer, "sasu", DebtorTrader, true},
		{DebtorCivil, "Société à responsabilité limitée", DebtorTrader, true},
		{"", "SNC", DebtorTrader, true},
		{DebtorCivil, "SCI", DebtorCivil, false},
		{DebtorCivil, "SELARL", DebtorCivil, false},
		{DebtorCivil, "Association", DebtorCivil, false},
		{"CONSUMER", "", DebtorConsumer, false},
		{DebtorTrader, "", DebtorTrader, false},
	}
	for _, tt := range tests {
		got, note := effectiveKind(Debtor{Kind: tt.kind, LegalForm: tt.form})
		overridden := note != "" && tt.kind != DebtorTrader
		if got != tt.want || overridden != tt.overridden {
			t.Errorf("effectiveKind(%q, %q) = %q, note %q; want %q, overridden %v", tt.kind, tt.form, got, note, tt.want, tt.overridden)
		}
	}
}

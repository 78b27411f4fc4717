package tribunal

import (
	"slices"
	"testing"
)

func TestCourt(t *testing.T) {
	r := NewRegistry(nil)
	tests := []struct {
		code string
		ok   bool
		want Court
	}{
		{"9201", true, Court{"9201", "Tribunal des activités économiques de Nanterre", KindTribunalDesActivitesEconomiques, "Nanterre"}},
		{"0101", true, Court{"0101", "Tribunal de commerce de Bourg-en-Bresse", KindTribunalDeCommerce, "Bourg-en-Bresse"}},
		{" 5910 ", true, Court{"5910", "Tribunal de commerce de Lille Métropole", KindTribunalDeCommerce, "Tourcoing"}},
		{"9711", true, Court{"9711", "Tribunal de commerce de Basse-Terre", KindTribunalMixteDeCommerce, "Basse-Terre"}},
		{"tj2A004", true, Court{"tj2a004", "Tribunal judiciaire d'Ajaccio", KindTribunalJudiciaire, "Ajaccio"}},
		{"TJ67482", true, Court{"tj67482", "Tribunal judiciaire de Strasbourg", KindTribunalJudiciaire, "Strasbourg"}},
		{"tj39198", true, Court{"tj39198", "Tribunal judiciaire de Dole (chambre détachée)", KindTribunalJudiciaire, "Dole"}},
		{"tj98818", false, Court{}}, // Pacific: local law, not loaded
		{"1234", false, Court{}},
		{"", false, Court{}},
	}
	for _, tt := range tests {
		got, ok := r.Court(tt.code)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Court(%q) = %+v, %v; want %+v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCourtsIn(t *testing.T) {
	r := NewRegistry(nil)
	tests := []struct {
		dept, kind string
		want       []string
	}{
		{"06", KindTribunalDeCommerce, []string{"0601", "0602", "0603", "0605"}},
		{"69", KindTribunalDesActivitesEconomiques, []string{"6901", "6903"}},
		{"69", KindTribunalDeCommerce, []string{"6901", "6903"}},
		{"67", KindChambreCommercialeTJ, []string{"tj67437", "tj67482"}},
		{"57", KindTribunalDeCommerce, nil},
		{"971", KindTribunalMixteDeCommerce, []string{"9711", "9712"}},
		{"971", KindTribunalDeCommerce, nil},
		{"33", KindTribunalJudiciaire, []string{"tj33063", "tj33243"}},
		{"1", KindTribunalJudiciaire, []string{"tj01053"}},
		{"2a", KindTribunalJudiciaire, []string{"tj2a004"}},
		{"39", KindTribunalJudiciaire, []string{"tj39198", "tj39300"}},
		{"68", "", []string{"tj68066", "tj68066", "tj68224", "tj68224"}}, // TJ and its chamber
		{"06", "bogus", nil},
		{"988", "", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range r.CourtsIn(tt.dept, tt.kind) {
			got = append(got, c.Code)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("CourtsIn(%q, %q) = %v, want %v", tt.dept, tt.kind, got, tt.want)
		}
	}
}

func TestCourtsInSortedByName(t *testing.T) {
	cs := NewRegistry(nil).CourtsIn("13", KindTribunalDeCommerce)
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	want := []string{
		"Tribunal de commerce d'Aix-en-Provence",
		"Tribunal de commerce de Salon-de-Provence",
		"Tribunal de commerce de Tarascon",
		"Tribunal des activités économiques de Marseille",
	}
	if !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
}

func TestCerfaFor(t *testing.T) {
	for kind, want := range map[string]string{
		KindTribunalDeCommerce: "12946*02", KindTribunalDesActivitesEconomiques: "12946*02",
		KindChambreCommercialeTJ: "12946*02", KindTribunalMixteDeCommerce: "12946*02",
		KindTribunalJudiciaire: "12948*06", "": "", "juge_des_contentieux": "",
	} {
		if got := CerfaFor(kind); got != want {
			t.Errorf("CerfaFor(%q) = %q, want %q", kind, got, want)
		}
	}
}

// TestEmbeddedData checks the facts of the shared README against the data,
// so that a data refresh that breaks them fails here.
func TestEmbeddedData(t *testing.T) {
	b, err := loadBase()
	if err != nil {
		t.Fatal(err)
	}
	var tae []string
	for code, c := range b.commercial {
		if c.tae {
			tae = append(tae, code)
		}
	}
	slices.Sort(tae)
	pilot := []string{"1303", "2202", "5402", "6901", "7202", "7501", "7606", "7803", "8401", "8701", "8901", "9201"}
	if !slices.Equal(tae, pilot) {
		t.Errorf("pilot courts %v, want %v", tae, pilot)
	}
	if n := len(b.commercial); n != 141 {
		t.Errorf("%d commercial courts with a greffe code, want 141", n)
	}
	if n := len(b.judicial); n != 170 {
		t.Errorf("%d TJs and chambres détachées, want 170", n)
	}
	parts := 0
	for tj, j := range b.judicial {
		ls := b.links[tj]
		for _, l := range ls {
			if !l.whole {
				parts++
			}
		}
		if len(ls) == 0 && !j.chambreCommerciale && tj != "tj97801" {
			t.Errorf("TJ %s has no commercial court", tj)
		}
		if j.chambreCommerciale != alsaceMoselle(j.dept) {
			t.Errorf("TJ %s: chambre_commerciale=%v in département %s", tj, j.chambreCommerciale, j.dept)
		}
	}
	if parts != 12 {
		t.Errorf("%d part links, want 12", parts)
	}
}

// Every court must be found from its own seat and name, or the indexes have
// a collision that would send a debtor nowhere.
func TestIndexesFindEveryCourt(t *testing.T) {
	b, _ := loadBase()
	for code, c := range b.commercial {
		for _, q := range []string{c.city, c.name, "RCS " + c.city, "R.C.S. " + c.city + " B 552 100 554"} {
			if got := b.rcsIndex[seatKey(q)]; got != code {
				t.Errorf("RCS lookup %q = %q, want %q", q, got, code)
			}
		}
	}
	for code, j := range b.judicial {
		for _, q := range []string{j.city, j.name, "TJ " + j.city, j.seatINSEE, j.code} {
			if got := b.resolveTJ(q); got != code {
				t.Errorf("resolveTJ(%q) = %q, want %q", q, got, code)
			}
		}
	}
}

func TestRCSLookup(t *testing.T) {
	b, _ := loadBase()
	tests := map[string]string{
		"RCS Nanterre":                            "9201",
		"RCS/RM Limoges":                          "8701",
		"RCS St-Étienne B 552 100 554":            "4202",
		"Greffe du tribunal de commerce du Havre": "7606",
		"RCS Le Havre":                            "7606",
		"RCS Vesoul-Gray":                         "7001",
		"RCS Lille":                               "5910",
		"RCS Cherbourg-en-Cotentin":               "5001",
		"RCS Evry":                                "7801",
		"RCS Évry-Courcouronnes":                  "7801",
		"RCS La Roche-sur-Yon":                    "8501",
		"rcs saint denis de la reunion":           "9741",
		"RCS Metz":                                "tj57463",
		"RCS Nanterre sous le numéro 123":         "9201",
		"RCS Atlantis":                            "",
		"RCS":                                     "",
	}
	for q, want := range tests {
		if got := b.rcsIndex[seatKey(q)]; got != want {
			t.Errorf("RCS lookup %q = %q, want %q", q, got, want)
		}
	}
}

func TestResolveTJLabels(t *testing.T) {
	b, _ := loadBase()
	tests := map[string]string{
		"tj69123":                     "tj69123",
		"TJ69123":                     "tj69123",
		"69123":                       "tj69123",
		"LYON":                        "tj69123",
		"Tribunal judiciaire de Lyon": "tj69123",
		"TRIBUNAL JUDICIAIRE DE CHALONS EN CHAMPAGNE": "tj51108",
		"Tribunal judiciaire des Sables-d'Olonne":     "tj85194",
		"TJ du Havre": "tj76351",
		"Saint-Denis": "tj97411",
		"Briey":       "tj54099",
		"tj99999":     "",
		"Nulle-Part":  "",
	}
	for q, want := range tests {
		if got := b.resolveTJ(q); got != want {
			t.Errorf("resolveTJ(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestNewRegistryTable(t *testing.T) {
	r := NewRegistry(map[string]string{"69266": "Lyon", "2a041": "Ajaccio", "bad": "Lyon", "33281": " ", "38421": "Nulle-Part"})
	if len(r.table) != 3 {
		t.Errorf("table %v, want 3 entries (invalid code and blank label dropped)", r.table)
	}
	if r.table["69266"] != "tj69123" || r.table["2A041"] != "tj2a004" || r.table["38421"] != "" {
		t.Errorf("table %v", r.table)
	}
	if NewRegistry(nil).table != nil {
		t.Error("nil table must stay nil: Decide then reports that the ministry list is not loaded")
	}
}

package tribunal

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

// tableRegistry loads testdata/competence.csv, a small fictitious extract in
// the ministry's layout (its N° columns are invented).
func tableRegistry(t *testing.T) *Registry {
	t.Helper()
	f, err := os.Open("testdata/competence.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, err := ParseCompetenceCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return NewRegistry(table)
}

type want struct {
	kind, code, name, cerfa string
	choice                  bool
	candidates              []string // codes, any order
	reason                  []string // substrings of Reason
}

func TestDecide(t *testing.T) {
	plain := NewRegistry(nil)
	withTable := tableRegistry(t)
	d2026 := civil.MustParse("2026-11-23")
	nanterre := Debtor{Kind: DebtorTrader, LegalForm: "SAS", PostalCode: "92000", InseeCode: "92050", City: "Nanterre", RCSCity: "RCS Nanterre"}

	tests := []struct {
		name string
		reg  *Registry
		d    Debtor
		on   civil.Date
		want want
	}{
		{"SAS Nanterre during the TAE pilot", plain, nanterre, d2026, want{
			kind: KindTribunalDesActivitesEconomiques, code: "9201", name: "Tribunal des activités économiques de Nanterre",
			cerfa: "12946*02", reason: []string{"1406", "réputée non écrite", "RCS Nanterre", "2023-1059"}}},
		{"SAS Nanterre after the pilot", plain, nanterre, civil.MustParse("2029-03-01"), want{
			kind: KindTribunalDeCommerce, code: "9201", name: "Tribunal de commerce de Nanterre",
			cerfa: "12946*02", reason: []string{"ne couvre pas"}}},
		{"pilot: day before it starts", plain, nanterre, civil.MustParse("2024-12-31"), want{
			kind: KindTribunalDeCommerce, code: "9201", name: "Tribunal de commerce de Nanterre", cerfa: "12946*02"}},
		{"pilot: first day", plain, nanterre, civil.MustParse("2025-01-01"), want{
			kind: KindTribunalDesActivitesEconomiques, code: "9201", name: "Tribunal des activités économiques de Nanterre", cerfa: "12946*02"}},
		{"pilot: last day", plain, nanterre, civil.MustParse("2028-12-31"), want{
			kind: KindTribunalDesActivitesEconomiques, code: "9201", name: "Tribunal des activités économiques de Nanterre", cerfa: "12946*02"}},
		{"pilot: Le Havre after it, name keeps its article", plain,
			Debtor{Kind: DebtorTrader, InseeCode: "76351", PostalCode: "76600"}, civil.MustParse("2029-01-01"), want{
				kind: KindTribunalDeCommerce, code: "7606", name: "Tribunal de commerce du Havre", cerfa: "12946*02"}},
		{"SARL Strasbourg: chambre commerciale", plain,
			Debtor{Kind: DebtorTrader, LegalForm: "SARL", PostalCode: "67000", InseeCode: "67482", City: "Strasbourg"}, d2026, want{
				kind: KindChambreCommercialeTJ, code: "tj67482", name: "Chambre commerciale du tribunal judiciaire de Strasbourg",
				cerfa: "12946*02", reason: []string{"Alsace-Moselle", "L. 731-1"}}},
		{"Alsace: RCS Strasbourg for a company in a non-seat commune", plain,
			Debtor{Kind: DebtorTrader, PostalCode: "67400", InseeCode: "67218", RCSCity: "RCS Strasbourg"}, d2026, want{
				kind: KindChambreCommercialeTJ, code: "tj67482", name: "Chambre commerciale du tribunal judiciaire de Strasbourg", cerfa: "12946*02"}},
		{"Moselle seat Metz", plain, Debtor{Kind: DebtorTrader, InseeCode: "57463"}, d2026, want{
			kind: KindChambreCommercialeTJ, code: "tj57463", name: "Chambre commerciale du tribunal judiciaire de Metz", cerfa: "12946*02"}},
		{"Moselle via the ministry table", withTable, Debtor{Kind: DebtorTrader, InseeCode: "57227", City: "Forbach"}, d2026, want{
			kind: KindChambreCommercialeTJ, code: "tj57631", name: "Chambre commerciale du tribunal judiciaire de Sarreguemines", cerfa: "12946*02"}},
		{"Haut-Rhin, commune unknown: the two chambers", plain, Debtor{Kind: DebtorTrader, PostalCode: "68000"}, d2026, want{
			choice: true, cerfa: "12946*02", candidates: []string{"tj68066", "tj68224"}, reason: []string{"chambre commerciale"}}},
		{"consumer in Lyon 3e arrondissement", plain,
			Debtor{Kind: DebtorConsumer, PostalCode: "69003", InseeCode: "69383", City: "Lyon"}, d2026, want{
				kind: KindTribunalJudiciaire, code: "tj69123", name: "Tribunal judiciaire de Lyon", cerfa: "12948*06",
				reason: []string{"1406", "16040*01", "Lyon, code INSEE 69383"}}},
		{"consumer in Paris 15e arrondissement", plain, Debtor{Kind: DebtorConsumer, PostalCode: "75015", InseeCode: "75115"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj75056", name: "Tribunal judiciaire de Paris", cerfa: "12948*06"}},
		{"consumer in Marseille 8e arrondissement", plain, Debtor{Kind: DebtorConsumer, PostalCode: "13008", InseeCode: "13208"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj13055", name: "Tribunal judiciaire de Marseille", cerfa: "12948*06"}},
		{"trader in a Lyon arrondissement without RCS", plain, Debtor{Kind: DebtorTrader, InseeCode: "69387"}, d2026, want{
			kind: KindTribunalDesActivitesEconomiques, code: "6901", name: "Tribunal des activités économiques de Lyon", cerfa: "12946*02"}},
		{"artisan in Limoges, RCS/RM Limoges", plain,
			Debtor{Kind: DebtorTrader, PostalCode: "87000", InseeCode: "87085", City: "Limoges", RCSCity: "RCS/RM Limoges"}, d2026, want{
				kind: KindTribunalDesActivitesEconomiques, code: "8701", name: "Tribunal des activités économiques de Limoges", cerfa: "12946*02"}},
		{"association in Bordeaux", plain,
			Debtor{Kind: DebtorCivil, LegalForm: "Association", PostalCode: "33000", InseeCode: "33063", City: "Bordeaux"}, d2026, want{
				kind: KindTribunalJudiciaire, code: "tj33063", name: "Tribunal judiciaire de Bordeaux", cerfa: "12948*06",
				reason: []string{"n'est pas commerçant", "L. 211-3"}}},
		{"civil SCI stays civil", plain, Debtor{Kind: DebtorCivil, LegalForm: "SCI", InseeCode: "33063"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj33063", name: "Tribunal judiciaire de Bordeaux", cerfa: "12948*06"}},
		{"S.A.R.L. filed as civil goes to the commercial court", plain,
			Debtor{Kind: DebtorCivil, LegalForm: "S.A.R.L.", InseeCode: "33063"}, d2026, want{
				kind: KindTribunalDeCommerce, code: "3302", name: "Tribunal de commerce de Bordeaux", cerfa: "12946*02",
				reason: []string{"L. 210-1", "quelle que soit la catégorie"}}},
		{"commune unknown: candidates of the département", plain,
			Debtor{Kind: DebtorTrader, PostalCode: "06110", City: "Le Cannet"}, d2026, want{
				choice: true, cerfa: "12946*02", candidates: []string{"0601", "0602", "0603", "0605"},
				reason: []string{"n'est pas renseigné", "département 06"}}},
		{"consumer in a non-seat commune, no ministry table", plain,
			Debtor{Kind: DebtorConsumer, PostalCode: "69100", InseeCode: "69266", City: "Villeurbanne"}, d2026, want{
				choice: true, cerfa: "12948*06", candidates: []string{"tj69123", "tj69264"},
				reason: []string{"n'est pas le siège", "n'est pas chargée"}}},
		{"same consumer with the ministry table", withTable,
			Debtor{Kind: DebtorConsumer, PostalCode: "69100", InseeCode: "69266", City: "Villeurbanne"}, d2026, want{
				kind: KindTribunalJudiciaire, code: "tj69123", name: "Tribunal judiciaire de Lyon", cerfa: "12948*06",
				reason: []string{"ministère de la Justice"}}},
		{"trader in the Grasse area (TJ split between TCs)", withTable,
			Debtor{Kind: DebtorTrader, PostalCode: "06220", InseeCode: "06155", City: "Vallauris"}, d2026, want{
				choice: true, cerfa: "12946*02", candidates: []string{"0601", "0602", "0603"},
				reason: []string{"partagé", "tribunal judiciaire de Grasse"}}},
		{"trader in the Évreux area (TJ split between TCs)", withTable,
			Debtor{Kind: DebtorTrader, InseeCode: "27681", City: "Vernon"}, d2026, want{
				choice: true, cerfa: "12946*02", candidates: []string{"2701", "2702"}}},
		{"trader in the Grasse area without the table", plain,
			Debtor{Kind: DebtorTrader, PostalCode: "06220", InseeCode: "06155", City: "Vallauris"}, d2026, want{
				choice: true, cerfa: "12946*02", candidates: []string{"0601", "0602", "0603", "0605"}}},
		{"trader in a TC seat inside a split TJ area", plain, Debtor{Kind: DebtorTrader, InseeCode: "06029", City: "Cannes"}, d2026, want{
			kind: KindTribunalDeCommerce, code: "0602", name: "Tribunal de commerce de Cannes", cerfa: "12946*02"}},
		{"trader via table and whole TJ ressort", withTable, Debtor{Kind: DebtorTrader, InseeCode: "33281", City: "Mérignac"}, d2026, want{
			kind: KindTribunalDeCommerce, code: "3302", name: "Tribunal de commerce de Bordeaux", cerfa: "12946*02",
			reason: []string{"annexe 7-1", "ministère de la Justice"}}},
		{"trader via table into a pilot court", withTable, Debtor{Kind: DebtorTrader, InseeCode: "69266"}, d2026, want{
			kind: KindTribunalDesActivitesEconomiques, code: "6901", name: "Tribunal des activités économiques de Lyon", cerfa: "12946*02"}},
		{"trader via table given as TJ code", withTable, Debtor{Kind: DebtorTrader, InseeCode: "92002"}, civil.MustParse("2030-01-01"), want{
			kind: KindTribunalDeCommerce, code: "9201", name: "Tribunal de commerce de Nanterre", cerfa: "12946*02"}},
		{"DOM trader: tribunal mixte de commerce", plain, Debtor{Kind: DebtorTrader, InseeCode: "97209", PostalCode: "97200"}, d2026, want{
			kind: KindTribunalMixteDeCommerce, code: "9721", name: "Tribunal de commerce de Fort-de-France", cerfa: "12946*02",
			reason: []string{"L. 732-1"}}},
		{"DOM trader via table", withTable, Debtor{Kind: DebtorTrader, InseeCode: "97213"}, d2026, want{
			kind: KindTribunalMixteDeCommerce, code: "9721", name: "Tribunal de commerce de Fort-de-France", cerfa: "12946*02"}},
		{"DOM trader, commune unknown", plain, Debtor{Kind: DebtorTrader, PostalCode: "97232"}, d2026, want{
			choice: true, cerfa: "12946*02", candidates: []string{"9721"}}},
		{"DOM consumer", plain, Debtor{Kind: DebtorConsumer, InseeCode: "97209"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj97209", name: "Tribunal judiciaire de Fort-de-France", cerfa: "12948*06"}},
		{"chambre détachée: trader goes to the parent's TC", plain, Debtor{Kind: DebtorTrader, InseeCode: "39198"}, d2026, want{
			kind: KindTribunalDeCommerce, code: "3902", name: "Tribunal de commerce de Lons-le-Saunier", cerfa: "12946*02"}},
		{"chambre détachée: consumer", plain, Debtor{Kind: DebtorConsumer, InseeCode: "39198"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj39198", name: "Tribunal judiciaire de Dole (chambre détachée)", cerfa: "12948*06"}},
		{"Saint-Martin trader: no commercial court in the data", plain, Debtor{Kind: DebtorTrader, InseeCode: "97801"}, d2026, want{
			choice: true, cerfa: "12946*02", candidates: []string{}, reason: []string{"Aucun tribunal de commerce"}}},
		{"RCS with abbreviation and SIREN", plain,
			Debtor{Kind: DebtorTrader, InseeCode: "42218", RCSCity: "RCS St-Étienne B 552 100 554"}, d2026, want{
				kind: KindTribunalDeCommerce, code: "4202", name: "Tribunal de commerce de Saint-Etienne", cerfa: "12946*02"}},
		{"RCS wins over the address", plain,
			Debtor{Kind: DebtorTrader, InseeCode: "33063", RCSCity: "R.C.S. Lille"}, d2026, want{
				kind: KindTribunalDeCommerce, code: "5910", name: "Tribunal de commerce de Lille Métropole", cerfa: "12946*02"}},
		{"unknown RCS falls back on the commune", plain,
			Debtor{Kind: DebtorTrader, InseeCode: "33063", RCSCity: "RCS Atlantis"}, d2026, want{
				kind: KindTribunalDeCommerce, code: "3302", name: "Tribunal de commerce de Bordeaux", cerfa: "12946*02",
				reason: []string{"« RCS Atlantis »", "aucun greffe"}}},
		{"consumer without INSEE, city is a seat", plain, Debtor{Kind: DebtorConsumer, PostalCode: "69003", City: "Lyon 3e"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj69123", name: "Tribunal judiciaire de Lyon", cerfa: "12948*06"}},
		{"invalid INSEE code", plain, Debtor{Kind: DebtorConsumer, PostalCode: "33000", InseeCode: "ABCDE"}, d2026, want{
			choice: true, cerfa: "12948*06", candidates: []string{"tj33063", "tj33243"}, reason: []string{"« ABCDE »"}}},
		{"no place at all", plain, Debtor{Kind: DebtorConsumer}, d2026, want{
			choice: true, cerfa: "12948*06", candidates: []string{}, reason: []string{"code postal", "manuellement"}}},
		{"table names an unknown TJ", withTable, Debtor{Kind: DebtorConsumer, InseeCode: "38421"}, d2026, want{
			choice: true, cerfa: "12948*06", candidates: []string{"tj38053", "tj38185", "tj38544"}, reason: []string{"Nulle-Part"}}},
		{"commune missing from the table", withTable, Debtor{Kind: DebtorConsumer, InseeCode: "33318"}, d2026, want{
			choice: true, cerfa: "12948*06", candidates: []string{"tj33063", "tj33243"}, reason: []string{"ne figure pas"}}},
		{"Corsica via table", withTable, Debtor{Kind: DebtorConsumer, InseeCode: "2a041"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj2a004", name: "Tribunal judiciaire d'Ajaccio", cerfa: "12948*06"}},
		{"Corsica by postal code only", plain, Debtor{Kind: DebtorConsumer, PostalCode: "20169"}, d2026, want{
			choice: true, cerfa: "12948*06", candidates: []string{"tj2a004"}}},
		{"Nouvelle-Calédonie: out of scope", plain, Debtor{Kind: DebtorConsumer, InseeCode: "98818", PostalCode: "98800"}, d2026, want{
			choice: true, candidates: []string{}, reason: []string{"Nouvelle-Calédonie"}}},
		{"unknown debtor kind", plain, Debtor{Kind: "company", InseeCode: "33063"}, d2026, want{
			choice: true, candidates: []string{"3302", "3303", "tj33063", "tj33243"}, reason: []string{"« company »"}}},
		{"kind is case-insensitive", plain, Debtor{Kind: "Consumer", InseeCode: "33063"}, d2026, want{
			kind: KindTribunalJudiciaire, code: "tj33063", name: "Tribunal judiciaire de Bordeaux", cerfa: "12948*06"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.reg.Decide(tt.d, tt.on)
			if got.NeedsChoice != tt.want.choice {
				t.Fatalf("NeedsChoice = %v, want %v (reason: %s)", got.NeedsChoice, tt.want.choice, got.Reason)
			}
			if got.Kind != tt.want.kind || got.Code != tt.want.code || got.Name != tt.want.name || got.Cerfa != tt.want.cerfa {
				t.Errorf("got %q %q %q %q, want %q %q %q %q", got.Kind, got.Code, got.Name, got.Cerfa,
					tt.want.kind, tt.want.code, tt.want.name, tt.want.cerfa)
			}
			if tt.want.candidates != nil {
				var codes []string
				for _, c := range got.Candidates {
					codes = append(codes, c.Code)
				}
				slices.Sort(codes)
				wantCodes := slices.Sorted(slices.Values(tt.want.candidates))
				if !slices.Equal(codes, wantCodes) {
					t.Errorf("candidates %v, want %v", codes, wantCodes)
				}
			}
			for _, s := range tt.want.reason {
				if !strings.Contains(got.Reason, s) {
					t.Errorf("reason lacks %q: %s", s, got.Reason)
				}
			}
			checkInvariants(t, got)
		})
	}
}

// checkInvariants holds for every decision, whatever the input.
func checkInvariants(t *testing.T, d Decision) {
	t.Helper()
	if d.Reason == "" {
		t.Error("empty reason")
	}
	if d.NeedsChoice {
		if d.Kind != "" || d.Code != "" || d.Name != "" {
			t.Errorf("a choice must not name a court: %+v", d)
		}
		if d.Candidates == nil {
			t.Error("Candidates is nil, want an empty list for JSON")
		}
		return
	}
	if d.Code == "" || d.Name == "" || d.Cerfa != CerfaFor(d.Kind) || len(d.Candidates) != 0 {
		t.Errorf("incomplete decision: %+v", d)
	}
	if !strings.Contains(d.Reason, "1406") || !strings.Contains(d.Reason, d.Name) {
		t.Errorf("reason must cite art. 1406 and name the court: %s", d.Reason)
	}
}

func TestDecideCandidatesNamedOnTheDate(t *testing.T) {
	r := NewRegistry(nil)
	d := Debtor{Kind: DebtorTrader, PostalCode: "69400"} // Rhône, commune unknown
	for _, tt := range []struct {
		on   string
		name string
		kind string
	}{
		{"2026-11-23", "Tribunal des activités économiques de Lyon", KindTribunalDesActivitesEconomiques},
		{"2031-06-01", "Tribunal de commerce de Lyon", KindTribunalDeCommerce},
	} {
		got := r.Decide(d, civil.MustParse(tt.on))
		i := slices.IndexFunc(got.Candidates, func(c Court) bool { return c.Code == "6901" })
		if i < 0 || got.Candidates[i].Name != tt.name || got.Candidates[i].Kind != tt.kind {
			t.Errorf("%s: candidates %+v, want 6901 named %q", tt.on, got.Candidates, tt.name)
		}
	}
}

func TestDecisionJSON(t *testing.T) {
	got := NewRegistry(nil).Decide(Debtor{Kind: DebtorTrader, PostalCode: "06110"}, civil.MustParse("2026-11-23"))
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "code", "name", "cerfa", "reason", "needs_choice", "candidates"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	c := m["candidates"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "name", "kind", "city"} {
		if _, ok := c[k]; !ok {
			t.Errorf("candidate JSON lacks %q: %v", k, c)
		}
	}
}

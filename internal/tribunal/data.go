package tribunal

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// The court lists ship inside the binary: they change a few times a decade and
// a missing file at run time must never leave a creditor without a court.
//
//go:embed data/*.csv
var dataFS embed.FS

// commercialCourt is one row of tribunaux-de-commerce.csv.
type commercialCourt struct {
	code      string // greffe code, e.g. "9201"
	name      string // Judilibre label (TAE label for the pilot courts)
	city      string
	dept      string
	seatINSEE string
	tae       bool // one of the 12 courts of the 2025–2028 pilot
	mixte     bool // tribunal mixte de commerce (DOM)
}

// judicialCourt is one row of tribunaux-judiciaires.csv.
type judicialCourt struct {
	code               string // "tj" + INSEE of the seat, lower-case 2a/2b
	name               string
	city               string
	dept               string
	seatINSEE          string
	chambreDetachee    bool
	chambreCommerciale bool // Alsace-Moselle: hears commercial matters
}

// tcLink is one row of tj-tc.csv with a greffe code.
type tcLink struct {
	greffe string
	whole  bool
}

// pacificDepartement reports whether dept is a collectivity where local
// procedural law applies (Saint-Pierre-et-Miquelon, Wallis-et-Futuna,
// Polynésie française, Nouvelle-Calédonie…): art. 1406 CPC does not decide there.
func pacificDepartement(dept string) bool {
	return dept == "975" || strings.HasPrefix(dept, "98")
}

// readTable reads an embedded CSV and returns its rows as maps keyed by header.
func readTable(name string, want []string) ([]map[string]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		index[strings.TrimSpace(h)] = i
	}
	for _, w := range want {
		if _, ok := index[w]; !ok {
			return nil, fmt.Errorf("%s: column %q missing from header", name, w)
		}
	}
	var rows []map[string]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := make(map[string]string, len(want))
		for _, w := range want {
			row[w] = strings.TrimSpace(rec[index[w]])
		}
		rows = append(rows, row)
	}
}

// loadCommercial reads the commercial courts that have a greffe code; the two
// Pacific tribunaux mixtes have none and apply local law, so they are left out.
func loadCommercial() ([]commercialCourt, error) {
	rows, err := readTable("tribunaux-de-commerce.csv",
		[]string{"greffe_code", "name", "city", "departement", "seat_insee", "tae", "kind"})
	if err != nil {
		return nil, err
	}
	var out []commercialCourt
	for i, r := range rows {
		if r["greffe_code"] == "" || pacificDepartement(r["departement"]) {
			continue
		}
		c := commercialCourt{
			code: r["greffe_code"], name: r["name"], city: r["city"],
			dept: strings.ToUpper(r["departement"]), seatINSEE: strings.ToUpper(r["seat_insee"]),
			tae: r["tae"] == "1", mixte: r["kind"] == "tribunal_mixte_de_commerce",
		}
		switch r["kind"] {
		case "tc", "tae", "tribunal_mixte_de_commerce":
		default:
			return nil, fmt.Errorf("tribunaux-de-commerce.csv line %d: unknown kind %q", i+2, r["kind"])
		}
		if c.tae && r["kind"] != "tae" {
			return nil, fmt.Errorf("tribunaux-de-commerce.csv line %d: tae=1 but kind %q", i+2, r["kind"])
		}
		out = append(out, c)
	}
	return out, nil
}

// loadJudicial reads the tribunaux judiciaires and chambres détachées, leaving
// out the Pacific courts of first instance (local procedural law).
func loadJudicial() ([]judicialCourt, error) {
	rows, err := readTable("tribunaux-judiciaires.csv",
		[]string{"code", "name", "city", "departement", "seat_insee", "kind", "chambre_commerciale"})
	if err != nil {
		return nil, err
	}
	var out []judicialCourt
	for i, r := range rows {
		if pacificDepartement(r["departement"]) {
			continue
		}
		if r["kind"] != "tj" && r["kind"] != "chambre_detachee" {
			return nil, fmt.Errorf("tribunaux-judiciaires.csv line %d: unknown kind %q", i+2, r["kind"])
		}
		out = append(out, judicialCourt{
			code: strings.ToLower(r["code"]), name: r["name"], city: r["city"],
			dept: strings.ToUpper(r["departement"]), seatINSEE: strings.ToUpper(r["seat_insee"]),
			chambreDetachee:    r["kind"] == "chambre_detachee",
			chambreCommerciale: r["chambre_commerciale"] == "1",
		})
	}
	return out, nil
}

// loadLinks reads tj-tc.csv into TJ code → commercial courts. Rows without a
// greffe code (Alsace-Moselle chambres, Pacific, Saint-Martin) are skipped:
// the chambre commerciale is found from the TJ itself.
func loadLinks() (map[string][]tcLink, error) {
	rows, err := readTable("tj-tc.csv", []string{"tj_code", "tc_greffe_code", "coverage"})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]tcLink)
	for i, r := range rows {
		if r["tc_greffe_code"] == "" {
			continue
		}
		if r["coverage"] != "whole" && r["coverage"] != "part" {
			return nil, fmt.Errorf("tj-tc.csv line %d: coverage %q is neither whole nor part", i+2, r["coverage"])
		}
		tj := strings.ToLower(r["tj_code"])
		out[tj] = append(out[tj], tcLink{greffe: r["tc_greffe_code"], whole: r["coverage"] == "whole"})
	}
	return out, nil
}

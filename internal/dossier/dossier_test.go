package dossier

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/claim"
	"github.com/recouvra/recouvra/internal/letters"
	"github.com/recouvra/recouvra/internal/money"
)

var spaces = regexp.MustCompile(`[ \x{00a0}\x{202f}]+`)

func norm(s string) string { return spaces.ReplaceAllString(s, " ") }

// pdfText reads a PDF back as a reader would, with poppler's pdftotext.
// mode is "-layout" (the page as laid out) or "-raw" (content order, which
// keeps a table cell wrapped over several lines together).
func pdfText(t *testing.T, pdf []byte, mode string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdftotext is required in CI: %v", err)
		}
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, mode, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	// Joining lines lets a phrase wrapped by the layout still be found.
	return norm(strings.Join(strings.Fields(string(out)), " "))
}

func samplePiece(t *testing.T, text string) []byte {
	t.Helper()
	pdf, err := letters.Compose(text, "Test", nil, func(d *letters.Document) {
		d.Paragraph(text, letters.Style{Size: 12}, 0)
	})
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

var creditor = Party{LegalForm: "SAS", Name: "Fournitures Industrielles du Val de Seine", Line1: "12 rue des Trois Fontanot",
	PostalCode: "92000", City: "Nanterre", SIREN: "412345674", RCSCity: "Nanterre", Representative: "Claire Dubois",
	RepresentativeTitle: "Présidente", Email: "recouvrement@fivs.example", Mobile: "06 12 34 56 78"}

func computeClaim(t *testing.T, c claim.Case, at civil.Date) claim.Claim {
	t.Helper()
	cl, err := claim.Compute(c, at, claim.DefaultRates())
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func TestBuildPrintsEveryMention(t *testing.T) {
	at := civil.MustParse("2026-03-10")
	rate := claim.Rate(1250)
	business := computeClaim(t, claim.Case{Debtor: claim.Business, Currency: "EUR", Invoices: []claim.Invoice{{
		Number: "FA-2025-0042", DueDate: civil.MustParse("2025-05-15"), OutstandingCents: 1_234_567,
		Payments: []claim.Payment{{Date: civil.MustParse("2025-09-01"), Cents: 200_000}}}},
		Costs: []claim.Cost{{Label: "Frais de signification", Basis: "Article 695 du code de procédure civile", Cents: 8_912, Date: at}}}, at)
	consumer := computeClaim(t, claim.Case{Debtor: claim.Consumer, Currency: "EUR", FormalDemandDate: civil.MustParse("2025-11-03"),
		Invoices: []claim.Invoice{{Number: "FA-2025-0099", DueDate: civil.MustParse("2025-10-01"), OutstandingCents: 48_000, ContractualRate: &rate}}}, at)

	tests := []struct {
		name        string
		req         Request
		want        []string
		lacks       []string
		fee         int64
		warnings    int
		wantWarning string
	}{
		{
			name: "trader before the tribunal des activités économiques, filed online",
			req: Request{
				Court:    Court{Kind: "tribunal_des_activites_economiques", Code: "9201", Name: "Tribunal des activités économiques de Nanterre", Cerfa: "12946*02"},
				Creditor: creditor,
				Debtors: []Party{{LegalForm: "SARL", Name: "Boulangerie Éclair", Line1: "5 place du Marché", PostalCode: "92000",
					City: "Nanterre", SIREN: "552100554", RCSCity: "Nanterre", Representative: "Léa Martin", RepresentativeTitle: "Gérante"}},
				Claim: business, Place: "Nanterre", Date: at, Electronic: true, Reference: "Dossier 42",
				Pieces: []Piece{
					{Kind: PieceFormalDemand, Title: "Mise en demeure du 3 novembre 2025", Date: civil.MustParse("2025-11-03"), Content: samplePiece(t, "MISE EN DEMEURE PIECE")},
					{Kind: PieceInvoice, Title: "Facture FA-2025-0042", Invoice: "FA-2025-0042", Date: civil.MustParse("2025-04-15"), Content: samplePiece(t, "FACTURE PIECE")},
					{Kind: PieceTerms, Title: "Conditions générales de vente", Content: []byte("not a pdf"), FileName: "cgv.txt"},
				},
			},
			want: []string{
				"REQUÊTE EN INJONCTION DE PAYER", "Cerfa n° 12946*02", "article 1407 du code de procédure civile",
				"Président du tribunal des activités économiques de Nanterre",
				"SAS Fournitures Industrielles du Val de Seine", "Siège social : 12 rue des Trois Fontanot, 92000 Nanterre",
				"RCS de Nanterre sous le n° 412 345 674", "Représentée par Claire Dubois, Présidente, son représentant légal",
				"courriel : recouvrement@fivs.example", "téléphone portable : 06 12 34 56 78",
				"Néant", "SARL Boulangerie Éclair", "5 place du Marché, 92000 Nanterre",
				"SOMMES DEMANDÉES", "Principal restant dû", "Pénalités de retard", "Indemnité forfaitaire",
				"Frais de signification", "Article L441-10 du Code de commerce", "Article 695 du code de procédure civile",
				"13,15 % l'an du 16/05/2025 au 30/06/2025 (46 jours)", "12,15 % l'an",
				"article 1408 du code de procédure civile", "renvoyée devant la juridiction compétente : Tribunal des activités économiques de Nanterre",
				"Fait à Nanterre, le 10 mars 2026", "Claire Dubois",
				"BORDEREAU DE PIÈCES", "Pièce 01 Facture FA-2025-0042", "Pièce 02 Conditions générales de vente", "Pièce 03 Mise en demeure du 3 novembre 2025",
				"FACTURE PIECE", "MISE EN DEMEURE PIECE",
			},
			fee: 3500, warnings: 1, // the text piece is not appended
		},
		{
			name: "consumer before the tribunal judiciaire, on paper",
			req: Request{
				Court:    Court{Kind: "tribunal_judiciaire", Code: "tj69123", Name: "Tribunal judiciaire de Lyon", Cerfa: "12948*06"},
				Creditor: creditor,
				Mandataire: &Party{Role: "Avocat", NaturalPerson: true, Name: "Maître Hélène Rivière", Line1: "3 quai Saint-Antoine",
					PostalCode: "69002", City: "Lyon"},
				Debtors: []Party{{NaturalPerson: true, Name: "Jean Dupont", Line1: "8 rue de la République", PostalCode: "69003", City: "Lyon"}},
				Claim:   consumer, Place: "Nanterre", Date: at,
				Pieces: []Piece{{Kind: PieceInvoice, Title: "Facture FA-2025-0099", Invoice: "FA-2025-0099", Content: samplePiece(t, "FACTURE CONSO")}},
			},
			wantWarning: "joindre la mise en demeure",
			want: []string{"Cerfa n° 12948*06", "Président du tribunal judiciaire de Lyon", "Avocat : Maître Hélène Rivière",
				"Jean Dupont", "Domicile : 8 rue de la République, 69003 Lyon", "Intérêts au taux légal",
				"Articles 1231-6 et 1344-1 du Code civil", "2,76 % l'an du 04/11/2025 au 31/12/2025",
				"Signature du demandeur ou de son mandataire : Maître Hélène Rivière"},
			lacks: []string{"Indemnité forfaitaire", "Pénalités de retard", "téléphone portable"},
			fee:   0, warnings: 2, // the contractual rate is not applied to a consumer; no formal demand joined
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Build(tt.req, Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, d.PDF, "-layout") + " | " + pdfText(t, d.PDF, "-raw")
			if os.Getenv("DUMP") != "" {
				os.WriteFile("/tmp/dossier-"+tt.req.Court.Code+".pdf", d.PDF, 0o644)
			}
			want := tt.want
			for _, l := range tt.req.Claim.Lines {
				want = append(want, money.Format(l.AmountCents, "EUR"))
			}
			want = append(want, "Total de la créance "+money.Format(tt.req.Claim.TotalCents, "EUR"))
			for _, w := range want {
				if !strings.Contains(text, norm(w)) {
					t.Errorf("dossier PDF lacks %q", w)
				}
			}
			for _, u := range tt.lacks {
				if strings.Contains(text, norm(u)) {
					t.Errorf("dossier PDF has %q", u)
				}
			}
			if d.Fees.GreffeFeeCents != tt.fee {
				t.Errorf("greffe fee %d, want %d", d.Fees.GreffeFeeCents, tt.fee)
			}
			if len(d.Warnings) != tt.warnings || !strings.Contains(strings.Join(d.Warnings, " "), tt.wantWarning) {
				t.Errorf("warnings %q, want %d with %q", d.Warnings, tt.warnings, tt.wantWarning)
			}
			zr, err := zip.NewReader(bytes.NewReader(d.ZIP), int64(len(d.ZIP)))
			if err != nil {
				t.Fatal(err)
			}
			if len(zr.File) != 2+len(tt.req.Pieces) {
				t.Errorf("ZIP has %d files, want %d", len(zr.File), 2+len(tt.req.Pieces))
			}
			for i, p := range d.Pieces {
				if p.Number != i+1 || !strings.HasPrefix(zr.File[2+i].Name, "piece-0") {
					t.Errorf("piece %d = %+v, ZIP name %s", i, p, zr.File[2+i].Name)
				}
			}
		})
	}
}

func TestBuildNamesMissingFields(t *testing.T) {
	at := civil.MustParse("2026-03-10")
	cl := claim.Claim{Currency: "EUR", Lines: []claim.Line{{Kind: "principal", AmountCents: 100}}, TotalCents: 100}
	ok := Request{Court: Court{Name: "Tribunal judiciaire de Lyon", Cerfa: "12948*06"}, Creditor: creditor,
		Debtors: []Party{{NaturalPerson: true, Name: "X", City: "Lyon"}}, Claim: cl, Place: "Lyon", Date: at}
	tests := []struct {
		field  string
		change func(r *Request)
	}{
		{"court.name", func(r *Request) { r.Court.Name = "" }},
		{"creditor.representative", func(r *Request) { r.Creditor.Representative = "" }},
		{"creditor.mobile", func(r *Request) { r.Electronic = true; r.Creditor.Mobile = "" }},
		{"debtors", func(r *Request) { r.Debtors = nil }},
		{"debtors[0].city", func(r *Request) { r.Debtors[0].City = "" }},
		{"claim.lines", func(r *Request) { r.Claim.Lines = nil }},
		{"date", func(r *Request) { r.Date = civil.Date{} }},
		{`kind "memo"`, func(r *Request) { r.Pieces = []Piece{{Kind: "memo", Title: "x"}} }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			r := ok
			r.Debtors = []Party{ok.Debtors[0]}
			tt.change(&r)
			_, err := Build(r, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.field) {
				t.Errorf("error %v, want one naming %s", err, tt.field)
			}
		})
	}
}

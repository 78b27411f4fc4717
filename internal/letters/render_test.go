package letters

import (
	"errors"
	"strings"
	"testing"
)

func render(t *testing.T, l Letter) []byte {
	t.Helper()
	pdf, err := Render(l)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return pdf
}

func TestRenderStatementLetter(t *testing.T) {
	l := statementLetter(3)
	l.Registered = true
	pdf := render(t, l)
	text := pdfText(t, pdf, 0, 0)

	assertContains(t, text,
		// accents in the body, the letterhead and the address
		"Délai de grâce", "date d’échéance", "congés de Pâques", "Forges de l’Écluse", "Menuiserie Bérénice",
		"À l’attention de M. Hervé Lefèvre, gérant", "3 avenue des Champs-Élysées", "75008 PARIS",
		// heading
		"Nanterre, le 23 novembre 2026", "Réf. : Compte client 411-0042, Dossier REC-2026-0042",
		"Lettre recommandée avec accusé de réception", "Objet : Relevé de compte — factures échues",
		// the table: headers, one full line, the total
		"N° facture", "Échéance", "Montant", "Payé", "Solde", "retard",
		"F-2026-0101", "01/08/2026", "01/09/2026", "1 234,56 €", "0,00 €", "83",
		"F-2026-0102", "200,00 €", "1 134,56 €", "F-2026-0103",
		"Total restant dû", "3 803,68 €",
		// footer and signature
		"Forges de l’Écluse, SAS au capital de 150 000,00 € — RCS Nanterre 552 100 554 — siège : 12 rue de l’Église, 92000 Nanterre",
		"Page 1/1", "Claire Néel", "Responsable du recouvrement",
	)
	assertLacks(t, text, "MISE EN DEMEURE", "mise en demeure", "injonction", "?")
	if got := pdfPages(t, pdf); got != 1 {
		t.Errorf("pages = %d, want 1", got)
	}
	if fonts := strings.ToLower(pdfFonts(t, pdf)); !strings.Contains(fonts, "helvetica") || strings.Contains(fonts, "dejavu") {
		t.Errorf("a letter within code page 1252 must use the core font only:\n%s", fonts)
	}
}

func TestRenderTwoPageStatementNumbersEveryPage(t *testing.T) {
	pdf := render(t, statementLetter(30))
	if got := pdfPages(t, pdf); got != 2 {
		t.Fatalf("pages = %d, want 2", got)
	}
	mentions := "SAS au capital de 150 000,00 € — RCS Nanterre 552 100 554"
	page1, page2 := pdfText(t, pdf, 1, 1), pdfText(t, pdf, 2, 2)
	assertContains(t, page1, "Page 1/2", mentions, "F-2026-0101")
	assertContains(t, page2, "Page 2/2", mentions, "F-2026-0130", "Total restant dû", "78 536,80 €")
}

func TestRenderFormalDemandToBusiness(t *testing.T) {
	text := pdfText(t, render(t, demandLetter(true)), 0, 0)
	assertContains(t, text,
		"MISE EN DEMEURE", "vaut mise en demeure",
		"Lettre recommandée avec accusé de réception n° 1A 234 567 8901 2",
		"F-2026-0101", "01/09/2026", "1 234,56 €", "12,15 %", "34,61 €", "1 309,17 €",
		"F-2026-0117", "30/09/2026", "980,00 €", "17,89 €", "1 037,89 €",
		"Pénalités de", "Indemnité", "40,00 €", "article D. 441-5", "article L. 441-10",
		"Total dû", "2 347,06 €",
		"la somme de 2 347,06 € au plus tard le 7 décembre 2026",
		"IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPPXXX",
		"Référence à indiquer sur le virement : MED-2026-0042",
		"injonction de payer", "juridiction compétente",
	)
}

func TestRenderFormalDemandToConsumerHasNoIndemnity(t *testing.T) {
	text := pdfText(t, render(t, demandLetter(false)), 0, 0)
	assertContains(t, text,
		"MISE EN DEMEURE", "Mme Agnès Dupré", "69003 LYON", "F-2026-0101", "F-2026-0117",
		"Intérêts de", "34,61 €", "17,89 €", "Total dû", "2 267,06 €", "7 décembre 2026",
		"injonction de payer", "FR76 3000 6000 0112 3456 7890 189",
	)
	assertLacks(t, text, "40,00 €", "Indemnité", "indemnité", "D. 441-5", "L. 441-10", "Pénalités")
}

func TestRenderRefusesIndemnityFromConsumer(t *testing.T) {
	l := demandLetter(false)
	l.Demand.Invoices[1].IndemnityCents = FixedIndemnityCents
	l.Demand.TotalCents += FixedIndemnityCents
	pdf, err := Render(l)
	if !errors.Is(err, ErrConsumerIndemnity) {
		t.Fatalf("Render error = %v, want ErrConsumerIndemnity", err)
	}
	if pdf != nil {
		t.Error("Render returned a PDF with its error")
	}
	if !strings.Contains(err.Error(), "F-2026-0117") {
		t.Errorf("error %q does not name the invoice", err)
	}
}

func TestRenderOutsideCodePage1252EmbedsUnicodeFont(t *testing.T) {
	l := demandLetter(true)
	l.Debtor.Name = "Łukasz Wójcik Sp. z o.o."
	l.Debtor.City = "Kraków"
	l.Debtor.Country = "Pologne"
	l.Body = append(l.Body, "Montant avec espace fine insécable : 1\u202f234,56\u00a0€.")
	pdf := render(t, l)
	text := pdfText(t, pdf, 0, 0)
	assertContains(t, text, "Łukasz Wójcik Sp. z o.o.", "KRAKÓW", "POLOGNE", "MISE EN DEMEURE",
		"1 234,56 €", "2 347,06 €", "Délai de grâce", "Pâques",
		"SAS au capital de 150 000,00 € — RCS Nanterre 552 100 554")
	assertLacks(t, text, "?")
	if fonts := pdfFonts(t, pdf); !strings.Contains(strings.ToLower(fonts), "dejavusans") {
		t.Errorf("expected the embedded DejaVu Sans font:\n%s", fonts)
	}
}

func TestRenderNarrowNoBreakSpaceStaysInCoreFont(t *testing.T) {
	l := statementLetter(1)
	l.Body = []string{"Solde dû : 1\u202f234,56\u00a0€ au 23\u202fnovembre."}
	pdf := render(t, l)
	assertContains(t, pdfText(t, pdf, 0, 0), "Solde dû : 1 234,56 € au 23 novembre.")
	if fonts := pdfFonts(t, pdf); strings.Contains(strings.ToLower(fonts), "dejavu") {
		t.Errorf("U+202F has a stand-in in code page 1252; no font should be embedded:\n%s", fonts)
	}
}

func TestRenderBodyNewlineStartsNewLine(t *testing.T) {
	l := statementLetter(1)
	l.Body = []string{"Première ligne\nSeconde ligne"}
	text := pdfText(t, render(t, l), 0, 0)
	assertContains(t, text, "Première ligne\n", "Seconde ligne")
	assertLacks(t, text, "Première ligne Seconde")
}

func TestRenderRejectsInvalidLetter(t *testing.T) {
	l := statementLetter(2)
	l.Statement.TotalCents++
	if _, err := Render(l); err == nil || !strings.Contains(err.Error(), "total") {
		t.Fatalf("Render error = %v, want a total mismatch", err)
	}
}

// The speed of Render rests on keeping maroto away from its per-text code
// page parsing (see typeface). That path allocates about 40 times more, so
// an allocation count catches a regression without a flaky timing test.
func TestRenderStaysOffMarotoCodePageParsing(t *testing.T) {
	l := statementLetter(30)
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := Render(l); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 50_000 {
		t.Errorf("Render made %.0f allocations; maroto is probably re-reading the code page per text", allocs)
	}
}

// Render shares the encoding table and the embedded font bytes between calls.
func TestRenderConcurrently(t *testing.T) {
	unicode := demandLetter(true)
	unicode.Debtor.Name = "Łukasz Wójcik"
	letters := []Letter{statementLetter(30), demandLetter(true), unicode, demandLetter(false)}
	errs := make(chan error, 4*len(letters))
	for range 4 {
		for _, l := range letters {
			go func() {
				_, err := Render(l)
				errs <- err
			}()
		}
	}
	for range 4 * len(letters) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

package letters

import (
	"strings"
	"testing"
)

func TestMergeForPrintStartsEachLetterOnOddPage(t *testing.T) {
	// Letters of 1, 2, 3 and 1 pages, each with a distinct account number.
	sizes := []int{1, 30, 80, 1}
	wantPages := []int{1, 2, 3, 1}
	pdfs := make([][]byte, len(sizes))
	for i, n := range sizes {
		l := statementLetter(n)
		l.Statement.AccountNumber = "ACC-" + string(rune('A'+i))
		pdfs[i] = render(t, l)
		if got := pdfPages(t, pdfs[i]); got != wantPages[i] {
			t.Fatalf("fixture %d has %d pages, want %d", i+1, got, wantPages[i])
		}
	}

	batch, err := MergeForPrint(pdfs)
	if err != nil {
		t.Fatalf("MergeForPrint: %v", err)
	}
	// 1+blank, 2, 3+blank, 1+blank.
	if got := pdfPages(t, batch); got != 10 {
		t.Fatalf("batch has %d pages, want 10", got)
	}
	starts := map[int]string{1: "ACC-A", 3: "ACC-B", 5: "ACC-C", 9: "ACC-D"}
	blanks := map[int]bool{2: true, 8: true, 10: true}
	for page := 1; page <= 10; page++ {
		text := strings.TrimSpace(pdfText(t, batch, page, page))
		switch {
		case blanks[page]:
			if text != "" {
				t.Errorf("page %d should be blank, has %q", page, text)
			}
		case starts[page] != "":
			if page%2 == 0 {
				t.Fatalf("test bug: letter start on even page %d", page)
			}
			assertContains(t, text, "Relevé de compte n° "+starts[page], "Forges de l’Écluse", "Page 1/")
		default:
			if text == "" || strings.Contains(text, "Page 1/") {
				t.Errorf("page %d should continue a letter, has %q", page, text)
			}
		}
	}
}

func TestMergeForPrintPadsSingleOddLetter(t *testing.T) {
	batch, err := MergeForPrint([][]byte{render(t, demandLetter(true))})
	if err != nil {
		t.Fatal(err)
	}
	if got := pdfPages(t, batch); got != 2 {
		t.Errorf("batch has %d pages, want 2 (letter and blank back)", got)
	}
}

func TestRenderBatch(t *testing.T) {
	batch, err := RenderBatch([]Letter{demandLetter(true), statementLetter(30), demandLetter(false)})
	if err != nil {
		t.Fatal(err)
	}
	if got := pdfPages(t, batch); got != 6 {
		t.Errorf("batch has %d pages, want 6", got)
	}
	assertContains(t, pdfText(t, batch, 5, 5), "Mme Agnès Dupré", "MISE EN DEMEURE")
}

func TestRenderBatchNamesFailingLetter(t *testing.T) {
	bad := demandLetter(false)
	bad.Demand.Invoices[0].IndemnityCents = FixedIndemnityCents
	_, err := RenderBatch([]Letter{statementLetter(1), bad})
	if err == nil || !strings.Contains(err.Error(), "letter 2 of the batch") {
		t.Fatalf("error = %v, want it to name letter 2", err)
	}
}

func TestMergeForPrintRejectsBadInput(t *testing.T) {
	if _, err := MergeForPrint(nil); err == nil {
		t.Error("empty batch accepted")
	}
	_, err := MergeForPrint([][]byte{render(t, statementLetter(1)), []byte("not a PDF")})
	if err == nil || !strings.Contains(err.Error(), "letter 2") {
		t.Errorf("error = %v, want it to name letter 2", err)
	}
}

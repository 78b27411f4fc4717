package letters

import "testing"

// BenchmarkRenderTwoPageLetter renders a statement of 30 invoices, which
// fills two pages. letters/s = 1e9 / ns/op.
func BenchmarkRenderTwoPageLetter(b *testing.B) {
	l := statementLetter(30)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(l); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

// BenchmarkRenderTwoPageLetterUnicode is the same letter when a debtor's name
// forces the embedded DejaVu Sans font.
func BenchmarkRenderTwoPageLetterUnicode(b *testing.B) {
	l := statementLetter(30)
	l.Debtor.Name = "Łukasz Wójcik Sp. z o.o."
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(l); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

// BenchmarkRenderTwoPageLetterMarotoEncoding measures the same letter with the
// family spelled as maroto expects ("helvetica"), so that maroto re-parses the
// code page for every text: the rendering time before this package's fix.
func BenchmarkRenderTwoPageLetterMarotoEncoding(b *testing.B) {
	l := statementLetter(30)
	slow := typeface{family: "helvetica", encode: func(s string) (string, bool) { return toUnicodeText(s), true }}
	b.ReportAllocs()
	for b.Loop() {
		c, err := compose(l, slow)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.m.Generate(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

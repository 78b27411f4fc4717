package letters

import (
	_ "embed"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
)

// A typeface is a font family and the text encoding it needs.
//
// Letters are set in the PDF core font Helvetica, through code page 1252,
// which holds everything French text uses (é, ç, œ, €, « », ’, —, and the
// no-break space U+00A0). Core fonts are not embedded, so a letter weighs a
// few kilobytes and renders in a few milliseconds.
//
// The family is spelled "Helvetica" on purpose. maroto v2.3.3 compares the
// family with "helvetica" or "arial" case-sensitively and, on a match,
// rebuilds gofpdf's cp1252 table with fmt.Sscanf for every text it measures
// or draws (internal/providers/gofpdf/text.go, textToUnicode): 85 % of the
// time of a letter. gofpdf lowercases family names, so "Helvetica" selects the
// same core font while maroto leaves the text alone; this package encodes it
// with a table built once per process (toCP1252). If a maroto upgrade changes
// that comparison, the accent tests fail, since text would then be encoded
// twice.
//
// A letter with a character outside code page 1252 (a debtor named Łukasz or
// Çelik Ş.A.) is set instead in DejaVu Sans, embedded from fonts/ under the
// Bitstream Vera licence (fonts/LICENSE). gofpdf parses and subsets that font
// for each document, about 15 ms, so it is kept for the letters that need it:
// a debtor's name must never be printed wrong on a formal demand.
type typeface struct {
	family string
	fonts  []*entity.CustomFont // TrueType fonts to register, nil for core fonts
	encode func(string) (string, bool)
}

var coreTypeface = typeface{
	family: "Helvetica",
	encode: toCP1252,
}

var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

var unicodeTypeface = typeface{
	family: "dejavusans",
	fonts: []*entity.CustomFont{
		{Family: "dejavusans", Style: fontstyle.Normal, Bytes: dejaVuSans},
		{Family: "dejavusans", Style: fontstyle.Bold, Bytes: dejaVuSansBold},
	},
	encode: func(s string) (string, bool) { return toUnicodeText(s), true },
}

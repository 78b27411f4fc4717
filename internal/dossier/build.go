package dossier

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/recouvra/recouvra/internal/letters"
)

// Options are the figures that vary by creditor and over time.
type Options struct {
	GreffeFeeCents    int64 // commercial courts; DefaultGreffeFeeCents if 0
	CreditorEmployees int   // 0 when unknown
}

// Dossier is the generated court file.
type Dossier struct {
	// PDF is the requête, then the bordereau, then each PDF piece in the
	// bordereau's order: the file to print or upload.
	PDF []byte
	// ZIP holds the requête, the bordereau and every piece as separate files,
	// numbered as in the bordereau, for an online filing that wants them apart.
	ZIP       []byte
	Requete   []byte
	Bordereau []byte
	Pieces    []NumberedPiece
	Fees      Fees
	Warnings  []string
}

// NumberedPiece is a piece as the bordereau lists it.
type NumberedPiece struct {
	Number   int    `json:"number"`
	Kind     string `json:"kind"`
	Title    string `json:"title"`
	FileName string `json:"file_name"`
	Appended bool   `json:"appended"` // appended to the PDF (only PDFs are)
}

// Build prints the dossier of r. It refuses a request lacking a mention the
// greffe requires, naming the field.
func Build(r Request, opt Options) (Dossier, error) {
	if err := r.validate(); err != nil {
		return Dossier{}, err
	}
	if opt.GreffeFeeCents == 0 {
		opt.GreffeFeeCents = DefaultGreffeFeeCents
	}
	numbered := numberPieces(r.Pieces)
	var d Dossier
	var err error
	if d.Requete, err = renderRequete(r, numbered); err != nil {
		return Dossier{}, err
	}
	if d.Bordereau, err = renderBordereau(r, numbered); err != nil {
		return Dossier{}, err
	}
	d.Fees = FeesFor(r.Court.Kind, opt.GreffeFeeCents)
	d.Warnings = append(d.Warnings, r.Claim.Warnings...)
	d.Warnings = append(d.Warnings, Warnings(r.Court.Kind, opt.CreditorEmployees, r.Claim.TotalCents)...)

	d.Warnings = append(d.Warnings, missingPieces(r, numbered)...)

	pdfs := [][]byte{d.Requete, d.Bordereau}
	for _, p := range numbered {
		np := NumberedPiece{Number: p.Number, Kind: p.Kind, Title: p.Title, FileName: pieceFileName(p)}
		if isPDF(p.Piece) {
			pdfs = append(pdfs, p.Content)
			np.Appended = true
		} else {
			d.Warnings = append(d.Warnings, fmt.Sprintf(
				"Pièce n° %d (%s) : ce n'est pas un PDF lisible ; elle figure dans l'archive ZIP mais n'est pas jointe au PDF.",
				p.Number, p.Title))
		}
		d.Pieces = append(d.Pieces, np)
	}
	if d.PDF, err = letters.Merge(pdfs); err != nil {
		return Dossier{}, fmt.Errorf("dossier PDF: %w", err)
	}
	if d.ZIP, err = zipDossier(d, numbered, r.Date.UTC()); err != nil {
		return Dossier{}, err
	}
	return d, nil
}

// pieceFileName is "piece-03-mise-en-demeure.pdf"-like: numbered so that the
// files sort as the bordereau lists them.
func pieceFileName(p numberedPiece) string {
	ext := path.Ext(p.FileName)
	if ext == "" {
		ext = ".pdf"
		if !bytes.HasPrefix(p.Content, []byte("%PDF-")) {
			ext = ".bin"
		}
	}
	return fmt.Sprintf("piece-%02d-%s%s", p.Number, slug(p.Title), strings.ToLower(ext))
}

// zipDossier stores each file with the dossier's date, so that the same
// dossier always gives the same archive.
func zipDossier(d Dossier, numbered []numberedPiece, modified time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, content []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		_, err = w.Write(content)
		return err
	}
	if err := add("00-requete-injonction-de-payer.pdf", d.Requete); err != nil {
		return nil, fmt.Errorf("dossier ZIP: %w", err)
	}
	if err := add("00-bordereau-de-pieces.pdf", d.Bordereau); err != nil {
		return nil, fmt.Errorf("dossier ZIP: %w", err)
	}
	for i, p := range numbered {
		if err := add(d.Pieces[i].FileName, p.Content); err != nil {
			return nil, fmt.Errorf("dossier ZIP: piece %d: %w", p.Number, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("dossier ZIP: %w", err)
	}
	return buf.Bytes(), nil
}

// slug keeps a title readable in a file name on every system.
func slug(s string) string {
	repl := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ç", "c",
		"î", "i", "ï", "i", "ô", "o", "ù", "u", "û", "u", "É", "e", "È", "e", "À", "a", "Ç", "c", "œ", "oe")
	s = strings.ToLower(repl.Replace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 60 {
		out = strings.TrimSuffix(out[:60], "-")
	}
	if out == "" {
		out = "piece"
	}
	return out
}

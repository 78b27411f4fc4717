package letters

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// RenderBatch renders letters and merges them into one print batch; see
// MergeForPrint. An error names the letter, counting from 1.
func RenderBatch(letters []Letter) ([]byte, error) {
	pdfs := make([][]byte, len(letters))
	for i, l := range letters {
		pdf, err := Render(l)
		if err != nil {
			return nil, fmt.Errorf("letter %d of the batch: %w", i+1, err)
		}
		pdfs[i] = pdf
	}
	return MergeForPrint(pdfs)
}

// MergeForPrint merges letters into one PDF for a duplex printer or a
// hybrid-mail service. Each letter starts on an odd page: a blank page follows
// every letter with an odd page count, so that no sheet carries the end of one
// letter on its front and the start of the next on its back.
func MergeForPrint(pdfs [][]byte) ([]byte, error) {
	if len(pdfs) == 0 {
		return nil, errors.New("print batch: no letters")
	}
	conf := printConfiguration()
	dest, err := readPDF(pdfs[0], conf)
	if err != nil {
		return nil, fmt.Errorf("print batch: letter 1: %w", err)
	}
	dest.EnsureVersionForWriting()
	for i, pdf := range pdfs[1:] {
		src, err := readPDF(pdf, conf)
		if err != nil {
			return nil, fmt.Errorf("print batch: letter %d: %w", i+2, err)
		}
		// pdfcpu inserts the blank page between what is merged so far and src.
		blank := dest.PageCount%2 == 1
		if err := pdfcpu.MergeXRefTables(strconv.Itoa(i+2), src, dest, false, blank); err != nil {
			return nil, fmt.Errorf("print batch: merge letter %d: %w", i+2, err)
		}
	}
	// Optimizing shares the fonts of all letters; it checks the page count,
	// which InsertBlankPages does not update, so the last blank comes after.
	if err := api.OptimizeContext(dest); err != nil {
		return nil, fmt.Errorf("print batch: optimize: %w", err)
	}
	if dest.PageCount%2 == 1 {
		if err := dest.InsertBlankPages(types.IntSet{dest.PageCount: true}, false); err != nil {
			return nil, fmt.Errorf("print batch: pad last letter: %w", err)
		}
		dest.PageCount++
	}
	var out bytes.Buffer
	if err := api.WriteContext(dest, &out); err != nil {
		return nil, fmt.Errorf("print batch: write: %w", err)
	}
	return out.Bytes(), nil
}

func readPDF(pdf []byte, conf *model.Configuration) (*model.Context, error) {
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	if ctx.Version() == model.V20 {
		return nil, pdfcpu.ErrUnsupportedVersion
	}
	return ctx, nil
}

// printConfiguration is pdfcpu's default configuration built in memory.
// api.LoadConfiguration would create a config directory under the user's
// home, and calls os.Exit when it cannot.
func printConfiguration() *model.Configuration {
	return &model.Configuration{
		Reader15:          true,
		ValidationMode:    model.ValidationRelaxed,
		Eol:               types.EolLF,
		WriteObjectStream: true,
		WriteXRefStream:   true,
		EncryptUsingAES:   true,
		EncryptKeyLength:  256,
		Permissions:       model.PermissionsPrint,
		TimestampFormat:   "2006-01-02 15:04",
		DateFormat:        "2006-01-02",
		Cmd:               model.MERGECREATE,
	}
}

package auditlog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"github.com/recouvra/recouvra/internal/intake"
)

// Import is what the audit log keeps of one import: the file by name and
// digest, and what the import did as counts. One entry per import, never
// one per row: the rows are in their own tables, and a file of a million
// lines must not write a million entries.
type Import struct {
	File   string           `json:"file,omitempty"` // the uploaded or given file name; empty for a JSON body
	Source string           `json:"source,omitempty"`
	SHA256 string           `json:"sha256"`
	Bytes  int64            `json:"bytes"`
	Counts map[string]int64 `json:"counts"` // e.g. created, updated, unchanged
}

// Digest passes a file through to its parser and hashes it on the way, so
// that a streamed file is named by its digest without being read twice.
type Digest struct {
	r io.Reader
	h hash.Hash
	n int64
}

// NewDigest reads r.
func NewDigest(r io.Reader) *Digest {
	return &Digest{r: r, h: sha256.New()}
}

func (d *Digest) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	d.h.Write(p[:n])
	d.n += int64(n)
	return n, err
}

// Finish reads what the parser left unread, so that the digest covers the
// whole file, and returns the file's SHA-256 in hex and its size.
func (d *Digest) Finish() (string, int64, error) {
	if _, err := io.Copy(io.Discard, d); err != nil {
		return "", d.n, fmt.Errorf("read the rest of the file for its digest: %w", err)
	}
	return hex.EncodeToString(d.h.Sum(nil)), d.n, nil
}

// ImportOf describes an import of content held in memory.
func ImportOf(file, source string, content []byte, counts map[string]int64) Import {
	sum := sha256.Sum256(content)
	return Import{File: file, Source: source, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(content)), Counts: counts}
}

// InvoiceImport is the entry of an import of invoices, whatever the way in
// (API body, CSV upload, command line): imp with the import's counts. An
// import of a single invoice is filed under that invoice, so that it shows
// in the invoice's history; a batch under none.
func InvoiceImport(imp Import, sum intake.Summary) Entry {
	imp.Counts = map[string]int64{"invoices": int64(len(sum.Invoices)), "created": int64(sum.Created),
		"updated": int64(sum.Updated), "unchanged": int64(sum.Unchanged)}
	e := Entry{Action: "invoice.import", Entity: "invoice", After: imp}
	if len(sum.Invoices) == 1 {
		e.EntityID = sum.Invoices[0].InvoiceID
	}
	return e
}

package moneyin_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// TestImportFECFromReader: a FEC given as a reader (read a byte at a time,
// as a slow upload would arrive) imports like the same bytes given whole,
// is recognised by the SHA-256 and size of all its bytes, and a second
// import of it through either path changes nothing.
func TestImportFECFromReader(t *testing.T) {
	for _, dbKind := range []string{"sqlite", "postgres"} {
		t.Run(dbKind, func(t *testing.T) {
			svc, db, _ := newService(t, dbKind)
			whole := ledgerFEC
			digest := sha256.Sum256(whole.Content)
			streamed := moneyin.File{Name: whole.Name, By: "test",
				Body: iotest.OneByteReader(bytes.NewReader(whole.Content))}
			sum, err := svc.ImportFEC(t.Context(), streamed)
			if err != nil {
				t.Fatal(err)
			}
			if sum.SHA256 != hex.EncodeToString(digest[:]) || sum.Invoices.Created == 0 || sum.AlreadyImported {
				t.Errorf("streamed import %+v, want the digest %x of the file", sum, digest)
			}
			var rec models.ImportedFile
			db.Take(&rec, sum.FileID)
			if rec.Size != int64(len(whole.Content)) {
				t.Errorf("recorded size %d, want %d", rec.Size, len(whole.Content))
			}
			importAgainChangesNothing(t, svc, db, whole, svc.ImportFEC)
		})
	}
}

// TestStreamedFECRejected: a bad line of a streamed FEC is named by line
// and column, nothing is written, and the summary still carries the digest
// of the whole file, not of the part read before the error.
func TestStreamedFECRejected(t *testing.T) {
	svc, db, _ := newService(t, "sqlite")
	bad := fec(
		[6]string{"C010", "Quincaillerie Morel", "FA-900", "20261001", "100,00", ""},
		[6]string{"C011", "Pressing Lavande", "FA-901", "20261002", "12O,50", ""},
		[6]string{"C012", "Café Luna", "FA-902", "20261003", "80,00", ""},
	)
	digest := sha256.Sum256(bad.Content)
	before := takeSnapshot(t, db)
	sum, err := svc.ImportFEC(t.Context(), moneyin.File{Name: bad.Name, Body: bytes.NewReader(bad.Content)})
	var rej *moneyin.RejectedError
	if !errors.As(err, &rej) || len(sum.Rejected) != 1 {
		t.Fatalf("err %v, summary %+v; want one rejection", err, sum)
	}
	if got := sum.Rejected[0]; got.Line != 3 || got.Field != "Debit (column 12)" {
		t.Errorf("rejection %+v, want line 3, Debit (column 12)", got)
	}
	if sum.SHA256 != hex.EncodeToString(digest[:]) {
		t.Errorf("digest %s, want the whole file's %x", sum.SHA256, digest)
	}
	if after := takeSnapshot(t, db); after != before {
		t.Errorf("a rejected file changed the database:\nbefore %+v\nafter  %+v", before, after)
	}
}

// TestConcurrentSameFile: two imports of one file at the same moment give
// one import and, for the other, either "already imported" or a conflict —
// never a raw database error.
func TestConcurrentSameFile(t *testing.T) {
	svc, db, _ := newService(t, "postgres")
	content, err := os.ReadFile(filepath.Join(samplesDir, "fec", "111111111FEC20221231.TXT"))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := svc.ImportFEC(t.Context(), moneyin.File{Name: "fec.txt", Content: content, By: "test"})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil && !errors.Is(err, moneyin.ErrConflict) {
			t.Errorf("concurrent import: %v", err)
		}
	}
	var n int64
	db.Model(&models.ImportedFile{}).Count(&n)
	if n != 1 {
		t.Errorf("%d imported files recorded, want 1", n)
	}
}

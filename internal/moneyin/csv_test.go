package moneyin_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// erpExport is a CSV as an ERP writes it: French headers, semicolons, a
// blank line, a column Recouvra does not use, saved by Excel in Windows-1252.
const erpExport = "N° pièce;Date;Échéance;TTC;Client;Nom client;Commercial\n" +
	"F-1;15/09/2026;15/10/2026;1 234,56;C100;Société Générale d'Électricité;Paul\n" +
	"\n" +
	"F-2;20/09/2026;20/10/2026;99,90;C101;Crêperie Kerné;Anne\n"

var erpMapping = moneyin.Mapping{
	"number": "N° pièce", "issue_date": "Date", "due_date": "Échéance", "total": "TTC",
	"debtor_reference": "Client", "debtor_name": "Nom client",
}

func windows1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportCSVWithSavedMapping: the mapping given with the first file is
// saved for its source and reused for the next one; accents survive the
// Windows-1252 encoding; errors name the file's line and header.
func TestImportCSVWithSavedMapping(t *testing.T) {
	svc, db, _ := newService(t, "sqlite")
	f := moneyin.File{Name: "export.csv", Content: windows1252(t, erpExport), By: "test"}
	sum, err := svc.ImportCSV(t.Context(), f, "erp-sage", erpMapping)
	if err != nil || sum.Invoices.Created != 2 {
		t.Fatalf("first import: %+v, %v", sum, err)
	}
	var d models.Debtor
	db.Where("reference = ?", "C100").Take(&d)
	if d.Name != "Société Générale d'Électricité" {
		t.Errorf("debtor name read as %q", d.Name)
	}
	if inv := invoice(t, db, "F-1"); inv.TotalCents != 1234_56 || inv.DueDate.String() != "2026-10-15" {
		t.Errorf("F-1 stored as %+v", inv)
	}
	// The same source's next export needs no mapping.
	importAgainChangesNothing(t, svc, db, f, func(ctx context.Context, f moneyin.File) (moneyin.Summary, error) {
		return svc.ImportCSV(ctx, f, "erp-sage", nil)
	})

	bad := strings.Replace(erpExport, "99,90", "99,9O", 1)
	before := takeSnapshot(t, db)
	sum, err = svc.ImportCSV(t.Context(), moneyin.File{Name: "bad.csv", Content: []byte(bad)}, "erp-sage", nil)
	var rej *moneyin.RejectedError
	if !errors.As(err, &rej) || len(sum.Rejected) != 1 || sum.Rejected[0].Line != 4 || !strings.HasPrefix(sum.Rejected[0].Field, "TTC") {
		t.Errorf("bad amount on line 4: %+v, %v", sum.Rejected, err)
	}
	if takeSnapshot(t, db) != before {
		t.Error("a rejected CSV changed the database")
	}
	if _, err := svc.ImportCSV(t.Context(), f, "unknown-source", nil); !errors.As(err, &rej) {
		t.Errorf("a source without a mapping: %v", err)
	}
}

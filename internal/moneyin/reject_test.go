package moneyin_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// TestBadFileChangesNothing: one bad amount, or a statement that does not
// add up, rejects the whole file, names where the problem is, and leaves the
// database as it was.
func TestBadFileChangesNothing(t *testing.T) {
	svc, db, _ := newService(t, "sqlite")
	if _, err := svc.ImportFEC(t.Context(), ledgerFEC); err != nil {
		t.Fatal(err)
	}
	// An unbalanced copy of a real CFONB file: the closing balance of its
	// 07 record is one euro higher than the movements give.
	cfonb := readSample(t, "cfonb120/oca_cfonb_classic.cfo")
	unbalanced := bytes.Replace(cfonb.Content, []byte("0000010315857I"), []byte("0000010315867I"), 1)
	if bytes.Equal(unbalanced, cfonb.Content) {
		t.Fatal("the sample's closing balance moved: update the test")
	}
	badFEC := fec(
		[6]string{"C010", "Quincaillerie Morel", "FA-900", "20261001", "100,00", ""},
		[6]string{"C011", "Pressing Lavande", "FA-901", "20261002", "12O,50", ""}, // a letter O for a zero
	)
	cases := []struct {
		name       string
		importFile func(*testing.T) (moneyin.Summary, error)
		want       moneyin.Rejection // fields that must be set as given
		message    string
	}{
		{"FEC with a bad amount on line 3", func(t *testing.T) (moneyin.Summary, error) {
			return svc.ImportFEC(t.Context(), badFEC)
		}, moneyin.Rejection{Line: 3, Field: "Debit (column 12)"}, "12O,50"},
		{"CFONB that does not balance", func(t *testing.T) (moneyin.Summary, error) {
			return svc.ImportBank(t.Context(), moneyin.File{Name: "unbalanced.cfo", Content: unbalanced})
		}, moneyin.Rejection{}, "does not balance"},
		{"camt.053 that does not balance", func(t *testing.T) (moneyin.Summary, error) {
			return svc.ImportBank(t.Context(), camt053(account, 0, 1, credit{1200_00, "2026-11-20", "BOULANGERIE ECLAIR", "FA-100", "B1"}))
		}, moneyin.Rejection{}, "does not balance"},
		{"UBL given as Factur-X", func(t *testing.T) (moneyin.Summary, error) {
			return svc.ImportFacturX(t.Context(), readSample(t, "ubl/cen_ubl-tc434-example1.xml"))
		}, moneyin.Rejection{Field: "file"}, "not facturx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := takeSnapshot(t, db)
			sum, err := c.importFile(t)
			var rej *moneyin.RejectedError
			if !errors.As(err, &rej) || len(sum.Rejected) == 0 {
				t.Fatalf("err %v, summary %+v; want a rejection", err, sum)
			}
			got := sum.Rejected[0]
			if (c.want.Line != 0 && got.Line != c.want.Line) || (c.want.Field != "" && got.Field != c.want.Field) ||
				!strings.Contains(got.String(), c.message) {
				t.Errorf("rejection %+v, want line %d, field %q, a message with %q", got, c.want.Line, c.want.Field, c.message)
			}
			if after := takeSnapshot(t, db); after != before {
				t.Errorf("a rejected file changed the database:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

// TestFECPiecesOnSeveralLines: a piece booked on several lines of one
// account is one invoice (or credit note) of their sum; a piece shared by
// several accounts (a monthly sales journal entry) is one per account.
func TestFECPiecesOnSeveralLines(t *testing.T) {
	svc, db, _ := newService(t, "sqlite")
	f := fec(
		[6]string{"C001", "Boulangerie Éclair", "VE-0626", "20260601", "100,00", ""},
		[6]string{"C001", "Boulangerie Éclair", "VE-0626", "20260615", "50,00", ""},
		[6]string{"C002", "Garage Dupont", "VE-0626", "20260601", "70,00", ""},
		[6]string{"C003", "Café Luna", "AV-7", "20260610", "", "20,00"},
		[6]string{"C003", "Café Luna", "AV-7", "20260610", "", "5,00"},
	)
	sum, err := svc.ImportFEC(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Invoices.Created != 2 {
		t.Errorf("invoices %+v, want VE-0626 once per account", sum.Invoices)
	}
	if inv := invoice(t, db, "VE-0626 / C001"); inv.TotalCents != 150_00 {
		t.Errorf("C001's VE-0626 totals %d, want its two lines", inv.TotalCents)
	}
	// A piece numbered AV… is a credit note whatever the journal.
	var notes []models.CreditNote
	db.Find(&notes)
	if len(notes) != 1 || notes[0].Number != "AV-7" || notes[0].TotalCents != 25_00 || notes[0].RemainingCents != 25_00 {
		t.Errorf("credit notes %+v, want AV-7 of 25.00 with nothing to net it against", notes)
	}
}

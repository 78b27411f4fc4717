package letters

import (
	"errors"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		letter func() Letter
		want   string // substring of the error; "" for a valid letter
		is     error
	}{
		{"statement", func() Letter { return statementLetter(3) }, "", nil},
		{"business demand with indemnity", func() Letter { return demandLetter(true) }, "", nil},
		{"consumer demand without indemnity", func() Letter { return demandLetter(false) }, "", nil},
		{"business demand without indemnity", func() Letter {
			l := demandLetter(true)
			for i := range l.Demand.Invoices {
				l.Demand.TotalCents -= l.Demand.Invoices[i].IndemnityCents
				l.Demand.Invoices[i].IndemnityCents = 0
			}
			return l
		}, "", nil},
		{"reminder with only a body", func() Letter {
			l := statementLetter(1)
			l.Kind, l.Statement = KindReminder1, nil
			return l
		}, "", nil},
		{"reminder with a statement attached", func() Letter {
			l := statementLetter(2)
			l.Kind = KindReminder2
			return l
		}, "", nil},

		{"unknown kind", func() Letter { l := statementLetter(1); l.Kind = 0; return l }, "kind 0 is unknown", nil},
		{"no creditor name", func() Letter { l := statementLetter(1); l.Creditor.Name = " "; return l }, "creditor name", nil},
		{"no debtor name", func() Letter { l := statementLetter(1); l.Debtor.Name = ""; return l }, "debtor name", nil},
		{"no debtor street", func() Letter { l := statementLetter(1); l.Debtor.Line1 = ""; return l }, "debtor address line 1", nil},
		{"no debtor city", func() Letter { l := statementLetter(1); l.Debtor.City = ""; return l }, "debtor city", nil},
		{"no place", func() Letter { l := statementLetter(1); l.Place = ""; return l }, "place", nil},
		{"no date", func() Letter { l := statementLetter(1); l.Date = civil.Date{}; return l }, "date of the letter", nil},
		{"no subject", func() Letter { l := statementLetter(1); l.Subject = ""; return l }, "subject", nil},
		{"tracking number on ordinary mail", func() Letter {
			l := statementLetter(1)
			l.TrackingNumber = "1A 234"
			return l
		}, `tracking number "1A 234"`, nil},
		{"statement kind without statement", func() Letter { l := statementLetter(1); l.Statement = nil; return l }, "needs its Statement", nil},
		{"demand kind without demand", func() Letter { l := demandLetter(true); l.Demand = nil; return l }, "needs its Demand", nil},
		{"demand on a reminder", func() Letter { l := demandLetter(true); l.Kind = KindReminder2; return l }, "reminder_2 letter cannot carry a formal demand", nil},

		{"statement without lines", func() Letter {
			l := statementLetter(1)
			l.Statement.Lines, l.Statement.TotalCents = nil, 0
			return l
		}, "statement: no lines", nil},
		{"statement bad currency", func() Letter { l := statementLetter(1); l.Statement.Currency = "euro"; return l }, `currency "euro"`, nil},
		{"statement line without number", func() Letter { l := statementLetter(2); l.Statement.Lines[1].Number = ""; return l }, "line 2: invoice number", nil},
		{"statement balance not amount minus paid", func() Letter {
			l := statementLetter(2)
			l.Statement.Lines[1].PaidCents++
			return l
		}, "line 2 (F-2026-0102): balance", nil},
		{"statement negative days", func() Letter { l := statementLetter(1); l.Statement.Lines[0].DaysOverdue = -1; return l }, "days overdue -1", nil},
		{"statement total", func() Letter { l := statementLetter(3); l.Statement.TotalCents -= 1; return l }, "total 380367 ≠ sum of balances 380368", nil},

		{"demand without invoices", func() Letter {
			l := demandLetter(true)
			l.Demand.Invoices, l.Demand.TotalCents = nil, 0
			return l
		}, "formal demand: no invoices", nil},
		{"demand without deadline", func() Letter { l := demandLetter(true); l.Demand.DeadlineDate = civil.Date{}; return l }, "deadline is missing", nil},
		{"demand deadline on letter date", func() Letter { l := demandLetter(true); l.Demand.DeadlineDate = l.Date; return l }, "deadline 2026-11-23 is not after", nil},
		{"demand without IBAN", func() Letter { l := demandLetter(true); l.Creditor.IBAN = ""; return l }, "IBAN", nil},
		{"demand invoice without number", func() Letter { l := demandLetter(true); l.Demand.Invoices[0].Number = ""; return l }, "invoice 1 (): invoice number is empty", nil},
		{"demand zero principal", func() Letter {
			l := demandLetter(true)
			l.Demand.TotalCents -= l.Demand.Invoices[1].PrincipalCents
			l.Demand.Invoices[1].PrincipalCents = 0
			return l
		}, "invoice 2 (F-2026-0117): principal 0", nil},
		{"demand negative penalty", func() Letter { l := demandLetter(true); l.Demand.Invoices[0].PenaltyCents = -5; return l }, "penalty -5", nil},
		{"demand penalty without rate", func() Letter { l := demandLetter(true); l.Demand.Invoices[0].PenaltyRate = ""; return l }, "without its rate", nil},
		{"indemnity claimed from consumer", func() Letter {
			l := demandLetter(false)
			l.Demand.Invoices[0].IndemnityCents = FixedIndemnityCents
			l.Demand.TotalCents += FixedIndemnityCents
			return l
		}, "invoice 1 (F-2026-0101)", ErrConsumerIndemnity},
		{"indemnity other than 40 €", func() Letter {
			l := demandLetter(true)
			l.Demand.Invoices[0].IndemnityCents = 5000
			l.Demand.TotalCents += 1000
			return l
		}, "indemnity 5000 cents", nil},
		{"indemnity in another currency", func() Letter { l := demandLetter(true); l.Demand.Currency = "USD"; return l }, "cannot be claimed in USD", nil},
		{"demand total", func() Letter { l := demandLetter(true); l.Demand.TotalCents += 100; return l }, "total 234806 ≠ sum", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.letter())
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("Validate() = %v, want errors.Is %v", err, tt.is)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{KindPreDueReminder, "pre_due_reminder"},
		{KindReminder1, "reminder_1"},
		{KindReminder2, "reminder_2"},
		{KindFormalDemand, "formal_demand"},
		{KindStatement, "statement"},
		{Kind(42), "Kind(42)"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.kind), got, tt.want)
		}
	}
}

package bankstatement

import (
	"math"
	"strings"
	"testing"

	"github.com/recouvra/recouvra/internal/civil"
)

func TestStatementCheck(t *testing.T) {
	base := func(opening, closing int64, amounts ...int64) Statement {
		s := Statement{
			AccountID: "FR7630003012340123456789018", Currency: "EUR", ClosingCurrency: "EUR",
			OpeningCents: opening, ClosingCents: closing,
			OpeningDate: civil.MustParse("2024-01-12"), ClosingDate: civil.MustParse("2024-01-13"),
			Source: "line 1",
		}
		for i, a := range amounts {
			s.Entries = append(s.Entries, Entry{Line: i + 2, AmountCents: a, Currency: "EUR"})
		}
		return s
	}
	tests := []struct {
		name    string
		s       Statement
		wantErr []string // fragments; none means the statement balances
	}{
		{"no movement", base(1000, 1000), nil},
		{"credits and debits", base(1905, -965452, -56073, -37577, -56073, -817634), nil},
		{"negative to positive", base(-500, 700, 1200), nil},
		{"one cent missing", base(1000, 1101, 100), []string{
			"statement at line 1 (account FR7630003012340123456789018, 2024-01-12 to 2024-01-13) does not balance",
			"opening 10.00 + 1 entries 1.00 = 11.00, but closing is 11.01 (difference 0.01 EUR)",
		}},
		{"debit read as credit", base(0, -200, 200), []string{"difference -4.00 EUR"}},
		{"closing in another currency", func() Statement {
			s := base(1815, -2700, 885)
			s.ClosingCurrency = "SEK"
			return s
		}(), []string{"closing balance is in SEK but the opening balance is in EUR"}},
		{"entry in another currency", func() Statement {
			s := base(0, 100, 100)
			s.Entries[0].Currency = "CHF"
			return s
		}(), []string{`entry at line 2 is in "CHF" but the statement is in EUR`}},
		{"entry named by its XML path", func() Statement {
			s := base(0, 100, 100)
			s.Entries[0] = Entry{Path: "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]", AmountCents: 100, Currency: "USD"}
			return s
		}(), []string{"entry at Document/BkToCstmrStmt/Stmt[1]/Ntry[1]"}},
		{"overflow", base(0, 0, math.MaxInt64, 1), []string{"sum of the entries overflows at line 3"}},
		{"opening overflow", base(math.MaxInt64, 0, 1), []string{"opening balance plus entries overflows"}},
	}
	for _, tt := range tests {
		err := tt.s.Check()
		if len(tt.wantErr) == 0 {
			if err != nil {
				t.Errorf("%s: Check() = %v, want nil", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: Check() = nil, want an error", tt.name)
			continue
		}
		for _, frag := range tt.wantErr {
			if !strings.Contains(err.Error(), frag) {
				t.Errorf("%s: Check() = %q, want it to contain %q", tt.name, err, frag)
			}
		}
	}
}

func TestIsCredit(t *testing.T) {
	tests := []struct {
		cents int64
		want  bool
	}{{104017, true}, {1, true}, {0, false}, {-1999, false}}
	for _, tt := range tests {
		if got := (Entry{AmountCents: tt.cents}).IsCredit(); got != tt.want {
			t.Errorf("Entry{AmountCents: %d}.IsCredit() = %v, want %v", tt.cents, got, tt.want)
		}
	}
}

func TestFormatCents(t *testing.T) {
	tests := []struct {
		c    int64
		want string
	}{{0, "0.00"}, {5, "0.05"}, {-5, "-0.05"}, {101731189, "1017311.89"}, {-43416, "-434.16"},
		{math.MinInt64, "-92233720368547758.08"}}
	for _, tt := range tests {
		if got := formatCents(tt.c); got != tt.want {
			t.Errorf("formatCents(%d) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

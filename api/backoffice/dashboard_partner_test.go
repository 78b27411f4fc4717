package backoffice

import (
	"net/http"
	"strings"
	"testing"
)

// TestPartnerDashboard: a partner's tableau de bord shows the figures of
// the cases delegated to it, without the creditor and manager filters, and
// another partner's shows none of them; staff see the whole book.
func TestPartnerDashboard(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		who         string
		receivables string // the text of #receivables
		filters     bool
	}{
		{"admin", "2\u00a0000,00\u00a0€", true},          // FA-001, FA-002, FA-003
		{"partner", "1\u00a0200,00\u00a0€", false},       // FA-001 only
		{"partner_b", "0,00\u00a0€", false},              // nothing delegated
		{"credit_manager", "2\u00a0000,00\u00a0€", true}, // the whole book again
	}
	for _, tt := range tests {
		t.Run(tt.who, func(t *testing.T) {
			// A partner's filter parameters are ignored, not obeyed.
			rec := f.as(tt.who).get("/tableau-de-bord?creancier=1")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			body := rec.Body.String()
			if want := `id="receivables">` + tt.receivables + `<`; !strings.Contains(body, want) {
				i := strings.Index(body, `id="receivables"`)
				t.Errorf("receivables: want %q, page has %q", tt.receivables, body[i:min(i+60, len(body))])
			}
			if got := strings.Contains(body, `name="creancier"`); got != tt.filters {
				t.Errorf("creditor filter shown: %v, want %v", got, tt.filters)
			}
		})
	}
}

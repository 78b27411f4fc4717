package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/recouvra/recouvra/activities/dispatch/dispatchtest"
	"github.com/recouvra/recouvra/internal/app/apptest"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// TestDashboardReport: staff read the whole book; a partner reads the
// dashboard of its delegated cases alone, whatever filter it sends.
func TestDashboardReport(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	fx := dispatchtest.New(t, env.DB)
	d := fx.Debtor(t, "C-DASH", models.Trader, "FR")
	delegated := fx.Invoice(t, d, "FA-DASH-DELEGUEE", today.AddDays(-20), 1000_00, 1000_00)
	fx.Invoice(t, d, "FA-DASH-AUTRE", today.AddDays(-15), 2345_67, 2345_67)
	p := env.NewPartner(t, "Affacturage Tableau")
	env.DB.Model(&models.Case{}).Where("id = ?", delegated.Case.ID).Update("partner_id", p.ID)
	partner := *env
	partner.Token = env.UserToken(t, "p-dash@test.local", models.RolePartner, &p.ID)

	var report struct {
		Receivables  money.Amount `json:"receivables"`
		OpenInvoices int64        `json:"open_invoices"`
	}
	own := fmt.Sprintf("/api/v1/reports/dashboard?creditor_id=%d", d.CreditorID)
	for _, tt := range []struct {
		who          *apptest.Env
		name, path   string
		receivables  int64
		openInvoices int64
	}{
		{env, "admin, the fixture's creditor", own, 1000_00 + 2345_67, 2},
		{env, "admin, another creditor", "/api/v1/reports/dashboard?creditor_id=1", 0, 0},
		{&partner, "partner, whatever the filter", "/api/v1/reports/dashboard?creditor_id=1", 1000_00, 1},
	} {
		status, raw := tt.who.Do(t, "GET", tt.path, "", nil, &report)
		if status != http.StatusOK || report.Receivables.Cents != tt.receivables || report.OpenInvoices != tt.openInvoices {
			t.Errorf("%s: %d %s; want receivables %d on %d invoices", tt.name, status, raw, tt.receivables, tt.openInvoices)
		}
	}
}

package caseactions

import (
	"testing"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// TestAllowed writes the rules out: partners only record what they
// collect, legal staff only decide litigation, credit managers everything
// but litigation decisions, admins everything; actions only the system
// sends (an unlettered payment) are nobody's to take.
func TestAllowed(t *testing.T) {
	partnerMay := map[string]bool{recovery.ActionPayment: true, recovery.ActionPromise: true, recovery.ActionCallLogged: true}
	legalMay := map[string]bool{recovery.ActionApproveLitigation: true, recovery.ActionRejectLitigation: true}
	systemOnly := map[string]bool{recovery.ActionPaymentReversed: true}
	for _, action := range recovery.Actions {
		want := map[models.Role]bool{
			models.RoleAdmin:         !systemOnly[action],
			models.RoleCreditManager: !legalMay[action] && !systemOnly[action],
			models.RoleLegal:         legalMay[action],
			models.RolePartner:       partnerMay[action],
		}
		for role, ok := range want {
			if got := Allowed(action, role); got != ok {
				t.Errorf("Allowed(%s, %s) = %v, want %v", action, role, got, ok)
			}
		}
	}
	if Allowed("teleport", models.RoleAdmin) {
		t.Error("an unknown action is allowed")
	}
}

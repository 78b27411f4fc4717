package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/recouvra/recouvra/internal/app/apptest"
)

// TestPostUserNamesEachBadField: a refused user names the field to fix.
func TestPostUserNamesEachBadField(t *testing.T) {
	env := apptest.Start(t, "sqlite", today)
	for _, tt := range []struct {
		name, body string
		status     int
		fields     []string
	}{
		{"bad email", `{"email": "personne", "role": "legal"}`, 400, []string{"email"}},
		{"bad role", `{"email": "x@test.local", "role": "boss"}`, 400, []string{"role"}},
		{"both", `{"email": "", "role": ""}`, 400, []string{"email", "role"}},
		{"partner without its organisation", `{"email": "p@test.local", "role": "partner"}`, 400, []string{"partner_id"}},
		{"partner of organisation 0", `{"email": "p@test.local", "role": "partner", "partner_id": 0}`, 400, []string{"partner_id"}},
		{"partner of no organisation", `{"email": "p@test.local", "role": "partner", "partner_id": 999999}`, 400, []string{"partner_id"}},
		{"short password, nobody created", `{"email": "court@test.local", "role": "legal", "password": "court"}`, 400, []string{"password"}},
		{"the same user with a good password", `{"email": "court@test.local", "role": "legal", "password": "assez-long-1"}`, 201, nil},
		{"created", `{"email": "Juriste@Test.local", "role": "legal"}`, 201, nil},
		{"email already a user's", `{"email": "juriste@test.local", "role": "credit_manager"}`, 400, []string{"email"}},
	} {
		var e errorJSON
		status, raw := env.Do(t, "POST", "/api/v1/users", "application/json", []byte(tt.body), &e)
		if status != tt.status || (status == http.StatusBadRequest && !slices.Equal(e.fields(), tt.fields)) {
			t.Errorf("%s: %d %s; want %d naming %v", tt.name, status, raw, tt.status, tt.fields)
		}
	}
}

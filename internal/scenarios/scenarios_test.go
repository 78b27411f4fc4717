package scenarios

import (
	"testing"

	"github.com/recouvra/recouvra/internal/testenv"
	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/workflows/recovery"
)

// TestSaveVersion: an invalid scenario stores nothing; valid ones get the
// next version of their name and are the only active scenario.
func TestSaveVersion(t *testing.T) {
	db, _ := testenv.SQLite(t)
	ctx := t.Context()
	sc := recovery.DefaultScenario()
	other := models.Scenario{Name: "autre", Version: 4, Steps: "[]", Active: true}
	if err := db.Create(&other).Error; err != nil {
		t.Fatal(err)
	}

	bad := recovery.Scenario{Name: sc.Name, Steps: append([]recovery.Step(nil), sc.Steps...)}
	bad.Steps[0].Channels = nil
	if _, err := SaveVersion(ctx, db, bad); err == nil {
		t.Fatal("an invalid scenario was accepted")
	}
	var n int64
	db.Model(&models.Scenario{}).Count(&n)
	if n != 1 {
		t.Fatalf("%d scenarios after a refusal, want 1", n)
	}

	for want := 1; want <= 2; want++ {
		row, err := SaveVersion(ctx, db, sc)
		if err != nil {
			t.Fatal(err)
		}
		if row.Version != want || !row.Active || row.Name != sc.Name {
			t.Errorf("saved %+v, want version %d active", row, want)
		}
	}
	var active []models.Scenario
	db.Where("active = ?", true).Find(&active)
	if len(active) != 1 || active[0].Version != 2 || active[0].Name != sc.Name {
		t.Errorf("active scenarios %+v, want only %q v2", active, sc.Name)
	}
}

package backoffice_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/testenv"
)

// TestMain stops the shared Temporal dev server of the browser tests.
func TestMain(m *testing.M) { testenv.Main(m) }

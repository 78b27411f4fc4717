package api_test

import (
	"testing"

	"github.com/recouvra/recouvra/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

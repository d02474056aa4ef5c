package cli

import (
	"flag"
	"os"
	"testing"
)

// update rewrites golden files instead of comparing with them:
// go test ./internal/cli/ -update
var update = flag.Bool("update", false, "rewrite golden files")

// runAsMainEnv makes the test binary act as valuesmith itself (for tests
// that need a process of their own: signals).
const runAsMainEnv = "VALUESMITH_TEST_RUN_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runAsMainEnv) == "1" {
		os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	// Processes the tests start of this program (check --chart renders
	// in one) are this binary acting as main.
	os.Setenv(runAsMainEnv, "1")
	os.Exit(m.Run())
}

package cli

import (
	"testing"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

// TestRegexpsCompile compiles every regular expression the program declares
// (they compile on first use, not at start-up): a bad one fails here, not
// on the first input that reaches it.
func TestRegexpsCompile(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}

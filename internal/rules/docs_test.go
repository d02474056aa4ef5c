package rules

import (
	"os"
	"testing"
)

// docs/rules.md is generated from the catalogue; it must not drift.
func TestRulesDocIsGenerated(t *testing.T) {
	committed, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(committed) != Markdown() {
		t.Error("docs/rules.md is stale: run `go generate ./internal/rules` and commit it")
	}
}

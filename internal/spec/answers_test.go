package spec

import (
	"bytes"
	"os"
	"testing"
)

// The committed answers schema is what Spec generates, and what the
// binary embeds.
func TestCommittedAnswersSchemaIsGenerated(t *testing.T) {
	want, err := GenerateSchema(".")
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("answers.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, want) {
		t.Error("answers.schema.json is stale: run `go generate ./...` and commit the result")
	}
	if !bytes.Equal(committed, answersSchema) {
		t.Error("the embedded answers schema differs from answers.schema.json: rebuild")
	}
}

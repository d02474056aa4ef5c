package main

import (
	"bytes"
	"os"
	"testing"
)

// trees.go is what gen writes from the profiles' files.
func TestCommittedTreesAreGenerated(t *testing.T) {
	want, err := source(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../trees.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("profiles/trees.go is stale: run `go generate ./...` and commit the result")
	}
}

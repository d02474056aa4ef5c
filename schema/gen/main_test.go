package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// Each home's defaults_tree.go is what gen writes from its defaults file.
func TestCommittedDefaultsTreesAreGenerated(t *testing.T) {
	for _, name := range schema.Supported() {
		v, _ := schema.Lookup(name)
		doc, err := values.Parse("", v.Defaults)
		if err != nil {
			t.Fatal(err)
		}
		want, err := defaultsSource(v, doc.Root)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", v.DefaultsTreeFile()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run `go generate ./...` and commit the result", v.DefaultsTreeFile())
		}
	}
}

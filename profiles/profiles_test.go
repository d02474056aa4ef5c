package profiles

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Available reads file names only; it must name the same profiles that
// parsing finds, and the default must be one of them.
func TestAvailableMatchesParsedProfiles(t *testing.T) {
	parsed := Names()
	slices.Sort(parsed)
	if got := Available(); !slices.Equal(got, parsed) {
		t.Fatalf("Available() = %v, parsed profiles = %v", got, parsed)
	}
	if !slices.Contains(parsed, Default) {
		t.Fatalf("default profile %q is not embedded (have %v)", Default, parsed)
	}
}

// parseProfile reads a profile from its text, as if embedded as file.
func parseProfile(file string, data []byte) (*Profile, error) {
	doc, err := values.Parse(file, data)
	if err != nil {
		return nil, err
	}
	return fromTree(file, doc.Root)
}

func TestParseProfileName(t *testing.T) {
	const body = "summary: s\nanswers: {replicas: 2}\n"
	if _, err := parseProfile("fast.yaml", []byte("name: fast\n"+body)); err != nil {
		t.Fatalf("matching name refused: %v", err)
	}
	_, err := parseProfile("fast.yaml", []byte("name: quick\n"+body))
	if err == nil || !strings.Contains(err.Error(), "must be its file's name") {
		t.Fatalf("name differing from the file name: err = %v", err)
	}
}

// The trees laid out at build time are the embedded files as values.Parse
// reads them, node for node, under the document name that the go:generate
// line in profiles.go gives each (and its root's position carries).
func TestTreesAreTheParsedFiles(t *testing.T) {
	entries, err := files.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		tree := treeOf(e.Name())
		if tree == nil {
			t.Errorf("%s has no tree: run `go generate ./...`", e.Name())
			continue
		}
		doc, err := values.Parse(tree.Pos.File, data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Root, tree) {
			t.Errorf("%s: its tree differs from the file parsed: run `go generate ./...`", e.Name())
		}
	}
}

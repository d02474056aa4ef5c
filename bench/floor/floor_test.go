package main

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/valuesmith/valuesmith/bench/floor/deps"
)

// TestFloorLinksWhatValuesmithLinks fails when valuesmith links a
// third-party package the floor program does not (or the other way round),
// and when main.go is not what go generate writes.
func TestFloorLinksWhatValuesmithLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	ours, err := deps.ThirdParty("../../cmd/valuesmith")
	if err != nil {
		t.Fatal(err)
	}
	floor, err := deps.ThirdParty(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ours {
		if !slices.Contains(floor, p) {
			t.Errorf("valuesmith links %s, the floor program does not: run go generate ./bench/floor", p)
		}
	}
	for _, p := range floor {
		if !slices.Contains(ours, p) {
			t.Errorf("the floor program links %s, valuesmith does not: run go generate ./bench/floor", p)
		}
	}
	got, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	if want := deps.Source(deps.Importable(ours)); !bytes.Equal(got, want) {
		t.Error("main.go is not what go generate ./bench/floor writes: run it")
	}
}

func TestImportable(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
	}{
		{[]string{"a/b", "a/internal/c", "a/internal", "x/y/internal/z", "internalx/y"}, []string{"a/b", "internalx/y"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := deps.Importable(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Importable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

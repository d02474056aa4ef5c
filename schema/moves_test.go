package schema

import (
	"os"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

// A chart 0.x file checked as chart 1.5 reports each old key once, at the
// key, with its new home, and nothing else; the same settings written the
// chart 1.x way report nothing.
func TestChart0xKeysAreMoves(t *testing.T) {
	v, err := Lookup("1.5")
	if err != nil {
		t.Fatal(err)
	}
	old := validateFile(t, v, "testdata/moves/chart-0.x.yaml")
	moved := map[string]bool{}
	for _, m := range v.LegacyKeys() {
		moved[m.Path] = true
	}
	seen := map[string]bool{}
	for _, f := range old {
		if !moved[f.Path] || !strings.HasPrefix(f.Message, "chart 0.x ") {
			t.Errorf("%d:%d %s: %s (not a chart 0.x move)", f.Line, f.Col, f.Path, f.Message)
		}
		if seen[f.Path] {
			t.Errorf("%s reported twice", f.Path)
		}
		seen[f.Path] = true
	}
	for _, p := range []string{"replicaCount", "image", "service", "ingress", "valkey", "minio", "langfuse.port", "langfuse.salt", "langfuse.nextauth.secret", "langfuse.licenseKey"} {
		if !seen[p] {
			t.Errorf("%s is not reported", p)
		}
	}
	if got := validateFile(t, v, "testdata/moves/chart-1.x.yaml"); len(got) > 0 {
		t.Errorf("the chart 1.x form reports %d findings, first %s: %s", len(got), got[0].Path, got[0].Message)
	}
}

func validateFile(t *testing.T, v *Version, path string) []finding.Finding {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := values.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Validate(doc)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

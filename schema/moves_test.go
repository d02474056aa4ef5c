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

// TestUpgradeFactsLeadBetweenReleases: every fact of the 2.0.0 home's
// upgrade names keys of chart 1.x on its old side and keys of chart 2.0.0
// on its new side.
func TestUpgradeFactsLeadBetweenReleases(t *testing.T) {
	to, err := Lookup("2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	up := to.Upgrade
	if up == nil {
		t.Fatal("chart 2.0.0 has no upgrade")
	}
	from, err := Lookup(up.From)
	if err != nil {
		t.Fatal(err)
	}
	oldDef, newDef := defaultsOf(t, from), defaultsOf(t, to)
	newKey := func(p string) bool {
		ok, err := to.Admits(p)
		if err != nil {
			t.Fatal(err)
		}
		return ok || newDef.Lookup(p) != nil
	}
	removed := func(p string) bool {
		for _, m := range to.Moves {
			if p == m.Path || strings.HasPrefix(p, m.Path+".") {
				return true
			}
		}
		// A Bitnami setting: the 1.x model may list it or let it through
		// its open section; chart 2.0.0 must not read it.
		return !newKey(p)
	}
	for _, m := range append(append([]LegacyKey{}, up.Settings...), to.Moves...) {
		if (m.Carry || m.Convert != nil) && !newKey(m.NewPath) {
			t.Errorf("%s carries to %s, which chart 2.0.0 does not read", m.Path, m.NewPath)
		}
	}
	for _, m := range up.Settings {
		if !m.Carry || !removed(m.Path) {
			t.Errorf("setting %s: want a carried chart 1.x key that chart 2.0.0 does not read", m.Path)
		}
	}
	for _, m := range up.Reused {
		old, err := from.Admits(m.Path)
		if err != nil {
			t.Fatal(err)
		}
		if m.NewPath != "" || !old || !newKey(m.Path) {
			t.Errorf("reused %s: want a key both chart 1.x and chart 2.0.0 read, without a new path", m.Path)
		}
		for _, mv := range to.Moves {
			if mv.Path == m.Path {
				t.Errorf("reused %s is also a move: chart 2.0.0 reads it", m.Path)
			}
		}
	}
	for _, d := range up.Defaults {
		old := d.OldPath
		if old == "" {
			old = d.Path
		}
		if oldDef.Lookup(old) == nil || newDef.Lookup(d.Path) == nil {
			t.Errorf("changed default %s: not a default of both releases", d.Path)
		}
	}
	stores := map[string]bool{}
	for _, s := range to.Stores.Bundled {
		stores[s.Key] = true
	}
	for _, c := range up.Copies {
		if !stores[c.Store] {
			t.Errorf("copy of %s: not a bundled store of chart 2.0.0", c.Store)
		}
	}
	for _, k := range append(up.Images, up.Buckets.Bucket, up.Buckets.Fallback) {
		if !newKey(k) || oldDef.Lookup(k) == nil {
			t.Errorf("%s is not a key of both releases", k)
		}
	}
	if !newKey(up.Buckets.Created) {
		t.Errorf("%s is not a chart 2.0.0 key", up.Buckets.Created)
	}
}

func defaultsOf(t *testing.T, v *Version) *values.Node {
	t.Helper()
	d, err := values.Parse("defaults", v.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	return d.Root
}

package fix

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// options runs every rule, opt-in ones too, as the rule fixtures do.
func options(t *testing.T, only ...string) Options {
	t.Helper()
	v, err := schema.Lookup(schema.DefaultChartVersion)
	if err != nil {
		t.Fatal(err)
	}
	var optIn []string
	for _, r := range rules.All() {
		if r.OptIn {
			optIn = append(optIn, r.ID)
		}
	}
	sel, err := check.Select(nil, optIn, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Check: check.Options{Version: v, Rules: sel.Rules, Policy: sel.Policy}, Only: map[string]bool{}}
	for _, id := range only {
		o.Only[id] = true
	}
	return o
}

func runOne(t *testing.T, o Options, name string, data []byte) *Result {
	t.Helper()
	res, err := Run(o, []Release{{Layers: []*File{{Name: name, Data: data, Editable: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 {
		t.Fatalf("input error: %v", res.InputErrors[0])
	}
	return res
}

// after is a file's content after a run.
func after(res *Result, before []byte) []byte {
	if len(res.Changes) == 0 {
		return before
	}
	return res.Changes[0].After
}

func findingsOf(t *testing.T, o Options, name string, data []byte, rule string) []finding.Finding {
	t.Helper()
	res, err := check.Run(o.Check, []check.Release{{Layers: []check.Input{{Name: name, Data: data}}}})
	if err != nil {
		t.Fatal(err)
	}
	var out []finding.Finding
	for _, f := range res.Findings {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/fix/ -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestRuleFixGoldens applies each fix-bearing rule's fix, and only that
// rule's, to testdata/rules/<rule>/<case>.before.yaml (checked as the chart
// version its first line may name, "# settings: chartVersion=1.5.41") and
// compares the result with <case>.after.yaml. The finding must be there before and gone
// after, and a second run must change nothing. go test ./internal/fix/
// -update rewrites the after files.
func TestRuleFixGoldens(t *testing.T) {
	for _, r := range rules.All() {
		kind := r.FixKind()
		befores, _ := filepath.Glob(filepath.Join("testdata", "rules", r.ID, "*.before.yaml"))
		if kind != "safe" && kind != "secret" {
			if len(befores) > 0 {
				t.Errorf("%s has no fix to apply, but golden cases in testdata/rules/%s", r.ID, r.ID)
			}
			continue
		}
		if len(befores) == 0 {
			t.Errorf("%s has a fix but no golden pair testdata/rules/%s/<case>.before.yaml", r.ID, r.ID)
			continue
		}
		for _, b := range befores {
			name := strings.TrimSuffix(filepath.Base(b), ".before.yaml")
			t.Run(r.ID+"/"+name, func(t *testing.T) {
				src, err := os.ReadFile(b)
				if err != nil {
					t.Fatal(err)
				}
				o := options(t, r.ID)
				o.Check.Version = chartVersionOf(t, src, o.Check.Version)
				if kind == "secret" {
					o.SecretName = "langfuse-values-secrets"
				}
				if len(findingsOf(t, o, "values.yaml", src, r.ID)) == 0 {
					t.Fatalf("%s gives no %s finding to fix", b, r.ID)
				}
				res := runOne(t, o, "values.yaml", src)
				got := after(res, src)
				golden(t, strings.TrimSuffix(b, ".before.yaml")+".after.yaml", got)
				if bytes.Equal(got, src) {
					t.Errorf("the fix changed nothing")
				}
				if left := findingsOf(t, o, "values.yaml", got, r.ID); len(left) > 0 {
					t.Errorf("after the fix: %s", left[0])
				}
				if kind == "secret" {
					manifest, err := res.SecretManifest(o.SecretName, "values.yaml")
					if err != nil {
						t.Fatal(err)
					}
					golden(t, strings.TrimSuffix(b, ".before.yaml")+".secret.yaml", manifest)
				}
				if again := runOne(t, o, "values.yaml", got); len(again.Changes) > 0 {
					t.Errorf("a second run changes the file again:\n%s", again.Changes[0].After)
				}
			})
		}
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "rules", "*"))
	for _, d := range dirs {
		if _, ok := rules.Lookup(filepath.Base(d)); !ok {
			t.Errorf("testdata/rules/%s names no rule", filepath.Base(d))
		}
	}
}

// chartVersionOf reads the chart version of a golden case from a first
// line "# settings: chartVersion=1.5.41", else keeps def.
func chartVersionOf(t *testing.T, src []byte, def *schema.Version) *schema.Version {
	t.Helper()
	first, _, _ := strings.Cut(string(src), "\n")
	const prefix = "# settings: chartVersion="
	if !strings.HasPrefix(first, prefix) {
		return def
	}
	v, err := schema.Lookup(strings.TrimSpace(strings.TrimPrefix(first, prefix)))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEveryFixerNamesARule keeps the fixers and the catalogue together.
func TestEveryFixerNamesARule(t *testing.T) {
	for _, r := range rules.All() {
		fx := r.Fixer()
		if fx == nil {
			continue
		}
		if fx.Safe && fx.Does == "" {
			t.Errorf("%s: a safe fix must say what it does", r.ID)
		}
		if !fx.Safe && fx.Decide == "" {
			t.Errorf("%s: a fix that is not safe must say what to decide", r.ID)
		}
		if fx.Safe && fx.Edits == nil {
			t.Errorf("%s: a safe fix without edits", r.ID)
		}
	}
}

func checkIgnore(rule, path string) check.ConfigIgnore {
	return check.ConfigIgnore{Rule: rule, Path: path, Reason: "test"}
}

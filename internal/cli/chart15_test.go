package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/rules"
)

var ruleIDRE = regexp.MustCompile(`(?m)^\S+: (?:error|warning|info) \[([a-z0-9-]+)\]`)

// Chart 1.5.41's own defaults, checked as chart 1.5.41 values: no schema
// finding, only rules that hold for chart 1.x, and exactly the findings of
// the golden file. The chart's published values.yaml (with its comments)
// runs where the reference files are.
func TestCheckChart15Defaults(t *testing.T) {
	inRepo(t)
	check := func(file string) string {
		code, out, errs := run(t, "check", "--chart-version", "1.5.41", file)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d, stderr %q", file, code, errs)
		}
		ids := ruleIDRE.FindAllStringSubmatch(out, -1)
		if len(ids) == 0 {
			t.Fatalf("%s: no findings parsed from:\n%s", file, out)
		}
		for _, m := range ids {
			r, ok := rules.Lookup(m[1])
			switch {
			case m[1] == "schema":
				t.Errorf("%s: schema finding on the chart's own defaults", file)
			case !ok:
				t.Errorf("%s: unknown rule %s", file, m[1])
			case !r.AppliesTo("1.5.41"):
				t.Errorf("%s: rule %s (chart versions %s) fired for chart 1.5.41", file, m[1], r.Versions)
			}
		}
		return out
	}
	out := check("schema/v15/defaults-1.5.41.yaml")
	for _, want := range []string{"[chart-refuses-values] langfuse.salt:", "[chart-refuses-values] postgresql.auth.password:"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	const upstream = "../shared/reference/upstream-values/langfuse-chart-1.5.41.values.yaml"
	_, err := os.Stat(upstream)
	if err == nil {
		check(upstream)
	}
	t.Chdir("internal/cli")
	golden(t, "check/chart-1.5-defaults.golden", []byte(out))
	if err != nil {
		t.Log("reference values not present; upstream file skipped")
	}
}

func TestSchemaCommandPrintsChart15Schema(t *testing.T) {
	inRepo(t)
	code, out, _ := run(t, "schema", "--chart-version", "1.5.41")
	want, err := os.ReadFile("schema/v15/values.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if code != ExitOK || out != string(want) {
		t.Fatalf("exit %d; output equals the committed 1.5.41 schema: %v", code, out == string(want))
	}
}

// generate writes values for the newest chart only: asked for chart 1.x,
// it refuses with exit 2 and points at check and migrate instead.
func TestGenerateRefusesChart15(t *testing.T) {
	for _, args := range [][]string{
		{"generate", "--example", "--chart-version", "1.5.41"},
		{"generate", "--example", "--chart-version", "1.5.2"},
	} {
		code, out, errs := run(t, args...)
		if code != ExitUsage || out != "" {
			t.Errorf("%v: exit %d, stdout %d bytes; want exit %d and nothing written", args, code, len(out), ExitUsage)
		}
		for _, want := range []string{"generate writes values for the newest chart", "valuesmith migrate --to"} {
			if !strings.Contains(errs, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, errs)
			}
		}
	}
	if code, _, errs := run(t, "generate", "--example", "--chart-version", "2.0.0"); code != ExitOK {
		t.Errorf("--chart-version 2.0.0: exit %d: %s", code, errs)
	}
}

package check

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

// Rule fixtures live in internal/rules/testdata/<rule-id>/:
//
//   - pass*.yaml must give no finding of the rule;
//   - fail*.yaml must give findings of the rule exactly on the lines marked
//     with a comment "# want: <rule-id>" (several IDs separated by commas),
//     or "# want-next: <rule-id>" on the line above a line that already
//     carries a comment; "# want-file: <rule-id>" anywhere expects a finding at
//     the top of the file (1:1), where a finding goes when no parent key is
//     written; "# want-template: <rule-id>" expects a finding located in a
//     chart template rather than in the values file (line 0).
//
// A fixture may start with "# settings: release=x startupSeconds=90
// chartVersion=1.5.41" and may
// carry a .valuesmith.yaml config beside it under the same name with the
// suffix .config.yaml. Every rule, opt-in ones included, runs on every
// fixture; only the rule of the directory is compared.
const fixtureRoot = "../rules/testdata"

var (
	wantRE     = regexp.MustCompile(`#\s*want:\s*([a-z0-9,-]+)`)
	wantNextRE = regexp.MustCompile(`#\s*want-next:\s*([a-z0-9,-]+)`)
	wantFileRE = regexp.MustCompile(`#\s*want-file:\s*([a-z0-9,-]+)`)
	wantTplRE  = regexp.MustCompile(`#\s*want-template:\s*([a-z0-9,-]+)`)
	settingsRE = regexp.MustCompile(`^#\s*settings:(.*)$`)
)

func expectations(t *testing.T, src []byte, rule string) []int {
	t.Helper()
	var want []int
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		for _, m := range wantRE.FindAllStringSubmatch(l, -1) {
			if slices.Contains(strings.Split(m[1], ","), rule) {
				want = append(want, i+1)
			}
		}
		for _, m := range wantNextRE.FindAllStringSubmatch(l, -1) {
			if slices.Contains(strings.Split(m[1], ","), rule) {
				want = append(want, i+2)
			}
		}
		for _, m := range wantFileRE.FindAllStringSubmatch(l, -1) {
			if slices.Contains(strings.Split(m[1], ","), rule) {
				want = append(want, 1) // the top of the file: no parent key is written
			}
		}
		for _, m := range wantTplRE.FindAllStringSubmatch(l, -1) {
			if slices.Contains(strings.Split(m[1], ","), rule) {
				want = append(want, 0) // in a template of the chart, not in the values
			}
		}
	}
	sort.Ints(want)
	return slices.Compact(want)
}

// testChart is the Langfuse-style chart that manifest-rule fixtures render
// through; testCharts are the test charts by chart major.
const testChart = "../../testdata/charts/langfuse"

var testCharts = map[string]string{
	"2": testChart,
	"1": "../../testdata/charts/langfuse-1.5",
}

type fixtureOptions struct {
	settings rules.Settings
	autoAPIs bool
	// chartVersion is the chart version the fixture is for (chartVersion=1.5.41).
	chartVersion string
	// detect: no chart version is given, check tells it from the keys.
	detect bool
	// newerChart, when set, renders through a copy of the test chart that
	// calls itself this version and has one key more than the model
	// (newerChartKey), as a chart newer than the model would.
	newerChart string
	// chart, when set, renders through testdata/charts/hostile/<chart>
	// (chart=undefined-template).
	chart string
}

// newerChartKey is the key the newer test chart adds to its values.yaml.
const newerChartKey = "newerChartSetting"

func fixtureSettings(t *testing.T, src []byte) fixtureOptions {
	t.Helper()
	o := fixtureOptions{autoAPIs: true, chartVersion: schema.DefaultChartVersion}
	s := &o.settings
	first, _, _ := strings.Cut(string(src), "\n")
	m := settingsRE.FindStringSubmatch(first)
	if m == nil {
		return o
	}
	for _, kv := range strings.Fields(m[1]) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "release":
			s.Release = v
		case "startupSeconds":
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("bad settings line %q", first)
			}
			s.StartupSeconds, s.StartupSecondsSet = n, true
		case "autoAPIVersions":
			o.autoAPIs = v == "true"
		case "chartVersion":
			if v == "detect" {
				o.detect = true
				break
			}
			o.chartVersion = v
		case "newerChart":
			o.newerChart = v
		case "chart":
			o.chart = v
		default:
			t.Fatalf("unknown fixture setting %q", k)
		}
	}
	return o
}

// runFixture checks one fixture file with every rule on and returns the
// findings of all rules. With render, it also renders through the test
// chart (for the manifest rules).
func runFixture(t *testing.T, path string, render bool) []finding.Finding {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cfg *Config
	cfgPath := strings.TrimSuffix(path, ".yaml") + ".config.yaml"
	if _, err := os.Stat(cfgPath); err == nil {
		if cfg, err = LoadConfig(cfgPath); err != nil {
			t.Fatalf("fixture config: %v", err)
		}
	}
	sel, err := Select(cfg, rules.IDs(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fo := fixtureSettings(t, src)
	if cfg != nil && cfg.Deploy != "" {
		fo.settings.Deploy = cfg.Deploy
	}
	v, err := schema.Lookup(fo.chartVersion)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Version: v, Rules: sel.Rules, Policy: sel.Policy, Settings: fo.settings}
	if fo.detect {
		opts.Version = nil
	}
	if fo.newerChart != "" {
		useNewerChart(t, &opts, fo.newerChart)
	}
	if render && opts.Chart == nil {
		dir := testCharts[v.Major()]
		if fo.chart != "" {
			dir = filepath.Join("../../testdata/charts/hostile", fo.chart)
		}
		c, err := chart.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		opts.Chart = c
		opts.Render = chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: fo.autoAPIs}
	}
	res, err := Run(opts, []Release{{Layers: []Input{{Name: path, Data: src}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 {
		t.Fatalf("fixture does not parse: %v", res.InputErrors[0])
	}
	return res.Findings
}

func TestRuleFixtures(t *testing.T) {
	dirs, err := os.ReadDir(fixtureRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if _, ok := rules.Lookup(d.Name()); !ok {
			t.Errorf("fixture directory %s names no rule", d.Name())
		}
	}
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join(fixtureRoot, r.ID)
			passes, _ := filepath.Glob(filepath.Join(dir, "pass*.yaml"))
			fails, _ := filepath.Glob(filepath.Join(dir, "fail*.yaml"))
			passes = withoutConfigs(passes)
			fails = withoutConfigs(fails)
			if len(passes) == 0 {
				t.Errorf("rule %s has no passing fixture (%s/pass*.yaml)", r.ID, dir)
			}
			if len(fails) == 0 {
				t.Errorf("rule %s has no failing fixture (%s/fail*.yaml)", r.ID, dir)
			}
			for _, p := range append(passes, fails...) {
				src, _ := os.ReadFile(p)
				want := expectations(t, src, r.ID)
				isFail := strings.HasPrefix(filepath.Base(p), "fail")
				if isFail && len(want) == 0 {
					t.Errorf("%s: a failing fixture needs at least one '# want: %s' marker", p, r.ID)
				}
				if !isFail && len(want) > 0 {
					t.Errorf("%s: a passing fixture must not carry want markers for its rule", p)
				}
				all := runFixture(t, p, r.Category == rules.Manifests)
				var got []int
				for _, f := range all {
					if f.RuleID == finding.SchemaRule && r.ID != finding.SchemaRule {
						t.Errorf("%s: fixture is not schema-valid: %s", p, f)
					}
					if f.RuleID == r.ID {
						got = append(got, f.Line)
					}
				}
				sort.Ints(got)
				got = slices.Compact(got)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					var lines []string
					for _, f := range all {
						if f.RuleID == r.ID {
							lines = append(lines, "  "+f.String())
						}
					}
					t.Errorf("%s: %s findings on lines %v, want %v\n%s", p, r.ID, got, want, strings.Join(lines, "\n"))
				}
			}
		})
	}
}

func withoutConfigs(paths []string) []string {
	return slices.DeleteFunc(paths, func(p string) bool { return strings.HasSuffix(p, ".config.yaml") })
}

func TestRuleIDsAreUniqueAndWellFormed(t *testing.T) {
	seen := map[string]bool{}
	id := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
	for _, r := range rules.All() {
		if seen[r.ID] {
			t.Errorf("two rules share the ID %s", r.ID)
		}
		seen[r.ID] = true
		if !id.MatchString(r.ID) && r.ID != finding.SchemaRule {
			t.Errorf("rule ID %q is not kebab-case", r.ID)
		}
		if r.Summary == "" || r.Rationale == "" || r.Remediation == "" || r.Category == "" || r.Severity == 0 {
			t.Errorf("rule %s lacks a summary, rationale, remediation, category or severity", r.ID)
		}
		if r.Check == nil && r.Category != rules.Suppression && r.Category != rules.Manifests && r.Category != rules.Versions && r.Category != rules.Schema {
			t.Errorf("rule %s has no check", r.ID)
		}
		if strings.Contains(r.Summary, "\n") {
			t.Errorf("rule %s: summary must be one line", r.ID)
		}
	}
	if !seen[finding.SchemaRule] {
		t.Errorf("the catalogue lacks rule %q, which explain and --disable need", finding.SchemaRule)
	}
}

// useNewerChart checks against a copy of the test chart that calls itself
// version and knows newerChartKey, as a chart newer than the model would.
func useNewerChart(t *testing.T, opts *Options, version string) {
	t.Helper()
	c, err := chart.Load(testChart)
	if err != nil {
		t.Fatal(err)
	}
	c.Metadata.Version = version
	for _, f := range c.Raw {
		if f.Name == "values.yaml" {
			f.Data = append(f.Data, []byte("\n"+newerChartKey+": false\n")...)
		}
	}
	c.Values[newerChartKey] = false
	res, err := schema.Resolve(version)
	if err != nil {
		t.Fatal(err)
	}
	opts.Version, opts.ChartVersion, opts.VersionNote, opts.ChartDefaults = res.Version, res.ChartVersion, res.Note, true
	opts.Chart = c
	opts.Render = chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}
}

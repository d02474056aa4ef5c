package check

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	helmchart "helm.sh/helm/v3/pkg/chart"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// The fidelity corpus (testdata/fidelity) holds one case per class of
// issue 12: a values file layered over a base (base-external.yaml or
// base-bundled.yaml, as helm -f base -f case), the findings it must give
// and must not give, and whether chart 2.0.0 renders it. Each case is
// checked without --chart; a case with a render claim is also rendered
// through the test chart with Helm's engine, which must refuse exactly
// when the case says so; "# chart: yes" cases are checked with --chart as
// well. The header lines:
//
//	# base: external | bundled | none
//	# render: fails | renders
//	# want: <rule> <path> [@<line>] ["<text in the message>"]   (values-only)
//	# absent: <rule> [<path>]                                   (values-only)
//	# chart-want / chart-absent: the same, for the --chart run
//	# severity: <rule> <error|warning|info>
//	# config: <.valuesmith.yaml text on one line, \n for new lines>
//
// The cases were also rendered with helm template against the upstream
// chart 2.0.0 (its dependencies removed); the render claims hold there too.
const fidelityDir = "testdata/fidelity"

type fidelityWant struct {
	rule, path string
	line       int
	text       string
}

type fidelityCase struct {
	name, file, base, render string
	want, absent             []fidelityWant
	chartWant, chartAbsent   []fidelityWant
	severity                 map[string]finding.Severity
	config                   string
	chart                    bool
	src                      []byte
}

var wantLineRE = regexp.MustCompile(`^(\S+)(?:\s+([^\s@"]+))?(?:\s+@(\d+))?(?:\s+"(.*)")?\s*$`)

func parseWant(t *testing.T, file, s string) fidelityWant {
	t.Helper()
	m := wantLineRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		t.Fatalf("%s: bad expectation %q", file, s)
	}
	w := fidelityWant{rule: m[1], path: m[2], text: m[4]}
	if m[3] != "" {
		w.line, _ = strconv.Atoi(m[3])
	}
	return w
}

func fidelityCases(t *testing.T) []fidelityCase {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(fidelityDir, "*.yaml"))
	var out []fidelityCase
	for _, p := range files {
		if strings.HasPrefix(filepath.Base(p), "base-") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := fidelityCase{name: strings.TrimSuffix(filepath.Base(p), ".yaml"), file: p, src: src, base: "external", severity: map[string]finding.Severity{}}
		for _, l := range strings.Split(string(src), "\n") {
			key, val, ok := strings.Cut(strings.TrimPrefix(l, "#"), ":")
			if !strings.HasPrefix(l, "# ") || !ok {
				continue
			}
			val = strings.TrimSpace(val)
			switch strings.TrimSpace(key) {
			case "base":
				c.base = val
			case "render":
				c.render = val
			case "want":
				c.want = append(c.want, parseWant(t, p, val))
			case "absent":
				c.absent = append(c.absent, parseWant(t, p, val))
			case "chart-want":
				c.chart = true
				c.chartWant = append(c.chartWant, parseWant(t, p, val))
			case "chart-absent":
				c.chart = true
				c.chartAbsent = append(c.chartAbsent, parseWant(t, p, val))
			case "severity":
				rule, sev, _ := strings.Cut(val, " ")
				s, err := finding.ParseSeverity(sev)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				c.severity[rule] = s
			case "config":
				c.config = strings.ReplaceAll(val, `\n`, "\n")
			}
		}
		if c.render != "" && c.render != "fails" && c.render != "renders" {
			t.Fatalf("%s: render: %q", p, c.render)
		}
		out = append(out, c)
	}
	if len(out) < 10 {
		t.Fatalf("the fidelity corpus holds %d cases", len(out))
	}
	return out
}

func (c fidelityCase) layers(t *testing.T) []Input {
	t.Helper()
	var in []Input
	if c.base != "none" {
		p := filepath.Join(fidelityDir, "base-"+c.base+".yaml")
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Name: p, Data: src})
	}
	return append(in, Input{Name: c.file, Data: c.src})
}

func (c fidelityCase) run(t *testing.T, ch *helmchart.Chart) *Result {
	t.Helper()
	var cfg *Config
	settings := rules.Settings{}
	if c.config != "" {
		p := filepath.Join(t.TempDir(), ConfigFileName)
		if err := os.WriteFile(p, []byte(c.config), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if cfg, err = LoadConfig(p); err != nil {
			t.Fatal(err)
		}
		settings = cfg.Settings()
	}
	sel, err := Select(cfg, rules.IDs(), nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := schema.Lookup("2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Version: v, Rules: sel.Rules, Policy: sel.Policy, Settings: settings}
	if ch != nil {
		opts.Chart = ch
		opts.Render = chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}
	}
	res, err := Run(opts, []Release{{Layers: c.layers(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 {
		t.Fatalf("input error: %v", res.InputErrors[0])
	}
	return res
}

func matchWant(f finding.Finding, w fidelityWant) bool {
	return f.RuleID == w.rule && (w.path == "" || f.Path == w.path) &&
		(w.line == 0 || f.Line == w.line) && strings.Contains(f.Message, w.text)
}

func assertFindings(t *testing.T, fs []finding.Finding, want, absent []fidelityWant, severity map[string]finding.Severity) {
	t.Helper()
	for _, w := range want {
		n := 0
		for _, f := range fs {
			if matchWant(f, w) {
				n++
				if s, ok := severity[f.RuleID]; ok && f.Severity != s {
					t.Errorf("%s is %s, want %s", f, f.Severity, s)
				}
			}
		}
		if n != 1 {
			t.Errorf("want exactly one finding %+v, got %d", w, n)
		}
	}
	for _, w := range absent {
		for _, f := range fs {
			if matchWant(f, w) {
				t.Errorf("unexpected finding: %s", f)
			}
		}
	}
	if t.Failed() {
		for _, f := range fs {
			t.Logf("  %s", f)
		}
	}
}

// refusesToRender is what a finding says when it claims the chart fails.
func refusesToRender(f finding.Finding) bool {
	return strings.Contains(f.Message, "the chart refuses to render")
}

// testChartRefuses renders the case through the test chart with Helm's
// engine (no valuesmith prediction involved) and returns the chart's
// failures.
func testChartRefuses(t *testing.T, ch *helmchart.Chart, c fidelityCase) []string {
	t.Helper()
	v, _ := schema.Lookup("2.0.0")
	var docs []*values.Document
	for _, in := range c.layers(t) {
		d, err := values.Parse(in.Name, in.Data)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	in := rules.Input{Chart: v, Layers: docs}
	ctx := rules.Effective(in)
	var roots []*values.Node
	for _, d := range docs {
		roots = append(roots, d.Root)
	}
	user, _ := values.Layer(roots...).Interface().(map[string]any)
	cr, err := chart.Check(chart.Options{Release: "langfuse", Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}, ch, ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range cr.Findings {
		if f.RuleID == "chart-render" {
			out = append(out, f.Message)
		}
	}
	return out
}

func TestFidelityCorpus(t *testing.T) {
	cases := fidelityCases(t)
	ch, err := chart.Load(charttest.WithSubcharts(t))
	if err != nil {
		t.Fatal(err)
	}
	var failures, named, claims, confirmed int
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := c.run(t, nil)
			assertFindings(t, res.Findings, c.want, c.absent, c.severity)
			claimed := false
			for _, f := range res.Findings {
				claimed = claimed || refusesToRender(f)
			}
			if c.render != "" {
				refused := testChartRefuses(t, ch, c)
				if got := len(refused) > 0; got != (c.render == "fails") {
					t.Errorf("render: %s, but the test chart refused: %v", c.render, refused)
				}
				if c.render == "fails" {
					failures++
					if claimed {
						named++
					} else {
						t.Errorf("the chart refuses to render, but no finding says so")
					}
				}
				if claimed {
					claims++
					if len(refused) > 0 {
						confirmed++
					}
				}
			} else if claimed {
				t.Errorf("a finding claims a render failure in a case without a render claim")
			}
			if c.chart {
				cres := c.run(t, ch)
				assertFindings(t, cres.Findings, c.chartWant, c.chartAbsent, c.severity)
			}
		})
	}
	t.Logf("fidelity: values-only check names %d of %d render failures as render failures; the test chart confirms %d of %d render claims",
		named, failures, confirmed, claims)
}

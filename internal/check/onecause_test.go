package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

// oneCauseInput is a values file checked for repeated findings.
type oneCauseInput struct {
	name    string
	version string // the chart version it is checked as
	data    []byte
}

// oneCauseInputs are the chart's own defaults (the repository's copies,
// and the published values.yaml where the reference files are present)
// and the generator's output for every profile.
func oneCauseInputs(t *testing.T) []oneCauseInput {
	t.Helper()
	root := charttest.Root(t)
	var ins []oneCauseInput
	for _, d := range []struct{ path, version string }{
		{"schema/v20/defaults-2.0.0.yaml", "2.0.0"},
		{"schema/v15/defaults-1.5.41.yaml", "1.5.41"},
		{"../shared/reference/upstream-values/langfuse-chart-2.0.0.values.yaml", "2.0.0"},
		{"../shared/reference/upstream-values/langfuse-chart-1.5.41.values.yaml", "1.5.41"},
	} {
		data, err := os.ReadFile(filepath.Join(root, d.path))
		if err != nil && strings.HasPrefix(d.path, "../") {
			// A worktree under /work/wt/<branch> has the reference files
			// one level further up.
			data, err = os.ReadFile(filepath.Join(root, "..", d.path))
		}
		if err != nil {
			t.Logf("%s not present: %v", d.path, err)
			continue
		}
		ins = append(ins, oneCauseInput{name: d.path, version: d.version, data: data})
	}
	for _, p := range profiles.Names() {
		a, err := spec.Assemble(spec.Inputs{Profile: p, Example: true})
		if err != nil {
			t.Fatal(err)
		}
		res, err := generate.Values(a)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, oneCauseInput{name: "profile " + p, version: a.Spec.ChartVersion, data: res.Values})
	}
	return ins
}

// checkOnce checks one file with every rule, rendering it through the test
// chart of its major when render is set.
func checkOnce(t *testing.T, in oneCauseInput, render bool) []finding.Finding {
	t.Helper()
	v, err := schema.Lookup(in.version)
	if err != nil {
		t.Fatal(err)
	}
	sel, err := check.Select(nil, rules.IDs(), nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := check.Options{Version: v, Rules: sel.Rules, Policy: sel.Policy}
	if render {
		dir := charttest.Path(t)
		if v.Major() == "1" {
			dir = charttest.Path15(t)
		}
		c, err := chart.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		opts.Chart = c
		opts.Render = chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}
	}
	res, err := check.Run(opts, []check.Release{{Layers: []check.Input{{Name: "values.yaml", Data: in.data}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 {
		t.Fatalf("%s: %v", in.name, res.InputErrors[0])
	}
	return res.Findings
}

// repeated lists the findings that repeat another: the same rule at the
// same file, line and key path, or a manifest rule echoing the values rule
// that names the same root cause at the same key.
func repeated(fs []finding.Finding) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		k := fmt.Sprintf("%s %s:%d %s", f.RuleID, f.File, f.Line, f.Path)
		if seen[k] {
			out = append(out, "twice: "+f.String())
		}
		seen[k] = true
		if rules.Echoed(f, fs) {
			out = append(out, "echo of a values rule: "+f.String())
		}
	}
	return out
}

// On the chart's own defaults and on every generated profile, with and
// without --chart, no finding is reported twice and no root cause by two
// rules.
func TestNoRepeatedFindings(t *testing.T) {
	for _, in := range oneCauseInputs(t) {
		for _, render := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/chart=%v", in.name, render), func(t *testing.T) {
				fs := checkOnce(t, in, render)
				for _, r := range repeated(fs) {
					t.Error(r)
				}
				for _, f := range fs {
					if f.ChartDefault != strings.Contains(f.Message, "(not set in your values") {
						t.Errorf("chartDefault %v: %s", f.ChartDefault, f)
					}
				}
			})
		}
	}
}

// Each root cause the issue saw reported more than once is one finding, at
// the entry the user wrote.
func TestOneRootCauseOneFinding(t *testing.T) {
	const stores = `postgresql:
  deploy: false
  host: db.example.com
  auth: {username: langfuse, database: langfuse, existingSecret: pg, secretKeys: {userPasswordKey: password}}
redis:
  deploy: false
  host: redis.example.com
  auth: {existingSecret: redis, existingSecretPasswordKey: password}
clickhouse:
  deploy: false
  host: https://ch.example.com
  auth: {existingSecret: ch, existingSecretKey: password}
s3:
  deploy: false
  bucket: langfuse-data
  region: eu-west-1
`
	cases := []struct {
		name    string
		version string
		render  bool
		values  string
		rule    string // reported once, at line
		line    int
		path    string
		absent  string // a rule that must not report
	}{
		{
			name: "shared floating tag", version: "2.0.0",
			values: "langfuse:\n  image:\n    tag: latest\n",
			rule:   "image-tag-floating", line: 3, path: "langfuse.image.tag",
		},
		{
			name: "worker port without PORT", version: "2.0.0", render: true,
			values: stores + "langfuse:\n  worker:\n    port: 3031\n",
			rule:   "worker-probe-port", line: 19, path: "langfuse.worker.port", absent: "manifest-probe-port",
		},
		{
			name: "global PORT", version: "2.0.0", render: true,
			values: stores + "langfuse:\n  additionalEnv:\n    - name: PORT\n      value: \"8080\"\n",
			rule:   "worker-probe-port", line: 19, path: "langfuse.additionalEnv[0]", absent: "manifest-probe-port",
		},
		{
			name: "spread selector typo", version: "2.0.0", render: true,
			values: stores + `langfuse:
  web:
    replicas: 2
    pod:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app.kubernetes.io/name: langfuse, app.kubernetes.io/instance: langfuse, app.kubernetes.io/component: wbe}
`,
			rule: "topology-spread-selector", line: 22, path: "langfuse.web.pod.topologySpreadConstraints[0]", absent: "manifest-spread-selector",
		},
		{
			name: "chart 1.x redis block", version: "2.0.0",
			values: "redis:\n  primary:\n    extraFlags:\n      - --maxmemory-policy allkeys-lru\n",
			rule:   finding.SchemaRule, line: 3, path: "redis.primary.extraFlags",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := checkOnce(t, oneCauseInput{name: c.name, version: c.version, data: []byte(c.values)}, c.render)
			var got []finding.Finding
			for _, f := range fs {
				if f.RuleID == c.rule {
					got = append(got, f)
				}
				if f.RuleID == c.absent {
					t.Errorf("%s repeats %s: %s", c.absent, c.rule, f)
				}
			}
			if len(got) != 1 || got[0].Line != c.line || got[0].Path != c.path {
				t.Errorf("want one %s finding at line %d, %s; got %v", c.rule, c.line, c.path, got)
			}
			for _, r := range repeated(fs) {
				t.Error(r)
			}
			for _, f := range fs {
				if f.ChartDefault != strings.Contains(f.Message, "(not set in your values") {
					t.Errorf("chartDefault %v: %s", f.ChartDefault, f)
				}
			}
		})
	}
}

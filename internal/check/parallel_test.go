package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/setflags"
	"github.com/valuesmith/valuesmith/internal/values"
)

// corpus is every rule fixture plus files that do not parse, each a
// release, read lazily as the CLI reads them.
func corpus(t testing.TB) []Release {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.yaml"))
	if err != nil || len(paths) < 150 {
		t.Fatalf("fixtures: %d, %v", len(paths), err)
	}
	// Every third fixture: all the rules' directories, a quarter of
	// the time.
	var some []string
	for i := 0; i < len(paths); i += 3 {
		some = append(some, paths[i])
	}
	paths = some
	paths = append(paths, "../../testdata/bad/empty.yaml", "../../testdata/bad/duplicate-key.yaml", "missing.yaml")
	var out []Release
	for _, p := range paths {
		out = append(out, Release{Layers: []Input{{Name: p, Read: func() ([]byte, error) { return values.ReadFile(p) }}}})
	}
	return out
}

// view is what a report can show of a result: everything but the
// functions inside fixes, which reflect.DeepEqual cannot compare.
func view(t *testing.T, res *Result) string {
	t.Helper()
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(data)
	for _, f := range res.Findings {
		if f.Fix != nil {
			fmt.Fprintf(&b, "\n%s %s:%d fix safe=%v decide=%q edits=%d secret=%v", f.RuleID, f.File, f.Line, f.Fix.Safe, f.Fix.Decide, len(f.Fix.Edits), f.Fix.Secret != nil)
		}
	}
	return b.String()
}

// runWith runs the check on procs cores.
func runWith(t *testing.T, procs int, opts Options, rels []Release) *Result {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	res, err := Run(opts, rels)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestParallelEqualsSequential: the releases of a run are checked on
// several cores; what the run reports is what a run on one core reports.
func TestParallelEqualsSequential(t *testing.T) {
	sel, _ := Select(nil, nil, nil)
	shared := Input{Name: "../../testdata/check/layered/base.yaml"}
	shared.Data, shared.Err = os.ReadFile(shared.Name)
	withBase := func(rels []Release) []Release {
		var out []Release
		for _, r := range rels {
			out = append(out, Release{Layers: append([]Input{shared}, r.Layers...), Sets: r.Sets})
		}
		return out
	}
	sets, err := setflags.New(map[string][]string{setflags.Set: {"langfuse.web.replicas=1"}}, values.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	withSets := func(rels []Release) []Release {
		for i := range rels {
			rels[i].Sets = sets
		}
		return rels
	}
	tests := []struct {
		name string
		opts Options
		rels func() []Release
	}{
		{"files", Options{Rules: sel.Rules, Policy: sel.Policy}, func() []Release { return corpus(t) }},
		{"shared layer and set flags", Options{Rules: sel.Rules, Policy: sel.Policy}, func() []Release { return withSets(withBase(corpus(t))) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one := runWith(t, 1, tt.opts, tt.rels())
			four := runWith(t, 4, tt.opts, tt.rels())
			if len(one.Findings) < 50 || len(one.InputErrors) != 3 {
				t.Fatalf("corpus gave %d findings and %d input errors; want many and 3", len(one.Findings), len(one.InputErrors))
			}
			if view(t, one) != view(t, four) {
				t.Errorf("a run on 4 cores differs from a run on 1")
			}
		})
	}
}

// TestParallelChartEqualsSequential: the same with --chart, where renders
// take turns through Helm.
func TestParallelChartEqualsSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the chart")
	}
	sel, _ := Select(nil, nil, nil)
	c, err := chart.Load(charttest.WithSubcharts(t))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Rules: sel.Rules, Policy: sel.Policy, Chart: c,
		Render: chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}}
	rels := corpus(t)[:12]
	one := runWith(t, 1, opts, rels)
	four := runWith(t, 4, opts, rels)
	if len(one.Releases) < 10 {
		t.Fatalf("rendered %d releases", len(one.Releases))
	}
	if view(t, one) != view(t, four) {
		t.Errorf("a run on 4 cores differs from a run on 1")
	}
}

// TestReadsLazily: a file is read when its release is checked, and a read
// error is the file's input error.
func TestReadsLazily(t *testing.T) {
	read := 0
	in := Input{Name: "x.yaml", Read: func() ([]byte, error) { read++; return nil, errors.New("no such file") }}
	res, err := Run(Options{}, []Release{{Layers: []Input{in}}, {Layers: []Input{in}}})
	if err != nil {
		t.Fatal(err)
	}
	if read != 1 || len(res.InputErrors) != 1 || res.InputErrors[0].File != "x.yaml" {
		t.Errorf("read %d times, input errors %v", read, res.InputErrors)
	}
}

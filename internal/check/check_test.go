package check

import (
	"os"
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/schema"
)

func loadInput(tb testing.TB, path string) Input {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return Input{Name: path, Data: data}
}

func TestProductionFileIsSchemaClean(t *testing.T) {
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	res, err := Run(Options{Version: v}, []Release{{Layers: []Input{loadInput(t, "../../examples/production.yaml")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 || len(res.Findings) > 0 {
		t.Fatalf("input errors %v, findings %v", res.InputErrors, res.Findings)
	}
}

// BenchmarkCheckProduction measures checking a realistic production values
// file in a process that has checked before: parse with positions, schema
// validation against the compiled schema, the whole rule catalogue and the
// policy. BenchmarkCheckProductionFirst is the same check in a process that
// has not (what one CLI run pays).
func BenchmarkCheckProduction(b *testing.B) {
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	in := loadInput(b, "../../examples/production.yaml")
	if _, err := v.Compiled(); err != nil {
		b.Fatal(err)
	}
	ck, err := v.Checker()
	if err != nil {
		b.Fatal(err)
	}
	if ck.Full, err = v.Compiled(); err != nil {
		b.Fatal(err)
	}
	sel, _ := Select(nil, nil, nil)
	b.ReportAllocs()
	b.SetBytes(int64(len(in.Data)))
	for b.Loop() {
		if _, err := Run(Options{Version: v, Rules: sel.Rules, Policy: sel.Policy}, []Release{{Layers: []Input{in}}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckProductionFirst is one check as a fresh process runs it: the
// schema is decoded and pruned to the file's keys, the pruned schema
// compiled, then the rules run.
func BenchmarkCheckProductionFirst(b *testing.B) {
	in := loadInput(b, "../../examples/production.yaml")
	sel, _ := Select(nil, nil, nil)
	b.ReportAllocs()
	for b.Loop() {
		v, err := schema.Fresh(schema.DefaultChartVersion)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(Options{Version: v, Rules: sel.Rules, Policy: sel.Policy}, []Release{{Layers: []Input{in}}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchemaCompile is the one-off cost a process pays before its first
// check.
func BenchmarkSchemaCompile(b *testing.B) {
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	for b.Loop() {
		if _, err := schema.CompileJSON(v.JSON()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckChart measures check --chart on the production example:
// schema, rules, rendering through the test chart, manifest rules and
// Kubernetes validation. The chart is loaded once, outside the loop.
func BenchmarkCheckChart(b *testing.B) {
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	in := loadInput(b, "../../examples/production.yaml")
	c, err := chart.Load(charttest.Path(b))
	if err != nil {
		b.Fatal(err)
	}
	sel, _ := Select(nil, nil, nil)
	opts := Options{Version: v, Rules: sel.Rules, Policy: sel.Policy, Chart: c,
		Render: chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(opts, []Release{{Layers: []Input{in}}}); err != nil {
			b.Fatal(err)
		}
	}
}

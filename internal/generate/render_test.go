package generate

import (
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

// The generator's output for every profile renders through the Langfuse-style
// test chart (with its sub-charts, as after helm dependency build) without a
// single finding beyond the warnings the profile accepts and infos.
func TestGeneratedValuesRenderThroughChart(t *testing.T) {
	c, err := chart.Load(charttest.WithSubcharts(t))
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string]map[string]string{
		"":                   {},
		"keda-queue-cluster": {"worker-autoscaling": "keda-queue", "redis-topology": "cluster", "redis-nodes": "r1.example.internal:6379,r2.example.internal:6379"},
		"sentinel-identity":  {"redis-topology": "sentinel", "redis-sentinel-master": "primary", "redis-sentinel-nodes": "s1.example.internal:26379", "s3-credentials": "workload-identity", "release": "observability"},
	}
	for _, p := range profiles.Names() {
		for name, flags := range variants {
			if p == "evaluation" && name != "" {
				continue // bundled stores: no Redis topology to choose
			}
			t.Run(p+"/"+name, func(t *testing.T) {
				a, err := spec.Assemble(spec.Inputs{Profile: p, Example: true, Flags: flags})
				if err != nil {
					t.Fatal(err)
				}
				if ps := a.Validate(); len(ps) > 0 {
					t.Fatal(ps)
				}
				res, err := Values(a)
				if err != nil {
					t.Fatal(err)
				}
				v, _ := schema.Lookup(a.Spec.ChartVersion)
				sel, _ := check.Select(nil, nil, nil)
				out, err := check.Run(check.Options{
					Version: v, Rules: sel.Rules, Policy: sel.Policy,
					Settings: rules.Settings{Release: a.Spec.Release, StartupSeconds: a.Spec.StartupSeconds, StartupSecondsSet: true},
					Chart:    c,
					Render:   chart.Options{Namespace: a.Spec.Namespace, KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true},
				}, []check.Release{{Layers: []check.Input{{Name: "values.yaml", Data: res.Values}}}})
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range out.Findings {
					r, _ := rules.Lookup(f.RuleID)
					switch {
					case f.Severity == finding.Info && r != nil && r.Category != rules.Manifests:
					case f.Severity == finding.Warning && a.Accepts(f.RuleID):
					case f.RuleID == "manifest-not-validated" && p == "evaluation":
						// ClickHouseCluster and KeeperCluster have no schema.
					default:
						t.Errorf("%s", f)
					}
				}
				if len(out.Releases) != 1 || len(out.Releases[0].Secrets) == 0 {
					t.Errorf("no Secrets listed for the release")
				}
			})
		}
	}
}

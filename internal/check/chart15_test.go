package check

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

// renderCheck15 checks values (helm -f order) as chart 1.5.41 values with
// every rule, rendering them through the chart 1.x test double.
func renderCheck15(t *testing.T, layers ...Input) *Result {
	t.Helper()
	return check15(t, true, layers...)
}

// check15 is renderCheck15, or without rendering when render is false.
func check15(t *testing.T, render bool, layers ...Input) *Result {
	t.Helper()
	c, err := chart.Load(charttest.Path15(t))
	if err != nil {
		t.Fatal(err)
	}
	v, err := schema.Lookup("1.5.41")
	if err != nil {
		t.Fatal(err)
	}
	sel, _ := Select(nil, rules.IDs(), nil)
	opts := Options{Version: v, Rules: sel.Rules, Policy: sel.Policy}
	if render {
		opts.Chart = c
		opts.Render = chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}
	}
	res, err := Run(opts, []Release{{Layers: []Input(layers)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 {
		t.Fatalf("input does not parse: %v", res.InputErrors[0])
	}
	return res
}

// refusalSplit returns the keys the home predicts a refusal at (checked
// without --chart) and the keys the rendered chart failed at (with --chart,
// where a failure a prediction explains is reported by the prediction
// alone, and a render that succeeded leaves no prediction standing).
func refusalSplit(t *testing.T, layers ...Input) (predicted, rendered []string, res *Result) {
	t.Helper()
	keys := func(r *Result, chartToo bool) []string {
		refusal := map[string]bool{}
		for _, id := range model.RefusalRules() {
			refusal[id] = true
		}
		var out []string
		for _, f := range r.Findings {
			if refusal[f.RuleID] || chartToo && f.RuleID == "chart-render" {
				out = append(out, f.Path)
			}
		}
		sort.Strings(out)
		return slices.Compact(out)
	}
	res = check15(t, true, layers...)
	return keys(check15(t, false, layers...), false), keys(res, true), res
}

// The chart's own defaults: no schema finding, and the chart 1.x
// render-time failures the home predicts are exactly those the test chart
// hits, at the same keys.
func TestChart15DefaultsRefusalsMatchRender(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(charttest.Root(t), "schema", "v15", "defaults-1.5.41.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	predicted, rendered, res := refusalSplit(t, Input{Name: "defaults-1.5.41.yaml", Data: src})
	for _, f := range res.Findings {
		if f.RuleID == finding.SchemaRule {
			t.Errorf("schema finding on the chart's defaults: %s", f)
		}
	}
	want := []string{"clickhouse.auth.password", "langfuse.nextauth.secret", "langfuse.salt", "postgresql.auth.password"}
	if !slices.Equal(predicted, want) {
		t.Errorf("predicted refusals at %v, want %v", predicted, want)
	}
	if !slices.Equal(rendered, want) {
		t.Errorf("the test chart failed at %v, want %v", rendered, want)
	}
}

// Realistic chart 1.x files render cleanly through the test chart: no
// schema finding, no refusal predicted or hit, and every rendered object is
// a valid Kubernetes object.
func TestChart15RealisticFilesRender(t *testing.T) {
	files, _ := filepath.Glob("testdata/v15/*.yaml")
	if len(files) < 4 {
		t.Fatalf("only %d chart 1.x files", len(files))
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			predicted, rendered, res := refusalSplit(t, Input{Name: p, Data: src})
			if len(predicted) > 0 || len(rendered) > 0 {
				t.Errorf("refusals predicted at %v, chart failed at %v", predicted, rendered)
			}
			for _, f := range res.Findings {
				switch f.RuleID {
				case finding.SchemaRule, "manifest-invalid", "manifest-not-validated", "chart-dependency-missing", "chart-api-missing":
					t.Errorf("%s", f)
				}
			}
		})
	}
}

// base15 is a chart 1.x file that renders: the app secrets and the store
// passwords the chart requires, every store bundled.
const base15 = `langfuse:
  salt: {secretKeyRef: {name: app, key: salt}}
  nextauth:
    secret: {secretKeyRef: {name: app, key: nextauth}}
postgresql:
  auth: {existingSecret: pg, secretKeys: {userPasswordKey: password}}
clickhouse:
  auth: {existingSecret: ch, existingSecretKey: password}
`

// external15 turns every store external, with what each needs.
const external15 = `postgresql: {deploy: false, host: db.example.com}
redis: {deploy: false, host: redis.example.com}
clickhouse: {deploy: false, host: ch.example.com, clusterEnabled: false}
s3: {deploy: false, bucket: langfuse}
`

// Each chart 1.x refusal the home predicts, and the cases just beside it,
// checked against what the test chart's render says: both fail or both
// pass.
func TestChart15RefusalsAgreeWithRender(t *testing.T) {
	cases := []struct {
		name     string
		external bool
		values   string
		refuses  bool
	}{
		{name: "base renders", values: ``},
		{name: "external base renders", external: true, values: ``},

		{name: "shards 2", values: "clickhouse: {shards: 2}\n", refuses: true},
		{name: "shards 2 with external ClickHouse", external: true, values: "clickhouse: {shards: 2}\n", refuses: true},
		{name: "shards null", values: "clickhouse: {shards: null}\n", refuses: true},
		{name: "shards 1.0", values: "clickhouse: {shards: 1.0}\n"},

		{name: "extraFlags without noeviction", values: "redis: {primary: {extraFlags: [\"--appendonly yes\"]}}\n", refuses: true},
		{name: "extraFlags empty", values: "redis: {primary: {extraFlags: []}}\n", refuses: true},
		{name: "noeviction among other flags", values: "redis: {primary: {extraFlags: [\"--appendonly yes\", \"--maxmemory-policy noeviction\"]}}\n"},
		{name: "noeviction split over two items", values: "redis: {primary: {extraFlags: [\"--maxmemory-policy\", \"noeviction\"]}}\n", refuses: true},
		{name: "no extraFlags with external Redis", external: true, values: "redis: {primary: {extraFlags: []}}\n"},

		{name: "salt missing", values: "langfuse: {salt: {secretKeyRef: {name: \"\", key: \"\"}}}\n", refuses: true},
		{name: "salt ref without key", values: "langfuse: {salt: {secretKeyRef: {name: app, key: \"\"}}}\n", refuses: true},
		{name: "salt as a value", values: "langfuse: {salt: {value: not-a-real-salt, secretKeyRef: {name: \"\", key: \"\"}}}\n"},
		{name: "salt from a fieldRef", values: "langfuse: {salt: {secretKeyRef: {name: \"\", key: \"\"}, fieldRef: {fieldPath: metadata.uid}}}\n"},
		{name: "salt from a resourceFieldRef", values: "langfuse: {salt: {secretKeyRef: {name: \"\", key: \"\"}, resourceFieldRef: {resource: limits.memory}}}\n"},
		{name: "salt null", values: "langfuse: {salt: null}\n", refuses: true},
		{name: "nextauth secret missing", values: "langfuse: {nextauth: {secret: {secretKeyRef: {name: \"\", key: \"\"}}}}\n", refuses: true},
		{name: "nextauth secret as a value", values: "langfuse: {nextauth: {secret: {value: not-a-real-secret, secretKeyRef: {name: \"\", key: \"\"}}}}\n"},

		{name: "no postgres password, bundled", values: "postgresql: {auth: {existingSecret: \"\"}}\n", refuses: true},
		{name: "no postgres password, external", external: true, values: "postgresql: {auth: {existingSecret: \"\"}}\n", refuses: true},
		{name: "postgres password literal", values: "postgresql: {auth: {existingSecret: \"\", password: not-a-real-password}}\n"},
		{name: "no postgres password, DATABASE_URL from a Secret", values: "postgresql: {auth: {existingSecret: \"\"}}\nlangfuse: {additionalEnv: [{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: db, key: url}}}]}\n"},
		{name: "no postgres password, DATABASE_URL empty", values: "postgresql: {auth: {existingSecret: \"\"}}\nlangfuse: {additionalEnv: [{name: DATABASE_URL, value: \"\"}]}\n", refuses: true},
		{name: "no postgres password, DATABASE_URL per component only", values: "postgresql: {auth: {existingSecret: \"\"}}\nlangfuse: {web: {pod: {additionalEnv: [{name: DATABASE_URL, value: postgresql://db}]}}}\n", refuses: true},

		{name: "bundled ClickHouse without password", values: "clickhouse: {auth: {existingSecret: \"\"}}\n", refuses: true},
		{name: "bundled ClickHouse with password", values: "clickhouse: {auth: {existingSecret: \"\", password: not-a-real-password}}\n"},
		{name: "external ClickHouse without password", external: true, values: "clickhouse: {auth: {existingSecret: \"\"}}\n"},
		{name: "bundled ClickHouse without user", values: "clickhouse: {auth: {username: \"\"}}\n", refuses: true},
		{name: "bundled ClickHouse without password, CLICKHOUSE_MIGRATION_URL", values: "clickhouse: {auth: {existingSecret: \"\"}}\nlangfuse: {additionalEnv: [{name: CLICKHOUSE_MIGRATION_URL, value: \"clickhouse://ch:9000\"}]}\n"},

		{name: "bundled MinIO without any bucket", values: "s3: {defaultBuckets: \"\"}\n", refuses: true},
		{name: "bundled MinIO, media bucket only from defaultBuckets", values: "s3: {eventUpload: {bucket: events}}\n"},
		{name: "bundled MinIO without path style", values: "s3: {forcePathStyle: false}\n", refuses: true},
		{name: "external S3 without bucket", external: true, values: "s3: {bucket: \"\"}\n", refuses: true},
		{name: "external S3, media disabled still needs a bucket", external: true, values: "s3: {bucket: \"\", eventUpload: {bucket: e}, batchExport: {enabled: false}, mediaUpload: {enabled: false}}\n", refuses: true},
		{name: "external S3, every type its own bucket", external: true, values: "s3: {bucket: \"\", eventUpload: {bucket: e}, batchExport: {bucket: b}, mediaUpload: {bucket: m}}\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			layers := []Input{{Name: "base.yaml", Data: []byte(base15)}}
			if tc.external {
				layers = append(layers, Input{Name: "external.yaml", Data: []byte(external15)})
			}
			if tc.values != "" {
				layers = append(layers, Input{Name: "case.yaml", Data: []byte(tc.values)})
			}
			predicted, rendered, res := refusalSplit(t, layers...)
			if got := len(predicted) > 0; got != tc.refuses {
				t.Errorf("home predicts a refusal: %v (at %v), want %v", got, predicted, tc.refuses)
			}
			if got := len(rendered) > 0; got != tc.refuses {
				t.Errorf("test chart fails: %v (at %v), want %v", got, rendered, tc.refuses)
			}
			if tc.refuses && len(predicted) > 0 && len(rendered) > 0 && !slices.Equal(predicted, rendered) {
				t.Logf("predicted at %v, rendered at %v", predicted, rendered)
			}
			for _, f := range res.Findings {
				if f.RuleID == finding.SchemaRule && !strings.Contains(tc.name, "null") {
					t.Errorf("schema finding: %s", f)
				}
			}
		})
	}
}

package check

import (
	"reflect"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

func renderCheck(t *testing.T, chartPath, name, src string) *Result {
	t.Helper()
	c, err := chart.Load(chartPath)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	sel, _ := Select(nil, rules.IDs(), nil)
	res, err := Run(Options{Version: v, Rules: sel.Rules, Policy: sel.Policy, Chart: c,
		Render: chart.Options{Namespace: "langfuse", KubeVersion: chart.DefaultKubeVersion, AutoAPIVersions: true}},
		[]Release{{Layers: []Input{{Name: name, Data: []byte(src)}}}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

const twoFailures = `langfuse:
  web:
    hpa:
      enabled: true
    keda:
      enabled: true
  worker:
    pdb:
      minAvailable: 1
      maxUnavailable: 1
  ingress:
    enabled: true
    hosts:
      - host: langfuse.example.com
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: langfuse-web
                port:
                  name: https
extraManifests:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: extra
    datas: {}
`

// A packaged chart gives exactly the findings of its directory.
func TestPackagedChartEqualsDirectory(t *testing.T) {
	dir := renderCheck(t, charttest.Path(t), "v.yaml", twoFailures)
	tgz := renderCheck(t, charttest.Packaged(t), "v.yaml", twoFailures)
	if len(dir.Findings) == 0 {
		t.Fatal("expected findings")
	}
	if !reflect.DeepEqual(dir.Findings, tgz.Findings) {
		t.Fatalf("directory and .tgz differ:\n%v\n%v", dir.Findings, tgz.Findings)
	}
}

// Helm stops at the first failing template; valuesmith reports every
// refusal, each at the key it names, once: by the prediction that explains
// it, the chart's own failure at the same key being the same root cause.
func TestEveryChartFailureIsReportedAtItsKey(t *testing.T) {
	res := renderCheck(t, charttest.Path(t), "v.yaml", twoFailures)
	got := map[string]int{}
	for _, f := range res.Findings {
		if f.RuleID == "chart-render" || claimsRefusal(f) {
			if _, twice := got[f.Path]; twice {
				t.Errorf("reported twice: %s", f)
			}
			got[f.Path] = f.Line
		}
	}
	want := map[string]int{"langfuse.web.keda.enabled": 6, "langfuse.worker.pdb.maxUnavailable": 10}
	for path, line := range want {
		if got[path] != line {
			t.Errorf("chart-render at %s: line %d, want %d (all: %v)", path, got[path], line, got)
		}
	}
}

// With the git tree's chart (no charts/), external stores need no
// sub-chart, and an enabled one is a finding at its deploy key.
func TestDisabledSubchartsAreNotNeeded(t *testing.T) {
	external := "postgresql: {deploy: false, host: db.example.com, auth: {existingSecret: pg, secretKeys: {userPasswordKey: pw}}}\nredis: {deploy: false, host: r.example.com}\nclickhouse: {deploy: false, host: https://ch.example.com}\ns3: {deploy: false, bucket: b-1}\n"
	res := renderCheck(t, charttest.Path(t), "v.yaml", external)
	for _, f := range res.Findings {
		if f.RuleID == "chart-dependency-missing" || f.RuleID == "chart-render" {
			t.Errorf("unexpected %s", f)
		}
	}
	res = renderCheck(t, charttest.Path(t), "v.yaml", strings.Replace(external, "redis: {deploy: false, host: r.example.com}", "redis: {deploy: true}", 1))
	found := false
	for _, f := range res.Findings {
		if f.RuleID == "chart-dependency-missing" {
			found = f.Path == "redis.deploy" && f.Line == 2 && f.Severity == finding.Error
		}
	}
	if !found {
		t.Errorf("no chart-dependency-missing at redis.deploy: %v", res.Findings)
	}
}

// The Secrets list names what the pods read and the release does not
// create.
func TestNeededSecrets(t *testing.T) {
	src := "langfuse:\n  salt: {secretKeyRef: {name: app, key: salt}}\npostgresql: {deploy: false, host: db.example.com, auth: {existingSecret: pg, secretKeys: {userPasswordKey: pw}}}\nredis: {deploy: false, host: r.example.com}\nclickhouse: {deploy: false, host: https://ch.example.com}\ns3: {deploy: false, bucket: b-1}\n"
	res := renderCheck(t, charttest.Path(t), "v.yaml", src)
	names := map[string][]string{}
	for _, s := range res.Releases[0].Secrets {
		names[s.Name] = s.Keys
	}
	if !reflect.DeepEqual(names["app"], []string{"salt"}) || !reflect.DeepEqual(names["pg"], []string{"pw"}) {
		t.Errorf("secrets: %v", names)
	}
	if _, ok := names["langfuse-app"]; ok {
		t.Error("the chart's own Secret is listed as needed")
	}
}

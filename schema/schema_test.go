package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	sigsyaml "sigs.k8s.io/yaml"
)

// The committed schema must be exactly what generation produces from the
// model: run `go generate ./...` after changing a type or a doc comment.
func TestCommittedSchemaIsGenerated(t *testing.T) {
	for _, name := range Supported() {
		v, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Generate(v, ".")
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(v.SchemaFile())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, committed) {
			t.Errorf("%s is stale: run `go generate ./...` and commit the result", v.SchemaFile())
		}
		if !bytes.Equal(committed, v.JSON()) {
			t.Errorf("embedded schema differs from %s: rebuild", v.SchemaFile())
		}
	}
}

func TestSchemaIsDraft07WithoutNewerKeywords(t *testing.T) {
	v, _ := Lookup(DefaultChartVersion)
	var doc map[string]any
	if err := json.Unmarshal(v.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != draft07 {
		t.Fatalf("$schema = %v, want %s", doc["$schema"], draft07)
	}
	// Keywords that draft-07 validators (Helm before 3.19) do not know.
	newer := []string{`"$defs"`, `"prefixItems"`, `"dependentRequired"`, `"dependentSchemas"`, `"unevaluatedProperties"`, `"unevaluatedItems"`, `"$dynamicRef"`, `"$anchor"`}
	for _, kw := range newer {
		if bytes.Contains(v.JSON(), []byte(kw+":")) {
			t.Errorf("schema uses %s, which draft-07 does not define", kw)
		}
	}
	var walk func(path string, x any)
	walk = func(path string, x any) {
		switch n := x.(type) {
		case map[string]any:
			if ref, ok := n["$ref"].(string); ok && !strings.HasPrefix(ref, "#/definitions/") {
				t.Errorf("%s: $ref %q does not point into definitions", path, ref)
			}
			for k, c := range n {
				walk(path+"/"+k, c)
			}
		case []any:
			for _, c := range n {
				walk(path+"/[]", c)
			}
		}
	}
	walk("#", doc)
}

// writeChart writes a minimal chart with the given schema and the chart's
// real defaults, and loads it the way helm does.
func writeChart(t *testing.T, v *Version) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"Chart.yaml":         "apiVersion: v2\nname: langfuse\nversion: " + v.Chart + "\nappVersion: \"" + v.AppVersion + "\"\n",
		"values.yaml":        string(v.Defaults),
		"values.schema.json": string(v.JSON()),
		"templates/cm.yaml":  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  level: {{ .Values.langfuse.logging.level | quote }}\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Helm's own validator (chartutil, the code path of helm install, template
// and lint) must accept the schema, pass the chart's defaults and good
// overrides, and reject bad ones.
func TestHelmValidatesWithSchema(t *testing.T) {
	v, _ := Lookup(DefaultChartVersion)
	chrt, err := loader.Load(writeChart(t, v))
	if err != nil {
		t.Fatalf("helm cannot load a chart carrying the schema: %v", err)
	}
	if len(chrt.Schema) == 0 {
		t.Fatal("helm did not pick up values.schema.json")
	}
	cases := []struct {
		name    string
		values  string
		wantErr string // substring of helm's message; empty means valid
	}{
		{name: "defaults only", values: ""},
		{name: "production overrides", values: `
langfuse:
  logging: {level: warn, format: json}
  salt: {secretKeyRef: {name: langfuse-app, key: salt}}
  nextauth: {url: https://langfuse.example.com, secret: {secretKeyRef: {name: langfuse-app, key: nextauth-secret}}}
  image: {tag: "4.4.0", pullPolicy: IfNotPresent}
  web:
    replicas: 3
    resources: {requests: {cpu: "2", memory: 4Gi}, limits: {memory: 4Gi}}
    pdb: {create: true, maxUnavailable: 1}
    pod:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {app.kubernetes.io/component: web}}
  worker: {port: 3030, pdb: {minAvailable: "50%"}}
postgresql: {deploy: false, host: "db.example.com:5432"}
clickhouse: {deploy: false, host: https://ch.example.com, cluster: {enabled: false}}
`},
		{name: "typo in key", values: "langfuse:\n  web:\n    livenesProbe: {}\n", wantErr: "livenesProbe"},
		{name: "bad enum", values: "langfuse:\n  logging:\n    level: warning\n", wantErr: "/langfuse/logging/level"},
		{name: "bad quantity", values: "langfuse:\n  resources:\n    limits:\n      memory: 4 gigs\n", wantErr: "/langfuse/resources/limits/memory"},
		{name: "port out of range", values: "langfuse:\n  worker:\n    port: 70000\n", wantErr: "/langfuse/worker/port"},
		{name: "string for number", values: "langfuse:\n  replicas: two\n", wantErr: "/langfuse/replicas"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			user := map[string]any{}
			if err := sigsyaml.Unmarshal([]byte(tc.values), &user); err != nil {
				t.Fatal(err)
			}
			_, err := chartutil.ToRenderValues(chrt, user, chartutil.ReleaseOptions{Name: "langfuse", Namespace: "langfuse"}, chartutil.DefaultCapabilities)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("helm rejected valid values: %v", err)
			case tc.wantErr != "" && err == nil:
				t.Fatalf("helm accepted invalid values")
			case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
				t.Fatalf("helm error %q does not mention %q", err, tc.wantErr)
			}
		})
	}
}

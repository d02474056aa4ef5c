package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/valuesmith/valuesmith/internal/values"
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

// The committed validation.schema.json is the committed schema without
// annotations.
func TestCommittedValidationSchemaIsGenerated(t *testing.T) {
	for _, name := range Supported() {
		v, _ := Lookup(name)
		got, err := GenerateValidation(v.JSON())
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(v.ValidationFile())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, committed) {
			t.Errorf("%s is stale: run `go generate ./...` and commit the result", v.ValidationFile())
		}
		if !bytes.Equal(committed, v.Validation) {
			t.Errorf("embedded validation schema differs from %s: rebuild", v.ValidationFile())
		}
	}
}

// Annotations go wherever a schema has them; names and values that look
// like them stay.
func TestGenerateValidationStripsOnlyAnnotations(t *testing.T) {
	in := `{"$schema": "http://json-schema.org/draft-07/schema#", "title": "t", "description": "d",
  "properties": {
    "description": {"type": "string", "description": "a property named description", "default": "x"},
    "default": {"enum": [{"description": 1}], "const": {"title": 2}, "examples": [3]},
    "list": {"items": [{"$comment": "c", "type": "integer"}], "anyOf": [{"title": "a", "minimum": 1.50}]}
  },
  "definitions": {"D": {"not": {"description": "n"}, "additionalProperties": {"default": {}}}}}`
	got, err := GenerateValidation([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"D":{"additionalProperties":{},"not":{}}},` +
		`"properties":{"default":{"const":{"title":2},"enum":[{"description":1}]},"description":{"type":"string"},` +
		`"list":{"anyOf":[{"minimum":1.50}],"items":[{"type":"integer"}]}}}` + "\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The defaults laid out at build time are the defaults file as values.Parse
// reads it, node for node.
func TestDefaultsTreeIsTheParsedDefaults(t *testing.T) {
	for _, name := range Supported() {
		v, _ := Lookup(name)
		doc, err := values.Parse("", v.Defaults)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Root, v.DefaultsTree) {
			t.Errorf("chart %s: the defaults tree differs from its defaults file parsed: run `go generate ./...`", name)
		}
	}
}

// The committed paths.txt is the index walked from the committed schema.
func TestCommittedPathsAreGenerated(t *testing.T) {
	for _, name := range Supported() {
		v, _ := Lookup(name)
		got, err := GeneratePaths(v.JSON())
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(v.PathsFile())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, committed) {
			t.Errorf("%s is stale: run `go generate ./...` and commit the result", v.PathsFile())
		}
		if string(committed) != v.Paths {
			t.Errorf("embedded paths differ from %s: rebuild", v.PathsFile())
		}
		if n := bytes.Count(got, []byte("\n")); n < 100 {
			t.Errorf("%s: only %d paths", v.PathsFile(), n)
		}
	}
}

func TestSchemaIsDraft07WithoutNewerKeywords(t *testing.T) {
	for _, name := range Supported() {
		t.Run(name, func(t *testing.T) {
			v, _ := Lookup(name)
			checkDraft07(t, v)
		})
	}
}

func checkDraft07(t *testing.T, v *Version) {
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
	for _, name := range Supported() {
		t.Run(name, func(t *testing.T) {
			v, _ := Lookup(name)
			helmValidates(t, v, helmCases[v.Line()])
		})
	}
}

// helmCase is a values document and what Helm's validation says of it.
type helmCase struct {
	name    string
	values  string
	wantErr string // substring of helm's message; empty means valid
}

// helmCases are the documents each release line is validated with.
var helmCases = map[string][]helmCase{
	"2.0": {
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
	},
	"1.5": {
		{name: "defaults only", values: ""},
		{name: "production overrides", values: `
langfuse:
  salt: {secretKeyRef: {name: langfuse-app, key: salt}}
  nextauth: {url: https://langfuse.example.com, secret: {secretKeyRef: {name: langfuse-app, key: nextauth-secret}}}
  image: {tag: "3.224.1", pullPolicy: IfNotPresent}
  web: {replicas: 2, pdb: {maxUnavailable: 1}}
postgresql:
  deploy: false
  host: db.example.com
  auth: {username: langfuse, existingSecret: langfuse-db, secretKeys: {userPasswordKey: password}}
redis: {deploy: false, host: redis.example.com, auth: {existingSecret: langfuse-redis, existingSecretPasswordKey: password}}
clickhouse: {deploy: false, host: https://ch.example.com, clusterEnabled: false}
s3: {deploy: false, bucket: langfuse-prod, region: eu-west-1, forcePathStyle: false}
`},
		{name: "bundled stores with Bitnami settings", values: `
global: {security: {allowInsecureImages: true}, imageRegistry: registry.example.com}
postgresql:
  auth: {password: pw}
  architecture: replication
  primary: {persistence: {size: 20Gi, storageClass: fast}, resourcesPreset: medium, extendedConfiguration: "max_connections = 200"}
  readReplicas: {replicaCount: 1}
redis:
  auth: {password: pw}
  primary: {extraFlags: ["--maxmemory-policy noeviction"], persistence: {size: 8Gi}}
clickhouse:
  auth: {password: pw}
  replicaCount: 1
  resources: {requests: {cpu: "2", memory: 8Gi}}
  zookeeper: {replicaCount: 1, persistence: {size: 2Gi}}
  keeper: {enabled: false}
s3: {auth: {rootPassword: pw}, persistence: {size: 50Gi}, defaultBuckets: "langfuse,exports", mode: standalone}
`},
		{name: "typo in key", values: "langfuse:\n  web:\n    livenesProbe: {}\n", wantErr: "livenesProbe"},
		{name: "unlisted key of an open Bitnami section", values: "clickhouse:\n  podAnnotations:\n    team: data\n", wantErr: ""},
		{name: "bad preset", values: "clickhouse:\n  resourcesPreset: huge\n", wantErr: "/clickhouse/resourcesPreset"},
		{name: "bad architecture", values: "redis:\n  architecture: cluster\n", wantErr: "/redis/architecture"},
		{name: "extraFlags as a string", values: "redis:\n  primary:\n    extraFlags: --maxmemory-policy noeviction\n", wantErr: "/redis/primary/extraFlags"},
		{name: "bad persistence size", values: "postgresql:\n  primary:\n    persistence:\n      size: ten gigs\n", wantErr: "/postgresql/primary/persistence/size"},
		{name: "string for number", values: "clickhouse:\n  replicaCount: three\n", wantErr: "/clickhouse/replicaCount"},
	},
}

func helmValidates(t *testing.T, v *Version, cases []helmCase) {
	if len(cases) == 0 {
		t.Fatalf("no Helm validation cases for chart %s", v.Line())
	}
	chrt, err := loader.Load(writeChart(t, v))
	if err != nil {
		t.Fatalf("helm cannot load a chart carrying the schema: %v", err)
	}
	if len(chrt.Schema) == 0 {
		t.Fatal("helm did not pick up values.schema.json")
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

// Each home's defaults are the chart's published values.yaml as data: the
// same values once comments are gone. The reference copies live outside the
// repository; without them the test is skipped.
func TestDefaultsMatchUpstreamValues(t *testing.T) {
	for _, name := range Supported() {
		t.Run(name, func(t *testing.T) {
			v, _ := Lookup(name)
			upstream, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "upstream-values", "langfuse-chart-"+v.Chart+".values.yaml"))
			if err != nil {
				t.Skip("reference values not present in this checkout")
			}
			var want, got map[string]any
			if err := sigsyaml.Unmarshal(upstream, &want); err != nil {
				t.Fatal(err)
			}
			if err := sigsyaml.Unmarshal(v.Defaults, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("defaults of chart %s differ from the chart's values.yaml", v.Chart)
			}
		})
	}
}

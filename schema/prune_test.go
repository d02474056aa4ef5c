package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// extraDocs exercise parts of the schema the repository's files rarely
// touch: Kubernetes objects inside lists and maps, errors deep in them, and
// nullable wrappers.
var extraDocs = map[string]string{
	"containers": `langfuse:
  extraContainers:
    - name: proxy
      image: envoy:1.30
      ports: [{containerPort: 70000}]
      resources: {limits: {memory: 4GB}}
      livenesProbe: {}
    - name: ok
      image: busybox
      volumeMounts: [{name: data, mountPath: /data, readOnly: "yes"}]
  extraVolumes:
    - name: data
      emptyDir: {sizeLimit: 1Gi, medium: Disk}
    - name: cfg
      configMap: {name: x, items: [{key: a}]}
      secret: {secretName: y}
  tolerations: [{operator: Exists, effect: Sometimes}]
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 200
          podAffinityTerm: {topologyKey: zone, labelSelector: {matchLabels: {a: 1}}}
`,
	"nullable": `langfuse:
  image: {tag: null}
  web:
    replicas: null
    image: {tag: 4.4, pullPolicy: Sometimes, pullSecrets: [{nam: x}]}
    pod: {nodeSelector: null, tolerations: [{key: a, operator: In}], topologySpreadConstraints: [{maxSkew: 0}]}
  worker: {port: "3030"}
redis:
  auth: {username: null, password: 7}
`,
	"stores": `postgresql:
  deploy: "false"
  port: 99999
  auth: {username: 5, secretKeys: {userPasswordKey: [a]}}
  storage: {requestedSize: 20 GB}
redis:
  cluster: {enabled: true, nodes: ["host-without-port"]}
  sentinel: {nodes: "a:1,b"}
  auth: {database: -1}
clickhouse:
  httpPort: 0
  cluster: {replicas: "3", enabled: yes, storage: {accessModes: [ReadWriteSometimes]}}
  keeper: {replicas: 0}
s3:
  storageProvider: ftp
  mediaUpload: {maxContentLength: 1e9, downloadUrlExpirySeconds: 0}
  concurrency: {reads: 0}
`,
	"probes": `langfuse:
  logging: {level: verbose, format: xml}
  web:
    livenessProbe: {path: api/health, initialDelaySeconds: -5, periodSeconds: 1.5}
    readinessProbe: {successThreshold: "1"}
    service: {type: ExternalName, port: 0}
    hpa: {minReplicas: 0, targetCPUUtilizationPercentage: 0}
    keda: {metricType: Value, value: [1]}
    pdb: {minAvailable: "half", maxUnavailable: -1}
  worker:
    livenessProbe: {path: /api/health}
  nextauth: {url: 42}
`,
	"legacy": `global:
  security: {allowInsecureImages: true}
clickhouse:
  clusterEnabled: false
  zookeeper: {image: {repository: zk}}
redis:
  architecture: standalone
  primary: {extraFlags: ["--maxmemory-policy noeviction"]}
`,
	// A list's or a map's elements are merged for pruning; a type that
	// the first one has must not pass the others.
	"mixed": `langfuse:
  additionalEnv: [{name: A, value: x}, {name: B, value: 3}, {name: 4}]
  nodeSelector: {zone: a, rack: 7}
  ingress:
    annotations: {a: "1", b: [x]}
    hosts: [{host: a.example.com}, {host: 8}]
  web:
    pod:
      additionalEnv: [{name: ONLY, value: true}]
      annotations: {one: 1}
`,
	// The same key holding a list in one element and a map in another:
	// the union must keep what each shape needs (the list's items).
	"list and map": `langfuse:
  extraContainers:
    - name: a
      image: busybox
      env: [{name: A, value: 1}]
    - name: b
      image: busybox
      env: {name: B}
  web:
    pod:
      tolerations: [{key: a}, [{key: b}]]
`,
	"maps": `langfuse:
  ingress:
    annotations: {a: true, b: "x"}
  web:
    vpa: {maxAllowed: {cpu: lots, memory: 1Gi}, controlledResources: [gpu]}
  auth:
    providers:
      azureAd: {clientId: abc, clientSecret: {secretKeyRef: {name: s, key: k}, value: v}}
      okta: {issuer: [1]}
s3:
  hots: x
  allInOne: {s3: {createBuckets: [{nam: x}]}}
extraManifests:
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {a: b}}
  - {apiVersion: v1}
  - just a string
`,
}

// The pruned schema reports exactly what the whole schema reports, on every
// document the repository holds and on the documents above.
// It does so whole and split into parts compiled side by side.
func TestPrunedValidationEqualsFull(t *testing.T) {
	for _, name := range Supported() {
		for _, parts := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/%d parts", name, parts), func(t *testing.T) {
				v, _ := Lookup(name)
				prunedEqualsFull(t, v, parts)
			})
		}
	}
}

func prunedEqualsFull(t *testing.T, v *Version, parts int) {
	full, err := v.Compiled()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := decodeRaw(v.Validation)
	if err != nil {
		t.Fatal(err)
	}
	pruned := &Checker{Raw: raw, Legacy: v.Moves, Chart: v.Chart, Parts: parts}
	whole := &Checker{Raw: raw, Legacy: v.Moves, Chart: v.Chart, Full: full}

	docs := map[string][]byte{}
	for name, src := range extraDocs {
		docs[name] = []byte(src)
	}
	roots := []string{"..", "../../shared/reference/upstream-values"}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "bad" || d.Name() == "charts") {
				if d != nil && d.IsDir() && p != root {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(p, ".yaml") && !strings.Contains(p, "/templates/") {
				if data, err := os.ReadFile(p); err == nil {
					docs[p] = data
				}
			}
			return nil
		})
	}
	compared, withFindings := 0, 0
	for name, data := range docs {
		doc, err := values.Parse(name, data)
		if err != nil {
			continue
		}
		got, err := pruned.Validate(doc)
		if err != nil {
			t.Fatalf("%s: pruned: %v", name, err)
		}
		want, err := whole.Validate(doc)
		if err != nil {
			t.Fatalf("%s: full: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: pruned and full validation differ\n--- pruned\n%v\n--- full\n%v", name, got, want)
		}
		compared++
		if len(want) > 0 {
			withFindings++
		}
	}
	if compared < 300 || withFindings < 12 {
		t.Fatalf("compared only %d documents (%d with findings)", compared, withFindings)
	}
	t.Logf("%d documents, %d with findings, validate identically", compared, withFindings)
}

// The pruned schema validates each instance as the whole one does where
// list elements disagree in shape (see merge), on small schemas that
// reach what the chart schemas do not (positional items).
func TestPruneKeepsWhatEveryElementNeeds(t *testing.T) {
	const obj = `{"type": "object", "additionalProperties": false, "properties": {"name": {"type": "string"}, "value": {"type": "string"}}}`
	const listOrMap = `{"type": ["array", "object"], "items": ` + obj + `, "properties": {"name": {"type": "string"}}}`
	tests := []struct{ name, schema, doc string }{
		{"list then map", `{"properties": {"xs": {"items": {"properties": {"env": {"type": "array", "items": ` + obj + `}}}}}}`,
			"xs: [{env: [{name: 1}]}, {env: {name: B}}]"},
		{"map then list", `{"properties": {"xs": {"items": {"properties": {"env": {"type": "array", "items": ` + obj + `}}}}}}`,
			"xs: [{env: {name: B}}, {env: [{name: A, other: 2}]}]"},
		{"either shape", `{"properties": {"xs": {"items": ` + listOrMap + `}}}`,
			"xs: [{name: A}, [{name: 3}], {name: [x]}]"},
		{"map values", `{"properties": {"m": {"additionalProperties": {"items": ` + obj + `}}}}`,
			"m: {a: {name: x}, b: [{name: 1}], c: [{nam: y}]}"},
		{"mixed, then more", `{"properties": {"xs": {"items": {"properties": {"env": {"items": ` + obj + `}}}}}}`,
			"xs: [{env: [{name: 1}]}, {env: {}}, {env: [{name: A}]}, {env: 4}]"},
		{"positional items", `{"properties": {"xs": {"items": {"items": [` + obj + `, {"type": "string"}]}}}}`,
			"xs: [[{name: A}], [{value: 2}, 3]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := decodeRaw([]byte(tt.schema))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := values.Parse("doc.yaml", []byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			inst := doc.Root.Interface()
			var full map[string]any
			if err := decodeNumber([]byte(tt.schema), &full); err != nil {
				t.Fatal(err)
			}
			full["$schema"] = draft07
			pruned, err := prune(raw, inst)
			if err != nil {
				t.Fatal(err)
			}
			want, got := leafErrors(t, full, inst), leafErrors(t, pruned, inst)
			if len(want) == 0 {
				t.Fatal("the document is valid: the case tests nothing")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pruned schema finds\n%v\nwhole schema\n%v", got, want)
			}
		})
	}
}

func leafErrors(t *testing.T, schemaDoc map[string]any, inst any) []string {
	t.Helper()
	verrs, err := validateWith(schemaDoc, inst)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ve := range verrs {
		for _, leaf := range leaves(ve) {
			out = append(out, fmt.Sprintf("%v: %+v", leaf.InstanceLocation, leaf.ErrorKind))
		}
	}
	slices.Sort(out)
	return out
}

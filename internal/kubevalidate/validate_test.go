package kubevalidate

import (
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

func parse(t *testing.T, doc string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("bad fixture: %v", err)
	}
	return m
}

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: langfuse-web
  labels:
    app.kubernetes.io/name: langfuse
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: langfuse
  template:
    metadata:
      labels:
        app.kubernetes.io/name: langfuse
    spec:
      serviceAccountName: langfuse
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 1Gi
      containers:
        - name: web
          image: langfuse/langfuse:3
          ports:
            - name: http
              containerPort: 3000
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: langfuse-db
                  key: url
            - name: NODE_ENV
              value: production
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
            limits:
              cpu: 2
              memory: 4Gi
          livenessProbe:
            httpGet:
              path: /api/public/health
              port: http
          readinessProbe:
            tcpSocket:
              port: 3000
          volumeMounts:
            - name: tmp
              mountPath: /tmp
`

// edit returns the deployment fixture with old replaced by new (once).
func edit(t *testing.T, doc, old, new string) string {
	t.Helper()
	if !strings.Contains(doc, old) {
		t.Fatalf("fixture does not contain %q", old)
	}
	return strings.Replace(doc, old, new, 1)
}

const scaledObject = `
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: langfuse-worker
spec:
  scaleTargetRef:
    name: langfuse-worker
  minReplicaCount: 1
  maxReplicaCount: 10
  pollingInterval: 30
  advanced:
    horizontalPodAutoscalerConfig:
      behavior:
        scaleDown:
          stabilizationWindowSeconds: 300
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: "70"
    - type: redis
      metadata:
        address: langfuse-redis:6379
        listName: ingestion
        listLength: "100"
      authenticationRef:
        name: langfuse-redis-auth
`

func TestValidatePasses(t *testing.T) {
	tests := []struct {
		name, doc, schema string
	}{
		{"deployment", deployment, "k8s.io/api apps/v1 Deployment"},
		{"service", `
apiVersion: v1
kind: Service
metadata: {name: langfuse-web}
spec:
  type: ClusterIP
  selector: {app.kubernetes.io/name: langfuse}
  ports:
    - name: http
      port: 3000
      targetPort: http
`, "k8s.io/api v1 Service"},
		{"pdb policy/v1", `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: langfuse-web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app.kubernetes.io/name: langfuse}}
`, "k8s.io/api policy/v1 PodDisruptionBudget"},
		{"hpa autoscaling/v2", `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: langfuse-web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: langfuse-web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}
`, "k8s.io/api autoscaling/v2 HorizontalPodAutoscaler"},
		{"ingress", `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: langfuse
  annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 10m}
spec:
  ingressClassName: nginx
  tls:
    - hosts: [langfuse.example.com]
      secretName: langfuse-tls
  rules:
    - host: langfuse.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: langfuse-web, port: {number: 3000}}
`, "k8s.io/api networking.k8s.io/v1 Ingress"},
		{"secret", `
apiVersion: v1
kind: Secret
metadata: {name: langfuse-db}
type: Opaque
stringData: {url: "postgres://u:p@db/langfuse"}
data: {salt: c2FsdA==}
`, "k8s.io/api v1 Secret"},
		{"serviceaccount", `
apiVersion: v1
kind: ServiceAccount
metadata: {name: langfuse}
automountServiceAccountToken: false
`, "k8s.io/api v1 ServiceAccount"},
		{"scaledobject cpu and redis", scaledObject, "KEDA v2.21.0 CRD keda.sh/v1alpha1 ScaledObject"},
		{"triggerauthentication", `
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata: {name: langfuse-redis-auth}
spec:
  secretTargetRef:
    - parameter: password
      name: langfuse-redis
      key: redis-password
`, "KEDA v2.21.0 CRD keda.sh/v1alpha1 TriggerAuthentication"},
		{"clustertriggerauthentication", `
apiVersion: keda.sh/v1alpha1
kind: ClusterTriggerAuthentication
metadata: {name: redis-auth}
spec:
  env:
    - parameter: password
      name: REDIS_PASSWORD
`, "KEDA v2.21.0 CRD keda.sh/v1alpha1 ClusterTriggerAuthentication"},
		{"scaledjob", `
apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata: {name: langfuse-export}
spec:
  jobTargetRef:
    backoffLimit: 2
    template:
      spec:
        restartPolicy: Never
        containers:
          - name: export
            image: langfuse/langfuse-worker:3
            resources:
              requests: {cpu: 100m, memory: 128Mi}
  maxReplicaCount: 5
  triggers:
    - type: redis
      metadata: {address: "redis:6379", listName: exports, listLength: "5"}
`, "KEDA v2.21.0 CRD keda.sh/v1alpha1 ScaledJob"},
		{"v1 list", `
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
    data: {config.yaml: "x: 1"}
`, "k8s.io/api v1 List"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Validate(parse(t, tc.doc))
			if !r.Validated {
				t.Fatalf("not validated: %s", r.Note)
			}
			if r.Schema != tc.schema {
				t.Errorf("schema = %q, want %q", r.Schema, tc.schema)
			}
			if len(r.Problems) > 0 {
				t.Errorf("unexpected problems: %+v", r.Problems)
			}
		})
	}
}

func TestValidateFailures(t *testing.T) {
	const c0 = "spec.template.spec.containers[0]"
	tests := []struct {
		name, doc   string
		path, inMsg string
	}{
		{"unknown field in container",
			edit(t, deployment, "livenessProbe:", "livenesProbe:"),
			c0 + ".livenesProbe", `unknown field "livenesProbe"; did you mean "livenessProbe"?`},
		{"wrong type replicas",
			edit(t, deployment, "replicas: 2", `replicas: "two"`),
			"spec.replicas", "expected integer (int32), got string"},
		{"bad quantity",
			edit(t, deployment, "memory: 4Gi", "memory: 4GB"),
			c0 + ".resources.limits.memory", `invalid quantity "4GB"`},
		{"policy/v1beta1 pdb", `
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: langfuse-web}
spec: {maxUnavailable: 1}
`, "apiVersion", "policy/v1beta1 PodDisruptionBudget is not served by current Kubernetes (removed in 1.25); use policy/v1"},
		{"autoscaling/v2beta2 hpa", `
apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata: {name: langfuse-web}
spec: {maxReplicas: 3}
`, "apiVersion", "autoscaling/v2beta2 HorizontalPodAutoscaler is not served by current Kubernetes (removed in 1.26); use autoscaling/v2"},
		{"duplicate container names",
			edit(t, deployment, "      containers:\n", `      containers:
        - name: web
          image: busybox
`),
			"spec.template.spec.containers[1].name", `duplicate container name "web"`},
		{"requests above limits",
			edit(t, deployment, "cpu: 500m", "cpu: 3"),
			c0 + ".resources.requests.cpu", "cpu request 3 is above the limit 2"},
		{"named probe port too long",
			edit(t, deployment, "port: http", "port: langfuse-web-http-port"),
			c0 + ".livenessProbe.httpGet.port", "must be no more than 15 characters"},
		{"probe port not declared",
			edit(t, deployment, "port: http", "port: metrics"),
			c0 + ".livenessProbe.httpGet.port", `probe port "metrics" is not a named port of this container`},
		{"containerPort out of range",
			edit(t, deployment, "containerPort: 3000", "containerPort: 70000"),
			c0 + ".ports[0].containerPort", "must be between 1 and 65535"},
		{"empty env name",
			edit(t, deployment, "name: NODE_ENV", `name: ""`),
			c0 + ".env[1].name", "env var name must not be empty"},
		{"invalid name",
			edit(t, deployment, "name: langfuse-web", "name: Langfuse_Web"),
			"metadata.name", "invalid name for Deployment"},
		{"selector mismatch",
			edit(t, deployment, "      labels:\n        app.kubernetes.io/name: langfuse\n", "      labels:\n        app.kubernetes.io/name: other\n"),
			"spec.template.metadata.labels", "do not match spec.selector"},
		{"service name must be a DNS-1035 label", `
apiVersion: v1
kind: Service
metadata: {name: 1-langfuse}
spec: {ports: [{port: 80}]}
`, "metadata.name", "invalid name for Service"},
		{"scaledobject minReplicas typo",
			edit(t, scaledObject, "minReplicaCount: 1", "minReplicas: 1"),
			"spec.minReplicas", `unknown field "minReplicas"; did you mean "minReplicaCount"?`},
		{"scaledobject missing scaleTargetRef",
			edit(t, scaledObject, "  scaleTargetRef:\n    name: langfuse-worker\n", ""),
			"spec.scaleTargetRef", `missing required field "scaleTargetRef"`},
		{"trigger without type",
			edit(t, scaledObject, "    - type: cpu\n      metricType", "    - metricType"),
			"spec.triggers[0].type", `missing required field "type"`},
		{"trigger metadata value not a string",
			edit(t, scaledObject, `listLength: "100"`, "listLength: 100"),
			"spec.triggers[1].metadata.listLength", "wrong type: expected string, got number"},
		{"scaledobject min above max",
			edit(t, scaledObject, "minReplicaCount: 1", "minReplicaCount: 20"),
			"spec.minReplicaCount", "must be less than or equal to maxReplicaCount 10"},
		{"scaledobject unknown version", `
apiVersion: keda.sh/v1beta1
kind: ScaledObject
metadata: {name: x}
spec: {}
`, "apiVersion", "is not served by KEDA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Validate(parse(t, tc.doc))
			if !r.Validated {
				t.Fatalf("not validated: %s", r.Note)
			}
			for _, p := range r.Problems {
				if p.Path == tc.path && strings.Contains(p.Message, tc.inMsg) {
					return
				}
			}
			t.Errorf("no problem at %q containing %q; got:", tc.path, tc.inMsg)
			for _, p := range r.Problems {
				t.Errorf("  %s: %s", p.Path, p.Message)
			}
		})
	}
}

// Several independent mistakes in one object are all reported, even though
// the decoder stops at the first wrong type.
func TestValidateReportsAllProblems(t *testing.T) {
	doc := edit(t, deployment, `replicas: 2`, `replicas: "two"`)
	doc = edit(t, doc, "memory: 4Gi", "memory: 4GB")
	doc = edit(t, doc, "livenessProbe:", "livenesProbe:")
	r := Validate(parse(t, doc))
	want := map[string]bool{
		"spec.replicas": false,
		"spec.template.spec.containers[0].resources.limits.memory": false,
		"spec.template.spec.containers[0].livenesProbe":            false,
	}
	for _, p := range r.Problems {
		if _, ok := want[p.Path]; ok {
			want[p.Path] = true
		}
	}
	for path, seen := range want {
		if !seen {
			t.Errorf("no problem at %s; got %+v", path, r.Problems)
		}
	}
}

func TestValidateUnknownKinds(t *testing.T) {
	for _, tc := range []struct{ apiVersion, kind string }{
		{"clickhouse.com/v1alpha1", "ClickHouseCluster"},
		{"monitoring.coreos.com/v1", "ServiceMonitor"},
		{"cert-manager.io/v1", "Certificate"},
	} {
		r := Validate(map[string]any{"apiVersion": tc.apiVersion, "kind": tc.kind, "metadata": map[string]any{"name": "x"}})
		want := "no schema for " + tc.apiVersion + " " + tc.kind + ": not validated"
		if r.Validated || len(r.Problems) != 0 || r.Note != want {
			t.Errorf("%s %s: got %+v, want Validated=false, Note %q", tc.apiVersion, tc.kind, r, want)
		}
	}
}

func TestValidateEnvelope(t *testing.T) {
	tests := []struct {
		obj         map[string]any
		path, inMsg string
	}{
		{map[string]any{"kind": "Deployment"}, "apiVersion", "apiVersion is required"},
		{map[string]any{"apiVersion": "v1"}, "kind", "kind is required"},
		{map[string]any{"apiVersion": "apps/v1", "kind": "Deploymnet", "metadata": map[string]any{"name": "x"}}, "kind", `kind "Deploymnet" is not defined in API group "apps"`},
		{map[string]any{"apiVersion": "v1", "kind": "ConfigMap"}, "metadata.name", "metadata.name is required"},
	}
	for _, tc := range tests {
		r := Validate(tc.obj)
		found := false
		for _, p := range r.Problems {
			if p.Path == tc.path && strings.Contains(p.Message, tc.inMsg) {
				found = true
			}
		}
		if !found || !r.Validated {
			t.Errorf("%v: no problem at %q containing %q; got %+v", tc.obj, tc.path, tc.inMsg, r)
		}
	}
}

// Secret values must never appear in messages.
func TestMessagesDoNotLeakValues(t *testing.T) {
	secret := "s3cr3t-Value!"
	r := Validate(map[string]any{
		"apiVersion": "v1", "kind": "Secret",
		"metadata": map[string]any{"name": "s"},
		"data":     map[string]any{"password": secret, "n": 5.0},
	})
	if len(r.Problems) < 2 {
		t.Fatalf("want problems for both data values, got %+v", r.Problems)
	}
	for _, p := range r.Problems {
		if strings.Contains(p.Message, secret) || strings.Contains(p.Message, "s3cr3t") {
			t.Errorf("message leaks value: %s: %s", p.Path, p.Message)
		}
	}
}

func TestValidateYAMLDuplicateFields(t *testing.T) {
	doc := edit(t, deployment, "          image: langfuse/langfuse:3\n", "          image: langfuse/langfuse:3\n          image: langfuse/langfuse:2\n")
	r := ValidateYAML([]byte(doc))
	const path = "spec.template.spec.containers[0].image"
	found := false
	for _, p := range r.Problems {
		if p.Path == path && strings.Contains(p.Message, `duplicate field "image"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no duplicate problem at %s; got %+v", path, r.Problems)
	}
	if r := ValidateYAML([]byte(deployment)); !r.OK() {
		t.Errorf("clean document: %+v", r)
	}
	if r := ValidateYAML([]byte("# only a comment\n")); r.Validated || r.Note == "" {
		t.Errorf("empty document: %+v", r)
	}
	if r := ValidateYAML([]byte("a: [\n")); len(r.Problems) != 1 || !strings.HasPrefix(r.Problems[0].Message, "not valid YAML") {
		t.Errorf("bad YAML: %+v", r)
	}
}

func TestKubeMinor(t *testing.T) {
	if kubeMinor() < fallbackKubeMinor {
		t.Errorf("kubeMinor = %d, below the fallback %d: update fallbackKubeMinor", kubeMinor(), fallbackKubeMinor)
	}
	if n, ok := minorOf("v0.37.0"); !ok || n != 37 {
		t.Errorf("minorOf(v0.37.0) = %d, %v", n, ok)
	}
	if _, ok := minorOf("v1.2.3"); ok {
		t.Error("minorOf(v1.2.3) should fail")
	}
}

// The warm-up object is a valid Deployment: if the validator ever rejects
// it, Warm is warming the wrong paths.
func TestWarmObjectIsValid(t *testing.T) {
	if r := Validate(warmObject()); !r.OK() {
		t.Fatalf("warm-up object not valid: %+v", r)
	}
}

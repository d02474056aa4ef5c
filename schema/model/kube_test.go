package model

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	sjs "github.com/santhosh-tekuri/jsonschema/v6"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// kubeMirrors pairs each root type of kube.go with the Kubernetes type it
// mirrors. Nested types are reached by walking the fields.
var kubeMirrors = []struct {
	ours, theirs any
}{
	{Container{}, corev1.Container{}},
	{Volume{}, corev1.Volume{}},
	{Affinity{}, corev1.Affinity{}},
	{Toleration{}, corev1.Toleration{}},
	{TopologySpreadConstraint{}, corev1.TopologySpreadConstraint{}},
	{EnvVar{}, corev1.EnvVar{}},
	{EnvFromSource{}, corev1.EnvFromSource{}},
	{PodSecurityContext{}, corev1.PodSecurityContext{}},
	{SecurityContext{}, corev1.SecurityContext{}},
	{ResourceRequirements{}, corev1.ResourceRequirements{}},
	{HostAlias{}, corev1.HostAlias{}},
	{PodDNSConfig{}, corev1.PodDNSConfig{}},
	{DeploymentStrategy{}, appsv1.DeploymentStrategy{}},
	{LocalObjectReference{}, corev1.LocalObjectReference{}},
	{Lifecycle{}, corev1.Lifecycle{}},
	{Probe{}, corev1.Probe{}},
	{VolumeMount{}, corev1.VolumeMount{}},
	{LabelSelector{}, metav1.LabelSelector{}},
}

// kubeLeaves are our scalar types and the Kubernetes types each may stand
// for. The walk stops at them.
var kubeLeaves = map[reflect.Type][]reflect.Type{
	reflect.TypeFor[Quantity]():    {reflect.TypeFor[resource.Quantity]()},
	reflect.TypeFor[IntOrString](): {reflect.TypeFor[intstr.IntOrString]()},
	reflect.TypeFor[Percentish]():  {reflect.TypeFor[intstr.IntOrString]()},
	reflect.TypeFor[Port]():        {reflect.TypeFor[int32]()},
	reflect.TypeFor[StringMap]():   {reflect.TypeFor[map[string]string]()},
}

// kubeOptionalWithoutOmitempty lists Kubernetes fields marked +optional
// although their JSON tag has no omitempty.
var kubeOptionalWithoutOmitempty = map[string]bool{
	"GRPCAction.service":                 true,
	"ProjectedVolumeSource.sources":      true,
	"TypedLocalObjectReference.apiGroup": true,
	"TypedObjectReference.apiGroup":      true,
}

// kubeRequiredWithOmitempty lists Kubernetes fields marked +required although
// their JSON tag has omitempty.
var kubeRequiredWithOmitempty = map[string]bool{
	"ContainerRestartRule.action":              true,
	"ContainerRestartRuleOnExitCodes.operator": true,
	"PodCertificateProjection.signerName":      true,
	"PodCertificateProjection.keyType":         true,
}

// kubeTemplateMetaFields are the only ObjectMeta fields the API server
// accepts in an ephemeral volume's claim template.
var kubeTemplateMetaFields = map[string]bool{"labels": true, "annotations": true}

type kubeJSONField struct {
	typ      reflect.Type
	required bool
}

// kubeMirrorWalker compares our types with Kubernetes types field by field.
type kubeMirrorWalker struct {
	problems []string
	seen     map[[2]reflect.Type]bool
	visited  map[reflect.Type]bool // our struct types reached
}

func newKubeMirrorWalker() *kubeMirrorWalker {
	return &kubeMirrorWalker{seen: map[[2]reflect.Type]bool{}, visited: map[reflect.Type]bool{}}
}

func (w *kubeMirrorWalker) fail(format, path string, args ...any) {
	w.problems = append(w.problems, path+": "+fmt.Sprintf(format, args...))
}

func kubeDeref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func (w *kubeMirrorWalker) walk(path string, ours, theirs reflect.Type) {
	ours, theirs = kubeDeref(ours), kubeDeref(theirs)
	if allowed, ok := kubeLeaves[ours]; ok {
		for _, a := range allowed {
			if theirs == a || (a.Kind() == reflect.Map && theirs.Kind() == reflect.Map &&
				theirs.Key().Kind() == a.Key().Kind() && theirs.Elem().Kind() == a.Elem().Kind()) {
				return
			}
		}
		w.fail("our %s stands in for Kubernetes %s", path, ours, theirs)
		return
	}
	key := [2]reflect.Type{ours, theirs}
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	if ours.Kind() != theirs.Kind() {
		w.fail("kind %s here, %s (%s) in Kubernetes", path, ours.Kind(), theirs.Kind(), theirs)
		return
	}
	switch ours.Kind() {
	case reflect.Slice:
		w.walk(path+"[]", ours.Elem(), theirs.Elem())
	case reflect.Map:
		if ours.Key().Kind() != theirs.Key().Kind() {
			w.fail("map key %s here, %s in Kubernetes", path, ours.Key().Kind(), theirs.Key().Kind())
		}
		w.walk(path+"{}", ours.Elem(), theirs.Elem())
	case reflect.Struct:
		w.visited[ours] = true
		w.walkStruct(path, ours, theirs)
	}
}

func (w *kubeMirrorWalker) walkStruct(path string, ours, theirs reflect.Type) {
	of := kubeOurJSONFields(ours)
	tf := kubeJSONFields(theirs)
	if theirs == reflect.TypeFor[metav1.ObjectMeta]() {
		for name := range tf {
			if !kubeTemplateMetaFields[name] {
				delete(tf, name)
			}
		}
	}
	for _, name := range kubeSortedKeys(tf) {
		if _, ok := of[name]; !ok {
			w.fail("field %q is in Kubernetes %s but missing here", path, name, theirs)
		}
	}
	for _, name := range kubeSortedKeys(of) {
		t, ok := tf[name]
		if !ok {
			w.fail("field %q is here but not in Kubernetes %s", path, name, theirs)
			continue
		}
		o := of[name]
		if o.required != t.required {
			w.fail("field %q: required here is %v, in Kubernetes %v", path, name, o.required, t.required)
		}
		w.walk(path+"."+name, o.typ, t.typ)
	}
}

// kubeOurJSONFields lists the JSON properties of one of our structs; a field is
// required when its jsonschema tag says so.
func kubeOurJSONFields(t reflect.Type) map[string]kubeJSONField {
	out := map[string]kubeJSONField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		req := false
		for _, opt := range strings.Split(f.Tag.Get("jsonschema"), ",") {
			if opt == "required" {
				req = true
			}
		}
		out[name] = kubeJSONField{typ: f.Type, required: req}
	}
	return out
}

// kubeJSONFields lists the JSON properties of a Kubernetes struct, flattening
// embedded and inline structs. A field is required when its JSON tag lacks
// omitempty, as the Kubernetes OpenAPI generator has it, save for the fields
// whose +optional or +required marker says otherwise.
func kubeJSONFields(t reflect.Type) map[string]kubeJSONField {
	out := map[string]kubeJSONField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		inline := (f.Anonymous && name == "") || strings.Contains(","+opts+",", ",inline,")
		if inline {
			for k, v := range kubeJSONFields(kubeDeref(f.Type)) {
				out[k] = v
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		key := t.Name() + "." + name
		req := !strings.Contains(","+opts+",", ",omitempty,")
		if kubeOptionalWithoutOmitempty[key] {
			req = false
		}
		if kubeRequiredWithOmitempty[key] {
			req = true
		}
		out[name] = kubeJSONField{typ: f.Type, required: req}
	}
	return out
}

func kubeSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestKubeTypesMatchKubernetes checks, recursively, that every field of the
// mirrored Kubernetes types exists in ours with the same JSON name, kind and
// requiredness, and that we have no field Kubernetes lacks.
func TestKubeTypesMatchKubernetes(t *testing.T) {
	w := newKubeMirrorWalker()
	for _, m := range kubeMirrors {
		ours, theirs := reflect.TypeOf(m.ours), reflect.TypeOf(m.theirs)
		t.Run(ours.Name(), func(t *testing.T) {
			sub := newKubeMirrorWalker()
			sub.walk(ours.Name(), ours, theirs)
			if len(sub.problems) > 0 {
				t.Errorf("%s does not match %s:\n  %s", ours, theirs, strings.Join(sub.problems, "\n  "))
			}
		})
		w.walk(ours.Name(), ours, theirs)
	}

	// Every struct declared in kube.go must have been compared.
	declared := kubeGoStructs(t)
	var unchecked []string
	for _, name := range declared {
		found := false
		for typ := range w.visited {
			if typ.Name() == name && typ.PkgPath() == reflect.TypeFor[Container]().PkgPath() {
				found = true
			}
		}
		if !found {
			unchecked = append(unchecked, name)
		}
	}
	if len(unchecked) > 0 {
		t.Errorf("types in kube.go that no mirror reaches (add a root to kubeMirrors): %v", unchecked)
	}
}

// kubeGoStructs lists the struct types declared in kube.go.
func kubeGoStructs(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "kube.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok {
				if _, ok := ts.Type.(*ast.StructType); ok {
					names = append(names, ts.Name.Name)
				}
			}
		}
	}
	if len(names) < 50 {
		t.Fatalf("found only %d structs in kube.go", len(names))
	}
	return names
}

// Deliberately incomplete mirrors, used to prove that the walk reports drift.
type (
	driftEnvVar struct {
		Name      string          `json:"name" jsonschema:"required"`
		ValueFrom *driftEnvSource `json:"valueFrom,omitempty"`
		Extra     string          `json:"extra,omitempty"`
	}
	driftEnvSource struct {
		FieldRef         *ObjectFieldSelector   `json:"fieldRef,omitempty"`
		ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
		ConfigMapKeyRef  *ConfigMapKeySelector  `json:"configMapKeyRef,omitempty"`
		SecretKeyRef     *driftSecretKey        `json:"secretKeyRef,omitempty"`
	}
	driftSecretKey struct {
		Name     string `json:"name,omitempty"`
		Key      string `json:"key,omitempty"`
		Optional *bool  `json:"optional,omitempty"`
	}
)

// TestKubeMirrorWalkerReportsDrift proves the comparison fails on a missing
// field (also a nested one), an extra field and a wrong requiredness.
func TestKubeMirrorWalkerReportsDrift(t *testing.T) {
	w := newKubeMirrorWalker()
	w.walk("driftEnvVar", reflect.TypeFor[driftEnvVar](), reflect.TypeFor[corev1.EnvVar]())
	got := strings.Join(w.problems, "\n")
	for _, want := range []string{
		`driftEnvVar: field "value" is in Kubernetes`,
		`driftEnvVar: field "extra" is here but not in Kubernetes`,
		`driftEnvVar.valueFrom: field "fileKeyRef" is in Kubernetes`,
		`driftEnvVar.valueFrom.secretKeyRef: field "key": required here is false, in Kubernetes true`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("walker did not report %q; it reported:\n%s", want, got)
		}
	}
	if len(w.problems) != 4 {
		t.Errorf("want 4 problems, got %d:\n%s", len(w.problems), got)
	}
}

// kubeReflector reflects like the project's schema generator, with the Go
// comments of this package as descriptions.
func kubeReflector(t *testing.T) *jsonschema.Reflector {
	t.Helper()
	r := &jsonschema.Reflector{Anonymous: true, RequiredFromJSONSchemaTags: true, ExpandedStruct: true}
	if err := r.AddGoComments("github.com/valuesmith/valuesmith/schema/model", "."); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestKubeTypesReflect reflects every root type and checks that the schema
// marshals and that every type and property has a description.
func TestKubeTypesReflect(t *testing.T) {
	r := kubeReflector(t)
	for _, m := range kubeMirrors {
		name := reflect.TypeOf(m.ours).Name()
		s := r.Reflect(m.ours)
		if _, err := json.Marshal(s); err != nil {
			t.Fatalf("%s: marshal: %v", name, err)
		}
		checkKubeDescriptions(t, name, s)
		for def, ds := range s.Definitions {
			checkKubeDescriptions(t, name+" $defs/"+def, ds)
		}
	}
}

func checkKubeDescriptions(t *testing.T, where string, s *jsonschema.Schema) {
	t.Helper()
	if s.Description == "" {
		t.Errorf("%s: no description", where)
	}
	if s.Properties == nil {
		return
	}
	for p := s.Properties.Oldest(); p != nil; p = p.Next() {
		if p.Value == nil || strings.TrimSpace(p.Value.Description) == "" {
			t.Errorf("%s: property %q has no description", where, p.Key)
		}
	}
}

// TestKubeSchemaValidates compiles the reflected schemas and checks a few
// documents that must pass or fail.
func TestKubeSchemaValidates(t *testing.T) {
	r := kubeReflector(t)
	compile := func(v any) *sjs.Schema {
		raw, err := json.Marshal(r.Reflect(v))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := sjs.UnmarshalJSON(strings.NewReader(string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		c := sjs.NewCompiler()
		if err := c.AddResource("kube.json", doc); err != nil {
			t.Fatal(err)
		}
		sch, err := c.Compile("kube.json")
		if err != nil {
			t.Fatal(err)
		}
		return sch
	}
	schemas := map[string]*sjs.Schema{
		"Container":  compile(&Container{}),
		"Volume":     compile(&Volume{}),
		"Toleration": compile(&Toleration{}),
		"Strategy":   compile(&DeploymentStrategy{}),
		"Affinity":   compile(&Affinity{}),
	}
	cases := []struct {
		schema, doc string
		ok          bool
	}{
		{"Container", `{"name":"sidecar","image":"busybox","resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":0.5}},
			"ports":[{"containerPort":8080,"protocol":"TCP"}],"env":[{"name":"A","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}],
			"livenessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":5},
			"lifecycle":{"preStop":{"sleep":{"seconds":5}},"stopSignal":"SIGTERM"},
			"securityContext":{"capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}},
			"restartPolicy":"Always"}`, true},
		{"Container", `{"image":"busybox"}`, false},
		{"Container", `{"name":"x","imagePullPolicy":"Sometimes"}`, false},
		{"Container", `{"name":"x","resources":{"limits":{"cpu":"lots"}}}`, false},
		{"Container", `{"name":"x","ports":[{"containerPort":70000}]}`, false},
		{"Container", `{"name":"x","env":[{"name":"A","valueFrom":{}}]}`, false},
		{"Container", `{"name":"x","lifecycle":{"stopSignal":"SIGNOPE"}}`, false},
		{"Container", `{"name":"x","lifecycle":{"preStop":{"exec":{"command":["a"]},"sleep":{"seconds":1}}}}`, false},
		{"Container", `{"name":"x","unknown":true}`, false},
		{"Volume", `{"name":"data","emptyDir":{"medium":"Memory","sizeLimit":"1Gi"}}`, true},
		{"Volume", `{"name":"huge","emptyDir":{"medium":"HugePages-2Mi"}}`, true},
		{"Volume", `{"name":"cfg","projected":{"sources":[{"configMap":{"name":"c","items":[{"key":"a","path":"a"}]}},{"serviceAccountToken":{"path":"t","expirationSeconds":3600}}]}}`, true},
		{"Volume", `{"name":"eph","ephemeral":{"volumeClaimTemplate":{"metadata":{"labels":{"a":"b"}},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}}}`, true},
		{"Volume", `{"name":"eph","ephemeral":{"volumeClaimTemplate":{"metadata":{"name":"x"},"spec":{}}}}`, false},
		{"Volume", `{"name":"s","secret":{"secretName":"s","defaultMode":1000}}`, false},
		{"Volume", `{"name":"old","flocker":{"datasetName":"d"}}`, true},
		{"Toleration", `{"operator":"Exists"}`, true},
		{"Toleration", `{"key":"k","operator":"Equal","value":"v","effect":"","tolerationSeconds":30}`, true},
		{"Toleration", `{"effect":"Sometimes"}`, false},
		{"Strategy", `{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}}`, true},
		{"Strategy", `{"type":"BlueGreen"}`, false},
		{"Affinity", `{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"topologyKey":"kubernetes.io/hostname","labelSelector":{"matchLabels":{"app":"x"}}}}]}}`, true},
		{"Affinity", `{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":101,"podAffinityTerm":{"topologyKey":"k"}}]}}`, false},
		{"Affinity", `{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"k","operator":"Gt","values":["3"]}]}]}}}`, true},
	}
	for i, c := range cases {
		inst, err := sjs.UnmarshalJSON(strings.NewReader(c.doc))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		err = schemas[c.schema].Validate(inst)
		if c.ok && err != nil {
			t.Errorf("case %d (%s) should pass: %v", i, c.schema, err)
		}
		if !c.ok && err == nil {
			t.Errorf("case %d (%s) should fail: %s", i, c.schema, c.doc)
		}
	}
}

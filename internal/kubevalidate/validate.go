// Package kubevalidate validates rendered Kubernetes objects offline, without
// a cluster.
//
// Built-in kinds are decoded strictly (unknown fields, wrong types, bad
// quantities) into the typed k8s.io/api structs registered in client-go's
// scheme, their apiVersion is checked against the versions current Kubernetes
// serves, and a few cheap semantic checks that decoding cannot make (names,
// ports, env, requests against limits, probes, selectors, volume mounts)
// follow. KEDA objects (keda.sh) are validated against JSON Schemas generated
// from the KEDA CRDs (see crds/NOTICE.md and ./gencrd). Any other kind is
// reported as not validated, never as passed.
//
// Duplicate keys are lost once YAML is decoded into a map (the last one
// wins), so ValidateYAML and DuplicateFields look for them in the text.
package kubevalidate

//go:generate go run ./gencrd

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/version"
	"k8s.io/client-go/kubernetes/scheme"
)

// Problem is one validation error inside an object.
type Problem struct {
	Path    string // field path inside the object, e.g. spec.template.spec.containers[0].resources.limits.memory
	Message string // one line, lower-case start, no secret values
}

// Result of validating one object.
type Result struct {
	Validated bool   // false when the kind is unknown to us (then Problems is empty and Note says so)
	Schema    string // what it was validated against, e.g. "k8s.io/api apps/v1 Deployment" or "KEDA v2.21.0 CRD keda.sh/v1alpha1 ScaledObject"
	Problems  []Problem
	Note      string
}

// OK reports whether the object was validated and has no problems.
func (r Result) OK() bool { return r.Validated && len(r.Problems) == 0 }

// problem is a Problem with a structured path.
type problem struct {
	path fieldPath
	msg  string
}

func finish(ps []problem) []Problem {
	if len(ps) == 0 {
		return nil
	}
	out := make([]Problem, 0, len(ps))
	seen := map[Problem]bool{}
	for _, p := range ps {
		pr := Problem{Path: p.path.String(), Message: p.msg}
		if !seen[pr] {
			seen[pr] = true
			out = append(out, pr)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// Validate checks one rendered object (as decoded from YAML into
// map[string]any, numbers as float64/int64, like sigs.k8s.io/yaml gives).
func Validate(obj map[string]any) Result {
	if obj == nil {
		return Result{Validated: true, Schema: "Kubernetes object", Problems: []Problem{{Message: "empty object"}}}
	}
	apiVersion, avOK := obj["apiVersion"].(string)
	kind, kOK := obj["kind"].(string)
	var env []problem
	if !avOK || apiVersion == "" {
		env = append(env, problem{fieldPath{"apiVersion"}, "apiVersion is required and must be a string"})
	}
	if !kOK || kind == "" {
		env = append(env, problem{fieldPath{"kind"}, "kind is required and must be a string"})
	}
	if len(env) > 0 {
		return Result{Validated: true, Schema: "Kubernetes object", Problems: finish(env)}
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil || gv.Version == "" {
		return Result{Validated: true, Schema: "Kubernetes object", Problems: []Problem{{
			Path: "apiVersion", Message: fmt.Sprintf("apiVersion %q is not of the form group/version or version", apiVersion),
		}}}
	}
	gvk := gv.WithKind(kind)

	if gv.Group == "" && gv.Version == "v1" && kind == "List" {
		return validateList(obj)
	}
	if kedaGroups[gv.Group] {
		return validateKEDA(obj, gvk)
	}
	if scheme.Scheme.IsGroupRegistered(gv.Group) {
		return validateBuiltin(obj, gvk)
	}
	return Result{Note: fmt.Sprintf("no schema for %s %s: not validated", apiVersion, kind)}
}

// validateList validates the items of a v1 List one by one.
func validateList(obj map[string]any) Result {
	res := Result{Validated: true, Schema: "k8s.io/api v1 List"}
	items, ok := obj["items"].([]any)
	if !ok {
		if obj["items"] != nil {
			res.Problems = []Problem{{Path: "items", Message: "items must be an array"}}
		}
		return res
	}
	var notes []string
	for i, it := range items {
		prefix := fieldPath{"items", i}.String()
		m, ok := it.(map[string]any)
		if !ok {
			res.Problems = append(res.Problems, Problem{Path: prefix, Message: "list item must be an object"})
			continue
		}
		r := Validate(m)
		for _, p := range r.Problems {
			if p.Path == "" {
				p.Path = prefix
			} else {
				p.Path = prefix + "." + p.Path
			}
			res.Problems = append(res.Problems, p)
		}
		if r.Note != "" {
			notes = append(notes, prefix+": "+r.Note)
		}
	}
	res.Note = strings.Join(notes, "; ")
	return res
}

// kubeMinor is the Kubernetes minor version whose API the vendored k8s.io/api
// describes (k8s.io/api v0.N.x is Kubernetes 1.N). It is read from the build
// info when available; the constant is the fallback. It is read on first
// use: most runs validate no manifest.
var kubeMinor = sync.OnceValue(func() int {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return fallbackKubeMinor
	}
	for _, d := range bi.Deps {
		if d.Path == "k8s.io/api" {
			if d.Replace != nil {
				d = d.Replace
			}
			if n, ok := minorOf(d.Version); ok {
				return n
			}
		}
	}
	return fallbackKubeMinor
})

// fallbackKubeMinor is used when the build info does not name k8s.io/api;
// keep it at the minor of the k8s.io/api version in go.mod.
const fallbackKubeMinor = 37

// minorOf parses "v0.37.0" into 37.
func minorOf(v string) (int, bool) {
	parts := strings.SplitN(strings.TrimPrefix(v, "v"), ".", 3)
	if len(parts) < 2 || parts[0] != "0" {
		return 0, false
	}
	n, err := strconv.Atoi(parts[1])
	return n, err == nil
}

// Versions that are gone from k8s.io/api altogether, with the release that
// stopped serving them. Versions still in k8s.io/api carry their own
// lifecycle (APILifecycleRemoved) and need no entry here.
var removedVersions = map[schema.GroupVersion]int{
	{Group: "autoscaling", Version: "v2beta1"}:        25,
	{Group: "autoscaling", Version: "v2beta2"}:        26,
	{Group: "policy", Version: "v1beta1"}:             25,
	{Group: "batch", Version: "v2alpha1"}:             21,
	{Group: "scheduling.k8s.io", Version: "v1alpha1"}: 17,
}

type lifecycleRemoved interface {
	APILifecycleRemoved() (major, minor int)
}
type lifecycleDeprecated interface {
	APILifecycleDeprecated() (major, minor int)
}
type lifecycleReplacement interface {
	APILifecycleReplacement() schema.GroupVersionKind
}

func gvkString(gvk schema.GroupVersionKind) string {
	return gvk.GroupVersion().String() + " " + gvk.Kind
}

// servedVersions lists the versions of gvk's group that define its kind,
// most preferred first, skipping those already removed.
func servedVersions(gvk schema.GroupVersionKind) []string {
	var out []string
	gvs := scheme.Scheme.PrioritizedVersionsForGroup(gvk.Group)
	sort.SliceStable(gvs, func(i, j int) bool {
		return version.CompareKubeAwareVersionStrings(gvs[i].Version, gvs[j].Version) > 0
	})
	for _, gv := range gvs {
		g := gv.WithKind(gvk.Kind)
		if !scheme.Scheme.Recognizes(g) {
			continue
		}
		if obj, err := scheme.Scheme.New(g); err == nil {
			if r, ok := obj.(lifecycleRemoved); ok {
				if maj, mnr := r.APILifecycleRemoved(); maj == 1 && mnr <= kubeMinor() {
					continue
				}
			}
		}
		out = append(out, gv.String())
	}
	return out
}

// checkServed reports whether gvk is served by current Kubernetes. It
// returns a problem when it is not, and a note when it is deprecated or alpha.
func checkServed(gvk schema.GroupVersionKind, obj runtime.Object) (*problem, string) {
	name := gvkString(gvk)
	if obj == nil {
		served := servedVersions(gvk)
		rm, removed := removedVersions[gvk.GroupVersion()]
		if len(served) == 0 && !removed {
			return &problem{fieldPath{"kind"}, fmt.Sprintf("kind %q is not defined in API group %q", gvk.Kind, groupName(gvk.Group))}, ""
		}
		msg := fmt.Sprintf("%s is not served by current Kubernetes", name)
		if removed {
			msg += fmt.Sprintf(" (removed in 1.%d)", rm)
		}
		if len(served) > 0 {
			msg += "; use " + strings.Join(served, " or ")
		}
		return &problem{fieldPath{"apiVersion"}, msg}, ""
	}
	if r, ok := obj.(lifecycleRemoved); ok {
		if maj, mnr := r.APILifecycleRemoved(); maj == 1 && mnr <= kubeMinor() {
			msg := fmt.Sprintf("%s is not served by current Kubernetes (removed in 1.%d)", name, mnr)
			if rp, ok := obj.(lifecycleReplacement); ok && !rp.APILifecycleReplacement().Empty() {
				msg += "; use " + rp.APILifecycleReplacement().GroupVersion().String()
			} else if served := servedVersions(gvk); len(served) > 0 {
				msg += "; use " + strings.Join(served, " or ")
			}
			return &problem{fieldPath{"apiVersion"}, msg}, ""
		}
	}
	var note string
	if d, ok := obj.(lifecycleDeprecated); ok {
		if maj, mnr := d.APILifecycleDeprecated(); maj == 1 && mnr <= kubeMinor() {
			note = fmt.Sprintf("%s is deprecated since 1.%d", name, mnr)
			if r, ok := obj.(lifecycleRemoved); ok {
				if _, rm := r.APILifecycleRemoved(); rm > 0 {
					note += fmt.Sprintf(" and will not be served from 1.%d", rm)
				}
			}
		}
	}
	if strings.Contains(gvk.Version, "alpha") {
		alpha := fmt.Sprintf("%s is an alpha API, served only when its feature gate is enabled", name)
		if note == "" {
			note = alpha
		} else {
			note += "; " + alpha
		}
	}
	return nil, note
}

func groupName(g string) string {
	if g == "" {
		return "core"
	}
	return g
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

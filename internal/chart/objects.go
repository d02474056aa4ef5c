package chart

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/releaseutil"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

// Object is one rendered Kubernetes object.
type Object struct {
	// Template is the chart file that rendered it (langfuse/templates/...).
	Template   string
	APIVersion string
	Kind       string
	Name       string
	Obj        map[string]any
}

// ID is Kind/name, how objects are named in messages.
func (o *Object) ID() string { return o.Kind + "/" + o.Name }

var docSep = lazyre.New(`(?m)^---[ \t]*$`)

// splitObjects parses the rendered templates into objects, in template
// order; a document that is not YAML is returned as a parse problem.
func splitObjects(rendered map[string]string) ([]*Object, []renderError) {
	names := make([]string, 0, len(rendered))
	for n := range rendered {
		names = append(names, n)
	}
	sort.Strings(names)
	var objs []*Object
	var errs []renderError
	for _, n := range names {
		base := path.Base(n)
		if strings.HasPrefix(base, "_") || strings.HasSuffix(base, "NOTES.txt") {
			continue
		}
		for _, doc := range docSep.Split(rendered[n], -1) {
			if strings.TrimSpace(doc) == "" {
				continue
			}
			var m map[string]any
			if err := sigsyaml.Unmarshal([]byte(doc), &m); err != nil {
				errs = append(errs, renderError{Template: n, Message: fmt.Sprintf("rendered output is not valid YAML: %v", err)})
				continue
			}
			if len(m) == 0 {
				continue // a comment-only document, such as validations.yaml
			}
			if err := headError(doc, m); err != nil {
				errs = append(errs, renderError{Template: n, Message: fmt.Sprintf("YAML parse error on %s: %v", n, err)})
				continue
			}
			o := &Object{Template: n, Obj: m}
			o.APIVersion, _ = m["apiVersion"].(string)
			o.Kind, _ = m["kind"].(string)
			o.Name, _ = get(m, "metadata", "name").(string)
			objs = append(objs, o)
		}
	}
	return objs, errs
}

// headError is the error Helm meets reading a manifest's head into its
// typed fields (releaseutil.SimpleHead: apiVersion and kind strings,
// metadata.name a string, metadata.annotations a map of strings), which
// install and template do before they install or print anything: a head
// that does not decode into them fails the release. m is the manifest
// already decoded; a plain head in it (see plainHead) decodes without
// error, and only another head is decoded again, with Helm's type.
func headError(doc string, m map[string]any) error {
	if plainHead(m) {
		return nil
	}
	var head releaseutil.SimpleHead
	return sigsyaml.Unmarshal([]byte(doc), &head)
}

// plainHead reports whether m's head surely decodes into Helm's typed
// head: apiVersion and kind absent, null or strings, and metadata absent,
// null or a map whose name and annotations are absent, null or strings,
// all keys spelled exactly. Any other head (a number decodes as its text
// there, a list or a map fails) is left to Helm's decode.
func plainHead(m map[string]any) bool {
	// Helm decodes with encoding/json, which also takes keys that differ
	// only in case: leave such heads to its decode.
	if !exactKeys(m, "apiVersion", "kind", "metadata") || !nullOrString(m["apiVersion"]) || !nullOrString(m["kind"]) {
		return false
	}
	meta, isMap := m["metadata"].(map[string]any)
	if !isMap {
		return m["metadata"] == nil
	}
	if !exactKeys(meta, "name", "annotations") || !nullOrString(meta["name"]) {
		return false
	}
	ann, isMap := meta["annotations"].(map[string]any)
	if !isMap {
		return meta["annotations"] == nil
	}
	for _, v := range ann {
		if _, isString := v.(string); !isString {
			return false
		}
	}
	return true
}

// nullOrString reports whether v (absent when nil) is null or a string.
func nullOrString(v any) bool {
	_, isString := v.(string)
	return v == nil || isString
}

// exactKeys reports whether every key of m that equals one of names but
// for case is spelled exactly as it.
func exactKeys(m map[string]any, names ...string) bool {
	for k := range m {
		for _, n := range names {
			if k != n && strings.EqualFold(k, n) {
				return false
			}
		}
	}
	return true
}

// get follows keys through nested maps.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return fmt.Sprintf("%g", x)
	case int64:
		return fmt.Sprintf("%d", x)
	case int:
		return fmt.Sprintf("%d", x)
	case bool:
		return fmt.Sprintf("%t", x)
	}
	return ""
}

// labelsOf reads a string map.
func labelsOf(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, x := range m {
		out[k] = str(x)
	}
	return out
}

// podTemplate returns the pod template spec and labels of a workload.
func podTemplate(o *Object) (spec map[string]any, labels map[string]string, ok bool) {
	switch o.Kind {
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
	default:
		return nil, nil, false
	}
	spec, _ = get(o.Obj, "spec", "template", "spec").(map[string]any)
	return spec, labelsOf(get(o.Obj, "spec", "template", "metadata", "labels")), spec != nil
}

// matches evaluates a label selector ({matchLabels, matchExpressions})
// against labels. A nil or empty selector matches nothing here, as for
// PodDisruptionBudgets (policy/v1), Services and spread constraints.
func matches(sel any, labels map[string]string) bool {
	m, ok := sel.(map[string]any)
	if !ok || len(m) == 0 {
		return false
	}
	ml := labelsOf(m["matchLabels"])
	exprs := list(m["matchExpressions"])
	if len(ml) == 0 && len(exprs) == 0 {
		return false
	}
	for k, v := range ml {
		if labels[k] != v {
			return false
		}
	}
	for _, e := range exprs {
		em, _ := e.(map[string]any)
		key := str(em["key"])
		var vals []string
		for _, v := range list(em["values"]) {
			vals = append(vals, str(v))
		}
		have, present := labels[key]
		in := false
		for _, v := range vals {
			if v == have {
				in = true
			}
		}
		switch str(em["operator"]) {
		case "In":
			if !present || !in {
				return false
			}
		case "NotIn":
			if present && in {
				return false
			}
		case "Exists":
			if !present {
				return false
			}
		case "DoesNotExist":
			if present {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// matchesSet is for Service selectors: a plain label map.
func matchesSet(sel map[string]string, labels map[string]string) bool {
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

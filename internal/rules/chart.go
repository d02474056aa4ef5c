package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// This file reads effective values with the chart's template semantics, so
// that rules agree with what the chart renders:
//   - `x | default d` takes d when x is empty: null, false, 0, "", {} or [];
//   - `coalesce a b` takes the first non-empty value;
//   - per-component keys (langfuse.web.*) fall back to global ones
//     (langfuse.*), and an empty per-component list falls back too.

// Components are the two Langfuse Deployments.
var Components = []string{"web", "worker"}

// Empty reports whether Helm's default and coalesce treat n as empty.
func Empty(n *values.Node) bool {
	if n == nil {
		return true
	}
	switch n.Kind {
	case values.Null:
		return true
	case values.Bool:
		return !n.Bool
	case values.Int:
		return n.Int == 0
	case values.Float:
		return n.Float == 0
	case values.String:
		return n.Str == ""
	case values.Map:
		return len(n.Fields) == 0
	case values.List:
		return len(n.Items) == 0
	}
	return true
}

// Truthy is the template's if: the opposite of Empty.
func Truthy(n *values.Node) bool { return !Empty(n) }

// Source is an effective value with the path it was read from.
type Source struct {
	Node *values.Node
	Path string
}

// Coalesce returns the first non-empty value among the paths, as the
// template function coalesce does, and the path it came from. When all are
// empty it returns the first path with a nil node.
func (c *Context) Coalesce(paths ...string) Source {
	for _, p := range paths {
		if n := c.Get(p); Truthy(n) {
			return Source{Node: n, Path: p}
		}
	}
	return Source{Path: paths[0]}
}

// Int reads an integer value (whole floats count).
func Int(n *values.Node) (int, bool) {
	if n == nil {
		return 0, false
	}
	switch n.Kind {
	case values.Int:
		return int(n.Int), true
	case values.Float:
		// Beyond int64 a conversion wraps around; such a number is no count
		// anything can use (the schema reports it).
		if n.Float == math.Trunc(n.Float) && math.Abs(n.Float) < 1<<62 {
			return int(n.Float), true
		}
	case values.String:
		if i, err := strconv.Atoi(strings.TrimSpace(n.Str)); err == nil {
			return i, true
		}
	}
	return 0, false
}

// IntDefault is `value | default d` for a number.
func (c *Context) IntDefault(path string, d int) (int, Source) {
	n := c.Get(path)
	if Empty(n) {
		return d, Source{Path: path}
	}
	if i, ok := Int(n); ok {
		return i, Source{Node: n, Path: path}
	}
	return d, Source{Node: n, Path: path}
}

// Bool reads a boolean the way the template's if does.
func (c *Context) Bool(path string) bool { return Truthy(c.Get(path)) }

// Str reads a scalar as text ("" when absent).
func (c *Context) Str(path string) string { return c.Get(path).Text() }

// SetByUser reports whether the user's layers write the path (even to an
// empty value).
func (c *Context) SetByUser(path string) bool {
	return c.User != nil && c.User.Follow(strings.Split(path, ".")).Field != nil
}

// Comp is the values prefix of a component: langfuse.web or langfuse.worker.
func Comp(name string) string { return "langfuse." + name }

// Scaling is how a component's replica count is decided.
type Scaling struct {
	// Mode is "static", "hpa" or "keda". With both HPA and KEDA on, it is
	// "keda" (the chart refuses to render; autoscaler-conflict reports it).
	Mode string
	// Min is the lowest replica count the component runs with.
	Min int
	// Max is the highest replica count (Min for static).
	Max int
	// MinFrom is the path that sets Min.
	MinFrom string
}

// ScalingOf reads a component's replicas with the chart's fallbacks:
// replicas: <comp>.replicas | default langfuse.replicas, omitted when HPA or
// KEDA is on, in which case their minReplicas applies.
func (c *Context) ScalingOf(comp string) Scaling {
	p := Comp(comp)
	switch {
	case c.Bool(p + ".keda.enabled"):
		lo, _ := c.IntDefault(p+".keda.minReplicas", 0)
		hi, _ := c.IntDefault(p+".keda.maxReplicas", 0)
		return Scaling{Mode: "keda", Min: lo, Max: hi, MinFrom: p + ".keda.minReplicas"}
	case c.Bool(p + ".hpa.enabled"):
		lo, _ := c.IntDefault(p+".hpa.minReplicas", 1)
		hi, _ := c.IntDefault(p+".hpa.maxReplicas", 1)
		return Scaling{Mode: "hpa", Min: lo, Max: hi, MinFrom: p + ".hpa.minReplicas"}
	}
	src := c.Coalesce(p+".replicas", "langfuse.replicas")
	n, _ := Int(src.Node)
	if src.Node == nil {
		// Both empty: the global value renders as it is (0 when 0).
		g, _ := Int(c.Get("langfuse.replicas"))
		return Scaling{Mode: "static", Min: g, Max: g, MinFrom: p + ".replicas"}
	}
	from := src.Path
	if from == "langfuse.replicas" && !c.SetByUser(from) {
		from = p + ".replicas"
	}
	return Scaling{Mode: "static", Min: n, Max: n, MinFrom: from}
}

// ListFallback returns `coalesce <comp>.<key> <global>`: the component's list
// when non-empty, else the global list.
func (c *Context) ListFallback(compPath, globalPath string) Source {
	return c.Coalesce(compPath, globalPath)
}

// EnvVar is one entry of additionalEnv with where it was written.
type EnvVar struct {
	Name string
	Node *values.Node
	Path string
}

// Value is the literal value of the variable, and whether it has one.
func (e EnvVar) Value() (string, bool) {
	v := e.Node.Get("value")
	if v == nil || v.Kind == values.Null {
		return "", false
	}
	return v.Text(), true
}

// FromSecret reports whether the variable is read from a Secret.
func (e EnvVar) FromSecret() bool {
	return e.Node.Lookup("valueFrom.secretKeyRef") != nil
}

// GlobalEnv lists langfuse.additionalEnv, the only list the chart's own
// override detection and conflict checks read.
func (c *Context) GlobalEnv() []EnvVar { return c.envAt("langfuse.additionalEnv") }

// ComponentEnv lists the environment a component's container gets from
// additionalEnv: the global list, then the component's own. Later entries
// win in Kubernetes when a name repeats.
func (c *Context) ComponentEnv(comp string) []EnvVar {
	return append(c.GlobalEnv(), c.envAt(Comp(comp)+".pod.additionalEnv")...)
}

func (c *Context) envAt(path string) []EnvVar {
	list := c.Get(path)
	if list == nil || list.Kind != values.List {
		return nil
	}
	var out []EnvVar
	for i, it := range list.Items {
		out = append(out, EnvVar{Name: it.Get("name").Text(), Node: it, Path: fmt.Sprintf("%s[%d]", path, i)})
	}
	return out
}

// LastEnv returns the last entry named name in env (the one Kubernetes uses).
func LastEnv(env []EnvVar, name string) (EnvVar, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if env[i].Name == name {
			return env[i], true
		}
	}
	return EnvVar{}, false
}

// HasEnv reports whether env sets name.
func HasEnv(env []EnvVar, name string) bool {
	_, ok := LastEnv(env, name)
	return ok
}

// ImageTag is a component's resolved image tag: <comp>.image.tag, else
// langfuse.image.tag, else the chart's appVersion.
type ImageTag struct {
	Tag string
	// From is the path that set the tag; empty when it is the appVersion.
	From string
}

// ImageTagOf resolves a component's image tag.
func (c *Context) ImageTagOf(comp string) ImageTag {
	src := c.Coalesce(Comp(comp)+".image.tag", "langfuse.image.tag")
	if src.Node != nil {
		return ImageTag{Tag: src.Node.Text(), From: src.Path}
	}
	return ImageTag{Tag: c.Chart.AppVersion}
}

// Fullname is the chart's resource name prefix: fullnameOverride, else the
// release name when it contains the chart name, else <release>-<name>,
// truncated to 63 characters.
func (c *Context) Fullname() string {
	if fo := c.Str("fullnameOverride"); fo != "" {
		return trunc63(fo)
	}
	name := c.Str("nameOverride")
	if name == "" {
		name = "langfuse"
	}
	if strings.Contains(c.Settings.Release, name) {
		return trunc63(c.Settings.Release)
	}
	return trunc63(c.Settings.Release + "-" + name)
}

func trunc63(s string) string {
	if len(s) > 63 {
		s = s[:63]
	}
	return strings.TrimSuffix(s, "-")
}

// PodLabels are the labels the chart puts on a component's pods.
func (c *Context) PodLabels(comp string) map[string]string {
	name := c.Str("nameOverride")
	if name == "" {
		name = "langfuse"
	}
	labels := map[string]string{}
	for _, src := range []string{"langfuse.pod.labels", Comp(comp) + ".pod.labels"} {
		if m := c.Get(src); m != nil && m.Kind == values.Map {
			for _, f := range m.Fields {
				labels[f.Key] = f.Value.Text()
			}
		}
	}
	labels["app.kubernetes.io/name"] = name
	labels["app.kubernetes.io/instance"] = c.Settings.Release
	labels["app.kubernetes.io/component"] = comp
	labels["app"] = comp
	return labels
}

// defaultsCache holds each chart version's parsed defaults.
var defaultsCache sync.Map // *schema.Version -> *values.Node

func defaultsOf(v *schema.Version) *values.Node {
	if n, ok := defaultsCache.Load(v); ok {
		return n.(*values.Node)
	}
	doc, err := values.Parse("", v.Defaults)
	if err != nil {
		// The defaults are the tool's own data, checked by tests.
		panic(fmt.Sprintf("chart %s defaults do not parse: %v", v.Chart, err))
	}
	defaultsCache.Store(v, doc.Root)
	return doc.Root
}

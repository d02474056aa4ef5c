package model

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
)

// This file holds the `| default` and coalesce chains of the web and worker
// templates: which key a rendered field is read from when another is empty.

// Scaling is how a component's replica count is decided.
type Scaling struct {
	// Mode is "static", "hpa" or "keda". With both HPA and KEDA on, it is
	// "keda" (the chart refuses to render).
	Mode string
	// Min is the lowest replica count the component runs with.
	Min int
	// Max is the highest replica count (Min for static).
	Max int
	// MinFrom is the path that sets Min.
	MinFrom string
}

// Scaling reads a component's replicas with the chart's fallbacks:
// replicas: <comp>.replicas | default <global>.replicas, omitted when HPA or
// KEDA is on, in which case their minReplicas applies.
func (w *Workloads) Scaling(r *eval.Reader, comp string) Scaling {
	p, g := w.Values(comp), w.Global
	switch {
	case r.Bool(p + ".keda.enabled"):
		lo, _ := r.IntDefault(p+".keda.minReplicas", 0)
		hi, _ := r.IntDefault(p+".keda.maxReplicas", 0)
		return Scaling{Mode: "keda", Min: lo, Max: hi, MinFrom: p + ".keda.minReplicas"}
	case r.Bool(p + ".hpa.enabled"):
		lo, _ := r.IntDefault(p+".hpa.minReplicas", 1)
		hi, _ := r.IntDefault(p+".hpa.maxReplicas", 1)
		return Scaling{Mode: "hpa", Min: lo, Max: hi, MinFrom: p + ".hpa.minReplicas"}
	}
	src := r.Coalesce(p+".replicas", g+".replicas")
	n, _ := eval.Int(src.Node)
	if src.Node == nil {
		// Both empty: the global value renders as it is (0 when 0).
		gn, _ := eval.Int(r.Get(g + ".replicas"))
		return Scaling{Mode: "static", Min: gn, Max: gn, MinFrom: p + ".replicas"}
	}
	from := src.Path
	if from == g+".replicas" && !r.SetByUser(from) {
		from = p + ".replicas"
	}
	return Scaling{Mode: "static", Min: n, Max: n, MinFrom: from}
}

// ImageTag is a component's resolved image tag.
type ImageTag struct {
	Tag string
	// From is the path that set the tag; empty when it is the appVersion.
	From string
}

// ImageTag resolves a component's image tag: <comp>.image.tag, else
// <global>.image.tag, else the chart's appVersion.
func (w *Workloads) ImageTag(r *eval.Reader, comp, appVersion string) ImageTag {
	src := r.Coalesce(w.Values(comp)+".image.tag", w.Global+".image.tag")
	if src.Node != nil {
		return ImageTag{Tag: src.Node.Text(), From: src.Path}
	}
	return ImageTag{Tag: appVersion}
}

// GlobalEnv lists the global additionalEnv, the only list the chart's own
// override detection and conflict checks read.
func (w *Workloads) GlobalEnv(r *eval.Reader) []eval.EnvVar { return r.EnvList(w.EnvOverrides) }

// ComponentEnv lists the environment a component's container gets from
// additionalEnv: the global list, then the component's own. Later entries
// win in Kubernetes when a name repeats.
func (w *Workloads) ComponentEnv(r *eval.Reader, comp string) []eval.EnvVar {
	return append(w.GlobalEnv(r), r.EnvList(w.Values(comp)+".pod.additionalEnv")...)
}

// ContainerPort is the port a component's container port and probes use:
// its port key, or the template's fallback when that is empty.
func (w *Workloads) ContainerPort(r *eval.Reader, comp string) (int, eval.Source) {
	c := w.Component(comp)
	return r.IntDefault(c.Port.Path, c.Port.Fallback)
}

// ProbeNumber is the number a probe field renders as, with the chart's
// fallback for an empty or zero value.
func (w *Workloads) ProbeNumber(r *eval.Reader, p *ProbeFact, field string) int {
	n, _ := r.IntDefault(p.Values+"."+field, w.ProbeFallbacks[field])
	return n
}

// ProbePath is the HTTP path a probe calls.
func (w *Workloads) ProbePath(r *eval.Reader, p *ProbeFact) string {
	if p.PathKey == "" {
		return p.Path
	}
	return r.StrDefault(p.PathKey, p.Path)
}

// renderedFrom maps fields of a component's Deployment to the values keys
// they are rendered from, in fallback order; "*" stands for the component's
// values prefix.
var renderedFrom = []struct {
	field string
	keys  []string
}{
	{"spec.template.spec.containers[0].resources", []string{"*.resources", "langfuse.resources"}},
	{"spec.template.spec.containers[0].env", []string{"*.pod.additionalEnv", "langfuse.additionalEnv"}},
	{"spec.template.spec.tolerations", []string{"*.pod.tolerations", "langfuse.tolerations"}},
	{"spec.template.spec.affinity", []string{"*.pod.affinity", "langfuse.affinity"}},
	{"spec.template.spec.topologySpreadConstraints", []string{"*.pod.topologySpreadConstraints", "langfuse.pod.topologySpreadConstraints"}},
	{"spec.template.spec.securityContext", []string{"langfuse.podSecurityContext"}},
	{"spec.template.spec.containers[0].securityContext", []string{"langfuse.securityContext"}},
	{"spec.template.spec.volumes", []string{"langfuse.extraVolumes"}},
	{"spec.template.spec.initContainers", []string{"langfuse.extraInitContainers"}},
	{"spec.template.spec.containers[0].volumeMounts", []string{"langfuse.extraVolumeMounts"}},
	{"spec.template.spec.containers[0].lifecycle", []string{"langfuse.extraLifecycle"}},
	{"spec.template.spec.hostAliases", []string{"*.hostAliases"}},
	{"spec.strategy", []string{"*.deployment.strategy", "langfuse.deployment.strategy"}},
}

// RenderedFrom lists the values keys a field of a component's Deployment
// (a path such as spec.template.spec.tolerations[0]) is rendered from, in
// the order the template falls back; nil when no key renders it.
func (w *Workloads) RenderedFrom(comp, field string) []string {
	for _, rf := range renderedFrom {
		if field != rf.field && !strings.HasPrefix(field, rf.field+".") && !strings.HasPrefix(field, rf.field+"[") {
			continue
		}
		out := make([]string, len(rf.keys))
		for i, k := range rf.keys {
			out[i] = strings.Replace(k, "*", w.Values(comp), 1)
		}
		return out
	}
	return nil
}

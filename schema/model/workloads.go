package model

import (
	"errors"
	"fmt"
	"strings"

	"helm.sh/helm/v3/pkg/chartutil"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/valuesmith/valuesmith/internal/eval"
)

// Workloads are the facts of the templates that render the web and worker
// Deployments and what hangs off them: their Service, PDBs, autoscalers,
// ServiceAccount and Ingress. Those templates are byte-identical in chart
// 1.5.41 and 2.0.0, so both homes point at the same Workloads.
type Workloads struct {
	// ChartName is the chart's name: the default of nameOverride, and part of
	// every resource name.
	ChartName string
	// Global is the values prefix of the settings both components share and
	// fall back to (langfuse.replicas, langfuse.resources, ...).
	Global string
	// Components are the Deployments, in the chart's order.
	Components []*Component
	// ProbeFallbacks are the numbers a probe field renders as when the value
	// is empty or 0 (`value | default N`).
	ProbeFallbacks map[string]int
	// ProbeFields lists the probe numbers in the order the chart renders them.
	ProbeFields []string
	// EnvOverrides is the only env list the chart's override detection and
	// conflict checks read (its getEnvVar helper).
	EnvOverrides string
	// KEDATriggers are the KEDA scalers the chart's ScaledObject can express:
	// it writes only metadata.value and metadata.containerName.
	KEDATriggers []string
}

// Component is one of the chart's Deployments.
type Component struct {
	// Name is web or worker: the app and app.kubernetes.io/component labels,
	// and the suffix of its resource names.
	Name string
	// Values is its values prefix, for example langfuse.web.
	Values string
	// Port is the values key of the container port (named http, which the
	// probes call) and the template's fallback when it is empty; a zero
	// Fallback means the template has none and the chart's default applies.
	Port Key
	// SetsPortEnv is true when the chart also sets env PORT to the container
	// port, so the process listens where the probes call.
	SetsPortEnv bool
	// ImagePort is the port the Langfuse image listens on when no PORT env
	// is set (its Dockerfile's ENV PORT).
	ImagePort int
	// Service is true when the chart renders a Service for the component.
	Service bool
	// Probes are the probes the chart renders for the component.
	Probes []*ProbeFact
}

// Key is a values key and the template's `| default` fallback for it.
type Key struct {
	Path     string
	Fallback int
}

// ProbeFact is one HTTP probe the chart renders.
type ProbeFact struct {
	// Kind is liveness or readiness.
	Kind string
	// Values is the probe's values key, for example
	// langfuse.web.livenessProbe; its numbers are read below it.
	Values string
	// PathKey is the values key of the HTTP path; empty when the path is
	// fixed in the template.
	PathKey string
	// Path is the fixed path, or the template's fallback for PathKey.
	Path string
}

// Liveness reports whether the probe restarts the container when it fails.
func (p *ProbeFact) Liveness() bool { return p.Kind == "liveness" }

// Labels the chart puts on the pods of a component.
const (
	LabelName      = "app.kubernetes.io/name"
	LabelInstance  = "app.kubernetes.io/instance"
	LabelComponent = "app.kubernetes.io/component"
	LabelApp       = "app"
)

// LangfuseWorkloads returns the facts of the web and worker templates of
// chart 1.5.x and 2.0.x.
func LangfuseWorkloads() *Workloads {
	return &Workloads{
		ChartName: "langfuse",
		Global:    "langfuse",
		Components: []*Component{
			{
				Name: "web", Values: "langfuse.web",
				Port:        Key{Path: "langfuse.web.service.port"},
				SetsPortEnv: true,
				ImagePort:   3000,
				Service:     true,
				Probes: []*ProbeFact{
					{Kind: "liveness", Values: "langfuse.web.livenessProbe", PathKey: "langfuse.web.livenessProbe.path", Path: "/api/public/health"},
					{Kind: "readiness", Values: "langfuse.web.readinessProbe", PathKey: "langfuse.web.readinessProbe.path", Path: "/api/public/ready"},
				},
			},
			{
				Name: "worker", Values: "langfuse.worker",
				Port:      Key{Path: "langfuse.worker.port", Fallback: 3030},
				ImagePort: 3030,
				Probes: []*ProbeFact{
					{Kind: "liveness", Values: "langfuse.worker.livenessProbe", Path: "/api/health"},
				},
			},
		},
		ProbeFallbacks: map[string]int{
			"initialDelaySeconds": 20,
			"periodSeconds":       10,
			"timeoutSeconds":      5,
			"successThreshold":    1,
			"failureThreshold":    5,
		},
		ProbeFields:  []string{"initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"},
		EnvOverrides: "langfuse.additionalEnv",
		KEDATriggers: []string{"cpu", "memory"},
	}
}

// Component returns the component called name, or nil.
func (w *Workloads) Component(name string) *Component {
	for _, c := range w.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Names lists the component names in the chart's order.
func (w *Workloads) Names() []string {
	out := make([]string, len(w.Components))
	for i, c := range w.Components {
		out[i] = c.Name
	}
	return out
}

// Values is the values prefix of a component (langfuse.web), or of the
// global settings when comp is empty.
func (w *Workloads) Values(comp string) string {
	if c := w.Component(comp); c != nil {
		return c.Values
	}
	return w.Global
}

// Name is the chart name in labels and resource names: nameOverride, else
// the chart's name.
func (w *Workloads) Name(r *eval.Reader) string {
	return r.StrDefault("nameOverride", w.ChartName)
}

// Fullname is the chart's resource name prefix: fullnameOverride, else the
// release name when it contains the chart name, else <release>-<name>,
// truncated to 63 characters without a trailing dash.
func (w *Workloads) Fullname(r *eval.Reader, release string) string {
	if fo := r.Str("fullnameOverride"); fo != "" {
		return trunc63(fo)
	}
	return w.DefaultFullname(release, w.Name(r))
}

// DefaultFullname is the resource name prefix without fullnameOverride.
func (w *Workloads) DefaultFullname(release, name string) string {
	if strings.Contains(release, name) {
		return trunc63(release)
	}
	return trunc63(release + "-" + name)
}

func trunc63(s string) string {
	if len(s) > 63 {
		s = s[:63]
	}
	return strings.TrimSuffix(s, "-")
}

// Deployment is the name of a component's Deployment; its HPA and KEDA
// ScaledObject carry the same name.
func (w *Workloads) Deployment(fullname, comp string) string { return fullname + "-" + comp }

// PDB is the name of a component's PodDisruptionBudget.
func (w *Workloads) PDB(fullname, comp string) string { return fullname + "-" + comp + "-pdb" }

// Ingress is the name of the Ingress.
func (w *Workloads) Ingress(fullname string) string { return fullname }

// PodLabels are the labels on a component's pods: the user's pod labels
// (the component's win over the global ones), then the chart's own, which
// win over both.
func (w *Workloads) PodLabels(r *eval.Reader, release, comp string) map[string]string {
	labels := map[string]string{}
	for _, src := range []string{w.Global + ".pod.labels", w.Values(comp) + ".pod.labels"} {
		if m := r.Get(src); m != nil {
			for _, f := range m.Fields {
				labels[f.Key] = f.Value.Text()
			}
		}
	}
	for k, v := range w.SelectorLabels(r, release, comp) {
		labels[k] = v
	}
	labels[LabelComponent] = comp
	return labels
}

// SelectorLabels are the labels of a component's Deployment selector and
// Service selector.
func (w *Workloads) SelectorLabels(r *eval.Reader, release, comp string) map[string]string {
	return map[string]string{LabelName: w.Name(r), LabelInstance: release, LabelApp: comp}
}

// PDBSelector are the labels a component's PodDisruptionBudget selects.
func (w *Workloads) PDBSelector(r *eval.Reader, release, comp string) map[string]string {
	return map[string]string{LabelName: w.Name(r), LabelInstance: release, LabelComponent: comp}
}

// SpreadSelector are the labels that select exactly the pods of one
// component of one release: what a topology spread constraint should match.
func (w *Workloads) SpreadSelector(name, release, comp string) [][2]string {
	return [][2]string{{LabelName, name}, {LabelInstance, release}, {LabelComponent, comp}}
}

// ValidateRelease accepts the release names this chart can install: the
// names Helm accepts (chartutil.ValidateReleaseName) whose resource names
// Kubernetes accepts too. The chart names the web Service <fullname>-web,
// and a Service name must be a DNS-1035 label: no dots, starting with a
// letter. Checking or generating for any other name would only produce
// findings about objects no release can have.
func (w *Workloads) ValidateRelease(release string) error {
	if err := chartutil.ValidateReleaseName(release); err != nil {
		if release == "" {
			return errors.New("release name is empty")
		}
		if len(release) > 53 {
			return fmt.Errorf("release name %q is longer than 53 characters, which Helm refuses", release)
		}
		return fmt.Errorf("release name %q is not one Helm accepts (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)", release)
	}
	for _, c := range w.Components {
		if !c.Service {
			continue
		}
		svc := w.Deployment(w.DefaultFullname(release, w.ChartName), c.Name)
		if problems := validation.IsDNS1035Label(svc); len(problems) > 0 {
			return fmt.Errorf("release name %q makes the chart name its %s Service %q, which Kubernetes refuses: %s", release, c.Name, svc, problems[0])
		}
	}
	return nil
}

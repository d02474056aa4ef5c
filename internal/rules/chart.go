package rules

import (
	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/schema/model"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// This file reads effective values with the chart's semantics (through the
// chart version's facts) so that rules agree with what the chart renders.

// Empty reports whether Helm's default and coalesce treat n as empty.
func Empty(n *values.Node) bool { return eval.Empty(n) }

// Truthy is the template's if: the opposite of Empty.
func Truthy(n *values.Node) bool { return eval.Truthy(n) }

// Int reads an integer value (whole floats and numeric strings count).
func Int(n *values.Node) (int, bool) { return eval.Int(n) }

// Source is an effective value with the path it was read from.
type Source = eval.Source

// EnvVar is one entry of additionalEnv with where it was written.
type EnvVar = eval.EnvVar

// LastEnv returns the last entry named name in env (the one Kubernetes uses).
func LastEnv(env []EnvVar, name string) (EnvVar, bool) { return eval.LastEnv(env, name) }

// HasEnv reports whether env sets name.
func HasEnv(env []EnvVar, name string) bool { return eval.HasEnv(env, name) }

// facts are the web and worker template facts of the checked chart version.
func (c *Context) facts() *model.Workloads { return c.Chart.Workloads }

// Components are the names of the chart's Deployments.
func (c *Context) Components() []string { return c.facts().Names() }

// Comp is the values prefix of a component: langfuse.web or langfuse.worker.
func (c *Context) Comp(name string) string { return c.facts().Values(name) }

// Scaling is how a component's replica count is decided.
type Scaling = model.Scaling

// ScalingOf reads a component's replicas with the chart's fallbacks.
func (c *Context) ScalingOf(comp string) Scaling { return c.facts().Scaling(&c.Reader, comp) }

// ListFallback returns `coalesce <comp>.<key> <global>`: the component's list
// when non-empty, else the global list.
func (c *Context) ListFallback(compPath, globalPath string) Source {
	return c.Coalesce(compPath, globalPath)
}

// GlobalEnv lists the global additionalEnv, the only list the chart's own
// override detection and conflict checks read.
func (c *Context) GlobalEnv() []EnvVar { return c.facts().GlobalEnv(&c.Reader) }

// ComponentEnv lists the environment a component's container gets from
// additionalEnv.
func (c *Context) ComponentEnv(comp string) []EnvVar { return c.facts().ComponentEnv(&c.Reader, comp) }

// ImageTag is a component's resolved image tag.
type ImageTag = model.ImageTag

// ImageTagOf resolves a component's image tag.
func (c *Context) ImageTagOf(comp string) ImageTag {
	return c.facts().ImageTag(&c.Reader, comp, c.Chart.AppVersion)
}

// Fullname is the chart's resource name prefix for the checked release.
func (c *Context) Fullname() string { return c.facts().Fullname(&c.Reader, c.Settings.Release) }

// PodLabels are the labels the chart puts on a component's pods.
func (c *Context) PodLabels(comp string) map[string]string {
	return c.facts().PodLabels(&c.Reader, c.Settings.Release, comp)
}

// defaultsOf is a chart version's defaults, parsed at build time (the
// home's defaults_tree.go).
func defaultsOf(v *schema.Version) *values.Node { return v.DefaultsTree }

// chartSeesEnv returns the global additionalEnv entry named name as the
// chart's override detection sees it.
func (c *Context) chartSeesEnv(name string) (EnvVar, bool) {
	return model.NewRefuser(&c.Reader, c.facts()).ChartSeesEnv(name)
}

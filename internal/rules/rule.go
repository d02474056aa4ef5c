// Package rules is valuesmith's catalogue of hardening rules. Each rule reads
// the effective values of a release (chart defaults plus every user layer,
// with the chart's own semantics) and reports at the line that causes the
// problem.
package rules

import (
	"fmt"
	"github.com/Masterminds/semver/v3"
	"slices"
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

// Category groups rules in listings and documentation.
type Category string

// Categories, in catalogue order.
const (
	Images       Category = "Images"
	Probes       Category = "Probes"
	Availability Category = "Availability"
	Secrets      Category = "Secrets"
	Stores       Category = "External stores"
	Edge         Category = "Edge and access"
	Rendering    Category = "Chart rendering"
	// Versions holds what check finds about the chart version itself; the
	// check pipeline reports these, not a Check function.
	Versions    Category = "Chart version"
	Suppression Category = "Suppressions"
)

// Rule is one entry of the catalogue.
type Rule struct {
	// ID is stable kebab-case; it never changes once released.
	ID string
	// Severity is the default severity; configuration can change it.
	Severity finding.Severity
	Category Category
	// Summary is one line: what the rule finds.
	Summary string
	// Rationale says why it matters, with the chart or application fact
	// behind it.
	Rationale string
	// Remediation says how to fix it, in values terms.
	Remediation string
	// OptIn rules run only when enabled with --enable or the config file.
	OptIn bool
	// Versions is the semver constraint of the chart versions the rule
	// holds for (Masterminds syntax, as Helm's own: ">= 2.0.0-0", "~2.0.0");
	// empty means every chart version.
	Versions string
	// Echoes names the values rules whose findings this rule would repeat:
	// a finding of this rule at the key (file, line and path) where one of
	// them already reports is the same root cause seen again in the
	// rendered manifests, and is dropped. The rule still reports causes no
	// values rule sees.
	Echoes []string
	// Check inspects the effective values and reports through c. It is nil
	// for a rule the check pipeline reports itself (the chart-version era).
	Check func(c *Context)
}

// Settings tune rules; they come from .valuesmith.yaml and flags.
type Settings struct {
	// Release is the Helm release name, used in label selectors and names.
	Release string
	// StartupSeconds is how long the web container may take before it
	// listens (migrations included). Zero means the default.
	StartupSeconds int
	// StartupSecondsSet is true when the budget was configured explicitly.
	StartupSecondsSet bool
	// Deploy is how the release is applied to the cluster; empty is
	// DeployGitOps, the safe assumption.
	Deploy Deploy
}

// Deploy is how a release is applied: rendered without a cluster (helm
// template, Argo CD, Flux) or installed by Helm against the cluster.
type Deploy string

// Deploy modes.
const (
	// DeployGitOps renders without a cluster: the chart's lookup sees
	// nothing (helm template, Argo CD, Flux). The default.
	DeployGitOps Deploy = "gitops"
	// DeployHelm installs and upgrades with helm install/upgrade, whose
	// lookup sees the release's objects in the cluster.
	DeployHelm Deploy = "helm"
)

// ParseDeploy reads a deploy mode: helm or gitops.
func ParseDeploy(s string) (Deploy, error) {
	switch d := Deploy(strings.ToLower(strings.TrimSpace(s))); d {
	case DeployGitOps, DeployHelm:
		return d, nil
	}
	return "", fmt.Errorf("unknown deploy mode %q (want helm or gitops)", s)
}

// DefaultStartupSeconds is the startup budget when migrations run at start.
const DefaultStartupSeconds = 60

// Input is one release to check: the chart version, the user layers in
// helm -f order, and the settings.
type Input struct {
	// Chart is the model the values are checked with.
	Chart *schema.Version
	// ChartVersion is the chart version the release runs, when it differs
	// from the model's (a chart newer than any model is checked with the
	// nearest one); rules apply by this version.
	ChartVersion string
	// Defaults, when set, are the chart's own defaults (a chart newer than
	// the model); nil uses the model's.
	Defaults *values.Node
	Layers   []*values.Document
	Settings Settings
	// Trace, when set, is told every values path the rules read (a test
	// proves each exists in the model).
	Trace func(path string)
}

// Context is what a rule's check sees.
type Context struct {
	// Reader reads the effective values (Values) and the user's layers
	// alone (User) with the templates' semantics.
	eval.Reader
	// Chart is the model checked with: its facts.
	Chart *schema.Version
	// ChartVersion is the chart version the release runs.
	ChartVersion string
	Settings     Settings
	// MainFile is the file a finding without any position is filed under:
	// the last layer.
	MainFile string

	rule *Rule
	out  []finding.Finding
	// refused holds the chart version's refusals of these values, computed
	// once and shared by every rule's copy of the Context.
	refused *refused
}

type refused struct {
	done bool
	list []model.Refusal
}

// refusals are the conditions under which the checked chart version refuses
// to render these values.
func (c *Context) refusals() []model.Refusal {
	if c.refused == nil {
		c.refused = &refused{}
	}
	if !c.refused.done {
		c.refused.done = true
		if c.Chart.Refusals != nil {
			r := model.NewRefuser(&c.Reader, c.Chart.Workloads)
			c.Chart.Refusals(r)
			c.refused.list = r.Refusals()
		}
	}
	return c.refused.list
}

// refusedUnder reports whether the chart version refuses to render these
// values (chart-refuses-values) for the key at path or a key below it.
func (c *Context) refusedUnder(path string) bool {
	for _, r := range c.refusals() {
		if r.Rule == model.RuleChartRefuses && (r.Path == path || strings.HasPrefix(r.Path, path+".")) {
			return true
		}
	}
	return false
}

// Where is the place a finding is reported and what to say about it.
type Where struct {
	Pos  values.Pos
	Path string
	// Missing is the key path to add below the reported parent, when the
	// value was not written by the user at all.
	Missing string
}

// At locates a dotted path: the key the user wrote, or, when the value comes
// from the chart's defaults, the nearest parent the user wrote (Missing then
// names the key to add below it).
func (c *Context) At(path string) Where {
	parts := strings.Split(path, ".")
	// A key the user set to null is gone from the effective values, but the
	// user wrote it: report there.
	if f := c.UserField(path); f != nil && f.Value.Kind == values.Null {
		return Where{Pos: f.KeyPos, Path: path}
	}
	for i := len(parts); i > 0; i-- {
		f := c.Values.Follow(parts[:i]).Field
		if f != nil && !f.KeyPos.IsZero() {
			w := Where{Pos: f.KeyPos, Path: path}
			if i < len(parts) {
				w.Missing = strings.Join(parts[i:], ".")
			}
			return w
		}
	}
	// No parent written at all: the top of the release's last file, so that
	// every finding has a line and column for editors and CI.
	return Where{Pos: values.Pos{File: c.MainFile, Line: 1, Col: 1}, Path: path, Missing: path}
}

// AtNode locates a value node directly (a list item, say), falling back to
// At(path) when the node has no position.
func (c *Context) AtNode(n *values.Node, path string) Where {
	if n.FromUser() {
		return Where{Pos: n.Pos, Path: path}
	}
	return c.At(path)
}

// Report records a finding of the running rule. When w points at a parent
// because the key is missing, the message says which key to add.
func (c *Context) Report(w Where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if w.Missing != "" {
		if w.Missing == w.Path {
			msg += fmt.Sprintf(" (not set in your values; add %s)", w.Missing)
		} else {
			msg += fmt.Sprintf(" (not set in your values; add %s under %s)", w.Missing, strings.TrimSuffix(w.Path, "."+w.Missing))
		}
	}
	file := w.Pos.File
	if file == "" {
		file = c.MainFile
	}
	c.out = append(c.out, finding.Finding{
		RuleID:       c.rule.ID,
		Severity:     c.rule.Severity,
		File:         file,
		Line:         w.Pos.Line,
		Col:          w.Pos.Col,
		Path:         w.Path,
		Message:      msg,
		Remediation:  c.rule.Remediation,
		ChartDefault: w.Missing != "",
	})
}

// Effective builds the effective values of a release (chart defaults plus
// every layer) and a Context to read and locate them, without running any
// rule. The chart layer uses it to trace rendered objects back to values.
func Effective(in Input) *Context {
	var userLayers []*values.Node
	for _, d := range in.Layers {
		userLayers = append(userLayers, d.Root)
	}
	user := values.Layer(userLayers...)
	defaults := in.Defaults
	if defaults == nil {
		defaults = defaultsOf(in.Chart)
	}
	eff := values.Coalesce(user, defaults)
	mainFile := ""
	if n := len(in.Layers); n > 0 {
		mainFile = in.Layers[n-1].File
	}
	settings := in.Settings
	if settings.Release == "" {
		settings.Release = "langfuse"
	}
	version := in.ChartVersion
	if version == "" {
		version = in.Chart.Chart
	}
	return &Context{Reader: eval.Reader{Values: eff, User: user, Trace: in.Trace}, Chart: in.Chart, ChartVersion: version, Settings: settings, MainFile: mainFile,
		refused: &refused{}}
}

// Emit builds a finding of a catalogue rule at w, for checks that run
// outside a rule's Check (the rendered-manifest layer).
func (c *Context) Emit(ruleID string, w Where, format string, args ...any) finding.Finding {
	r, ok := Lookup(ruleID)
	if !ok {
		panic("rules: no rule " + ruleID)
	}
	sub := *c
	sub.rule, sub.out = r, nil
	sub.Report(w, format, args...)
	return sub.out[0]
}

// Run builds the effective values of in and runs the selected rules.
func Run(in Input, selected []*Rule) []finding.Finding {
	base := Effective(in)
	var out []finding.Finding
	for _, r := range selected {
		if r.Check == nil || !r.AppliesTo(base.ChartVersion) {
			continue
		}
		c := *base
		c.rule, c.out = r, nil
		r.Check(&c)
		attachFixes(r, &c, c.out)
		out = append(out, c.out...)
	}
	finding.Sort(out)
	return slices.CompactFunc(out, finding.Same)
}

// Echoed reports whether f, a finding of a rule that Echoes others,
// repeats one of fs: a finding of an echoed rule at the same file, line and
// path.
func Echoed(f finding.Finding, fs []finding.Finding) bool {
	r, ok := Lookup(f.RuleID)
	if !ok || len(r.Echoes) == 0 {
		return false
	}
	for _, g := range fs {
		if slices.Contains(r.Echoes, g.RuleID) && g.File == f.File && g.Line == f.Line && g.Path == f.Path {
			return true
		}
	}
	return false
}

// AppliesTo reports whether the rule holds for a chart version. A version
// that does not parse as semver matches only rules for every version.
func (r *Rule) AppliesTo(chartVersion string) bool {
	if r.Versions == "" {
		return true
	}
	c, err := semver.NewConstraint(r.Versions)
	if err != nil {
		return false // a bad constraint is caught by the catalogue tests
	}
	v, err := semver.NewVersion(chartVersion)
	if err != nil {
		return false
	}
	return c.Check(v)
}

// VersionsText says which chart versions a rule holds for, for listings.
func (r *Rule) VersionsText() string {
	if r.Versions == "" {
		return "all"
	}
	return r.Versions
}

// Package chart renders a Langfuse-shaped chart offline with Helm's own
// engine and checks the manifests: the chart's render-time failures, probe
// ports, selectors, autoscaler targets, Services and Ingress backends,
// duplicate env names, the Secrets the pods need, and the Kubernetes validity
// of every object. Findings point at the values line responsible where it can
// be traced, else at the rendered object.
package chart

import (
	"bytes"
	"fmt"
	"log"
	"path"
	"strings"
	"sync"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

// DefaultKubeVersion is the Kubernetes version rendered against unless
// --kube-version says otherwise. Helm built without its Makefile assumes
// 1.20, which would send charts down their old-API branches.
const DefaultKubeVersion = "v1.33.0"

// Options say what to render and how.
type Options struct {
	// Path is a chart directory or a packaged .tgz.
	Path      string
	Release   string
	Namespace string
	// KubeVersion is the Kubernetes version the chart sees.
	KubeVersion string
	// APIVersions are extra API versions the chart sees
	// (.Capabilities.APIVersions), besides Kubernetes' built-in ones.
	APIVersions []string
	// AutoAPIVersions offers the KEDA, VPA and ClickHouse operator APIs
	// when the values use them.
	AutoAPIVersions bool
	// Limits bound the rendering; Isolate, when set, renders in a process
	// of its own, where the memory limit holds too.
	Limits  Limits
	Isolate Isolate
}

// Load reads a chart directory or .tgz with Helm's loader.
func Load(p string) (*chart.Chart, error) {
	c, err := loader.Load(p)
	if err != nil {
		return nil, fmt.Errorf("load chart %s: %w", p, err)
	}
	return c, nil
}

// capabilities builds what the chart sees of the (absent) cluster.
// ValidateKubeVersion checks a --kube-version value the way rendering will
// read it.
func ValidateKubeVersion(kubeVersion string) error {
	if _, err := chartutil.ParseKubeVersion(kubeVersion); err != nil {
		return fmt.Errorf("--kube-version %q: %w", kubeVersion, err)
	}
	return nil
}

func capabilities(kubeVersion string, apis []string) (*chartutil.Capabilities, error) {
	caps := chartutil.DefaultCapabilities.Copy()
	kv, err := chartutil.ParseKubeVersion(kubeVersion)
	if err != nil {
		return nil, fmt.Errorf("--kube-version %q: %w", kubeVersion, err)
	}
	caps.KubeVersion = *kv
	caps.APIVersions = append(caps.APIVersions, apis...)
	return caps, nil
}

var execErrRE = lazyre.New(`^execution error at \(([^)]*)\): (.*)$`)

// templateErrRE finds the template of a text/template error
// ("template: langfuse/templates/x.yaml:1:54: executing ...").
var templateErrRE = lazyre.New(`^template: ([^:]+):\d+(?::\d+)?: `)

// parseRenderError splits Helm's error into template and message, and
// tells a broken template (whatever the values) from a refusal.
func parseRenderError(err error) renderError {
	msg := err.Error()
	e := renderError{Message: msg, Chart: chartBugRE.MatchString(msg)}
	switch m := execErrRE.FindStringSubmatch(msg); {
	case m != nil:
		e.Template, _, _ = strings.Cut(m[1], ":")
		e.Message = m[2]
	case templateErrRE.MatchString(msg):
		m := templateErrRE.FindStringSubmatch(msg)
		e.Template, e.Message = m[1], msg[len(m[0]):]
	default:
		if i := strings.Index(msg, "): "); i > 0 && strings.Contains(msg[:i], "(") {
			tpl := msg[strings.Index(msg, "(")+1 : i]
			e.Template, _, _ = strings.Cut(tpl, ":")
			e.Message = msg[i+3:]
		}
	}
	e.Message = shortenChain(e.Message)
	return e
}

// shortenChain cuts a chain of nested include and tpl calls (a thousand
// levels for a template that includes itself) to its first and last link.
func shortenChain(msg string) string {
	const sep = "error calling "
	first := strings.Index(msg, sep)
	last := strings.LastIndex(msg, sep)
	if first < 0 || first == last {
		return msg
	}
	n := strings.Count(msg, sep)
	return fmt.Sprintf("%s%s... (%d nested calls) ...%s", msg[:first], sep, n, msg[last+len(sep):])
}

// render renders the chart. When it fails, the chart is rendered again in
// Helm's lint mode, where fail and required log their message and carry on,
// so every refusal of every template is collected, not only the first one
// Helm meets. Errors of another kind (a template that breaks) are found by
// rendering each template on its own.
func render(c *chart.Chart, vals chartutil.Values) (map[string]string, []renderError) {
	out, err := engine.Render(c, vals)
	if err == nil {
		return out, nil
	}
	var errs []renderError
	seen := map[string]bool{}
	addErr := func(e renderError) {
		if !seen[e.Message] {
			seen[e.Message] = true
			errs = append(errs, e)
		}
	}
	refusals, lintErr := lintRefusals(c, vals)
	for _, m := range refusals {
		addErr(renderError{Message: m})
	}
	if lintErr != nil || len(refusals) == 0 {
		for _, t := range c.Templates {
			base := path.Base(t.Name)
			if strings.HasPrefix(base, "_") {
				continue
			}
			one := *c
			one.Templates = nil
			for _, h := range c.Templates {
				if h == t || strings.HasPrefix(path.Base(h.Name), "_") {
					one.Templates = append(one.Templates, h)
				}
			}
			if _, err := engine.Render(&one, vals); err != nil {
				addErr(parseRenderError(err))
			}
		}
	}
	if len(errs) == 0 {
		addErr(parseRenderError(err))
	}
	return nil, errs
}

// logMu serialises the capture of the standard logger, which Helm's lint
// mode writes to.
var logMu sync.Mutex

var lintLine = lazyre.New(`^\[INFO\] (?:Fail: |Missing required value: )(.*)$`)

// lintRefusals renders in lint mode and returns the messages of every fail
// and required the templates hit.
func lintRefusals(c *chart.Chart, vals chartutil.Values) ([]string, error) {
	logMu.Lock()
	defer logMu.Unlock()
	var buf bytes.Buffer
	out, flags, prefix := log.Writer(), log.Flags(), log.Prefix()
	log.SetOutput(&buf)
	log.SetFlags(0)
	log.SetPrefix("")
	defer func() {
		log.SetOutput(out)
		log.SetFlags(flags)
		log.SetPrefix(prefix)
	}()
	_, err := engine.Engine{LintMode: true}.Render(c, vals)
	var msgs []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if m := lintLine.FindStringSubmatch(l); m != nil {
			msgs = append(msgs, m[1])
		}
	}
	return msgs, err
}

// missingDependencies lists sub-charts the values enable (their condition
// is true) that the chart does not carry in charts/.
func missingDependencies(c *chart.Chart, vals map[string]any) []dependency {
	have := map[string]bool{}
	for _, sub := range c.Dependencies() {
		have[sub.Name()] = true
	}
	var out []dependency
	for _, d := range c.Metadata.Dependencies {
		name := d.Name
		if have[name] {
			continue
		}
		enabled := true
		cond := ""
		for _, cnd := range strings.Split(d.Condition, ",") {
			cnd = strings.TrimSpace(cnd)
			if cnd == "" {
				continue
			}
			if v, ok := lookupBool(vals, cnd); ok {
				enabled, cond = v, cnd
				break
			}
		}
		if !enabled {
			continue
		}
		alias := d.Alias
		if alias == "" {
			alias = name
		}
		out = append(out, dependency{Name: name, Alias: alias, Version: d.Version, Condition: cond})
	}
	return out
}

type dependency struct {
	Name, Alias, Version, Condition string
}

func lookupBool(vals map[string]any, dotted string) (bool, bool) {
	var cur any = vals
	for _, k := range strings.Split(dotted, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false, false
		}
		cur = m[k]
	}
	b, ok := cur.(bool)
	return b, ok
}

// withoutMissing returns a copy of c whose metadata no longer lists the
// absent sub-charts, so Helm's dependency processing does not trip on them.
// The dependency entries are copied too: Helm's processing renames them to
// their aliases in place, which would corrupt c for the next release.
func withoutMissing(c *chart.Chart) *chart.Chart {
	have := map[string]bool{}
	for _, sub := range c.Dependencies() {
		have[sub.Name()] = true
	}
	cp := *c
	md := *c.Metadata
	md.Dependencies = nil
	for _, d := range c.Metadata.Dependencies {
		if have[d.Name] {
			dd := *d
			md.Dependencies = append(md.Dependencies, &dd)
		}
	}
	cp.Metadata = &md
	return &cp
}

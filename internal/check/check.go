// Package check runs valuesmith's checks over values files: parse with
// positions, validate each file against the chart's schema, merge the layers
// of each release over the chart's defaults, run the rule catalogue, and
// apply the policy (severities, suppressions). The CLI and the generator's
// self-check both go through here.
package check

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	helmchart "helm.sh/helm/v3/pkg/chart"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/kubevalidate"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/setflags"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// Input is one values file.
type Input struct {
	// Name is how the file is shown in findings.
	Name string
	// Data is the file's content.
	Data []byte
	// Err is set when the file could not be read; it is reported as an input
	// error.
	Err error
}

// Release is the values of one Helm release: layers in helm -f order, then
// the --set family of flags over them, as Helm applies them.
type Release struct {
	Layers []Input
	// Sets are applied over the layers; values they set are placed at the
	// flag (file "--set", line N for the Nth --set).
	Sets *setflags.Sets
}

// Options select what a check run does.
type Options struct {
	// Version is the model the values are checked with; nil detects it for
	// each release from the keys its files hold.
	Version *schema.Version
	// ChartVersion is the chart version the values are for, when it is not
	// the model's own (a release newer than any model).
	ChartVersion string
	// VersionNote, when set, is said once: why Version is the model used.
	VersionNote string
	// ChartDefaults: the chart (Chart or LoadChart) is newer than the model,
	// so its own values.yaml supplies the defaults, and its keys are
	// accepted where the model lacks them.
	ChartDefaults bool
	// Rules are the rules to run; nil runs none (schema validation only).
	Rules []*rules.Rule
	// Settings tune the rules (release name, startup budget).
	Settings rules.Settings
	// Policy changes severities and suppresses findings.
	Policy *Policy
	// Chart, when set, renders each release through this chart with Helm's
	// engine and checks the manifests too.
	Chart *helmchart.Chart
	// LoadChart, when set instead of Chart, loads the chart; it is called
	// once, after the values are read and while the rules run, so loading
	// overlaps the rest of the work. Its error is returned as a
	// *ChartError.
	LoadChart func() (*helmchart.Chart, error)
	// Render says how to render through Chart.
	Render chart.Options
}

// ChartError is a chart that could not be loaded: bad input, not a failure
// of the tool.
type ChartError struct{ Err error }

func (e *ChartError) Error() string { return e.Err.Error() }
func (e *ChartError) Unwrap() error { return e.Err }

// ReleaseReport is what the rendered layer found out about one release.
type ReleaseReport struct {
	// Files are the release's layers.
	Files []string `json:"files"`
	// Namespace is the namespace the release was rendered in.
	Namespace string `json:"namespace"`
	// Secrets must exist before helm install.
	Secrets []chart.SecretRef `json:"secrets"`
	// Offered are API versions assumed because the values use them.
	Offered []string `json:"apiVersionsOffered,omitempty"`
}

// Result is the outcome of a check run.
type Result struct {
	// Files are the names of the files read, in first-seen order.
	Files []string
	// Documents are the files that parsed.
	Documents []*values.Document
	// InputErrors are files that could not be read or parsed.
	InputErrors []*values.InputError
	// Findings are sorted by file, line and column.
	Findings []finding.Finding
	// Suppressed counts findings hidden by ignores.
	Suppressed int
	// Releases are the rendered releases (with --chart).
	Releases []ReleaseReport
	// Notes say which chart version the values were checked against when
	// it was detected from their keys or is the nearest model.
	Notes []Note
	// ChartVersions are the chart versions the releases were checked for,
	// each once, in order.
	ChartVersions []string
	// Config is the config file the policy came from, if any.
	Config string
}

// Note is a remark about the run, not a finding: it never changes the exit
// code.
type Note struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// Run checks the releases. Problems with the inputs are in the Result; the
// error is only for failures of the tool itself.
func Run(opts Options, releases []Release) (*Result, error) {
	res := &Result{}
	if opts.VersionNote != "" {
		res.Notes = append(res.Notes, Note{Message: opts.VersionNote})
	}
	docs := map[string]*values.Document{}
	bad := map[string]bool{}
	var all []finding.Finding

	// Each file is read once, however many releases share it.
	for _, rel := range releases {
		for _, in := range rel.Layers {
			if _, seen := docs[in.Name]; seen || bad[in.Name] {
				continue
			}
			res.Files = append(res.Files, in.Name)
			doc, err := parse(in)
			if err != nil {
				res.InputErrors = append(res.InputErrors, err)
				bad[in.Name] = true
				continue
			}
			docs[in.Name] = doc
			res.Documents = append(res.Documents, doc)
			all = append(all, duplicateFindings(doc)...)
		}
	}

	plans, err := planReleases(opts, releases, docs, res)
	if err != nil {
		return nil, err
	}
	setDocs := plans.applySets(res)

	// The chart loads once, beside everything else; each release renders
	// through it beside its own rules run.
	var chartOnce func() (*helmchart.Chart, error)
	if opts.Chart != nil {
		c := opts.Chart
		chartOnce = func() (*helmchart.Chart, error) { return c, nil }
	} else if opts.LoadChart != nil {
		chartOnce = sync.OnceValues(opts.LoadChart)
	}
	if chartOnce != nil && len(res.Documents) > 0 {
		// The first strict decode of a manifest pays for building
		// Kubernetes' type tables; pay it while the chart loads.
		go kubevalidate.Warm()
	}
	// A chart newer than the model brings its own defaults and keys; they
	// are needed before validation and rules.
	var own *chartValues
	if opts.ChartDefaults && chartOnce != nil {
		c, err := chartOnce()
		if err != nil {
			return nil, &ChartError{Err: err}
		}
		if own, err = ownValues(c); err != nil {
			return nil, &ChartError{Err: err}
		}
	}

	// Schema validation runs beside the rules and the rendering: they do
	// not depend on each other, and a machine has more than one core.
	type schemaResult struct {
		findings []finding.Finding
		err      error
	}
	schemaDone := make(chan schemaResult, 1)
	go func() {
		var out schemaResult
		for _, doc := range res.Documents {
			v, ok := plans.model[doc.File]
			if !ok {
				continue // written for a release no model covers
			}
			var extra schema.KeySet
			if own != nil {
				extra = own.keys
			}
			fs, err := v.ValidateWith(doc, extra)
			if err != nil {
				out.err = fmt.Errorf("validate %s: %w", doc.File, err)
				break
			}
			out.findings = append(out.findings, fs...)
		}
		for _, sd := range setDocs {
			if out.err != nil {
				break
			}
			var extra schema.KeySet
			if own != nil {
				extra = own.keys
			}
			fs, err := sd.model.ValidateWith(sd.doc, extra)
			if err != nil {
				out.err = fmt.Errorf("validate the --set flags: %w", err)
				break
			}
			// The files' own problems are reported by their own
			// validation; keep what the flags set.
			for _, f := range fs {
				if setflags.IsFlagFile(f.File) {
					out.findings = append(out.findings, f)
				}
			}
		}
		schemaDone <- out
	}()

	all = append(all, plans.findings...)
	// Files of releases the chart rendered, and of releases it refused.
	var renderedOK, renderFailed []string
	for _, p := range plans.releases {
		in := rules.Input{Chart: p.model, ChartVersion: p.chartVersion, Layers: p.layers, Settings: opts.Settings}
		if own != nil {
			in.Defaults = own.defaults
		}
		var chartDone chan renderedRelease
		if chartOnce != nil {
			chartDone = make(chan renderedRelease, 1)
			go func() { chartDone <- renderRelease(opts, chartOnce, in) }()
		}
		var predicted []finding.Finding
		if len(opts.Rules) > 0 {
			predicted = rules.Run(in, opts.Rules)
		}
		if chartDone != nil {
			r := <-chartDone
			if r.err != nil {
				<-schemaDone
				return nil, r.err
			}
			var rendered []finding.Finding
			predicted, rendered = reconcile(predicted, r.fs)
			all = append(all, rendered...)
			res.Releases = append(res.Releases, r.rr)
			if r.renderFailed() {
				renderFailed = append(renderFailed, r.rr.Files...)
			} else {
				renderedOK = append(renderedOK, r.rr.Files...)
			}
		}
		all = append(all, predicted...)
	}

	sr := <-schemaDone
	if sr.err != nil {
		return nil, sr.err
	}
	schemaFs := newSchemaReviser(res.Documents, plans, opts.Settings).revise(sr.findings)
	all = append(all, reconcileSchema(schemaFs, renderedOK, renderFailed)...)

	all = dropRepeatedRenders(all)
	pol := opts.Policy
	if pol == nil {
		pol = &Policy{}
	}
	res.Config = pol.ConfigFile
	all, res.Suppressed = pol.apply(all, res.Documents)
	finding.Sort(all)
	all = onceNotModelled(all)
	res.Findings = slices.CompactFunc(all, finding.Same)
	return res, nil
}

// renderFailed reports whether the chart refused to render the release.
func (r renderedRelease) renderFailed() bool {
	for _, f := range r.fs {
		if f.RuleID == chartRender {
			return true
		}
	}
	return false
}

// renderedRelease is what rendering one release found.
type renderedRelease struct {
	rr  ReleaseReport
	fs  []finding.Finding
	err error
}

// renderRelease renders one release through the chart and checks the
// manifests.
func renderRelease(opts Options, loadChart func() (*helmchart.Chart, error), in rules.Input) (out renderedRelease) {
	c, err := loadChart()
	if err != nil {
		out.err = &ChartError{Err: err}
		return out
	}
	ctx := rules.Effective(in)
	var roots []*values.Node
	for _, d := range in.Layers {
		roots = append(roots, d.Root)
	}
	userVals, _ := values.Layer(roots...).Interface().(map[string]any)
	ro := opts.Render
	ro.Release = ctx.Settings.Release
	cr, err := chart.Check(ro, c, ctx, userVals)
	if err != nil {
		out.err = err
		return out
	}
	out.fs = cr.Findings
	out.rr = ReleaseReport{Namespace: ro.Namespace, Secrets: cr.Secrets, Offered: cr.Offered}
	for _, d := range in.Layers {
		out.rr.Files = append(out.rr.Files, d.File)
	}
	if out.rr.Secrets == nil {
		out.rr.Secrets = []chart.SecretRef{}
	}
	return out
}

// setDoc is the layer the --set family makes for one release, and the
// model it is validated with.
type setDoc struct {
	doc   *values.Document
	model *schema.Version
}

// applySets puts each planned release's --set family over its layers. The
// result is a layer of its own, last, holding the whole of the release's
// values (the flags can reach into lists the files wrote); it is named
// after the last file, so that a finding with no position is filed there
// as before. A release whose flags cannot apply (a key below a value that
// is not a map, as helm refuses too) is an input error and is not checked.
func (p *plan) applySets(res *Result) []setDoc {
	var out []setDoc
	seen := map[string]bool{}
	kept := p.releases[:0]
	for _, r := range p.releases {
		if r.sets.Empty() {
			kept = append(kept, r)
			continue
		}
		var roots []*values.Node
		for _, d := range r.layers {
			roots = append(roots, d.Root)
		}
		root, err := r.sets.Apply(values.Layer(roots...))
		if err != nil {
			ie := &values.InputError{File: setflags.Set, Msg: err.Error()}
			var se *setflags.Error
			if errors.As(err, &se) {
				ie = &values.InputError{File: se.Flag.Name, Line: se.Flag.Index, Col: se.Col, Msg: fmt.Sprintf("%s %s: %v", se.Flag.Name, se.Flag.Arg, se.Err)}
			}
			if !seen[ie.Error()] {
				seen[ie.Error()] = true
				res.InputErrors = append(res.InputErrors, ie)
			}
			continue
		}
		doc := &values.Document{File: r.layers[len(r.layers)-1].File, Root: root}
		r.layers = append(r.layers[:len(r.layers):len(r.layers)], doc)
		out = append(out, setDoc{doc: doc, model: r.model})
		kept = append(kept, r)
	}
	p.releases = kept
	return out
}

func parse(in Input) (*values.Document, *values.InputError) {
	if in.Err != nil {
		return nil, asInputError(in.Name, in.Err)
	}
	doc, err := values.Parse(in.Name, in.Data)
	if err != nil {
		return nil, asInputError(in.Name, err)
	}
	return doc, nil
}

func asInputError(name string, err error) *values.InputError {
	var ie *values.InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &values.InputError{File: name, Msg: err.Error()}
}

// Failing reports whether any finding is at or above the fail-on severity.
func (r *Result) Failing(failOn finding.Severity) bool {
	for _, f := range r.Findings {
		if f.Severity >= failOn {
			return true
		}
	}
	return false
}

// Package check runs valuesmith's checks over values files: parse with
// positions, validate each file against the chart's schema, merge the layers
// of each release over the chart's defaults, run the rule catalogue, and
// apply the policy (severities, suppressions). The CLI and the generator's
// self-check both go through here.
package check

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

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
	// Read, when set and Data is nil, reads the file when its release is
	// checked: a run over many files then holds only the files it is
	// checking.
	Read func() ([]byte, error)
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
//
// Releases are checked on as many cores as the process may use, each from
// reading its own files to its findings, and then let go: a run over many
// files holds the documents of one release per core (and the files every
// release shares), whatever the number of files. The findings are merged in
// the order of the releases and sorted, so the output does not depend on
// which core finished first.
func Run(opts Options, releases []Release) (*Result, error) {
	res := &Result{}
	if opts.VersionNote != "" {
		res.Notes = append(res.Notes, Note{Message: opts.VersionNote})
	}
	files := newFileTable(releases)
	res.Files = files.names()

	// The chart loads once, beside everything else; each release renders
	// through it beside its own rules run.
	var chartOnce func() (*helmchart.Chart, error)
	if opts.Chart != nil {
		c := opts.Chart
		chartOnce = func() (*helmchart.Chart, error) { return c, nil }
	} else if opts.LoadChart != nil {
		chartOnce = sync.OnceValues(opts.LoadChart)
	}
	if chartOnce != nil && len(files.order) > 0 {
		// The first strict decode of a manifest pays for building
		// Kubernetes' type tables; pay it while the chart loads.
		go kubevalidate.Warm()
	}
	r := &run{opts: opts, files: files, chartOnce: chartOnce}
	// A chart newer than the model brings its own defaults and keys; they
	// are needed before validation and rules.
	if opts.ChartDefaults && chartOnce != nil {
		c, err := chartOnce()
		if err != nil {
			return nil, &ChartError{Err: err}
		}
		if r.own, err = ownValues(c); err != nil {
			return nil, &ChartError{Err: err}
		}
	}

	// Files that several releases share are read once and kept for the
	// run; every other file belongs to one release and lives as long as
	// its check.
	for _, f := range files.order {
		if f.shared {
			f.parse()
		}
	}
	outs := make([]releaseOut, len(releases))
	forEach(len(releases), func(i int) { outs[i] = r.release(releases[i]) })
	for i := range outs {
		if outs[i].err != nil {
			return nil, outs[i].err
		}
	}
	if err := r.validateShared(releases, outs); err != nil {
		return nil, err
	}
	return r.merge(res, outs), nil
}

// forEach calls do for 0..n-1 on up to GOMAXPROCS goroutines.
func forEach(n int, do func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				do(i)
			}
		})
	}
	wg.Wait()
}

// run is the state of one Run shared by the releases' checks.
type run struct {
	opts      Options
	files     *fileTable
	chartOnce func() (*helmchart.Chart, error)
	own       *chartValues
	// renderMu lets one release at a time through Helm: its dependency
	// processing writes into the chart's sub-charts.
	renderMu sync.Mutex
}

// releaseOut is what checking one release found; the documents are gone.
type releaseOut struct {
	era          *finding.Finding
	note         *Note
	model        *schema.Version // nil when the release was not checked
	chartVersion string
	setErr       *values.InputError
	checked      bool // rules (and rendering) ran
	findings     []finding.Finding
	rendered     *ReleaseReport
	setFindings  []finding.Finding
	// renderFailed: the chart refused to render the release.
	renderFailed bool
	// ctx is the release's effective values, kept only when the release
	// reads a shared file (validated after the releases, with them).
	ctx *rules.Context
	err error
}

// release checks one release: its files are read and parsed, its model
// picked, its own files validated, its rules run and, with a chart, its
// manifests rendered and checked.
func (r *run) release(rel Release) (out releaseOut) {
	var layers, own []*values.Document
	complete := len(rel.Layers) > 0
	local := map[string]*values.Document{}
	for _, in := range rel.Layers {
		f := r.files.byName[in.Name]
		doc := f.doc
		if !f.shared {
			if d, seen := local[in.Name]; seen {
				doc = d
			} else if doc = f.parse(); doc != nil {
				local[in.Name] = doc
				own = append(own, doc)
			}
			f.doc = nil // the check holds it, not the table
		}
		if doc == nil {
			complete = false
			continue
		}
		layers = append(layers, doc)
	}
	if complete {
		if err := r.plan(&out, layers); err != nil {
			out.err = err
			return out
		}
	}
	var sd *values.Document
	if out.model != nil && !rel.Sets.Empty() {
		if sd, out.setErr = applySets(rel.Sets, layers); sd != nil {
			layers = append(layers[:len(layers):len(layers)], sd)
		}
	}
	out.checked = out.model != nil && out.setErr == nil

	in := rules.Input{Chart: out.model, ChartVersion: out.chartVersion, Layers: layers, Settings: r.opts.Settings}
	if r.own != nil {
		in.Defaults = r.own.defaults
	}
	var ctx func() *rules.Context
	if out.model != nil {
		ctx = sync.OnceValue(func() *rules.Context { return rules.Effective(in) })
		if r.readsShared(rel) {
			out.ctx = ctx()
		}
	}
	validated := make(chan error, 1)
	go func() { validated <- r.validateOwn(&out, own, sd, ctx) }()
	var chartDone chan renderedRelease
	if out.checked && r.chartOnce != nil {
		chartDone = make(chan renderedRelease, 1)
		go func() {
			r.renderMu.Lock()
			defer r.renderMu.Unlock()
			chartDone <- renderRelease(r.opts, r.chartOnce, in)
		}()
	}
	var predicted []finding.Finding
	if out.checked && len(r.opts.Rules) > 0 {
		predicted = rules.Run(in, r.opts.Rules)
	}
	if chartDone != nil {
		rr := <-chartDone
		if rr.err != nil {
			<-validated
			out.err = rr.err
			return out
		}
		// The render has the last word on what the chart refuses.
		var rendered []finding.Finding
		predicted, rendered = reconcile(predicted, rr.fs)
		out.findings = append(out.findings, rendered...)
		out.rendered = &rr.rr
		out.renderFailed = rr.renderFailed()
	}
	out.findings = append(out.findings, predicted...)
	if err := <-validated; err != nil {
		out.err = err
	}
	return out
}

// plan picks the model of a release whose files all parsed: the one the
// options fix, else the one its files' keys tell (said in a note). A
// release written for a chart older than every model gets one finding that
// names its era, and neither rules nor validation with a model.
func (r *run) plan(out *releaseOut, layers []*values.Document) error {
	model, chartVersion := r.opts.Version, r.opts.ChartVersion
	if model == nil {
		det, err := schema.Detect(layers)
		if err != nil {
			return err
		}
		if det.Era != "" {
			era := eraFinding(det, layers)
			out.era = &era
			return nil
		}
		model = det.Version
		if det.Key != "" {
			// Without a deciding key the newest model is used, as
			// documented; only a decision is worth a line.
			n := detectionNote(det, layers)
			out.note = &n
		}
	}
	if chartVersion == "" {
		chartVersion = model.Chart
	}
	out.model, out.chartVersion = model, chartVersion
	return nil
}

// validateOwn validates the files only this release reads, and the layer
// its --set flags make, keeping what the flags set.
func (r *run) validateOwn(out *releaseOut, own []*values.Document, sd *values.Document, ctx func() *rules.Context) error {
	for _, doc := range own {
		model := out.model
		if model == nil {
			ctx = nil
			if out.era != nil && out.era.File == doc.File {
				continue
			}
			var err error
			if model, err = r.modelOf(doc); err != nil || model == nil {
				return err
			}
		}
		if err := r.files.byName[doc.File].validate(doc, model, r.extra(), ctx); err != nil {
			return err
		}
	}
	if sd == nil {
		return nil
	}
	fs, err := out.model.ValidateWith(sd, r.extra())
	if err != nil {
		return fmt.Errorf("validate the --set flags: %w", err)
	}
	// The files' own problems are reported by their own validation; keep
	// what the flags set.
	for _, f := range fs {
		if setflags.IsFlagFile(f.File) {
			out.setFindings = append(out.setFindings, f)
		}
	}
	return nil
}

// modelOf is the model a file outside every checked release is validated
// with: the run's, else the one its own keys tell; nil for a file of a
// chart era no model covers.
func (r *run) modelOf(doc *values.Document) (*schema.Version, error) {
	if r.opts.Version != nil {
		return r.opts.Version, nil
	}
	det, err := schema.Detect([]*values.Document{doc})
	if err != nil || det.Era != "" {
		return nil, err
	}
	return det.Version, nil
}

func (r *run) extra() schema.KeySet {
	if r.own == nil {
		return nil
	}
	return r.own.keys
}

// validateShared validates the files several releases share, with the
// model of the first checked release that reads them.
func (r *run) validateShared(releases []Release, outs []releaseOut) error {
	for _, f := range r.files.order {
		if !f.shared || f.doc == nil {
			continue
		}
		var model *schema.Version
		var ctx *rules.Context
		era := false
		for i, rel := range releases {
			if model != nil {
				break
			}
			for _, in := range rel.Layers {
				if in.Name == f.in.Name {
					model, ctx = outs[i].model, outs[i].ctx
					break
				}
			}
		}
		for _, o := range outs {
			era = era || (o.era != nil && o.era.File == f.in.Name)
		}
		if model == nil {
			if era {
				continue
			}
			var err error
			if model, err = r.modelOf(f.doc); err != nil {
				return err
			}
			if model == nil {
				continue
			}
		}
		if err := f.validate(f.doc, model, r.extra(), func() *rules.Context { return ctx }); err != nil {
			return err
		}
	}
	return nil
}

// readsShared reports whether the release reads a file other releases
// read too.
func (r *run) readsShared(rel Release) bool {
	for _, in := range rel.Layers {
		if r.files.byName[in.Name].shared {
			return true
		}
	}
	return false
}

// merge puts the releases' outcomes together in release order, applies
// the policy and sorts.
func (r *run) merge(res *Result, outs []releaseOut) *Result {
	var all []finding.Finding
	for _, o := range outs {
		if o.era != nil {
			all = append(all, *o.era)
		}
	}
	for _, o := range outs {
		if o.note != nil {
			res.Notes = append(res.Notes, *o.note)
		}
		if o.model != nil && !slices.Contains(res.ChartVersions, o.chartVersion) {
			res.ChartVersions = append(res.ChartVersions, o.chartVersion)
		}
		all = append(all, o.findings...)
		if o.rendered != nil {
			res.Releases = append(res.Releases, *o.rendered)
		}
	}
	// Files of releases the chart rendered, and of releases it refused.
	var renderedOK, renderFailed []string
	for _, o := range outs {
		switch {
		case o.rendered == nil:
		case o.renderFailed:
			renderFailed = append(renderFailed, o.rendered.Files...)
		default:
			renderedOK = append(renderedOK, o.rendered.Files...)
		}
	}
	var dirs []*directive
	var schemaFs []finding.Finding
	for _, f := range r.files.order {
		if f.err != nil {
			res.InputErrors = append(res.InputErrors, f.err)
		}
		schemaFs = append(schemaFs, f.schema...)
		all = append(all, f.dups...)
		dirs = append(dirs, f.dirs...)
	}
	all = append(all, reconcileSchema(schemaFs, renderedOK, renderFailed)...)
	seen := map[string]bool{}
	for _, o := range outs {
		all = append(all, o.setFindings...)
		if o.setErr != nil && !seen[o.setErr.Error()] {
			seen[o.setErr.Error()] = true
			res.InputErrors = append(res.InputErrors, o.setErr)
		}
	}
	all = dropRepeatedRenders(all)
	pol := r.opts.Policy
	if pol == nil {
		pol = &Policy{}
	}
	res.Config = pol.ConfigFile
	all, res.Suppressed = pol.apply(all, dirs)
	finding.Sort(all)
	all = onceNotModelled(all)
	res.Findings = slices.CompactFunc(all, finding.Same)
	return res
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

// applySets puts a release's --set family over its layers. The result is a
// layer of its own, last, holding the whole of the release's values (the
// flags can reach into lists the files wrote); it is named after the last
// file, so that a finding with no position is filed there as before. When
// the flags cannot apply (a key below a value that is not a map, as helm
// refuses too), the release is an input error and is not checked.
func applySets(sets *setflags.Sets, layers []*values.Document) (*values.Document, *values.InputError) {
	var roots []*values.Node
	for _, d := range layers {
		roots = append(roots, d.Root)
	}
	root, err := sets.Apply(values.Layer(roots...))
	if err != nil {
		ie := &values.InputError{File: setflags.Set, Msg: err.Error()}
		var se *setflags.Error
		if errors.As(err, &se) {
			ie = &values.InputError{File: se.Flag.Name, Line: se.Flag.Index, Col: se.Col, Msg: fmt.Sprintf("%s %s: %v", se.Flag.Name, se.Flag.Arg, se.Err)}
		}
		return nil, ie
	}
	return &values.Document{File: layers[len(layers)-1].File, Root: root}, nil
}

func parse(in Input) (*values.Document, *values.InputError) {
	if in.Err != nil {
		return nil, asInputError(in.Name, in.Err)
	}
	if in.Data == nil && in.Read != nil {
		data, err := in.Read()
		if err != nil {
			return nil, asInputError(in.Name, err)
		}
		in.Data = data
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

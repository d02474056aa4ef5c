package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
	helmchart "helm.sh/helm/v3/pkg/chart"

	"github.com/valuesmith/valuesmith/internal/chart"
	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/report"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/setflags"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

type checkOptions struct {
	output       string
	chartVersion string
	layers       []string
	failOn       string
	enable       []string
	disable      []string
	config       string
	release      string
	schemaOnly   bool
	chart        string
	namespace    string
	kubeVersion  string
	apiVersions  []string
	autoAPIs     bool
	renderLimits renderLimitFlags
	releaseSet   bool
	failOnSet    bool
	namespaceSet bool
	quiet        bool
	color        string
	// sets holds --set, --set-string, --set-file, --set-json and
	// --set-literal by flag name.
	sets map[string]*[]string
}

func newCheckCmd(s *streams) *cobra.Command {
	o := &checkOptions{sets: map[string]*[]string{}}
	cmd := &cobra.Command{
		Use:   "check [FILE...]",
		Short: "Check values files: schema, then hardening rules, each finding at its line",
		Long: `check reads values files with positions and reports every problem at once,
each at file:line:col with the key path, a rule ID, the reason and the fix.

First each file is validated against the chart's JSON Schema: unknown keys
(with "did you mean"), chart 1.x keys and where they moved, wrong types, bad
enums, quantities and ports. Then each release's effective values (the
chart's defaults with your files layered on top, read with the chart's own
fallbacks) go through the rule catalogue (valuesmith rules).

Each FILE is one release's values. -f/--values files are layered under every
FILE, in order, like helm -f; with no FILE, the -f files alone are one
release. --set, --set-string, --set-file, --set-json and --set-literal go over
every release as helm applies them (Helm's own parser, after all files). A
finding is reported in the file that set the value, or at the nearest
parent you wrote when a key is missing; a value a flag set is reported at
the flag: --set:2:15 is the second --set, column 15 of its argument. Use -
to read standard input.

Output formats (-o): text (compiler style; colours on a terminal, see
--color and NO_COLOR), json, sarif (GitHub code scanning), junit (GitLab and
Jenkins test reports), gitlab (GitLab Code Quality) and github (annotations
as GitHub Actions workflow commands).

Suppress a finding with a comment on its line or the line above:
  # valuesmith:ignore <rule-id> <reason>
or in .valuesmith.yaml (or .valuesmith.yml) next to the first values file,
or the file --config names; the summary names the config file in use.

As a Helm plugin (helm valuesmith check), the namespace comes from helm's
-n/--namespace through HELM_NAMESPACE.

With --chart, each release renders in a process of its own within
--render-timeout and --render-memory; a template past either, or broken
whatever the values, is one chart-template-error finding. For a chart you
trust, --render-in-process saves that process start (the time limit still
holds; the memory limit does not).

Exit codes: 0 no findings at or above --fail-on, 1 findings at or above
--fail-on, 2 usage or input error (missing, unreadable, invalid or not
regular files), 3 internal error.`,
		Example: `  valuesmith check values.yaml
  valuesmith check -f base.yaml -f prod.yaml
  valuesmith check -f base.yaml dev.yaml prod.yaml --fail-on warning
  valuesmith check values.yaml --set langfuse.web.replicas=1
  valuesmith check values.yaml -o sarif > valuesmith.sarif
  valuesmith check values.yaml -o junit > valuesmith-junit.xml
  valuesmith check values.yaml -o github        # annotations in a GitHub Actions job
  valuesmith check -q values.yaml               # one line per finding, nothing else
  helm get values my-release -o yaml | valuesmith check -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.releaseSet = cmd.Flags().Changed("release")
			o.failOnSet = cmd.Flags().Changed("fail-on")
			o.namespaceSet = cmd.Flags().Changed("namespace")
			return o.run(s, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "text", "output format: "+strings.Join(report.Formats, ", "))
	f.StringVar(&o.chartVersion, "chart-version", "", "Langfuse chart version the values are for (default: the version in --chart's Chart.yaml, else told from the keys the files hold, else the newest model)")
	f.StringArrayVarP(&o.layers, "values", "f", nil, "values file layered under every FILE, like helm -f (repeatable)")
	f.StringVar(&o.failOn, "fail-on", "", "lowest severity that makes the exit code 1: error, warning or info (default error)")
	f.StringSliceVar(&o.enable, "enable", nil, "run a rule that is off (opt-in or disabled in the config); repeatable or comma-separated")
	f.StringSliceVar(&o.disable, "disable", nil, "do not run a rule; repeatable or comma-separated")
	f.StringVar(&o.config, "config", "", "config file (default: "+strings.Join(check.ConfigFileNames, " or ")+" next to the first values file)")
	f.StringVar(&o.release, "release", "", "Helm release name, used in label selectors and resource names (default langfuse)")
	f.BoolVar(&o.schemaOnly, "schema-only", false, "validate against the schema only, without the rules")
	f.StringVar(&o.chart, "chart", "", "also render through this chart (directory or .tgz) with Helm's engine, offline, and check the manifests")
	f.StringVarP(&o.namespace, "namespace", "n", "", "release namespace for --chart (default $HELM_NAMESPACE, else langfuse)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print the findings only: no fix lines, no summary, no notes")
	f.StringVar(&o.color, "color", "auto", "colour severities and rule IDs: auto (on a terminal, unless NO_COLOR is set), always or never")
	for _, fl := range []struct{ name, help string }{
		{setflags.Set, "set a value over every release, as helm --set does (key=value, comma-separated; repeatable)"},
		{setflags.String, "set a STRING value, as helm --set-string does (repeatable)"},
		{setflags.File, "set a value to a file's content, as helm --set-file does (key=path; repeatable)"},
		{setflags.JSON, "set a JSON value, as helm --set-json does (repeatable)"},
		{setflags.Literal, "set a literal string value, as helm --set-literal does (repeatable)"},
	} {
		v := new([]string)
		o.sets[fl.name] = v
		f.StringArrayVar(v, strings.TrimPrefix(fl.name, "--"), nil, fl.help)
	}
	registerEnum(cmd, "output", report.Formats)
	registerEnum(cmd, "fail-on", []string{"error", "warning", "info"})
	registerEnum(cmd, "color", colorModes)
	_ = cmd.RegisterFlagCompletionFunc("chart-version", completeChartVersions)
	_ = cmd.RegisterFlagCompletionFunc("enable", completeRuleIDs)
	_ = cmd.RegisterFlagCompletionFunc("disable", completeRuleIDs)
	_ = cmd.RegisterFlagCompletionFunc("values", completeYAMLFiles)
	_ = cmd.RegisterFlagCompletionFunc("config", completeYAMLFiles)
	cmd.ValidArgsFunction = completeYAMLFiles
	f.StringVar(&o.kubeVersion, "kube-version", chart.DefaultKubeVersion, "Kubernetes version the chart sees with --chart")
	f.StringSliceVar(&o.apiVersions, "api-versions", nil, "extra API versions the chart sees with --chart (repeatable, e.g. autoscaling.k8s.io/v1)")
	f.BoolVar(&o.autoAPIs, "auto-api-versions", true, "with --chart, offer the KEDA, VPA and ClickHouse operator APIs when the values use them")
	o.renderLimits.register(f)
	return cmd
}

func (o *checkOptions) run(s *streams, files []string) error {
	if len(files) == 0 && len(o.layers) == 0 {
		return usageError(fmt.Errorf("check needs at least one values file (FILE or -f FILE)"))
	}
	if err := oneOf("output", o.output, report.Formats); err != nil {
		return err
	}
	if err := oneOf("color", o.color, colorModes); err != nil {
		return err
	}
	o.namespace = o.effectiveNamespace()
	if o.namespace == "" {
		return usageError(errors.New("--namespace needs a name"))
	}
	byName := map[string][]string{}
	for name, v := range o.sets {
		byName[name] = *v
	}
	sets, err := setflags.New(byName, values.ReadFile)
	if err != nil {
		return usageError(err)
	}
	ver, err := o.resolveVersion()
	if err != nil {
		return usageError(err)
	}

	// Config: --config, else next to the first values file.
	var cfg *check.Config
	first := ""
	if len(o.layers) > 0 {
		first = o.layers[0]
	} else {
		first = files[0]
	}
	cfgPath := o.config
	if cfgPath == "" {
		if cfgPath, err = check.FindConfig(first); err != nil {
			return usageError(err)
		}
	}
	if cfgPath != "" {
		if cfg, err = check.LoadConfig(cfgPath); err != nil {
			return usageError(err)
		}
	}
	sel, err := check.Select(cfg, o.enable, o.disable)
	if err != nil {
		return usageError(err)
	}
	failOn := finding.Error
	if cfg != nil && cfg.FailOn != 0 {
		failOn = cfg.FailOn
	}
	if o.failOn != "" || o.failOnSet {
		if failOn, err = finding.ParseSeverity(o.failOn); err != nil {
			return usageError(fmt.Errorf("--fail-on: %w", err))
		}
	}
	if err := chart.ValidateKubeVersion(o.kubeVersion); err != nil {
		return usageError(err)
	}
	limits, err := o.renderLimits.limits()
	if err != nil {
		return usageError(err)
	}
	if o.release != "" || o.releaseSet {
		if err := check.ValidateRelease(o.release); err != nil {
			return usageError(fmt.Errorf("--release: %w", err))
		}
	}
	settings := rules.Settings{Release: o.release}
	if settings.Release == "" && cfg != nil {
		settings.Release = cfg.Release
	}
	if cfg != nil && cfg.StartupSeconds > 0 {
		settings.StartupSeconds, settings.StartupSecondsSet = cfg.StartupSeconds, true
	}

	// The chart loads while the values files are read and the schema is
	// decoded.
	type loaded struct {
		c   *helmchart.Chart
		err error
	}
	chartDone := make(chan loaded, 1)
	var isolate chart.Isolate
	if o.chart != "" {
		// The rendering process starts now and loads the chart while
		// this one reads the values.
		var stop func()
		isolate, stop = o.renderLimits.isolation(o.chart, limits)
		defer stop()
		go func() {
			c, err := chart.Load(o.chart)
			chartDone <- loaded{c, err}
		}()
		if ver.Version != nil {
			go func() { _, _ = ver.Version.Checker() }()
		}
	}

	reader := &inputReader{s: s}
	var common []check.Input
	for _, name := range o.layers {
		in, err := reader.read(name)
		if err != nil {
			return err
		}
		common = append(common, in)
	}
	var releases []check.Release
	for _, name := range files {
		in, err := reader.read(name)
		if err != nil {
			return err
		}
		releases = append(releases, check.Release{Layers: append(append([]check.Input{}, common...), in), Sets: sets})
	}
	if len(files) == 0 {
		releases = []check.Release{{Layers: common, Sets: sets}}
	}
	if len(releases) > manyReleases {
		// Run's garbage-collector setting is for a run of a few dozen
		// milliseconds; over many releases the heap would settle at five
		// times what is live. Twice keeps peak memory flat in the number
		// of files (measured: README, Performance).
		debug.SetGCPercent(200)
	}

	opts := check.Options{Version: ver.Version, ChartVersion: ver.ChartVersion, VersionNote: ver.Note,
		ChartDefaults: o.chart != "" && ver.Note != "", Settings: settings, Policy: sel.Policy}
	if !o.schemaOnly {
		opts.Rules = sel.Rules
	}
	if o.chart != "" {
		opts.LoadChart = func() (*helmchart.Chart, error) {
			l := <-chartDone
			return l.c, l.err
		}
		opts.Render = chart.Options{Path: o.chart, Namespace: o.namespace, KubeVersion: o.kubeVersion, APIVersions: o.apiVersions, AutoAPIVersions: o.autoAPIs,
			Limits: limits, Isolate: isolate}
	}
	res, err := check.Run(opts, releases)
	var ce *check.ChartError
	if errors.As(err, &ce) {
		return usageError(ce)
	}
	if err != nil {
		return err
	}
	meta := report.Meta{ToolVersion: toolVersion(), ChartVersion: strings.Join(res.ChartVersions, ", "), FailOn: failOn, Rules: o.ranRules(sel)}
	switch o.output {
	case "json":
		err = report.JSON(s.out, res, meta)
	case "sarif":
		err = report.SARIF(s.out, res, meta)
	case "junit":
		err = report.JUnit(s.out, res, meta)
	case "gitlab":
		err = report.GitLab(s.out, res)
	case "github":
		err = report.GitHub(s.out, res)
		if err == nil && !o.quiet {
			fmt.Fprintln(s.err, report.Summary(res))
		}
	default:
		st := report.TextStyle{Color: useColor(o.color, s.out), Quiet: o.quiet}
		if err = report.TextStyled(s.out, res, st); err == nil && !o.quiet {
			report.Notes(s.err, res)
			report.Releases(s.err, res)
			fmt.Fprintln(s.err, report.Summary(res))
		}
	}
	if err != nil {
		return err
	}
	switch {
	case len(res.InputErrors) > 0:
		return &exitError{code: ExitUsage}
	case res.Failing(failOn):
		return &exitError{code: ExitFindings}
	}
	return nil
}

// manyReleases is the number of releases above which a check is a long
// run for the garbage collector.
const manyReleases = 16

// inputReader reads values files, and standard input at most once.
type inputReader struct {
	s         *streams
	stdinUsed bool
	cache     map[string]check.Input
}

func (r *inputReader) read(name string) (check.Input, error) {
	if in, ok := r.cache[name]; ok {
		return in, nil
	}
	in := check.Input{Name: name}
	if name == "-" {
		if r.stdinUsed {
			return in, usageError(fmt.Errorf("standard input (-) can be given only once"))
		}
		r.stdinUsed = true
		in.Name = "<stdin>"
		in.Data, in.Err = values.ReadLimited(in.Name, r.s.in)
	} else {
		// Read when the check reaches the file, not now: a run over
		// many files holds only those it is checking.
		in.Read = func() ([]byte, error) { return values.ReadFile(name) }
	}
	if r.cache == nil {
		r.cache = map[string]check.Input{}
	}
	r.cache[name] = in
	return in, nil
}

// resolveVersion decides the model: the chart's own Chart.yaml with --chart
// (a --chart-version that disagrees is refused), else --chart-version, else
// none, and check tells it from each release's keys.
func (o *checkOptions) resolveVersion() (schema.Resolution, error) {
	if o.chart != "" {
		cv, err := chart.PeekVersion(o.chart)
		if err != nil {
			return schema.Resolution{}, err
		}
		res, err := schema.Resolve(cv)
		if err != nil {
			return schema.Resolution{}, fmt.Errorf("--chart %s: %w", o.chart, err)
		}
		if o.chartVersion != "" {
			flag, err := schema.Resolve(o.chartVersion)
			if err != nil {
				return schema.Resolution{}, fmt.Errorf("--chart-version: %w", err)
			}
			if flag.ChartVersion != res.ChartVersion {
				return schema.Resolution{}, fmt.Errorf("--chart-version %s disagrees with the chart: %s/Chart.yaml says version %s (drop --chart-version; the chart decides)", o.chartVersion, o.chart, cv)
			}
		}
		return res, nil
	}
	if o.chartVersion == "" {
		return schema.Resolution{}, nil
	}
	res, err := schema.Resolve(o.chartVersion)
	if err != nil {
		return schema.Resolution{}, fmt.Errorf("--chart-version: %w", err)
	}
	return res, nil
}

// colorModes are the values of --color.
var colorModes = []string{"auto", "always", "never"}

// useColor decides whether text output to w is coloured: always or never
// as asked; with auto, only on a terminal, and not when NO_COLOR is set to
// anything (no-color.org) or TERM is dumb. Pipes and files never get
// colour unless asked for with --color always.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// effectiveNamespace is -n when given; else helm's, when run as a Helm
// plugin (helm passes its -n as HELM_NAMESPACE) or with HELM_NAMESPACE
// set; else langfuse.
func (o *checkOptions) effectiveNamespace() string {
	if o.namespaceSet {
		return o.namespace
	}
	if ns := strings.TrimSpace(os.Getenv("HELM_NAMESPACE")); ns != "" {
		return ns
	}
	return "langfuse"
}

// ranRules lists the catalogue rules a run applied: the selected rules on
// values, and with --chart the rules on rendered manifests.
func (o *checkOptions) ranRules(sel *check.Selection) []string {
	if o.schemaOnly {
		return nil
	}
	var ids []string
	for _, r := range rules.All() {
		if sel.Policy.Disabled[r.ID] || (r.Check == nil && o.chart == "") {
			continue
		}
		ids = append(ids, r.ID)
	}
	return ids
}

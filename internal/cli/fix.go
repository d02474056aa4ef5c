package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/fix"
	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

type fixOptions struct {
	chartVersion string
	layers       []string
	rules        []string
	write        bool
	secretsOut   string
	secretName   string
	config       string
	release      string
	enable       []string
	disable      []string
	releaseSet   bool
}

func newFixCmd(s *streams) *cobra.Command {
	o := &fixOptions{}
	cmd := &cobra.Command{
		Use:   "fix FILE...",
		Short: "Apply the safe fixes of check's findings to values files, keeping every comment",
		Long: `fix checks values files as valuesmith check does and applies every fix that
needs no decision: it changes only the keys the fixes are about, so every
other line stays as it was (comments, order, quoting, flow style, anchors,
line endings). It checks again after each round of fixes, until nothing is
left to fix.

By default it prints a unified diff and changes nothing; --write writes the
files in place, atomically. Findings that need a decision (replica counts,
sizing, hosts, versions) are listed with what to decide. Inline
# valuesmith:ignore comments and the config's ignores are respected.

Literal secrets are reported and left alone, unless --secrets-out FILE
moves them into a Kubernetes Secret manifest (mode 0600, never
overwritten) and replaces each with a reference to it (secretKeyRef,
existingSecret and its key field, or valueFrom). Secret values never appear
in the diff or the messages.

Each FILE is one release's values, over the -f layers, which are read but
never edited.

Exit codes: 0 nothing to change (or written with --write), 1 changes to
make (without --write), 2 usage or input error.`,
		Example: `  valuesmith fix values.yaml                  # show the diff
  valuesmith fix values.yaml --write          # apply it
  valuesmith fix values.yaml --rule signup-open --rule pdb-disabled
  valuesmith fix values.yaml --write --secrets-out langfuse-values-secrets.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.releaseSet = cmd.Flags().Changed("release")
			return o.run(s, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.chartVersion, "chart-version", "", "Langfuse chart version the values are for (default: told from the keys the files hold, as check does, else the newest model)")
	f.StringArrayVarP(&o.layers, "values", "f", nil, "values file layered under every FILE, like helm -f; read, never edited (repeatable)")
	f.StringArrayVar(&o.rules, "rule", nil, "apply only this rule's fixes (repeatable)")
	f.BoolVarP(&o.write, "write", "w", false, "write the fixed files in place instead of printing a diff")
	f.StringVar(&o.secretsOut, "secrets-out", "", "move literal secrets into a Kubernetes Secret manifest written to this new file (mode 0600)")
	f.StringVar(&o.secretName, "secret-name", "", "name of the Secret that --secrets-out writes (default <release>-values-secrets)")
	f.StringVar(&o.config, "config", "", "config file (default: "+check.ConfigFileName+" next to the first FILE)")
	f.StringVar(&o.release, "release", "", "Helm release name, used in label selectors and resource names (default langfuse)")
	f.StringSliceVar(&o.enable, "enable", nil, "run a rule that is off (opt-in or disabled in the config); repeatable or comma-separated")
	f.StringSliceVar(&o.disable, "disable", nil, "do not run a rule; repeatable or comma-separated")
	return cmd
}

func (o *fixOptions) run(s *streams, files []string) error {
	opts, err := o.options(files)
	if err != nil {
		return err
	}
	releases, err := o.read(files)
	if err != nil {
		return err
	}
	res, err := fix.Run(opts, releases)
	if err != nil {
		return err
	}
	if len(res.InputErrors) > 0 {
		for _, e := range res.InputErrors {
			fmt.Fprintf(s.err, "%s\n", inputErrorLine(e))
		}
		return &exitError{code: ExitUsage}
	}
	if len(res.Secrets) > 0 {
		if _, err := os.Lstat(o.secretsOut); err == nil {
			return usageError(fmt.Errorf("%s exists; refusing to overwrite a secrets file (its values may be in use)", o.secretsOut))
		}
	}
	if !o.write {
		diff, err := res.Diff()
		if err != nil {
			return err
		}
		if _, err := io.WriteString(s.out, diff); err != nil {
			return err
		}
	} else if err := o.writeFiles(s, res, opts.SecretName); err != nil {
		return err
	}
	o.report(s.err, res, opts.SecretName)
	if !o.write && (len(res.Changes) > 0 || len(res.Secrets) > 0) {
		return &exitError{code: ExitFindings}
	}
	return nil
}

// inputErrorLine is check's one-line form of a file that cannot be read.
func inputErrorLine(e *values.InputError) string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: error: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: error: %s", e.File, e.Line, e.Col, e.Msg)
}

// options validates the flags and builds the run's options.
func (o *fixOptions) options(files []string) (fix.Options, error) {
	var opts fix.Options
	if len(files) == 0 {
		return opts, usageError(fmt.Errorf("fix needs at least one values file"))
	}
	seen := map[string]bool{}
	for _, f := range append(append([]string{}, o.layers...), files...) {
		if f == "-" {
			return opts, usageError(fmt.Errorf("fix edits files; give a path, not - (standard input)"))
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			return opts, usageError(err)
		}
		if seen[abs] {
			return opts, usageError(fmt.Errorf("%s is given twice", f))
		}
		seen[abs] = true
	}
	var ver schema.Resolution // no Version: each release's files tell, as in check
	if o.chartVersion != "" {
		var err error
		if ver, err = schema.Resolve(o.chartVersion); err != nil {
			return opts, usageError(err)
		}
	}
	var err error
	cfgPath := o.config
	if cfgPath == "" {
		if cfgPath, err = check.FindConfig(files[0]); err != nil {
			return opts, usageError(err)
		}
	}
	var cfg *check.Config
	if cfgPath != "" {
		if cfg, err = check.LoadConfig(cfgPath); err != nil {
			return opts, usageError(err)
		}
	}
	sel, err := check.Select(cfg, o.enable, o.disable)
	if err != nil {
		return opts, usageError(err)
	}
	if o.release != "" || o.releaseSet {
		if err := check.ValidateRelease(o.release); err != nil {
			return opts, usageError(fmt.Errorf("--release: %w", err))
		}
	}
	settings := rules.Settings{Release: o.release}
	if settings.Release == "" && cfg != nil {
		settings.Release = cfg.Release
	}
	if cfg != nil && cfg.StartupSeconds > 0 {
		settings.StartupSeconds, settings.StartupSecondsSet = cfg.StartupSeconds, true
	}
	opts.Check = check.Options{Version: ver.Version, ChartVersion: ver.ChartVersion, Rules: sel.Rules, Settings: settings, Policy: sel.Policy}
	if opts.Only, err = fixRules(o.rules); err != nil {
		return opts, err
	}
	if o.secretsOut != "" {
		if seen[mustAbs(o.secretsOut)] {
			return opts, usageError(fmt.Errorf("--secrets-out %s is one of the values files", o.secretsOut))
		}
		if err := checkSecretsOut(o.secretsOut); err != nil {
			return opts, usageError(err)
		}
		opts.SecretName = o.secretName
		if opts.SecretName == "" {
			release := settings.Release
			if release == "" {
				release = "langfuse"
			}
			opts.SecretName = release + "-values-secrets"
		}
		if err := check.ValidateRelease(opts.SecretName); err != nil {
			return opts, usageError(fmt.Errorf("--secret-name: %w", err))
		}
	} else if o.secretName != "" {
		return opts, usageError(fmt.Errorf("--secret-name needs --secrets-out"))
	}
	return opts, nil
}

// checkSecretsOut refuses a --secrets-out path that cannot be written: a
// missing directory or a directory. An existing file is refused only when
// there are secrets to write into it.
func checkSecretsOut(path string) error {
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write %s: directory %s does not exist", path, filepath.Dir(path))
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("--secrets-out %s is a directory", path)
	}
	return nil
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// fixRules reads --rule: rules that exist and have a fix fix applies.
func fixRules(ids []string) (map[string]bool, error) {
	only := map[string]bool{}
	for _, id := range ids {
		r, ok := rules.Lookup(id)
		if !ok {
			return nil, usageError(rules.UnknownRuleError(id))
		}
		switch r.FixKind() {
		case "safe", "secret":
			only[id] = true
		case "decision":
			return nil, usageError(fmt.Errorf("--rule %s: its findings need a decision, which fix does not take (valuesmith explain %s)", id, id))
		default:
			return nil, usageError(fmt.Errorf("--rule %s: the rule has no fix (valuesmith explain %s)", id, id))
		}
	}
	return only, nil
}

// read reads the files into releases: each FILE over the -f layers.
func (o *fixOptions) read(files []string) ([]fix.Release, error) {
	load := func(name string, editable bool) *fix.File {
		data, err := values.ReadFile(name)
		return &fix.File{Name: name, Data: data, Err: err, Editable: editable}
	}
	var common []*fix.File
	for _, name := range o.layers {
		common = append(common, load(name, false))
	}
	var out []fix.Release
	for _, name := range files {
		layers := append(append([]*fix.File{}, common...), load(name, true))
		out = append(out, fix.Release{Layers: layers})
	}
	return out, nil
}

// writeFiles writes the changed files in place and the Secret manifest,
// all or nothing.
func (o *fixOptions) writeFiles(s *streams, res *fix.Result, secretName string) error {
	var outs []generate.Output
	for _, c := range res.Changes {
		outs = append(outs, inPlace(c.Name, c.After))
	}
	if len(res.Secrets) > 0 {
		manifest, err := res.SecretManifest(secretName, changedNames(res))
		if err != nil {
			return err
		}
		outs = append(outs, generate.Output{Path: o.secretsOut, Data: manifest, Perm: 0o600})
	}
	if len(outs) == 0 {
		return nil
	}
	return generate.WriteAll(outs)
}

// inPlace is the output that replaces a user's file atomically, through a
// symbolic link (keeping the link) and with the file's mode.
func inPlace(name string, data []byte) generate.Output {
	path := name
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	perm := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	return generate.Output{Path: path, Data: data, Perm: perm, Replace: true}
}

func changedNames(res *fix.Result) string {
	var names []string
	for _, c := range res.Changes {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// report says on stderr what was fixed and what is left.
func (o *fixOptions) report(w io.Writer, res *fix.Result, secretName string) {
	var b strings.Builder
	for _, a := range res.Applied {
		var did []string
		for _, e := range a.Edits {
			did = append(did, e.String())
		}
		what := strings.Join(did, ", ")
		if a.Secret != "" {
			what = fmt.Sprintf("moved to Secret %s, key %s", secretName, a.Secret)
		}
		fmt.Fprintf(&b, "%s: fixed [%s] %s\n", a.Finding.File, a.Finding.RuleID, what)
	}
	decide := 0
	for _, p := range res.Pending {
		if p.Kind == fix.Decide {
			decide++
		}
	}
	if len(res.Pending) > 0 {
		if o.write || len(res.Changes) == 0 {
			b.WriteString("left for you:\n")
		} else {
			b.WriteString("left for you (at the lines they will have after the fixes):\n")
		}
	}
	for _, p := range res.Pending {
		fmt.Fprintf(&b, "  %s\n      %s: %s\n", p.Finding, p.Kind, p.Why)
	}
	files := map[string]bool{}
	for _, c := range res.Changes {
		files[c.Name] = true
	}
	if len(res.Applied) == 0 {
		b.WriteString("valuesmith fix: nothing to fix")
	} else {
		fmt.Fprintf(&b, "valuesmith fix: %s in %s", countNoun(len(res.Applied), "fix", "fixes"), countNoun(len(files), "file", "files"))
	}
	if n := len(res.Pending); n > 0 {
		fmt.Fprintf(&b, "; %s left, %d of them waiting on a decision", countNoun(n, "finding", "findings"), decide)
	}
	switch {
	case o.write && len(res.Changes) > 0:
		fmt.Fprintf(&b, "; wrote %s", changedNames(res))
	case len(res.Changes) > 0:
		b.WriteString("; --write applies them")
	}
	b.WriteString("\n")
	if len(res.Secrets) > 0 {
		if o.write {
			fmt.Fprintf(&b, "wrote Secret %s with %s to %s (mode 0600); apply it before the next helm upgrade, then keep it out of version control\n",
				secretName, countNoun(len(res.Secrets), "key", "keys"), o.secretsOut)
		} else {
			fmt.Fprintf(&b, "--write also writes Secret %s with %s to %s (mode 0600)\n", secretName, countNoun(len(res.Secrets), "key", "keys"), o.secretsOut)
		}
	}
	io.WriteString(w, b.String())
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

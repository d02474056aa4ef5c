package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

type generateOptions struct {
	profile     string
	answers     string
	example     bool
	valuesOut   string
	schemaOut   string
	force       bool
	secretsOut  string
	saveAnswers string
	// check compares instead of writing (drift detection in CI and
	// pre-commit).
	check bool
	// exampleByDefault is set when no input was given and the example
	// answers stand in for them.
	exampleByDefault bool
	// flags holds the spec flags by name; only those the user set apply.
	flags map[string]*string
	// accept holds --accept RULE=REASON, in order.
	accept []string
}

func newGenerateCmd(s *streams) *cobra.Command {
	o := &generateOptions{flags: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Write production values for the Langfuse chart from a profile, an answers file and flags",
		Long: `generate writes a commented values.yaml for the Langfuse chart. Inputs come
from a profile (production, high-availability, evaluation: valuesmith
profiles), then an answers file (the same keys as the flags; valuesmith
schema --answers prints its JSON Schema), then flags; later wins. With no
input at all, it writes the embedded example (--example: example hosts, to
see what you get); once any input is given, every missing one is an error.

Before anything is written, the output is parsed, validated against the
chart's schema and run through every rule: any error, or any warning the
profile or the answers do not accept, stops the generator. The same inputs
always give the same bytes.

The values go to standard output, or to --values-out FILE. Secrets never go
into the values: they reference Secrets by name, listed in the file's
header. --secrets-out FILE writes the application Secret (salt, encryption
key, NextAuth secret) with fresh random values, mode 0600. --schema-out FILE
writes the chart's values schema, and the values file's first line then
points editors at it (yaml-language-server).

The values, answers, schema and secrets files are written together or not at
all: every refusal (an existing file without --force, an existing secrets
file, a missing directory, two flags naming the same file) comes before the
first write.

--check writes nothing: it compares what the inputs generate with the
existing --values-out file and fails when they differ (drift in CI or a
pre-commit hook).

Exit codes: 0 written (with --check: up to date), 1 the output failed the
self-check (with --check: the file differs or is missing), 2 missing or bad
inputs.`,
		Example: `  # A complete production file with example hosts, to see what you get
  valuesmith generate

  # Your installation
  valuesmith generate --host langfuse.acme.io \
    --postgres-host pg.acme.internal:5432 --redis-host redis.acme.internal \
    --clickhouse-host https://ch.acme.internal --s3-bucket acme-langfuse --s3-region eu-west-1 \
    --values-out values.yaml --save-answers answers.yaml --schema-out values.schema.json

  # Replay in CI, byte for byte
  valuesmith generate --answers answers.yaml --values-out values.yaml --force

  # Fail when values.yaml no longer matches its answers
  valuesmith generate --answers answers.yaml --values-out values.yaml --check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			set := map[string]string{}
			for name, v := range o.flags {
				if cmd.Flags().Changed(name) {
					set[name] = *v
				}
			}
			if cmd.Flags().Changed("answers") && o.answers == "" {
				return usageError(errors.New("--answers needs a file name (or - for standard input)"))
			}
			// With no input at all, show what the tool makes: the embedded
			// example. Any input (a flag, an answers file, a profile) turns
			// this off, and then every missing input is an error.
			o.exampleByDefault = len(set) == 0 && len(o.accept) == 0 && o.answers == "" &&
				!cmd.Flags().Changed("profile") && !cmd.Flags().Changed("example")
			if o.exampleByDefault {
				o.example = true
			}
			return o.run(s, set)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.profile, "profile", "", "profile: "+strings.Join(profiles.Available(), ", ")+" (default "+profiles.Default+", or the answers file's)")
	f.StringVar(&o.answers, "answers", "", "answers file (YAML with the same keys as the flags)")
	f.BoolVar(&o.example, "example", false, "use the embedded example answers (example.com hosts)")
	f.StringVar(&o.valuesOut, "values-out", "-", "values file to write, - for standard output")
	f.StringVar(&o.schemaOut, "schema-out", "", "also write the chart's values JSON Schema to FILE, and point the values file's yaml-language-server line at it")
	f.BoolVar(&o.check, "check", false, "write nothing: exit 1 when the --values-out file differs from what the inputs generate")
	f.BoolVar(&o.force, "force", false, "replace an existing values, answers or schema file")
	f.StringVar(&o.secretsOut, "secrets-out", "", "write the application Secret with fresh random values to FILE (mode 0600; never overwritten)")
	f.StringVar(&o.saveAnswers, "save-answers", "", "write the effective answers to FILE, so --answers FILE reproduces the same output")
	f.StringArrayVar(&o.accept, spec.AcceptFlag, nil, "accept a warning on purpose, as RULE=REASON (repeatable; added to the answers' accept list, marked in the file)")
	_ = cmd.RegisterFlagCompletionFunc("profile", completeProfiles)
	_ = cmd.RegisterFlagCompletionFunc("answers", completeYAMLFiles)
	_ = cmd.RegisterFlagCompletionFunc("values-out", completeYAMLFiles)
	for _, p := range spec.Params {
		v := new(string)
		o.flags[p.Flag] = v
		f.StringVar(v, p.Flag, "", p.Help)
		if p.IsBool() {
			f.Lookup(p.Flag).NoOptDefVal = "true"
		}
	}
	return cmd
}

func (o *generateOptions) run(s *streams, flags map[string]string) error {
	// Everything that can be refused about the files is refused before
	// the inputs are read, and so before anything is written.
	if err := o.checkOutputs(); err != nil {
		return usageError(err)
	}
	in := spec.Inputs{Profile: o.profile, Example: o.example, Flags: flags, Accept: o.accept}
	if o.answers != "" {
		var data []byte
		var err error
		if o.answers == "-" {
			data, err = values.ReadLimited("<stdin>", s.in)
		} else {
			data, err = values.ReadFile(o.answers)
		}
		if err != nil {
			return usageError(err)
		}
		doc, err := values.Parse(o.answers, data)
		if err != nil {
			return usageError(err)
		}
		in.Answers = doc
	}
	a, res, err := generate.FromInputs(in)
	if err != nil {
		// A warning the inputs did not accept is theirs to accept or
		// change; any other self-check failure is a defect of the
		// generator: report it and exit 1 without writing anything.
		var sc *generate.SelfCheckError
		var ps spec.Problems
		switch {
		case errors.As(err, &ps):
			return inputProblems(s, ps)
		case errors.As(err, &sc):
			fmt.Fprintln(s.err, err)
			return &exitError{code: ExitFindings}
		}
		return &exitError{code: ExitFindings, err: err}
	}
	if o.exampleByDefault {
		fmt.Fprintln(s.err, "valuesmith: no inputs given: this is the embedded example (example hosts); give flags or --answers FILE for your installation (valuesmith generate --help)")
	}

	toStdout := o.toStdout()
	valuesData := res.Values
	if o.schemaOut != "" {
		dest := o.valuesOut
		if toStdout {
			dest = ""
		}
		ref, err := generate.SchemaRef(dest, o.schemaOut)
		if err != nil {
			return usageError(err)
		}
		valuesData = generate.WithSchemaLine(valuesData, ref)
	}
	if o.check {
		return o.compare(s, valuesData)
	}

	// Every file is written or none: the answers, the schema and the
	// Secret are encoded before the first one goes to disk.
	var outs []generate.Output
	if !toStdout {
		outs = append(outs, generate.Output{Path: o.valuesOut, Data: valuesData, Perm: 0o644, Replace: o.force})
	}
	if o.schemaOut != "" {
		v, err := schema.Lookup(a.Spec.ChartVersion)
		if err != nil {
			return err
		}
		outs = append(outs, generate.Output{Path: o.schemaOut, Data: v.JSON(), Perm: 0o644, Replace: o.force})
	}
	if o.saveAnswers != "" {
		answers, err := spec.EncodeAnswers(a)
		if err != nil {
			return err
		}
		outs = append(outs, generate.Output{Path: o.saveAnswers, Data: answers, Perm: 0o644, Replace: o.force})
	}
	if o.secretsOut != "" {
		secret, err := generate.AppSecretManifest(a.Spec)
		if err != nil {
			return err
		}
		// A secrets file is never replaced, not even with --force.
		outs = append(outs, generate.Output{Path: o.secretsOut, Data: secret, Perm: 0o600})
	}
	if err := generate.WriteAll(outs); err != nil {
		return usageError(err)
	}
	if toStdout {
		if _, err := s.out.Write(valuesData); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(s.err, "wrote %s (profile %s)\n", o.valuesOut, a.Profile.Name)
	}
	if o.schemaOut != "" {
		fmt.Fprintf(s.err, "wrote %s (the values schema of chart %s, for editors)\n", o.schemaOut, a.Spec.ChartVersion)
	}
	if o.saveAnswers != "" {
		fmt.Fprintf(s.err, "wrote %s (replay with: valuesmith generate --answers %s)\n", o.saveAnswers, o.saveAnswers)
	}
	if o.secretsOut != "" {
		fmt.Fprintf(s.err, "wrote Secret %s to %s (mode 0600); apply it once, then keep it out of version control\n", a.Spec.AppSecret.Name, o.secretsOut)
	}
	for _, f := range res.Findings {
		fmt.Fprintf(s.err, "note: line %d: %s [%s] %s: %s\n", f.Line, f.Severity, f.RuleID, f.Path, f.Message)
	}
	return nil
}

// checkOutputs refuses, before anything is read or written, every file
// the run could not write: standard output named for the answers or the
// Secret, and whatever checkOutputFiles refuses.
func (o *generateOptions) checkOutputs() error {
	if o.saveAnswers == "-" {
		return errors.New("--save-answers needs a file name: standard output is for the values")
	}
	if o.secretsOut == "-" {
		return errors.New("--secrets-out needs a file name: standard output is for the values, and the Secret belongs in a file of mode 0600")
	}
	if o.schemaOut == "-" {
		return errors.New("--schema-out needs a file name: standard output is for the values (valuesmith schema prints the schema)")
	}
	if o.check {
		switch {
		case o.toStdout():
			return errors.New("--check needs --values-out FILE: the file to compare with")
		case o.saveAnswers != "", o.secretsOut != "":
			return errors.New("--check writes nothing; drop --save-answers and --secrets-out")
		}
		return nil
	}
	var files []outputFile
	if !o.toStdout() {
		files = append(files, outputFile{flag: "--values-out", path: o.valuesOut})
	}
	if o.schemaOut != "" {
		files = append(files, outputFile{flag: "--schema-out", path: o.schemaOut})
	}
	if o.saveAnswers != "" {
		files = append(files, outputFile{flag: "--save-answers", path: o.saveAnswers})
	}
	if o.secretsOut != "" {
		files = append(files, outputFile{flag: "--secrets-out", path: o.secretsOut})
	}
	return checkOutputFiles(files, o.force)
}

func (o *generateOptions) toStdout() bool { return o.valuesOut == "-" || o.valuesOut == "" }

// compare is --check: the existing values file against what the inputs
// generate. It reports the first line that differs, so a pre-commit hook
// or a CI log says where the drift is.
func (o *generateOptions) compare(s *streams, want []byte) error {
	regen := fmt.Sprintf("valuesmith generate %s--values-out %s --force", o.inputArgs(), o.valuesOut)
	have, err := values.ReadFile(o.valuesOut)
	if err != nil {
		fmt.Fprintf(s.err, "valuesmith: %v; generate it with: %s\n", err, regen)
		return &exitError{code: ExitFindings}
	}
	line, ok := firstDifference(have, want)
	if ok {
		fmt.Fprintf(s.err, "%s is up to date\n", o.valuesOut)
		return nil
	}
	fmt.Fprintf(s.err, "%s:%d: differs from what the inputs generate; regenerate it with: %s\n", o.valuesOut, line, regen)
	return &exitError{code: ExitFindings}
}

// inputArgs repeats the answers and schema flags for the message of
// --check.
func (o *generateOptions) inputArgs() string {
	var b strings.Builder
	if o.answers != "" {
		fmt.Fprintf(&b, "--answers %s ", o.answers)
	}
	if o.schemaOut != "" {
		fmt.Fprintf(&b, "--schema-out %s ", o.schemaOut)
	}
	return b.String()
}

// firstDifference returns the 1-based line where a and b first differ, or
// ok when they are equal.
func firstDifference(a, b []byte) (line int, ok bool) {
	if bytes.Equal(a, b) {
		return 0, true
	}
	line = 1
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == '\n' {
			line++
		}
	}
	return line, false
}

// inputProblems prints each input problem on its own line, then how to
// give missing inputs when some are, and exits 2.
func inputProblems(s *streams, err error) error {
	var ps spec.Problems
	if !errors.As(err, &ps) {
		return usageError(err)
	}
	missing := false
	for _, p := range ps {
		fmt.Fprintf(s.err, "valuesmith: %s\n", p)
		missing = missing || p.Msg == spec.Required
	}
	if missing {
		fmt.Fprintln(s.err, "valuesmith: give the required inputs as flags or in an answers file (--answers FILE), or try --example")
	}
	return &exitError{code: ExitUsage}
}

func newProfilesCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:     "profiles",
		Short:   "List the generator's profiles",
		Example: "  valuesmith profiles",
		Args:    cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			for _, p := range profiles.List() {
				def := ""
				if p.Name == profiles.Default {
					def = " (default)"
				}
				if _, err := fmt.Fprintf(s.out, "%-18s %s%s\n", p.Name, strings.TrimSuffix(strings.TrimSuffix(p.Summary, "."), " (the default)"), def); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

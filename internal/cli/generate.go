package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
)

type generateOptions struct {
	profile     string
	answers     string
	example     bool
	output      string
	force       bool
	secretsOut  string
	saveAnswers string
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

Secrets never go into the values: they reference Secrets by name, listed in
the file's header. --secrets-out FILE writes the application Secret (salt,
encryption key, NextAuth secret) with fresh random values, mode 0600.

The values, answers and secrets files are written together or not at all:
every refusal (an existing file without --force, an existing secrets file,
a missing directory, two flags naming the same file) comes before the
first write.

Exit codes: 0 written, 1 the output failed the self-check, 2 missing or bad
inputs.`,
		Example: `  # A complete production file with example hosts, to see what you get
  valuesmith generate

  # Your installation
  valuesmith generate --host langfuse.acme.io \
    --postgres-host pg.acme.internal:5432 --redis-host redis.acme.internal \
    --clickhouse-host https://ch.acme.internal --s3-bucket acme-langfuse --s3-region eu-west-1 \
    -o values.yaml --save-answers answers.yaml

  # Replay in CI, byte for byte
  valuesmith generate --answers answers.yaml -o values.yaml --force`,
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
	f.StringVarP(&o.output, "output", "o", "-", "values file to write, - for standard output")
	f.BoolVar(&o.force, "force", false, "replace an existing output or answers file")
	f.StringVar(&o.secretsOut, "secrets-out", "", "write the application Secret with fresh random values to FILE (mode 0600; never overwritten)")
	f.StringVar(&o.saveAnswers, "save-answers", "", "write the effective answers to FILE, so --answers FILE reproduces the same output")
	f.StringArrayVar(&o.accept, spec.AcceptFlag, nil, "accept a warning on purpose, as RULE=REASON (repeatable; added to the answers' accept list, marked in the file)")
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

	// Every file is written or none: the answers and the Secret are
	// encoded before the first one goes to disk.
	var outs []generate.Output
	toStdout := o.output == "-" || o.output == ""
	if !toStdout {
		outs = append(outs, generate.Output{Path: o.output, Data: res.Values, Perm: 0o644, Replace: o.force})
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
		if _, err := s.out.Write(res.Values); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(s.err, "wrote %s (profile %s)\n", o.output, a.Profile.Name)
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
	var files []outputFile
	if o.output != "-" && o.output != "" {
		files = append(files, outputFile{flag: "--output", path: o.output})
	}
	if o.saveAnswers != "" {
		files = append(files, outputFile{flag: "--save-answers", path: o.saveAnswers})
	}
	if o.secretsOut != "" {
		files = append(files, outputFile{flag: "--secrets-out", path: o.secretsOut})
	}
	return checkOutputFiles(files, o.force)
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

package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/wizard"
	"github.com/valuesmith/valuesmith/profiles"
)

// cursorReportWait is how long a terminal has to answer the
// cursor-position query; terminals answer in milliseconds.
const cursorReportWait = 2 * time.Second

var errNotInteractive = errors.New("valuesmith wizard needs an interactive terminal; use valuesmith generate --answers FILE (or flags) in scripts and CI")

var errInterrupted = errors.New("interrupted; nothing was written")

type wizardOptions struct {
	valuesOut   string
	schemaOut   string
	saveAnswers string
	force       bool
	profile     string
	secretsOut  string
}

// wizardSession is the terminal the wizard asks on.
type wizardSession struct {
	prompter wizard.Prompter
	// out shows the summary and notes between questions.
	out io.Writer
	// close restores the terminal; safe to call twice and from a signal
	// handler.
	close func() error
}

// openWizardSession opens the session on the program's terminal; tests
// replace it to script the questions in-process.
var openWizardSession = openTerminalSession

func newWizardCmd(s *streams) *cobra.Command {
	o := &wizardOptions{}
	cmd := &cobra.Command{
		Use:   "wizard",
		Short: "Answer questions in the terminal to write a values file and an answers file for CI",
		Long: `wizard asks, in the terminal, for what valuesmith generate needs: it starts
from a profile's defaults and asks only what matters for your choices
(connection details only for external stores, Redis nodes only for a cluster,
queue settings only for queue scaling). Each answer is checked as you type it,
with the same checks generate applies to its flags; '?' explains a question.

An answer that raises a warning (Redis without TLS, less than the
documented 2 CPU and 4Gi, open sign-up, ...) is taken once you give a
reason to accept it; the reason goes into the answers file and next to the
line in the values file. A pasted URL for the host is taken for its host
name.

At the end it shows a summary: write the files, change any answer (its
question is asked again and the summary comes back), or leave. It writes
the values file (--values-out) and the answers file (--save-answers, by
default answers.yaml next to the values file), and with --schema-out the
values schema for editors, together or not at all. An existing file is
replaced only when you confirm it or pass --force. valuesmith generate
--answers FILE replays the answers file to the same bytes, in CI or
anywhere without a terminal.

Ctrl-C or Ctrl-D at any point leaves without writing anything.

Exit codes: 0 written, 1 not written (you left at the summary, or the
generated values failed valuesmith's own checks), 2 bad options or no
terminal, 130 interrupted.`,
		Example: `  # Walk to values.yaml and answers.yaml in the current directory
  valuesmith wizard

  # Start from the high-availability profile, write into deploy/
  valuesmith wizard --profile high-availability --values-out deploy/values.yaml

  # Also write the application Secret with fresh random values
  valuesmith wizard --secrets-out langfuse-secrets.yaml

  # Then, in CI
  valuesmith generate --answers answers.yaml --values-out values.yaml --force`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return o.run(s) },
	}
	f := cmd.Flags()
	f.StringVar(&o.valuesOut, "values-out", "values.yaml", "values file to write")
	f.StringVar(&o.schemaOut, "schema-out", "", "also write the chart's values JSON Schema to FILE, and point the values file's yaml-language-server line at it")
	f.StringVar(&o.saveAnswers, "save-answers", "", "answers file to write (default answers.yaml next to the values file)")
	f.BoolVar(&o.force, "force", false, "replace existing values and answers files without asking")
	f.StringVar(&o.profile, "profile", "", "start from this profile without asking: "+strings.Join(profiles.Available(), ", "))
	f.StringVar(&o.secretsOut, "secrets-out", "", "also write the application Secret with fresh random values to FILE (mode 0600; never overwritten)")
	_ = cmd.RegisterFlagCompletionFunc("profile", completeProfiles)
	_ = cmd.RegisterFlagCompletionFunc("values-out", completeYAMLFiles)
	return cmd
}

func (o *wizardOptions) run(s *streams) error {
	if o.profile != "" {
		if _, err := profiles.Load(o.profile); err != nil {
			return usageError(err)
		}
	}
	if o.valuesOut == "" || o.valuesOut == "-" {
		return usageError(errors.New("--values-out must name a file: the wizard writes files, and the terminal is busy with questions"))
	}
	if o.schemaOut == "-" {
		return usageError(errors.New("--schema-out needs a file name (valuesmith schema prints the schema)"))
	}
	answers := o.saveAnswers
	if answers == "" {
		answers = filepath.Join(filepath.Dir(o.valuesOut), "answers.yaml")
	}
	// Everything that can be refused is refused before the first question;
	// an existing values or answers file is confirmed at the end.
	files := []outputFile{{flag: "--values-out", path: o.valuesOut}, {flag: "--save-answers", path: answers}}
	if o.schemaOut != "" {
		files = append(files, outputFile{flag: "--schema-out", path: o.schemaOut})
	}
	if o.secretsOut != "" {
		files = append(files, outputFile{flag: "--secrets-out", path: o.secretsOut})
	}
	if err := checkOutputFiles(files, true); err != nil {
		return usageError(err)
	}

	sess, err := openWizardSession(s)
	if errors.Is(err, errNotInteractive) {
		// The message names the program itself: no "valuesmith:" prefix.
		fmt.Fprintln(s.err, err)
		return &exitError{code: ExitUsage}
	}
	if errors.Is(err, wizard.ErrInterrupted) {
		return &exitError{code: ExitInterrupted, err: errInterrupted}
	}
	if err != nil {
		return usageError(err)
	}
	defer sess.close()

	// Keys never raise signals during the session (the terminal reads
	// Ctrl-C as a key), but kill, a hang-up or a closed window do: Run
	// then ends the program (a write in progress finishes or leaves
	// nothing), after the terminal is restored.
	restore := func() { sess.close() }
	s.interrupted.Store(&restore)

	plan, err := wizard.Prepare(sess.prompter, wizard.Options{
		Profile: o.profile, Values: o.valuesOut, Answers: answers, SchemaOut: o.schemaOut, SecretsOut: o.secretsOut, Force: o.force, Out: sess.out,
	})
	var sc *generate.SelfCheckError
	var ps spec.Problems
	switch {
	case err == nil:
	case errors.Is(err, wizard.ErrInterrupted):
		return &exitError{code: ExitInterrupted, err: errInterrupted}
	case errors.Is(err, wizard.ErrDeclined):
		return &exitError{code: ExitFindings, err: errors.New("nothing was written")}
	case errors.As(err, &sc):
		fmt.Fprintln(s.err, err)
		return &exitError{code: ExitFindings}
	case errors.As(err, &ps):
		return inputProblems(s, ps)
	default:
		return usageError(err)
	}

	err = plan.Write()
	if err != nil {
		return usageError(fmt.Errorf("%w; nothing was written", err))
	}
	fmt.Fprintf(s.err, "wrote %s (profile %s)\n", o.valuesOut, plan.Assembled.Profile.Name)
	replay := fmt.Sprintf("valuesmith generate --answers %s --values-out %s", answers, o.valuesOut)
	if o.schemaOut != "" {
		fmt.Fprintf(s.err, "wrote %s (the values schema, for editors)\n", o.schemaOut)
		replay += " --schema-out " + o.schemaOut
	}
	fmt.Fprintf(s.err, "wrote %s (replay with: %s)\n", answers, replay)
	if o.secretsOut != "" {
		fmt.Fprintf(s.err, "wrote Secret %s to %s (mode 0600); apply it once, then keep it out of version control\n", plan.Assembled.Spec.AppSecret.Name, o.secretsOut)
	}
	for _, f := range plan.Result.Findings {
		if f.RuleID != "" {
			fmt.Fprintf(s.err, "note: %s\n", strings.TrimPrefix(f.String(), generate.OutputName+":"))
		}
	}
	return nil
}

// openTerminalSession asks on the program's terminal: standard input must
// be one, and so must standard output or standard error (the prompts go to
// the first that is; survey also reads the cursor position from it).
func openTerminalSession(s *streams) (*wizardSession, error) {
	in, ok := s.in.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return nil, errNotInteractive
	}
	var out *os.File
	for _, w := range []io.Writer{s.out, s.err} {
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			out = f
			break
		}
	}
	if out == nil {
		return nil, errNotInteractive
	}
	if os.Getenv("TERM") == "dumb" {
		return nil, errNotInteractive
	}
	sv, err := wizard.NewSurvey(in, out)
	if err != nil {
		return nil, err
	}
	// A terminal that never answers survey's cursor-position query (an
	// editor's shell, a dumb terminal) would hang the first prompt.
	if err := sv.Probe(cursorReportWait); err != nil {
		sv.Close()
		fmt.Fprint(out, "\r\n")
		if errors.Is(err, wizard.ErrNoCursorReport) {
			return nil, errNotInteractive
		}
		return nil, err
	}
	return &wizardSession{prompter: sv, out: out, close: sv.Close}, nil
}

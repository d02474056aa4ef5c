// Package cli holds valuesmith's commands. Run is the whole program: main only
// calls it and exits with its code.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/buildinfo"
	"github.com/valuesmith/valuesmith/internal/generate"
)

// Exit codes shared by every command.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
	// ExitInternal is a failure of valuesmith itself (a bug to report).
	ExitInternal = 3
	// ExitInterrupted is SIGINT's (Ctrl-C), also the wizard's on end of
	// input: 128 + 2, as a shell reports it; SIGTERM's is 143.
	ExitInterrupted = 130
)

// exitError carries an exit code out of a command. A nil err exits silently
// (the command has already said what it had to say).
type exitError struct {
	code int
	err  error
	// hint adds "Run '<cmd> --help' for usage." (bad flags and arguments).
	hint bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is a bad flag, argument or input: exit 2 with a message.
func usageError(err error) error { return &exitError{code: ExitUsage, err: err} }

// streams are the program's standard input and outputs.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
	// interrupted, when set, runs on SIGINT, SIGTERM or SIGHUP before the
	// program ends (the wizard restores the terminal).
	interrupted atomic.Pointer[func()]
}

// Run executes valuesmith with args (without the program name) and returns
// the exit code. It never panics: an internal failure is reported on one
// line, exit 3. SIGINT, SIGTERM or SIGHUP ends it with 130, 143 or 129,
// after the temporary files of any write in progress are removed (a write
// that has begun to move its files into place finishes first: all or
// nothing).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	// Helm's packages log through the standard logger (symbolic links in
	// a chart, lint messages); nothing of it is for the user.
	log.SetOutput(io.Discard)
	s := &streams{in: stdin, out: stdout, err: stderr}
	done := make(chan int, 1)
	go func() { done <- runCommand(args, s) }()
	select {
	case code := <-done:
		return code
	case sig := <-sigs:
		wrote := generate.AbortWrites()
		if f := s.interrupted.Load(); f != nil {
			(*f)() // the wizard gives the terminal back
		}
		msg := "interrupted; nothing was written"
		if wrote {
			msg = "interrupted after the files were written"
		}
		fmt.Fprintf(stderr, "\nvaluesmith: %s\n", msg)
		return ExitInterrupted + signalNumber(sig) - int(syscall.SIGINT)
	}
}

// signalNumber is sig's number (2 for SIGINT, 15 for SIGTERM).
func signalNumber(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return int(s)
	}
	return int(syscall.SIGINT)
}

func runCommand(args []string, s *streams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.err, "valuesmith: internal error: %s (please report this with the input that caused it)\n", singleLine(fmt.Sprint(r)))
			code = ExitInternal
		}
	}()
	// A run lives for a few dozen milliseconds: collecting garbage less often
	// trades a few megabytes for a quarter of the run time.
	debug.SetGCPercent(400)
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Errors cobra raises itself (unknown commands, wrong number of
		// arguments) are usage errors, as are the commands' own errors
		// about their inputs; failures of the tool are internalError.
		ee = &exitError{code: ExitUsage, err: err, hint: cobraUsage(err)}
	}
	if ee.err != nil {
		fmt.Fprintf(s.err, "valuesmith: %s\n", ee.err)
	}
	if ee.hint {
		if cmd, _, ferr := root.Find(args); ferr == nil && cmd != nil {
			fmt.Fprintf(s.err, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
	}
	return ee.code
}

// internalError is a failure of the tool itself, not of its input: exit 3.
func internalError(err error) error {
	return &exitError{code: ExitInternal, err: fmt.Errorf("internal error: %w (please report this with the input that caused it)", err)}
}

// singleLine joins the lines of s with "; ".
func singleLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ; ")), " ")
}

func newRootCmd(s *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "valuesmith",
		Short: "Generate and harden Helm values for the Langfuse chart",
		Long: `valuesmith knows the Langfuse Helm chart (langfuse/langfuse-k8s): its keys, its
defaults and its quirks. It writes production values that install first time
and pass every hardening rule (generate, wizard), and checks existing values,
reporting each problem at file:line:col with the key path, a rule ID, the
reason and the fix (check), and applies the fixes that need no decision to
your own file, keeping every comment (fix).

Exit codes: 0 success, 1 findings at or above --fail-on (or a generator
self-check failure), 2 usage or input error, 3 internal error (a bug to
report), 130 interrupted (143 SIGTERM, 129 SIGHUP).`,
		Example: `  # A complete production values file, with example hosts
  valuesmith generate --example

  # Your own, from flags or an answers file; replayable byte for byte
  valuesmith generate --answers answers.yaml --values-out values.yaml

  # Check values, layered the way helm -f base.yaml -f prod.yaml reads them
  valuesmith check -f base.yaml -f prod.yaml

  # Also render through the chart, offline, and check the manifests
  valuesmith check --chart ./charts/langfuse values.yaml

  # Show the diff of the safe fixes, then apply it
  valuesmith fix values.yaml
  valuesmith fix --write values.yaml

  # Print the JSON Schema of the chart's values
  valuesmith schema > values.schema.json`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Args is left unset: cobra then treats any positional argument of
		// the root as an unknown command and suggests the nearest one
		// ("unknown command "genrate" ... Did you mean this? generate").
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
		// --version prints what the version command prints.
		Version: versionText(),
	}
	root.SetVersionTemplate("{{.Version}}")
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		if hint := outputFlagHint(cmd, err); hint != "" {
			err = fmt.Errorf("%w; %s", err, hint)
		}
		return &exitError{code: ExitUsage, err: err, hint: true}
	})
	// cobra's completion command: valuesmith completion bash|zsh|fish|powershell.
	root.CompletionOptions.HiddenDefaultCmd = false
	root.AddCommand(
		newGenerateCmd(s),
		newWizardCmd(s),
		newProfilesCmd(s),
		newCheckCmd(s),
		newFixCmd(s),
		newMigrateCmd(s),
		newRulesCmd(s),
		newExplainCmd(s),
		newSchemaCmd(s),
		newVersionCmd(s),
		newRenderCmd(s),
	)
	return root
}

// toolVersion is the version every output names (version, --version,
// JSON, SARIF).
func toolVersion() string { return buildinfo.Version() }

// outputFlagHint explains -o/--output on a command that writes files:
// there it is no flag at all, so a format name can never become a file
// name.
func outputFlagHint(cmd *cobra.Command, err error) string {
	msg := err.Error()
	if !strings.Contains(msg, "'o'") && !strings.Contains(msg, "--output") {
		return ""
	}
	switch cmd.Name() {
	case "generate":
		return "generate writes the values to standard output, or to a file with --values-out FILE (-o/--output is the output format of check, rules and version)"
	case "wizard":
		return "the wizard writes the values file named by --values-out FILE (-o/--output is the output format of check, rules and version)"
	}
	return ""
}

// cobraUsage recognises the argument errors cobra returns itself.
func cobraUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "requires exactly", "arg(s)", "unknown flag", "unknown shorthand"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// oneOf validates a flag value against a fixed list.
func oneOf(flag, value string, allowed []string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usageError(fmt.Errorf("--%s must be one of %s, not %q", flag, strings.Join(allowed, ", "), value))
}

//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/hinshun/vt10x"

	"github.com/valuesmith/valuesmith/internal/wizard"
)

// The wizard is driven through a pseudo-terminal as a person would use it:
// the real binary, survey reading keys in raw mode and asking the terminal
// (vt10x here) where its cursor is.

const wizardNotATerminal = "valuesmith wizard needs an interactive terminal; use valuesmith generate --answers FILE (or flags) in scripts and CI\n"

// step waits for text on the terminal, then types keys.
type step struct{ expect, keys string }

const (
	enter = "\r"
	down  = "\x1b[B"
)

// fullWalk answers every question of the production profile with external
// stores: a pasted URL for the host (the wizard keeps its host name), a '?'
// for help, a port out of range, and the worker moved to an HPA with the
// arrow keys. The store selects are recognised by their first choice's
// note, which follows each section's title.
var fullWalk = []step{
	{"Profile to start from", enter},
	{"Public host name", "https://langfuse.acme.io/project/x" + enter},
	{"kept the host name langfuse.acme.io from https://langfuse.acme.io/project/x", ""},
	{"Helm release name", "?" + enter},
	{"it is part of resource names and of the topology spread selectors", enter},
	{"Namespace", enter},
	{"Langfuse version", enter},
	{"Create an Ingress", enter},
	{"IngressClass", enter},
	{"Secret holding the TLS certificate", enter},
	{"cert-manager ClusterIssuer", "letsencrypt" + enter},
	{"a managed or self-run service", enter},
	{"PostgreSQL host, with :port", "pg.acme.internal:5432" + enter},
	{"PostgreSQL database", enter},
	{"PostgreSQL user", enter},
	{"Secret holding the PostgreSQL password", enter},
	{"a managed or self-run service", enter},
	{"Redis topology", enter},
	{"Redis host", "redis.acme.internal" + enter},
	{"Redis port", "70000" + enter},
	{"give a port number from 1 to 65535", enter},
	{"Secret holding the Redis password", enter},
	{"Connect to Redis with TLS?", enter},
	{"a managed or self-run service", enter},
	{"ClickHouse URL", "https://ch.acme.internal" + enter},
	{"ClickHouse HTTP(S) port", enter},
	{"ClickHouse native protocol port", enter},
	{"Secret holding the ClickHouse password", enter},
	{"Is ClickHouse a cluster", enter},
	{"a managed or self-run service", enter},
	{"S3 endpoint URL", enter},
	{"S3 region", "eu-west-1" + enter},
	{"S3 bucket", "acme-langfuse" + enter},
	{"Use path-style S3 URLs?", enter},
	{"S3 credentials", enter},
	{"Secret holding the S3 access keys", enter},
	{"Autoscaling of the web", enter},
	{"Fewest web replicas", enter},
	{"Most web replicas", enter},
	{"Target CPU use", enter},
	{"CPU request of each web pod", enter},
	{"Memory request and limit of each web pod", enter},
	{"Autoscaling of the worker", down + enter},
	{"Fewest worker replicas", "3" + enter},
	{"Most worker replicas", "9" + enter},
	{"Target CPU use", enter},
	{"CPU request of each worker pod", enter},
	{"Memory request and limit of each worker pod", enter},
	{"PodDisruptionBudget maxUnavailable", enter},
	{"Spread across zones", enter},
	{"Spread across nodes", enter},
	{"Expected web start-up time", enter},
	{"Secret for Langfuse's salt", enter},
	{"Disable self sign-up?", enter},
	{"Summary", ""},
}

// writeStep writes the files from the summary.
var writeStep = step{"Write the files?", enter}

func TestWizardInATerminal(t *testing.T) {
	bin := buildValuesmith(t)

	t.Run("full walk writes files that generate replays", func(t *testing.T) {
		dir := t.TempDir()
		values := filepath.Join(dir, "values.yaml")
		w := startWizard(t, bin, dir, "--values-out", values)
		for _, s := range fullWalk {
			w.step(s)
		}
		w.step(writeStep)
		w.expect("wrote " + values + " (profile production)")
		if code := w.wait(); code != ExitOK {
			t.Fatalf("exit %d\n%s", code, w.screen())
		}
		t.Logf("the terminal at the end:\n%s", w.screen())
		for _, want := range []string{
			"redis         external redis.acme.internal:6379, with TLS",
			"worker        HPA 3 to 9 replicas at 50% CPU; 2 CPU, 4Gi each",
			"host          langfuse.acme.io, Ingress nginx, TLS Secret langfuse-tls from cert-manager letsencrypt",
		} {
			if !strings.Contains(w.screen(), want) {
				t.Errorf("the summary lacks %q", want)
			}
		}

		answers := filepath.Join(dir, "answers.yaml")
		first, err := os.ReadFile(values)
		if err != nil {
			t.Fatal(err)
		}
		saved, err := os.ReadFile(answers)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"host: langfuse.acme.io", "certManagerIssuer: letsencrypt", "host: pg.acme.internal:5432", "  autoscaling:\n    mode: hpa\n    minReplicas: 3\n    maxReplicas: 9"} {
			if !strings.Contains(string(saved), want) {
				t.Errorf("answers.yaml lacks %q", want)
			}
		}
		replay := filepath.Join(t.TempDir(), "replay.yaml")
		if code, _, errs := run(t, "generate", "--answers", answers, "--values-out", replay); code != ExitOK {
			t.Fatalf("replay: exit %d: %s", code, errs)
		}
		if again, _ := os.ReadFile(replay); !bytes.Equal(first, again) {
			t.Fatal("valuesmith generate --answers answers.yaml does not reproduce values.yaml")
		}
		assertDir(t, dir, "answers.yaml", "values.yaml")
	})

	// Ctrl-C and Ctrl-D at a question, and a signal from outside, all
	// leave without writing anything, and exit 130 (the signal: 128+n).
	for _, tc := range []struct {
		name, keys string
		signal     os.Signal
		code       int
	}{
		{name: "ctrl-c", keys: "\x03", code: ExitInterrupted},
		{name: "ctrl-c in a select", keys: "\x03", code: ExitInterrupted},
		{name: "ctrl-d", keys: "\x04", code: ExitInterrupted},
		{name: "sigint", signal: os.Interrupt, code: ExitInterrupted},
		{name: "sigterm", signal: syscall.SIGTERM, code: 128 + int(syscall.SIGTERM)},
	} {
		t.Run("interrupted by "+tc.name+" leaves nothing", func(t *testing.T) {
			dir := t.TempDir()
			w := startWizard(t, bin, dir)
			stop := "Redis host"
			if strings.Contains(tc.name, "select") {
				stop = "Redis topology"
			}
			for _, s := range fullWalk {
				if s.expect == stop {
					break
				}
				w.step(s)
			}
			w.expect(stop)
			if tc.signal != nil {
				if err := w.cmd.Process.Signal(tc.signal); err != nil {
					t.Fatal(err)
				}
			} else {
				w.send(tc.keys)
			}
			w.expect("interrupted; nothing was written")
			if code := w.wait(); code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, w.screen())
			}
			assertDir(t, dir)
		})
	}

	// From the summary, one answer is changed: the wizard asks that
	// question again, comes back to the summary, and writes the changed
	// file.
	t.Run("change an answer from the summary", func(t *testing.T) {
		dir := t.TempDir()
		values := filepath.Join(dir, "values.yaml")
		w := startWizard(t, bin, dir) // values.yaml and answers.yaml in dir
		for _, s := range fullWalk {
			w.step(s)
		}
		w.expect("Write the files?")
		w.send(down + enter) // change
		w.expect("Which answer?")
		w.send("web.memory" + enter) // typing filters the list
		w.expect("Memory request and limit of each web pod")
		w.send("6Gi" + enter)
		w.expect("Summary")
		w.step(writeStep)
		w.expect("wrote values.yaml (profile production)")
		if code := w.wait(); code != ExitOK {
			t.Fatalf("exit %d\n%s", code, w.screen())
		}
		t.Logf("the terminal at the end:\n%s", w.screen())
		if !strings.Contains(w.screen(), "web           HPA 2 to 6 replicas at 50% CPU; 2 CPU, 6Gi each") {
			t.Errorf("the second summary lacks the change")
		}
		data, err := os.ReadFile(values)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"        memory: \"6Gi\"\n      limits:\n        memory: \"6Gi\"", "value: \"--max-old-space-size=4608\""} {
			if !strings.Contains(string(data), want) {
				t.Errorf("values.yaml lacks %q", want)
			}
		}
		assertDir(t, dir, "answers.yaml", "values.yaml")
	})

	t.Run("not a terminal", func(t *testing.T) {
		dir := t.TempDir()
		cmd := exec.Command(bin, "wizard")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader("production\n")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != ExitUsage {
			t.Fatalf("want exit %d, got %v", ExitUsage, err)
		}
		if stderr.String() != wizardNotATerminal || stdout.Len() != 0 {
			t.Fatalf("stdout %q, stderr %q", &stdout, &stderr)
		}
		assertDir(t, dir)
	})
}

// In-process, standard input is not even a file.
func TestWizardWithoutTerminalPointsToGenerate(t *testing.T) {
	code, out, errs := run(t, "wizard")
	if code != ExitUsage || out != "" || errs != wizardNotATerminal {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// What can be refused is refused before the first question.
func TestWizardRefusesBadOptionsBeforeAsking(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.yaml")
	os.WriteFile(secret, []byte("keep\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--profile", "nope"}, "unknown profile"},
		{[]string{"--values-out", filepath.Join(dir, "missing", "values.yaml")}, "does not exist"},
		{[]string{"--values-out", filepath.Join(dir, "v.yaml"), "--save-answers", filepath.Join(dir, "v.yaml")}, "are the same file"},
		{[]string{"--values-out", "-"}, "--values-out must name a file"},
		{[]string{"--values-out", filepath.Join(dir, "v.yaml"), "--secrets-out", secret}, "refusing to overwrite a secrets file"},
	} {
		code, _, errs := run(t, append([]string{"wizard"}, tc.args...)...)
		if code != ExitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
	}
}

func assertDir(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Fatalf("the directory holds %q, want %q (no temporary files)", got, names)
	}
}

// buildValuesmith builds the binary once for the test's subtests.
func buildValuesmith(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "valuesmith")
	cmd := exec.Command(gobin, "build", "-o", bin, "github.com/valuesmith/valuesmith/cmd/valuesmith")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type wizardRun struct {
	t    *testing.T
	c    *expect.Console
	term vt10x.Terminal
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

// replies forwards the terminal emulator's answers (cursor position
// reports) to the program, as a real terminal does.
type replies struct{ c *expect.Console }

func (r *replies) Write(p []byte) (int, error) { return r.c.Write(p) }

// startWizard runs the binary on a new pseudo-terminal, as its
// controlling terminal, in dir.
func startWizard(t *testing.T, bin, dir string, args ...string) *wizardRun {
	t.Helper()
	back := &replies{}
	term := vt10x.New(vt10x.WithSize(120, 200), vt10x.WithWriter(back))
	c, err := expect.NewConsole(expect.WithStdout(term), expect.WithDefaultTimeout(10*time.Second))
	if err != nil {
		t.Skipf("cannot open a pseudo-terminal (the wizard needs one): %v", err)
	}
	back.c = c
	cmd := exec.Command(bin, append([]string{"wizard"}, args...)...)
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		c.Close()
		t.Fatal(err)
	}
	// Only the program holds the terminal now: its exit ends the output.
	c.Tty().Close()
	w := &wizardRun{t: t, c: c, term: term, cmd: cmd, done: make(chan struct{})}
	go func() {
		w.err = cmd.Wait()
		close(w.done)
	}()
	t.Cleanup(func() {
		select {
		case <-w.done:
		default:
			cmd.Process.Kill()
			<-w.done
		}
		c.Close()
	})
	return w
}

func (w *wizardRun) expect(s string) {
	w.t.Helper()
	if _, err := w.c.ExpectString(s); err != nil {
		w.t.Fatalf("waiting for %q: %v\nthe terminal:\n%s", s, err, w.screen())
	}
}

func (w *wizardRun) send(keys string) {
	w.t.Helper()
	if _, err := w.c.Send(keys); err != nil {
		w.t.Fatalf("typing %q: %v", keys, err)
	}
}

func (w *wizardRun) step(s step) {
	w.t.Helper()
	w.expect(s.expect)
	w.send(s.keys)
}

// wait reads the rest of the output and returns the exit code.
func (w *wizardRun) wait() int {
	w.t.Helper()
	w.c.ExpectEOF()
	select {
	case <-w.done:
	case <-time.After(10 * time.Second):
		w.t.Fatalf("the wizard did not exit\n%s", w.screen())
	}
	var ee *exec.ExitError
	switch {
	case w.err == nil:
		return 0
	case errors.As(w.err, &ee):
		return ee.ExitCode()
	}
	w.t.Fatal(w.err)
	return -1
}

// screen is the terminal's text, trailing blank lines dropped.
func (w *wizardRun) screen() string {
	lines := strings.Split(w.term.String(), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// scripted answers the wizard's questions in-process: the scripted reply
// for a key, else the default.
type scripted map[string]string

func (s scripted) Select(q wizard.Question, _ []wizard.Option, def string) (string, error) {
	if v, ok := s[q.Key]; ok {
		return v, nil
	}
	return def, nil
}

func (s scripted) Input(q wizard.Question, def string, validate func(string) error) (string, error) {
	v, ok := s[q.Key]
	if !ok {
		v = def
	}
	return v, validate(v)
}

func (s scripted) Confirm(q wizard.Question, def bool) (bool, error) {
	if v, ok := s[q.Key]; ok {
		return v == "y", nil
	}
	return def, nil
}

func withScriptedSession(t *testing.T, s scripted) {
	t.Helper()
	saved := openWizardSession
	t.Cleanup(func() { openWizardSession = saved })
	openWizardSession = func(st *streams) (*wizardSession, error) {
		return &wizardSession{prompter: s, out: st.err, close: func() error { return nil }}, nil
	}
}

// Saying no at the summary, or to replacing a file, writes nothing and
// exits 1; --force replaces without asking.
func TestWizardWritesOnlyWhenConfirmed(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "values.yaml")
	base := scripted{"host": "lf.example.org", "postgres.host": "pg.example.internal", "redis.host": "redis.example.internal",
		"clickhouse.host": "https://ch.example.internal", "s3.region": "eu-west-1", "s3.bucket": "lf-example"}
	with := func(kv ...string) scripted {
		s := scripted{}
		for k, v := range base {
			s[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			s[kv[i]] = kv[i+1]
		}
		return s
	}

	withScriptedSession(t, with("confirm", "quit"))
	if code, _, errs := run(t, "wizard", "--values-out", values); code != ExitFindings || !strings.Contains(errs, "nothing was written") {
		t.Fatalf("declined: exit %d, %q", code, errs)
	}
	assertDir(t, dir)

	os.WriteFile(values, []byte("mine\n"), 0o644)
	withScriptedSession(t, with("overwrite", "n"))
	if code, _, errs := run(t, "wizard", "--values-out", values); code != ExitFindings || !strings.Contains(errs, "nothing was written") {
		t.Fatalf("overwrite declined: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(values); string(b) != "mine\n" {
		t.Fatal("the existing values file changed")
	}
	assertDir(t, dir, "values.yaml")

	withScriptedSession(t, with("overwrite", "fail the test if asked"))
	code, _, errs := run(t, "wizard", "--values-out", values, "--force", "--secrets-out", filepath.Join(dir, "secret.yaml"))
	if code != ExitOK || !strings.Contains(errs, "wrote "+filepath.Join(dir, "answers.yaml")) {
		t.Fatalf("--force: exit %d, %q", code, errs)
	}
	assertDir(t, dir, "answers.yaml", "secret.yaml", "values.yaml")
}

// --schema-out writes the schema with the values, the values' first line
// names it, and the replay command the wizard prints gives the same bytes.
func TestWizardSchemaOutReplays(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	withScriptedSession(t, scripted{"host": "lf.example.org", "postgres.host": "pg.example.internal", "redis.host": "redis.example.internal",
		"clickhouse.host": "https://ch.example.internal", "s3.region": "eu-west-1", "s3.bucket": "lf-example"})
	code, _, errs := run(t, "wizard", "--values-out", "values.yaml", "--schema-out", "values.schema.json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	assertDir(t, dir, "answers.yaml", "values.schema.json", "values.yaml")
	values, _ := os.ReadFile("values.yaml")
	if !strings.HasPrefix(string(values), "# yaml-language-server: $schema=./values.schema.json\n") {
		t.Errorf("first line: %q", strings.SplitN(string(values), "\n", 2)[0])
	}
	const replay = "valuesmith generate --answers answers.yaml --values-out values.yaml --schema-out values.schema.json"
	if !strings.Contains(errs, "replay with: "+replay) {
		t.Fatalf("no replay command in %q", errs)
	}
	args := append(strings.Fields(replay)[1:], "--check")
	if code, _, errs := run(t, args...); code != ExitOK {
		t.Errorf("the replay differs: exit %d, %s", code, errs)
	}
}

// A terminal that never answers the cursor-position query (TERM=dumb
// aside, an editor's shell) would hang survey's first prompt: the wizard
// asks once, and after a short wait refuses as it does without a terminal.
// TERM=dumb is refused without asking.
func TestWizardOnASilentTerminal(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, termName := range []string{"xterm", "dumb"} {
		t.Run(termName, func(t *testing.T) {
			var screen bytes.Buffer
			c, err := expect.NewConsole(expect.WithStdout(&screen), expect.WithDefaultTimeout(10*time.Second))
			if err != nil {
				t.Skipf("cannot open a pseudo-terminal: %v", err)
			}
			defer c.Close()
			cmd := exec.Command(exe, "wizard")
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "TERM="+termName)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			c.Tty().Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var waitErr error
			select {
			case waitErr = <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("the wizard hangs on a silent terminal")
			}
			c.ExpectEOF()
			var ee *exec.ExitError
			if !errors.As(waitErr, &ee) || ee.ExitCode() != ExitUsage {
				t.Errorf("exit %v, want %d", waitErr, ExitUsage)
			}
			if !strings.Contains(screen.String(), strings.TrimSuffix(wizardNotATerminal, "\n")) {
				t.Errorf("screen lacks the pointer to generate:\n%q", screen.String())
			}
			if strings.Contains(screen.String(), "internal error") || strings.Contains(screen.String(), "panic") {
				t.Errorf("screen: %q", screen.String())
			}
		})
	}
}

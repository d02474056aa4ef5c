package cli

import (
	"os"

	"github.com/creack/pty"
	"github.com/spf13/cobra"
	"path/filepath"
	"strings"
	"testing"
)

// A finding a --set caused points at the flag; -f layers come first, the
// flags over them, as helm applies them.
func TestCheckSetPointsAtTheFlag(t *testing.T) {
	inRepo(t)
	code, out, errs := run(t, "check", "examples/production.yaml",
		"--set", "langfuse.web.hpa.enabled=false,langfuse.web.replicas=1", "--set", "langfuse.sal=1")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"--set:1:32: warning [replicas-single] langfuse.web.replicas:",
		`--set:2:1: error [schema] langfuse.sal: unknown key; did you mean "salt"?`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// The same value in the file would be reported in the file: the flag
	// decides, not the file.
	if strings.Contains(out, "examples/production.yaml:96") {
		t.Errorf("a value the flag replaced is reported in the file:\n%s", out)
	}
	// A key the file sets and the flag overrides is the flag's: the
	// finding names the flag, not the file's line.
	own := filepath.Join(t.TempDir(), "own.yaml")
	os.WriteFile(own, []byte("langfuse:\n  web:\n    replicas: 3\n"), 0o644)
	_, out, _ = run(t, "check", "-q", own, "--set", "langfuse.web.replicas=1")
	if !strings.Contains(out, "--set:1:1: warning [replicas-single] langfuse.web.replicas:") || strings.Contains(out, own+":3:") {
		t.Errorf("an overridden key is not reported at the flag:\n%s", out)
	}
	// --set-string makes a string, which the schema refuses for a count.
	code, out, _ = run(t, "check", "--schema-only", "examples/production.yaml", "--set-string", "langfuse.web.replicas=2")
	if code != ExitFindings || !strings.Contains(out, "--set-string:1:1: error [schema] langfuse.web.replicas:") {
		t.Errorf("--set-string: exit %d:\n%s", code, out)
	}
	// --set-file reads the file; a missing one is an input error at the flag.
	code, _, errs = run(t, "check", "examples/production.yaml", "--set-file", "langfuse.salt.value=/nonexistent/salt")
	if code != ExitUsage || !strings.Contains(errs, "--set-file:1:1:") {
		t.Errorf("--set-file missing: exit %d, stderr %q", code, errs)
	}
	// Syntax Helm's parser refuses is a usage error naming the flag.
	code, _, errs = run(t, "check", "examples/production.yaml", "--set", "langfuse")
	if code != ExitUsage || !strings.Contains(errs, `--set:1:1: --set langfuse: key "langfuse" has no value`) {
		t.Errorf("bad --set: exit %d, stderr %q", code, errs)
	}
	// A key below a scalar fails in helm too: an input error at the flag.
	code, out, _ = run(t, "check", "examples/production.yaml", "--set", "langfuse.worker.replicas.x=1")
	if code != ExitUsage || !strings.Contains(out, "--set:1:1: error: --set langfuse.worker.replicas.x=1:") {
		t.Errorf("--set into a scalar: exit %d:\n%s", code, out)
	}
}

func TestCheckQuietAndColor(t *testing.T) {
	inRepo(t)
	args := []string{"check", "schema/v20/defaults-2.0.0.yaml"}
	_, plain, plainErr := run(t, args...)
	code, quiet, quietErr := run(t, append(args, "-q")...)
	if code != ExitFindings || quietErr != "" {
		t.Fatalf("-q: exit %d, stderr %q", code, quietErr)
	}
	if !strings.Contains(plainErr, "checked") {
		t.Errorf("no summary without -q: %q", plainErr)
	}
	var findings []string
	for _, l := range strings.Split(strings.TrimSpace(plain), "\n") {
		if !strings.HasPrefix(l, "    fix: ") {
			findings = append(findings, l)
		}
	}
	if strings.TrimSpace(quiet) != strings.Join(findings, "\n") {
		t.Errorf("-q is not the finding lines alone:\n%s", quiet)
	}

	// Output to a buffer (a pipe, a file) has no colour, even with
	// NO_COLOR unset; --color always forces it, never and NO_COLOR keep
	// it off.
	t.Setenv("NO_COLOR", "")
	if strings.Contains(plain, "\x1b[") {
		t.Error("colour in output that is not a terminal")
	}
	_, colored, _ := run(t, append(args, "--color", "always")...)
	if !strings.Contains(colored, "\x1b[1;31merror\x1b[0m [\x1b[35mapp-secrets-unpinned\x1b[0m]") {
		t.Errorf("--color always: no colour:\n%s", colored)
	}
	if stripANSI(colored) != plain {
		t.Error("coloured output differs from plain output in more than colour")
	}
	_, never, _ := run(t, append(args, "--color", "never")...)
	if never != plain {
		t.Error("--color never differs from plain")
	}
	if code, _, errs := run(t, append(args, "--color", "sometimes")...); code != ExitUsage || !strings.Contains(errs, "--color must be one of auto, always, never") {
		t.Errorf("bad --color: exit %d, %q", code, errs)
	}
	// auto on a real terminal is covered by useColor's own test.
}

func TestUseColor(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	if useColor("auto", f) {
		t.Error("auto colours a regular file")
	}
	if !useColor("always", f) || useColor("never", f) {
		t.Error("always/never not obeyed")
	}
	t.Setenv("NO_COLOR", "1")
	if !useColor("always", f) {
		t.Error("--color always must win over NO_COLOR")
	}

	// A terminal gets colour with auto, unless NO_COLOR or TERM=dumb.
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	t.Setenv("NO_COLOR", "")
	if !useColor("auto", tty) {
		t.Error("auto does not colour a terminal")
	}
	if useColor("never", tty) {
		t.Error("never colours a terminal")
	}
	t.Setenv("NO_COLOR", "1")
	if useColor("auto", tty) {
		t.Error("auto colours a terminal with NO_COLOR set")
	}
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "dumb")
	if useColor("auto", tty) {
		t.Error("auto colours a dumb terminal")
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\x1b' {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestCheckConfigYmlAndSummary(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "values.yaml")
	src, err := os.ReadFile("../../examples/production.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(values, src, 0o644)
	yml := filepath.Join(dir, ".valuesmith.yml")
	os.WriteFile(yml, []byte("rules:\n  app-secret-upgrade-nil: off\n"), 0o644)
	code, out, errs := run(t, "check", values)
	if code != ExitOK || strings.Contains(out, "app-secret-upgrade-nil") {
		t.Errorf(".valuesmith.yml not applied: exit %d\n%s", code, out)
	}
	if !strings.Contains(errs, "1 file checked with config "+yml+", no findings") {
		t.Errorf("summary does not name the config: %q", errs)
	}
	os.WriteFile(filepath.Join(dir, ".valuesmith.yaml"), []byte("failOn: warning\n"), 0o644)
	code, _, errs = run(t, "check", values)
	if code != ExitUsage || !strings.Contains(errs, "both") || !strings.Contains(errs, "keep one") {
		t.Errorf("both config files: exit %d, %q", code, errs)
	}
	// --config settles it.
	if code, _, errs := run(t, "check", "--config", yml, values); code != ExitOK {
		t.Errorf("--config with both present: exit %d, %q", code, errs)
	}
	// JSON names it too.
	_, js, _ := run(t, "check", "--config", yml, "-o", "json", values)
	if !strings.Contains(js, `"config": "`+yml+`"`) {
		t.Errorf("JSON does not name the config:\n%s", js)
	}
}

func TestCheckNamespaceFromHelm(t *testing.T) {
	for _, tt := range []struct {
		env  string
		args []string
		want string
	}{
		{"", nil, "langfuse"},
		{"team-a", nil, "team-a"},
		{"team-a", []string{"-n", "team-b"}, "team-b"},
		{"", []string{"--namespace", "team-c"}, "team-c"},
	} {
		t.Setenv("HELM_NAMESPACE", tt.env)
		c, _, _ := newRootCmd(&streams{}).Find([]string{"check"})
		var o *checkOptions
		c.RunE = func(cmd *cobra.Command, _ []string) error {
			o = &checkOptions{namespace: cmd.Flag("namespace").Value.String(), namespaceSet: cmd.Flags().Changed("namespace")}
			return nil
		}
		if err := c.ParseFlags(tt.args); err != nil {
			t.Fatal(err)
		}
		if err := c.RunE(c, nil); err != nil {
			t.Fatal(err)
		}
		if got := o.effectiveNamespace(); got != tt.want {
			t.Errorf("HELM_NAMESPACE=%q %v: namespace %q, want %q", tt.env, tt.args, got, tt.want)
		}
	}
	// And a real run with it renders.
	inRepo(t)
	t.Setenv("HELM_NAMESPACE", "team-a")
	if code, _, errs := run(t, "check", "-q", "--chart", "testdata/charts/langfuse", "examples/production.yaml"); code == ExitUsage {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// How the release is deployed sets the severity of app-secrets-unpinned:
// an error for renders without a cluster (the default), a warning that
// says why with deploy: helm (config) or --deploy helm (the flag wins).
func TestCheckDeployMode(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "values.yaml")
	os.WriteFile(values, []byte("langfuse:\n  image:\n    tag: 4.4.0\n"), 0o644)
	cfg := filepath.Join(dir, ".valuesmith.yaml")
	count := func(out, sev string) int {
		return strings.Count(out, ": "+sev+" [app-secrets-unpinned] ")
	}
	for _, tt := range []struct {
		name   string
		config string
		args   []string
		sev    string
	}{
		{"default", "", nil, "error"},
		{"config gitops", "deploy: gitops\n", nil, "error"},
		{"config helm", "deploy: helm\n", nil, "warning"},
		{"flag helm", "", []string{"--deploy", "helm"}, "warning"},
		{"flag wins over config", "deploy: helm\n", []string{"--deploy", "gitops"}, "error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(cfg)
			if tt.config != "" {
				os.WriteFile(cfg, []byte(tt.config), 0o644)
			}
			_, out, errs := run(t, append(append([]string{"check", "-q"}, tt.args...), values)...)
			if n := count(out, tt.sev); n != 3 {
				t.Fatalf("%d %s findings of app-secrets-unpinned, want 3 (stderr %q):\n%s", n, tt.sev, errs, out)
			}
			helmWords := strings.Contains(out, "with helm install and upgrade (deploy: helm) the chart keeps the generated value by looking that Secret up")
			if helmWords != (tt.sev == "warning") {
				t.Errorf("message does not match the deploy mode:\n%s", out)
			}
		})
	}
	// All three pinned: chart 2.0.0's next helm upgrade fails, which is
	// the user's failure only when they deploy with helm.
	prod, err := os.ReadFile("../../examples/production.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pinned := filepath.Join(dir, "pinned.yaml")
	os.WriteFile(pinned, prod, 0o644)
	os.Remove(cfg)
	if code, out, _ := run(t, "check", "-q", pinned); code != ExitOK || !strings.Contains(out, ": info [app-secret-upgrade-nil] ") {
		t.Errorf("gitops, all pinned: exit %d:\n%s", code, out)
	}
	if code, out, _ := run(t, "check", "-q", "--deploy", "helm", pinned); code != ExitFindings || !strings.Contains(out, ": error [app-secret-upgrade-nil] ") || !strings.Contains(out, "the next helm upgrade of this release (deploy: helm) fails") {
		t.Errorf("helm, all pinned: exit %d:\n%s", code, out)
	}
	os.WriteFile(cfg, []byte("deploy: argocd\n"), 0o644)
	if code, _, errs := run(t, "check", values); code != ExitUsage || !strings.Contains(errs, ".valuesmith.yaml:1:9: deploy must be helm") {
		t.Errorf("bad deploy in config: exit %d, %q", code, errs)
	}
	os.Remove(cfg)
	if code, _, errs := run(t, "check", "--deploy", "kubectl", values); code != ExitUsage || !strings.Contains(errs, `--deploy: unknown deploy mode "kubectl"`) {
		t.Errorf("bad --deploy: exit %d, %q", code, errs)
	}
}

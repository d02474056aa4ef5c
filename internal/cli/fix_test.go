package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

const poorValues = "testdata/fix/hardening-poor.yaml"

// poorSecrets are the literal secrets of the hardening-poor file.
var poorSecrets = []string{"change-me-nextauth", "pepper-and-salt", "hunter2hunter2", "old-redis-pass"}

func noSecrets(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range poorSecrets {
		if strings.Contains(text, s) {
			t.Errorf("%s shows the secret %q:\n%s", where, s, text)
		}
	}
}

// copyTo copies a file into dir and returns the copy's path.
func copyTo(t *testing.T, src, dir string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, data, 0o640); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestFixShowsDiff: by default fix prints the diff of the safe fixes on
// stdout and what is left on stderr, changes nothing, and exits 1.
func TestFixShowsDiff(t *testing.T) {
	inRepo(t)
	before, _ := os.ReadFile(poorValues)
	code, out, errs := run(t, "fix", poorValues)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s", code, ExitFindings, errs)
	}
	noSecrets(t, "stdout", out)
	noSecrets(t, "stderr", errs)
	if now, _ := os.ReadFile(poorValues); !bytes.Equal(now, before) {
		t.Fatal("fix without --write changed the file")
	}
	t.Chdir("internal/cli")
	golden(t, "fix/hardening-poor.diff", []byte(out))
	golden(t, "fix/hardening-poor.report", []byte(errs))
}

// remainingSafe lists the findings of a check that still carry a safe fix.
func remainingSafe(t *testing.T, path string) []string {
	t.Helper()
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := check.Run(check.Options{Version: v, Rules: sel.Rules, Policy: sel.Policy},
		[]check.Release{{Layers: []check.Input{{Name: path, Data: data}}}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		if f.Fix != nil && f.Fix.Safe {
			out = append(out, f.String())
		}
	}
	return out
}

// TestFixWrite: --write applies the diff, after which check finds nothing a
// safe fix could change and fix again changes nothing.
func TestFixWrite(t *testing.T) {
	inRepo(t)
	dir := t.TempDir()
	path := copyTo(t, poorValues, dir)
	code, out, errs := run(t, "fix", "--write", path)
	if code != ExitOK || out != "" {
		t.Fatalf("exit %d, stdout %q\n%s", code, out, errs)
	}
	got, _ := os.ReadFile(path)
	diff, _ := os.ReadFile("internal/cli/testdata/fix/hardening-poor.diff")
	if !*update && !bytes.Equal(got, applyDiff(t, poorValues, diff)) {
		t.Errorf("the written file is not what the diff of fix showed")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own 0640", st.Mode().Perm())
	}
	if left := remainingSafe(t, path); len(left) > 0 {
		t.Errorf("after fix --write, findings with a safe fix remain:\n%s", strings.Join(left, "\n"))
	}
	code, out, errs = run(t, "fix", path)
	if code != ExitOK || out != "" {
		t.Errorf("a second fix: exit %d, diff:\n%s\n%s", code, out, errs)
	}
	// The check afterwards reports only what waits on a person.
	code, _, _ = run(t, "check", path)
	if code != ExitFindings {
		t.Errorf("check after fix: exit %d; the poor file keeps findings that need a decision", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left beside the values: %v", entries)
	}
}

// fix tells a file's chart version from its keys, as check does: a chart
// 1.x file gets the pins of chart 1.5.41, not those of the newest chart;
// --chart-version decides when given.
func TestFixReadsTheChartVersionFromTheKeys(t *testing.T) {
	inRepo(t)
	const v1 = "internal/migrate/testdata/external-stores.yaml"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "+    tag: 3.224.1"},
		{[]string{"--chart-version", "1.5.41"}, "+    tag: 3.224.1"},
		{[]string{"--chart-version", "2.0.0"}, "+    tag: 4.4.0"},
	} {
		_, out, errs := run(t, append(append([]string{"fix", "--rule", "image-tag-implicit"}, tt.args...), v1)...)
		if !strings.Contains(out, tt.want+"\n") {
			t.Errorf("fix %v: the diff lacks %q\n%s%s", tt.args, tt.want, out, errs)
		}
	}
}

// TestFixSecretsOut: --secrets-out moves the literal secrets into a Secret
// manifest of mode 0600 and references it; it never overwrites, and no
// secret reaches stdout or stderr.
func TestFixSecretsOut(t *testing.T) {
	inRepo(t)
	dir := t.TempDir()
	path := copyTo(t, poorValues, dir)
	secrets := filepath.Join(dir, "secrets.yaml")

	code, out, errs := run(t, "fix", path, "--secrets-out", secrets)
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	noSecrets(t, "diff", out)
	noSecrets(t, "stderr", errs)
	if _, err := os.Stat(secrets); err == nil {
		t.Fatal("the Secret was written without --write")
	}

	code, out, errs = run(t, "fix", path, "--write", "--secrets-out", secrets)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	noSecrets(t, "stdout", out)
	noSecrets(t, "stderr", errs)
	st, err := os.Stat(secrets)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("Secret manifest mode %v, want 0600", st.Mode().Perm())
	}
	manifest, _ := os.ReadFile(secrets)
	for _, s := range []string{"pepper-and-salt", "change-me-nextauth", "hunter2hunter2"} {
		if !strings.Contains(string(manifest), s) {
			t.Errorf("the manifest lacks a moved secret:\n%s", manifest)
		}
	}
	values, _ := os.ReadFile(path)
	noSecrets(t, "the fixed values", string(values))
	if !strings.Contains(string(values), "existingSecret: langfuse-values-secrets") {
		t.Errorf("no reference to the Secret:\n%s", values)
	}

	// Nothing is left to move: the same command succeeds and changes
	// nothing; a new literal with the manifest in place is refused.
	if code, _, errs = run(t, "fix", path, "--write", "--secrets-out", secrets); code != ExitOK {
		t.Errorf("a second run: exit %d\n%s", code, errs)
	}
	os.WriteFile(path, bytes.Replace(values, []byte("  bucket: acme-langfuse\n"), []byte("  bucket: acme-langfuse\n  secretAccessKey:\n    value: pw-new-literal\n"), 1), 0o640)
	code, _, errs = run(t, "fix", path, "--write", "--secrets-out", secrets)
	if code != ExitUsage || !strings.Contains(errs, "exists; refusing to overwrite") {
		t.Errorf("overwrote the manifest? exit %d\n%s", code, errs)
	}
	if again, _ := os.ReadFile(secrets); !bytes.Equal(again, manifest) {
		t.Error("the manifest changed")
	}
}

// TestFixBadInput: a file that does not parse gives check's one-line error
// and exit 2, and is never written.
func TestFixBadInput(t *testing.T) {
	inRepo(t)
	goldens, _ := filepath.Glob("testdata/bad/*.golden")
	for _, g := range goldens {
		src := strings.TrimSuffix(g, ".golden")
		want, _ := os.ReadFile(g)
		t.Run(filepath.Base(src), func(t *testing.T) {
			before, _ := os.ReadFile(src)
			code, out, errs := run(t, "fix", "--write", src)
			if code != ExitUsage {
				t.Fatalf("exit %d, want 2\n%s%s", code, out, errs)
			}
			line := strings.TrimSuffix(errs, "\n")
			if strings.Contains(line, "\n") || !strings.Contains(string(want), line) {
				t.Errorf("got %q, want check's line %q", errs, want)
			}
			if after, _ := os.ReadFile(src); !bytes.Equal(after, before) {
				t.Errorf("%s was written", src)
			}
		})
	}
}

func TestFixUsage(t *testing.T) {
	inRepo(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"fix"}, "needs at least one values file"},
		{[]string{"fix", "-"}, "give a path, not -"},
		{[]string{"fix", poorValues, poorValues}, "is given twice"},
		{[]string{"fix", poorValues, "--rule", "nope"}, `unknown rule "nope"`},
		{[]string{"fix", poorValues, "--rule", "replicas-single"}, "need a decision"},
		{[]string{"fix", poorValues, "--rule", "chart-render"}, "has no fix"},
		{[]string{"fix", poorValues, "--secret-name", "x"}, "--secret-name needs --secrets-out"},
		{[]string{"fix", poorValues, "--secrets-out", "no/such/dir/s.yaml"}, "does not exist"},
		{[]string{"fix", poorValues, "--secrets-out", poorValues}, "is one of the values files"},
	}
	for _, tc := range cases {
		code, _, errs := run(t, tc.args...)
		if code != ExitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestFixRuleCatalogue: rules and explain say what fix does.
func TestFixRuleCatalogue(t *testing.T) {
	r, _ := rules.Lookup("signup-open")
	code, out, _ := run(t, "explain", r.ID)
	if code != ExitOK || !strings.Contains(out, "valuesmith fix:\n  Safe: sets langfuse.features.signUpDisabled") {
		t.Errorf("explain:\n%s", out)
	}
	code, out, _ = run(t, "rules")
	if code != ExitOK || !strings.Contains(out, "FIX") {
		t.Errorf("rules:\n%s", out)
	}
}

// applyDiff applies a unified diff (of one file, without secrets in the
// lines it changes) to a file, the way patch would.
func applyDiff(t *testing.T, path string, diff []byte) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.SplitAfter(string(src), "\n")
	var out []string
	next := 0 // index of the next old line not yet copied
	for _, l := range strings.SplitAfter(string(diff), "\n") {
		switch {
		case strings.HasPrefix(l, "---"), strings.HasPrefix(l, "+++"), l == "":
		case strings.HasPrefix(l, "@@"):
			var from int
			if _, err := fmt.Sscanf(l, "@@ -%d", &from); err != nil {
				t.Fatalf("bad hunk header %q", l)
			}
			for ; next < from-1; next++ {
				out = append(out, old[next])
			}
		case strings.HasPrefix(l, "+"):
			out = append(out, l[1:])
		case strings.HasPrefix(l, "-"), strings.HasPrefix(l, " "):
			if old[next] != l[1:] && !strings.Contains(l, `"<redacted>"`) {
				t.Fatalf("diff does not apply at old line %d: %q vs %q", next+1, old[next], l[1:])
			}
			if strings.HasPrefix(l, " ") {
				out = append(out, old[next])
			}
			next++
		}
	}
	out = append(out, old[next:]...)
	return []byte(strings.Join(out, ""))
}

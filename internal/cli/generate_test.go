package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestGenerateExampleMatchesGolden(t *testing.T) {
	want, err := os.ReadFile("../generate/testdata/production.values.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// With no input at all, generate shows the example, and says so.
	for _, args := range [][]string{{"generate", "--example"}, {"generate"}} {
		code, out, errs := run(t, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if out != string(want) {
			t.Errorf("%v differs from the production golden", args)
		}
		if note := strings.Contains(errs, "no inputs given: this is the embedded example"); note != (len(args) == 1) {
			t.Errorf("%v: stderr %q", args, errs)
		}
	}
	if !strings.Contains(string(want), "# PLACEHOLDERS: langfuse.example.com, postgres.example.internal:5432") {
		t.Error("the example output does not list its placeholder hosts in the header")
	}
}

// Once any input is given, the example no longer stands in: every missing
// input is reported, in one error.
func TestGenerateMissingInputsIsOneError(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--profile", "production"}, "missing required inputs: --host (host), --postgres-host (postgres.host)"},
		{[]string{"generate", "--host", "lf.acme.io", "-o", "-"}, "missing required inputs: --postgres-host (postgres.host)"},
		{[]string{"generate", "--profile", "evaluation"}, "missing required inputs: --host (host);"},
		{[]string{"generate", "--answers", ""}, "--answers needs a file name"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != ExitUsage || out != "" {
			t.Fatalf("%v: exit %d, stdout %q", tt.args, code, out)
		}
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], tt.want) {
			t.Fatalf("%v: stderr: %q", tt.args, errs)
		}
	}
}

func TestGenerateBadAnswersFileIsPositioned(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	os.WriteFile(answers, []byte("host: lf.example.com\npostgres:\n  hots: db.example.com\n"), 0o644)
	code, _, errs := run(t, "generate", "--answers", answers)
	if code != ExitUsage || !strings.Contains(errs, answers+":3:3: postgres.hots: unknown key; did you mean \"host\"?") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "generate", "--example", "--profile", "nope"); code != ExitUsage || !strings.Contains(errs, "unknown profile") {
		t.Fatalf("unknown profile: exit %d, stderr %q", code, errs)
	}
}

func TestGenerateWritesFilesSafely(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "values.yaml")
	answers := filepath.Join(dir, "answers.yaml")
	secrets := filepath.Join(dir, "secret.yaml")

	code, out, errs := run(t, "generate", "--example", "--host", "lf.example.org", "-o", values, "--save-answers", answers, "--secrets-out", secrets)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	first, _ := os.ReadFile(values)
	secret, _ := os.ReadFile(secrets)
	if st, err := os.Stat(secrets); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file mode: %v %v", st.Mode(), err)
	}
	// No generated secret value may leave the secrets file.
	for _, m := range regexp.MustCompile(`(?m)^  [a-z-]+: "([^"]+)"$`).FindAllStringSubmatch(string(secret), -1) {
		v := m[1]
		for name, text := range map[string]string{"values": string(first), "stdout": out, "stderr": errs} {
			if strings.Contains(text, v) {
				t.Errorf("a secret value appears in %s", name)
			}
		}
	}

	// Nothing is overwritten without --force; secrets never.
	if code, _, errs := run(t, "generate", "--example", "-o", values); code != ExitUsage || !strings.Contains(errs, "exists") {
		t.Fatalf("overwrite without --force: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "generate", "--example", "-o", filepath.Join(dir, "other.yaml"), "--secrets-out", secrets, "--force"); code != ExitUsage || !strings.Contains(errs, "refusing to overwrite a secrets file") {
		t.Fatalf("secrets overwrite: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.yaml")); err == nil {
		t.Fatal("a refused run still wrote its values file")
	}
	if again, _ := os.ReadFile(secrets); !bytes.Equal(again, secret) {
		t.Fatal("secrets file changed")
	}

	// The saved answers reproduce the values byte for byte.
	replay := filepath.Join(dir, "replay.yaml")
	if code, _, errs := run(t, "generate", "--answers", answers, "-o", replay); code != ExitOK {
		t.Fatalf("replay: exit %d: %s", code, errs)
	}
	if second, _ := os.ReadFile(replay); !bytes.Equal(first, second) {
		t.Fatal("generate --answers <saved answers> changed the output")
	}
	if code, _, errs := run(t, "generate", "--answers", answers, "-o", values, "--force"); code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestProfilesListsEachOnOneLine(t *testing.T) {
	code, out, _ := run(t, "profiles")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != ExitOK || len(lines) != 3 || !strings.HasPrefix(lines[0], "production ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chart1Values is the chart's published 1.5.41 values.yaml where the
// shared reference copy is found, else the home's copy of its data.
func chart1Values() string {
	for up := ".."; len(up) < 16; up += "/.." {
		p := up + "/shared/reference/upstream-values/langfuse-chart-1.5.41.values.yaml"
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "schema/v15/defaults-1.5.41.yaml"
}

// TestMigrateRefusesTargets: --to must name a release valuesmith migrates
// into; anything else is a usage error.
func TestMigrateRefusesTargets(t *testing.T) {
	inRepo(t)
	for _, args := range [][]string{
		{"migrate", "internal/migrate/testdata/external-stores.yaml"},
		{"migrate", "--to", "1.5.41", "internal/migrate/testdata/external-stores.yaml"},
		{"migrate", "--to", "3.0.0", "internal/migrate/testdata/external-stores.yaml"},
		{"migrate", "--to", "2", "internal/migrate/testdata/external-stores.yaml"},
		{"migrate", "--to", "2.0.0"},
		{"migrate", "--to", "2.0.0", "-"},
	} {
		code, out, errs := run(t, args...)
		if code != ExitUsage || out != "" {
			t.Errorf("%v: exit %d, want %d; stdout %q", args, code, ExitUsage, out)
		}
		if strings.Count(strings.TrimSpace(errs), "\n") > 1 {
			t.Errorf("%v: more than a line of error:\n%s", args, errs)
		}
	}
}

// TestMigrateDiffThenWrite: the diff first (exit 1, file unchanged), then
// --write in place with the file's mode (exit 0), then nothing to do.
func TestMigrateDiffThenWrite(t *testing.T) {
	inRepo(t)
	dir := t.TempDir()
	file := copyTo(t, "internal/migrate/testdata/bundled-bitnami.yaml", dir)
	before, _ := os.ReadFile(file)
	code, out, errs := run(t, "migrate", "--to", "2.0.0", file)
	if code != ExitFindings || !strings.HasPrefix(out, "--- a/") {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, ExitFindings, out, errs)
	}
	if now, _ := os.ReadFile(file); !bytes.Equal(now, before) {
		t.Fatal("migrate without --write changed the file")
	}
	if strings.Contains(out+errs, "s3cr3t-redis-pw") {
		t.Error("a secret is shown")
	}
	if code, _, errs := run(t, "migrate", "--to", "2.0.0", "--write", file); code != ExitOK {
		t.Fatalf("--write: exit %d\n%s", code, errs)
	}
	want, _ := os.ReadFile("internal/migrate/testdata/bundled-bitnami.yaml.migrated")
	if now, _ := os.ReadFile(file); !bytes.Equal(now, want) {
		t.Errorf("written file differs from the golden migration")
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", st.Mode().Perm())
	}
	code, out, errs = run(t, "migrate", "--to", "2.0.0", file)
	if code != ExitOK || out != "" || !strings.Contains(errs, "already") {
		t.Errorf("second run: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestMigrateBadInputAndChart0: bad YAML and a chart 0.x file are one-line
// errors with exit 2, and nothing is written.
func TestMigrateBadInputAndChart0(t *testing.T) {
	inRepo(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("a: [1\n"), 0o644)
	old := copyTo(t, "schema/testdata/moves/chart-0.x.yaml", dir)
	for _, f := range []string{bad, old} {
		before, _ := os.ReadFile(f)
		code, out, errs := run(t, "migrate", "--to", "2.0.0", "--write", f)
		if code != ExitUsage || out != "" || !strings.HasPrefix(errs, f+":") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d\n%s", f, code, errs)
		}
		if now, _ := os.ReadFile(f); !bytes.Equal(now, before) {
			t.Errorf("%s was written", f)
		}
	}
}

// TestMigratedDefaultsRender: the chart's own 1.5.41 values, migrated,
// check clean of schema findings as 2.0.0 and render through the 2.0 test
// chart with Helm's engine (no chart-render finding).
func TestMigratedDefaultsRender(t *testing.T) {
	inRepo(t)
	file := copyTo(t, chart1Values(), t.TempDir())
	if code, _, errs := run(t, "migrate", "--to", "2.0.0", "--write", file); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	_, out, errs := run(t, "check", "--chart", "testdata/charts/langfuse", "-o", "json", file)
	var doc struct {
		Errors   []any `json:"errors"`
		Findings []struct {
			RuleID  string `json:"ruleId"`
			Message string `json:"message"`
		} `json:"findings"`
		Releases []any `json:"releases"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	if len(doc.Errors) > 0 || len(doc.Releases) != 1 {
		t.Fatalf("errors %v, releases %d", doc.Errors, len(doc.Releases))
	}
	for _, f := range doc.Findings {
		if f.RuleID == "chart-render" || f.RuleID == "schema" {
			t.Errorf("%s: %s", f.RuleID, f.Message)
		}
	}
}

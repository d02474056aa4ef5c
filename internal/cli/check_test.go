package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// golden compares got with testdata/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// inRepo runs the test from the repository root, so paths in output read
// as a user would type them.
func inRepo(t *testing.T) {
	t.Helper()
	t.Chdir("../..")
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckTenMistakes(t *testing.T) {
	inRepo(t)
	code, out, errs := run(t, "check", "--schema-only", "--chart-version", "2.0.0", "testdata/check/ten-mistakes.yaml")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 10 {
		t.Errorf("want exactly 10 findings, got %d:\n%s", len(lines), out)
	}
	// Each finding sits on the line that carries the numbered comment.
	src, _ := os.ReadFile("testdata/check/ten-mistakes.yaml")
	srcLines := strings.Split(string(src), "\n")
	for i, l := range lines {
		var file string
		var line, col int
		if _, err := fmtSscanLoc(l, &file, &line, &col); err != nil {
			t.Fatalf("finding %q has no file:line:col: %v", l, err)
		}
		if !strings.Contains(srcLines[line-1], "# "+itoa(i+1)+":") {
			t.Errorf("finding %d at line %d, but that line is %q", i+1, line, srcLines[line-1])
		}
	}
	t.Chdir("internal/cli")
	golden(t, "check/ten-mistakes.golden", []byte(out))
}

func TestCheckUpstreamDefaultsAreClean(t *testing.T) {
	inRepo(t)
	code, out, errs := run(t, "check", "--schema-only", "schema/v20/defaults-2.0.0.yaml")
	if code != ExitOK || out != "" {
		t.Fatalf("exit %d, output %q, stderr %q", code, out, errs)
	}
	const upstream = "../shared/reference/upstream-values/langfuse-chart-2.0.0.values.yaml"
	if _, err := os.Stat(upstream); err != nil {
		t.Skip("reference values not present in this checkout")
	}
	if code, out, _ := run(t, "check", "--schema-only", upstream); code != ExitOK || out != "" {
		t.Fatalf("chart defaults: exit %d, findings:\n%s", code, out)
	}
}

func TestCheckJSONOutput(t *testing.T) {
	inRepo(t)
	code, out, _ := run(t, "check", "--schema-only", "--chart-version", "2.0.0", "-o", "json", "testdata/check/ten-mistakes.yaml")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	t.Chdir("internal/cli")
	golden(t, "check/ten-mistakes.json", []byte(strings.ReplaceAll(out, toolVersion(), "VERSION")))
}

func TestSchemaCommandPrintsCommittedSchema(t *testing.T) {
	inRepo(t)
	code, out, _ := run(t, "schema")
	want, err := os.ReadFile("schema/v20/values.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if code != ExitOK || out != string(want) {
		t.Fatalf("exit %d; output equals committed schema: %v", code, out == string(want))
	}
	if code, _, errs := run(t, "schema", "--chart-version", "9.9.9"); code != ExitUsage || !strings.Contains(errs, "not supported") {
		t.Fatalf("unsupported version: exit %d, stderr %q", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := [][]string{
		{"nosuchcommand"},
		{"check"},
		{"check", "--output", "yaml", "x.yaml"},
		{"check", "--no-such-flag", "x.yaml"},
		{"schema", "extra"},
		{"check", "--release", "Bad_Name!", "examples/production.yaml"},
		{"check", "--release", "", "examples/production.yaml"},
		{"check", "--release", strings.Repeat("a", 54), "examples/production.yaml"},
		{"check", "--fail-on", "", "examples/production.yaml"},
		{"check", "--kube-version", "garbage", "examples/production.yaml"},
	}
	for _, args := range cases {
		code, out, errs := run(t, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if out != "" {
			t.Errorf("%v: stdout %q, want nothing", args, out)
		}
		if !strings.HasPrefix(errs, "valuesmith: ") || strings.Contains(errs, "goroutine") {
			t.Errorf("%v: stderr %q", args, errs)
		}
	}
}

// The chart's own defaults, checked as if they were a user's values file,
// report exactly the findings in the golden file. The repository's copy of
// the defaults runs everywhere; the chart's published values.yaml (with its
// comments, so different line numbers) runs where the reference files are.
func TestCheckChartDefaultsGolden(t *testing.T) {
	inRepo(t)
	_, out, _ := run(t, "check", "schema/v20/defaults-2.0.0.yaml")
	const upstream = "../shared/reference/upstream-values/langfuse-chart-2.0.0.values.yaml"
	_, upOut, _ := run(t, "check", upstream)
	t.Chdir("internal/cli")
	golden(t, "check/chart-defaults.golden", []byte(out))
	if _, err := os.Stat("../../" + upstream); err != nil {
		t.Log("reference values not present; upstream golden skipped")
		return
	}
	golden(t, "check/upstream-defaults.golden", []byte(upOut))
}

// A production-grade file written by hand passes with no finding at
// warning level or above.
func TestCheckProductionExampleIsClean(t *testing.T) {
	inRepo(t)
	code, out, errs := run(t, "check", "--fail-on", "warning", "examples/production.yaml")
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s%s", code, out, errs)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(l, " error [") || strings.Contains(l, " warning [") {
			t.Errorf("finding at warning level or above: %s", l)
		}
	}
}

// With two layers, each finding is reported in the file that set the
// value: the override's moving tag in prod.yaml, a key missing from both at
// the nearest parent written in the later layer.
func TestCheckLayeredFilesReportWhereValuesWereSet(t *testing.T) {
	inRepo(t)
	code, out, _ := run(t, "check", "-f", "testdata/check/layered/base.yaml", "-f", "testdata/check/layered/prod.yaml")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"testdata/check/layered/prod.yaml:5:5: error [image-tag-floating] langfuse.image.tag:",
		"testdata/check/layered/prod.yaml:7:5: warning [signup-open] langfuse.features.signUpDisabled:",
		"testdata/check/layered/prod.yaml:3:1: warning [replicas-single] langfuse.worker.replicas:",
		"testdata/check/layered/base.yaml:15:3: warning [topology-spread-missing] langfuse.web.pod.topologySpreadConstraints:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	t.Chdir("internal/cli")
	golden(t, "check/layered.golden", []byte(out))
}

func TestCheckChartInputErrors(t *testing.T) {
	inRepo(t)
	code, _, errs := run(t, "check", "--chart", "testdata/no-such-chart", "examples/production.yaml")
	if code != ExitUsage || !strings.Contains(errs, "load chart testdata/no-such-chart") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	code, out, _ := run(t, "check", "--chart", "testdata/charts/langfuse", "-o", "json", "examples/production.yaml")
	if code != ExitOK || !strings.Contains(out, `"releases"`) || !strings.Contains(out, `"name": "langfuse-postgres"`) {
		t.Fatalf("exit %d, json:\n%s", code, out)
	}
}

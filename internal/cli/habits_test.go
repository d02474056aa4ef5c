package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/buildinfo"
	"github.com/valuesmith/valuesmith/schema"
)

func TestVersionFlagAndCommandAgree(t *testing.T) {
	code, cmdOut, errs := run(t, "version")
	if code != ExitOK {
		t.Fatalf("version: exit %d: %s", code, errs)
	}
	code, flagOut, errs := run(t, "--version")
	if code != ExitOK {
		t.Fatalf("--version: exit %d: %s", code, errs)
	}
	if cmdOut != flagOut {
		t.Errorf("version printed %q, --version %q", cmdOut, flagOut)
	}
	if !strings.HasPrefix(cmdOut, "valuesmith "+buildinfo.Version()+" (") || !strings.Contains(cmdOut, "Langfuse chart versions: "+strings.Join(schema.Supported(), ", ")) {
		t.Errorf("version output %q", cmdOut)
	}
	code, js, errs := run(t, "version", "-o", "json")
	if code != ExitOK {
		t.Fatalf("version -o json: exit %d: %s", code, errs)
	}
	var v versionInfo
	if err := json.Unmarshal([]byte(js), &v); err != nil || v.Version != buildinfo.Version() || len(v.ChartVersions) == 0 {
		t.Errorf("version -o json = %s (%v)", js, err)
	}
}

// The version JSON and SARIF carry is the version command's.
func TestCheckReportsCarryTheBuildVersion(t *testing.T) {
	inRepo(t)
	_, js, _ := run(t, "check", "-o", "json", "examples/production.yaml")
	var doc struct {
		ToolVersion string `json:"toolVersion"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || doc.ToolVersion != buildinfo.Version() {
		t.Errorf("JSON toolVersion %q (%v), want %q", doc.ToolVersion, err, buildinfo.Version())
	}
	_, sarif, _ := run(t, "check", "-o", "sarif", "examples/production.yaml")
	if !strings.Contains(sarif, `"version": "`+buildinfo.Version()+`"`) {
		t.Errorf("SARIF does not carry version %q", buildinfo.Version())
	}
}

func TestUnknownCommandSuggestsTheNearest(t *testing.T) {
	code, out, errs := run(t, "genrate")
	if code != ExitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errs, `unknown command "genrate"`) || !strings.Contains(errs, "Did you mean this?\n\tgenerate") {
		t.Errorf("stderr %q", errs)
	}
	if code, _, errs := run(t, "chekc"); code != ExitUsage || !strings.Contains(errs, "\tcheck") {
		t.Errorf("chekc: exit %d, stderr %q", code, errs)
	}
}

// -o/--output is a format wherever it exists; generate and wizard write
// files through --values-out, so a format name can never become a file
// name.
func TestOutputIsNeverAFileName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"generate", "--example", "-o", "json"},
		{"generate", "--example", "--output", "json"},
		{"generate", "--example", "--output=yaml"},
		{"wizard", "-o", "json"},
	} {
		code, out, errs := run(t, args...)
		if code != ExitUsage || out != "" {
			t.Errorf("%v: exit %d, stdout %d bytes", args, code, len(out))
		}
		if !strings.Contains(errs, "--values-out FILE") {
			t.Errorf("%v: stderr %q does not point at --values-out", args, errs)
		}
	}
	// A file flag given a bare format name is refused too: it was meant
	// as a format (./json writes a file of that name).
	for _, args := range [][]string{
		{"generate", "--example", "--values-out", "json"},
		{"generate", "--example", "--save-answers", "sarif"},
		{"generate", "--example", "--schema-out", "yaml"},
		{"wizard", "--values-out", "junit"},
	} {
		code, out, errs := run(t, args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "that is an output format, not a file name") {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errs)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("a file was written: %s", e.Name())
	}
	for _, cmd := range []string{"generate", "wizard"} {
		c, _, _ := newRootCmd(&streams{}).Find([]string{cmd})
		if c.Flags().Lookup("output") != nil || c.Flags().ShorthandLookup("o") != nil {
			t.Errorf("%s has an -o/--output flag", cmd)
		}
	}
	for _, cmd := range []string{"check", "rules", "version"} {
		c, _, _ := newRootCmd(&streams{}).Find([]string{cmd})
		if f := c.Flags().ShorthandLookup("o"); f == nil || f.Name != "output" || !strings.HasPrefix(f.Usage, "output format") {
			t.Errorf("%s: -o is not the output format", cmd)
		}
	}
}

func TestGenerateSchemaOutPointsEditorsAtIt(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "deploy", "values.yaml")
	os.Mkdir(filepath.Dir(values), 0o755)
	schemaFile := filepath.Join(dir, "values.schema.json")
	code, _, errs := run(t, "generate", "--example", "--values-out", values, "--schema-out", schemaFile)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, _ := os.ReadFile(values)
	if first, _, _ := strings.Cut(string(got), "\n"); first != "# yaml-language-server: $schema=../values.schema.json" {
		t.Errorf("first line %q", first)
	}
	data, _ := os.ReadFile(schemaFile)
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	if string(data) != string(v.JSON()) {
		t.Error("--schema-out did not write the chart's values schema")
	}
	// The schema it names validates the file it heads.
	if _, err := schema.CompileJSON(data); err != nil {
		t.Fatal(err)
	}
	// Without --schema-out there is no schema line pointing at nothing.
	_, out, _ := run(t, "generate", "--example")
	if strings.Contains(out, "yaml-language-server") {
		t.Error("generate without --schema-out names a schema")
	}
	// An existing schema file is replaced only with --force.
	if code, _, errs := run(t, "generate", "--example", "--values-out", filepath.Join(dir, "v2.yaml"), "--schema-out", schemaFile); code != ExitUsage || !strings.Contains(errs, "pass --force") {
		t.Errorf("existing schema: exit %d, stderr %q", code, errs)
	}
}

func TestGenerateCheckFindsDrift(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if code, _, errs := run(t, "generate", "--example", "--values-out", "values.yaml", "--save-answers", "answers.yaml"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, _, errs := run(t, "generate", "--answers", "answers.yaml", "--values-out", "values.yaml", "--check")
	if code != ExitOK || !strings.Contains(errs, "values.yaml is up to date") {
		t.Fatalf("up to date: exit %d, stderr %q", code, errs)
	}
	data, _ := os.ReadFile("values.yaml")
	lines := strings.Split(string(data), "\n")
	lines[9] += " # edited"
	os.WriteFile("values.yaml", []byte(strings.Join(lines, "\n")), 0o644)
	before, _ := os.ReadFile("values.yaml")
	code, _, errs = run(t, "generate", "--answers", "answers.yaml", "--values-out", "values.yaml", "--check")
	if code != ExitFindings || !strings.Contains(errs, "values.yaml:10: differs from what the inputs generate; regenerate it with: valuesmith generate --answers answers.yaml --values-out values.yaml --force") {
		t.Fatalf("drift: exit %d, stderr %q", code, errs)
	}
	if after, _ := os.ReadFile("values.yaml"); string(after) != string(before) {
		t.Error("--check wrote the file")
	}
	code, _, errs = run(t, "generate", "--answers", "answers.yaml", "--values-out", "missing.yaml", "--check")
	if code != ExitFindings || !strings.Contains(errs, "missing.yaml") {
		t.Errorf("missing: exit %d, stderr %q", code, errs)
	}
	for _, args := range [][]string{
		{"generate", "--answers", "answers.yaml", "--check"},
		{"generate", "--answers", "answers.yaml", "--values-out", "values.yaml", "--check", "--secrets-out", "s.yaml"},
	} {
		if code, _, _ := run(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errs := run(t, "completion", shell)
		if code != ExitOK || len(out) < 200 {
			t.Errorf("completion %s: exit %d, %d bytes: %s", shell, code, len(out), errs)
		}
	}
	if bash, err := exec.LookPath("bash"); err == nil {
		_, script, _ := run(t, "completion", "bash")
		cmd := exec.Command(bash, "-n")
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("bash -n: %v: %s", err, out)
		}
	}
	tests := []struct {
		args []string
		want []string
		not  string
	}{
		{[]string{"explain", "pdb-"}, []string{"pdb-blocks-drain"}, "signup-open"},
		{[]string{"check", "--disable", "signup"}, []string{"signup-open"}, "pdb-blocks-drain"},
		{[]string{"check", "--enable", "signup-open,image-dig"}, []string{"signup-open,image-digest-missing"}, ""},
		{[]string{"check", "--output", ""}, []string{"text", "json", "sarif", "junit", "gitlab", "github"}, ""},
		{[]string{"check", "--chart-version", ""}, schema.Supported(), ""},
		{[]string{"check", "--fail-on", ""}, []string{"error", "warning", "info"}, ""},
		{[]string{"check", "--color", ""}, []string{"auto", "always", "never"}, ""},
		{[]string{"generate", "--profile", ""}, []string{"production", "high-availability", "evaluation"}, ""},
		{[]string{"rules", "-o", ""}, []string{"text", "markdown", "json"}, ""},
		{[]string{"gen"}, []string{"generate"}, "check"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, append([]string{"__complete"}, tt.args...)...)
		if code != ExitOK {
			t.Fatalf("__complete %v: exit %d: %s", tt.args, code, errs)
		}
		var got []string
		for _, l := range strings.Split(out, "\n") {
			if l == "" || strings.HasPrefix(l, ":") {
				continue
			}
			val, _, _ := strings.Cut(l, "\t")
			got = append(got, val)
		}
		for _, w := range tt.want {
			if !contains(got, w) {
				t.Errorf("__complete %v: %q not offered in %q", tt.args, w, got)
			}
		}
		if tt.not != "" && contains(got, tt.not) {
			t.Errorf("__complete %v offers %q", tt.args, tt.not)
		}
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

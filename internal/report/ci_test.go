package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/schema"
)

const junitXSDSHA256 = "a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6"

// ciFixture is the SARIF fixture plus findings whose text and file names
// hold every character the formats must escape, one finding a --set flag
// caused, and two identical findings on different lines.
func ciFixture() *check.Result {
	res := sarifFixture()
	res.Findings = append(res.Findings,
		finding.Finding{RuleID: "signup-open", Severity: finding.Warning, File: "dir,with:odd%chars/values.yaml", Line: 7, Col: 3,
			Path: "langfuse.features.signUpDisabled", Message: "100% open: a,b::c\nsecond line\r<&>\"'",
			Remediation: "Set it to true."},
		finding.Finding{RuleID: "web-replicas-single", Severity: finding.Error, File: "--set", Line: 2, Col: 9,
			Path: "langfuse.web.replicas", Message: "1 replica"},
		finding.Finding{RuleID: "image-tag-floating", Severity: finding.Error, File: "values.yaml", Line: 30, Col: 5,
			Path: "langfuse.image.tag", Message: `tag "latest" moves`},
	)
	finding.Sort(res.Findings)
	return res
}

var ciMeta = Meta{ToolVersion: "v1.2.3", ChartVersion: "2.0.0", FailOn: finding.Warning,
	Rules: []string{"image-tag-floating", "image-tag-implicit", "image-digest-missing", "signup-open", "web-replicas-single"}}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./internal/report/ -update to accept):\n%s", path, got)
	}
}

func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("VALUESMITH_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is not on PATH, and VALUESMITH_REQUIRE_TOOLS=1 says it must be (.ci/run installs it)", name)
	}
	t.Skipf("%s is not on PATH; skipping (apt-get install libxml2-utils, or set VALUESMITH_REQUIRE_TOOLS=1 to make this fail)", name)
	return ""
}

func render(t *testing.T, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestJUnitGolden(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return JUnit(b, ciFixture(), ciMeta) })
	golden(t, "junit.golden", out)
}

// The structure GitLab and Jenkins rely on: one case per rule and file, a
// failure per finding at or above --fail-on, counts that add up.
func TestJUnitStructure(t *testing.T) {
	res := ciFixture()
	out := render(t, func(b *bytes.Buffer) error { return JUnit(b, res, ciMeta) })
	var doc junitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	failing := 0
	for _, f := range res.Findings {
		if f.Severity >= ciMeta.FailOn {
			failing++
		}
	}
	tests, failures, errors := 0, 0, 0
	for _, s := range doc.Suites {
		names := map[string]bool{}
		for _, c := range s.Cases {
			if names[c.Name] {
				t.Errorf("suite %s has two cases %s", s.Name, c.Name)
			}
			names[c.Name] = true
			if c.Classname != s.Name {
				t.Errorf("case %s of %s has classname %s", c.Name, s.Name, c.Classname)
			}
			failures += len(c.Failures)
			if c.Error != nil {
				errors++
			}
		}
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d, %d cases", s.Name, s.Tests, len(s.Cases))
		}
		tests += s.Tests
		if s.Name == "values.yaml" && !names["schema"] {
			t.Error("a parsed file has no case for the schema")
		}
	}
	if failures != failing || doc.Failures != failing || doc.Tests != tests || errors != len(res.InputErrors) || doc.Errors != errors {
		t.Errorf("failures %d/%d (want %d), tests %d/%d, errors %d/%d", failures, doc.Failures, failing, doc.Tests, tests, doc.Errors, errors)
	}
	// The info finding is below --fail-on warning: in system-out, passing.
	if !strings.Contains(string(out), "<system-out>values.yaml:40:1: info [image-digest-missing]") {
		t.Error("a finding below --fail-on is not in system-out")
	}
}

func TestJUnitMatchesJenkinsSchema(t *testing.T) {
	xsd := filepath.Join("testdata", "junit-10.xsd")
	data, err := os.ReadFile(xsd)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != junitXSDSHA256 {
		t.Fatalf("%s changed; it must stay the xunit-plugin file (see testdata/README.md)", xsd)
	}
	xmllint := requireTool(t, "xmllint")
	dir := t.TempDir()
	cases := map[string]*check.Result{"fixture": ciFixture(), "empty": {Files: []string{"values.yaml"}}, "nothing": {}}
	for name, res := range cases {
		f := filepath.Join(dir, name+".xml")
		os.WriteFile(f, render(t, func(b *bytes.Buffer) error { return JUnit(b, res, ciMeta) }), 0o644)
		out, err := exec.Command(xmllint, "--noout", "--schema", xsd, f).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "validates") {
			t.Errorf("%s: xmllint: %v\n%s", name, err, out)
		}
	}
	// The validator does fail: a suite without its required counts.
	bad := filepath.Join(dir, "bad.xml")
	os.WriteFile(bad, []byte(`<testsuites><testsuite name="x"><testcase name="y"/></testsuite></testsuites>`), 0o644)
	if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, bad).CombinedOutput(); err == nil {
		t.Errorf("xmllint accepted an invalid report: %s", out)
	}
}

func TestGitLabGolden(t *testing.T) {
	golden(t, "gitlab.golden", render(t, func(b *bytes.Buffer) error { return GitLab(b, ciFixture()) }))
}

func TestGitLabCodeQualityFormat(t *testing.T) {
	sch, err := schema.CompileJSON(mustRead(t, "testdata/gitlab-codequality.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	validate := func(out []byte) []gitlabIssue {
		t.Helper()
		var inst any
		if err := json.Unmarshal(out, &inst); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Fatalf("not a Code Quality report: %v", err)
		}
		var issues []gitlabIssue
		json.Unmarshal(out, &issues)
		return issues
	}
	res := ciFixture()
	issues := validate(render(t, func(b *bytes.Buffer) error { return GitLab(b, res) }))
	if len(issues) != len(res.Findings)+len(res.InputErrors) {
		t.Errorf("%d issues for %d findings and %d input errors", len(issues), len(res.Findings), len(res.InputErrors))
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s is not unique", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	// Stable: moving every finding down ten lines keeps every fingerprint.
	moved := ciFixture()
	for i := range moved.Findings {
		if moved.Findings[i].Line > 0 {
			moved.Findings[i].Line += 10
		}
	}
	for i, is := range validate(render(t, func(b *bytes.Buffer) error { return GitLab(b, moved) })) {
		if is.Fingerprint != issues[i].Fingerprint {
			t.Errorf("issue %d: fingerprint changed when lines moved", i)
		}
	}
	// An empty run is an empty array, which GitLab reads as no issues.
	if out := render(t, func(b *bytes.Buffer) error { return GitLab(b, &check.Result{}) }); strings.TrimSpace(string(out)) != "[]" {
		t.Errorf("empty report %q", out)
	}
	// The schema does reject what GitLab would.
	var bad any
	json.Unmarshal([]byte(`[{"description":"x","check_name":"y","fingerprint":"z","severity":"high","location":{"path":"./a.yaml","lines":{"begin":0}}}]`), &bad)
	if sch.Validate(bad) == nil {
		t.Error("the Code Quality schema accepts a bad report")
	}
}

func TestGitHubGolden(t *testing.T) {
	golden(t, "github.golden", render(t, func(b *bytes.Buffer) error { return GitHub(b, ciFixture()) }))
}

// ghCommand is a workflow command as the runner reads it.
type ghCommand struct {
	name  string
	props map[string]string
	data  string
}

// parseV2 follows ActionCommand.TryParseV2 of actions/runner (see
// testdata/github-workflow-commands.md).
func parseV2(line string) (ghCommand, bool) {
	line = strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(line, "::") {
		return ghCommand{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return ghCommand{}, false
	}
	info := line[2 : 2+end]
	c := ghCommand{props: map[string]string{}}
	name, props, hasProps := strings.Cut(info, " ")
	c.name = name
	if hasProps {
		for _, p := range strings.Split(strings.TrimSpace(props), ",") {
			if p == "" {
				continue
			}
			k, v, ok := strings.Cut(p, "=")
			if ok && k != "" && v != "" {
				c.props[k] = unescapeRunner(v, true)
			}
		}
	}
	c.data = unescapeRunner(line[2+end+2:], false)
	return c, true
}

// unescapeRunner replaces in the runner's order: the others first, %25
// last.
func unescapeRunner(s string, property bool) string {
	pairs := [][2]string{{"%0D", "\r"}, {"%0A", "\n"}}
	if property {
		pairs = append(pairs, [2]string{"%3A", ":"}, [2]string{"%2C", ","})
	}
	pairs = append(pairs, [2]string{"%25", "%"})
	for _, p := range pairs {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	return s
}

func TestGitHubWorkflowCommands(t *testing.T) {
	res := ciFixture()
	out := string(render(t, func(b *bytes.Buffer) error { return GitHub(b, res) }))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(res.Findings)+len(res.InputErrors) {
		t.Fatalf("%d lines for %d findings and %d input errors", len(lines), len(res.Findings), len(res.InputErrors))
	}
	level := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "notice"}
	for i, f := range res.Findings {
		c, ok := parseV2(lines[len(res.InputErrors)+i])
		if !ok {
			t.Fatalf("line %q is no workflow command", lines[i])
		}
		want := map[string]string{"file": reportPath(f.File), "title": "valuesmith [" + f.RuleID + "]"}
		if f.Line > 0 {
			want["line"], want["col"] = strconv.Itoa(f.Line), strconv.Itoa(f.Col)
		}
		if c.name != level[f.Severity] || len(c.props) != len(want) {
			t.Errorf("%s: command %s with %v", f, c.name, c.props)
		}
		for k, v := range want {
			if c.props[k] != v {
				t.Errorf("%s: %s=%q, want %q", f, k, c.props[k], v)
			}
		}
		msg := resultText(f)
		if f.Remediation != "" {
			msg += "\nfix: " + f.Remediation
		}
		if c.data != msg {
			t.Errorf("%s: data %q, want %q", f, c.data, msg)
		}
	}
	if c, _ := parseV2(lines[0]); c.name != "error" || c.props["file"] != "broken.yaml" || c.props["line"] != "2" {
		t.Errorf("input error: %+v", c)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

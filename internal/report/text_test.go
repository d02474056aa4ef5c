package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
)

// groupedFixture has findings of the file's own keys and findings about
// chart defaults, interleaved by line as check sorts them.
func groupedFixture() *check.Result {
	return &check.Result{
		Files: []string{"values.yaml"},
		Findings: []finding.Finding{
			{RuleID: "app-secrets-unpinned", Severity: finding.Error, File: "values.yaml", Line: 1, Col: 1, Path: "langfuse.salt", Message: "not supplied (not set in your values; add salt under langfuse)", ChartDefault: true},
			{RuleID: "signup-open", Severity: finding.Warning, File: "values.yaml", Line: 1, Col: 1, Path: "langfuse.features.signUpDisabled", Message: "sign-up is open (not set in your values; add features.signUpDisabled under langfuse)", ChartDefault: true},
			{RuleID: "image-tag-floating", Severity: finding.Error, File: "values.yaml", Line: 3, Col: 5, Path: "langfuse.image.tag", Message: "the web and worker image tag \"latest\" names a channel", Remediation: "Pin it."},
			{RuleID: "replicas-single", Severity: finding.Warning, File: "values.yaml", Line: 4, Col: 3, Path: "langfuse.worker.replicas", Message: "one worker (not set in your values; add replicas under langfuse.worker)", ChartDefault: true},
			{RuleID: "redis-noeviction", Severity: finding.Error, File: "values.yaml", Line: 9, Col: 5, Path: "redis.valkeyConfig", Message: "no noeviction"},
		},
	}
}

// The file's own findings come first, then the chart-default ones under a
// heading; the summary counts each group; -q keeps the order without the
// heading.
func TestTextGroupsChartDefaultsLast(t *testing.T) {
	res := groupedFixture()
	var b bytes.Buffer
	if err := Text(&b, res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	var order []string
	heading := -1
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, DefaultsHeading):
			heading = i
			if l != DefaultsHeading+" (3 findings; each names the key to add):" {
				t.Errorf("heading %q", l)
			}
		case strings.HasPrefix(l, "values.yaml:"):
			order = append(order, l[strings.Index(l, "[")+1:strings.Index(l, "]")])
		}
	}
	want := "image-tag-floating redis-noeviction app-secrets-unpinned signup-open replicas-single"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	if heading < 0 || !strings.Contains(lines[heading+1], "[app-secrets-unpinned]") || lines[heading-1] != "" {
		t.Errorf("heading not between the groups:\n%s", b.String())
	}
	if s := Summary(res); s != "1 file checked: 3 errors, 2 warnings, 0 infos (2 in your values, 3 on chart defaults you do not set)" {
		t.Errorf("summary %q", s)
	}

	b.Reset()
	if err := TextStyled(&b, res, TextStyle{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	q := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(q) != 5 || !strings.Contains(q[0], "[image-tag-floating]") || !strings.Contains(q[4], "[replicas-single]") {
		t.Errorf("quiet output:\n%s", b.String())
	}

	// Without chart-default findings the output and summary are as before.
	res.Findings = res.Findings[2:3]
	if s := Summary(res); s != "1 file checked: 1 errors, 0 warnings, 0 infos" {
		t.Errorf("summary %q", s)
	}
	b.Reset()
	if err := Text(&b, res); err != nil || strings.Contains(b.String(), DefaultsHeading) {
		t.Errorf("heading without chart-default findings: %v\n%s", err, b.String())
	}
}

// JSON keeps one result per finding in check's order, and marks the
// chart-default ones.
func TestJSONMarksChartDefaults(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, groupedFixture(), Meta{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var marks []bool
	for _, f := range doc.Findings {
		v, _ := f["chartDefault"].(bool)
		marks = append(marks, v)
	}
	if len(marks) != 5 || !marks[0] || !marks[1] || marks[2] || !marks[3] || marks[4] {
		t.Errorf("chartDefault marks %v", marks)
	}
}

package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// check --chart through charts whose templates loop, allocate or recurse
// without end, or are broken: each ends in one chart-template-error finding
// at the template (a manifest Helm cannot read the head of: one
// chart-render finding there), exit 1, within the limits (given small
// here), and nothing of Go's or Helm's own output reaches the user.
func TestHostileChartsEndInOneFinding(t *testing.T) {
	if testing.Short() {
		t.Skip("renders up to the time limit")
	}
	const root = "../../testdata/charts/hostile"
	tests := []struct {
		chart, template, want, timeout string
		rule                           string // chart-template-error when empty
	}{
		{"range-until", "loop.yaml", "limit", "1s", ""},
		{"repeat", "repeat.yaml", "limit", "1s", ""},
		{"nested-loops", "nested.yaml", "time limit of 1s (--render-timeout)", "1s", ""},
		{"tpl-self", "tpl.yaml", "limit", "1s", ""},
		// Helm's own limit of 1,000 nested includes ends this one.
		{"include-recursion", "recursion.yaml", "nested reference name: loop", "20s", ""},
		{"undefined-template", "undefined.yaml", `no template "no-such-helper"`, "20s", ""},
		{"parse-error", "broken.yaml", "missing value for if", "20s", ""},
		// Helm's install decodes each manifest's head before anything else.
		{"head-kind-list", "kind.yaml", "cannot unmarshal array into Go struct field SimpleHead.kind of type string", "20s", "chart-render"},
	}
	logLine := regexp.MustCompile(`(?m)^\d{4}/\d{2}/\d{2} `)
	for _, tt := range tests {
		t.Run(tt.chart, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(root, tt.chart)
			code, stdout, stderr := runNoHang(t, "check", "--chart", dir, "--render-timeout", tt.timeout, "--render-memory", "128Mi", "-q", "../../examples/production.yaml")
			if code != ExitFindings {
				t.Errorf("exit %d, want 1\n%s%s", code, stdout, stderr)
			}
			rule := tt.rule
			if rule == "" {
				rule = "chart-template-error"
			}
			var hits []string
			for _, l := range strings.Split(stdout, "\n") {
				if strings.Contains(l, ": error [") && !strings.Contains(l, "examples/production.yaml") {
					hits = append(hits, l)
				}
			}
			prefix := filepath.Join(dir, "templates", tt.template) + ": error [" + rule + "] template: "
			if len(hits) != 1 || !strings.HasPrefix(hits[0], prefix) || !strings.Contains(hits[0], tt.want) {
				t.Errorf("want one error finding in the chart, starting %q and holding %q, got %q", prefix, tt.want, hits)
			}
			if rule == "chart-template-error" && strings.Contains(stdout, "[chart-render]") {
				t.Errorf("a chart bug reported as a values refusal:\n%s", stdout)
			}
			for _, bad := range []string{"goroutine", "fatal error", "panic", ".go:"} {
				if strings.Contains(stdout+stderr, bad) {
					t.Errorf("output mentions %q:\n%s%s", bad, stdout, stderr)
				}
			}
			if logLine.MatchString(stderr) {
				t.Errorf("Helm's log reached stderr:\n%s", stderr)
			}
		})
	}
}

// A symbolic link to /etc in the templates: Helm's loader follows it and
// refuses a file there, and says so on one line; the log line Helm writes
// for each link it follows does not reach the user.
func TestChartWithLinkToEtc(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /etc")
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "Chart.yaml"), []byte("apiVersion: v2\nname: langfuse\nversion: 2.0.0\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "templates", "cm.yaml"), []byte("a: 1\n"), 0o644)
	if err := os.Symlink("/etc", filepath.Join(dir, "templates", "etc")); err != nil {
		t.Skip(err)
	}
	code, stdout, stderr := runNoHang(t, "check", "--chart", dir, "--render-timeout", "5s", "-q", "../../examples/production.yaml")
	if code == ExitInternal || strings.Contains(stderr, "found symbolic link") || regexp.MustCompile(`(?m)^\d{4}/\d{2}/\d{2} `).MatchString(stderr) {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 2 {
		t.Errorf("stderr has %d lines:\n%s", n+1, stderr)
	}
}

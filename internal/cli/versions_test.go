package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyChart copies the test chart to a temporary directory, with its
// Chart.yaml version and values.yaml changed by edit.
func copyChart(t *testing.T, version, extraValues string) string {
	t.Helper()
	src := "testdata/charts/langfuse"
	dst := filepath.Join(t.TempDir(), "langfuse")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch rel {
		case "Chart.yaml":
			lines := strings.Split(string(data), "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, "version:") {
					lines[i] = "version: " + version
				}
			}
			data = []byte(strings.Join(lines, "\n"))
		case "values.yaml":
			data = append(data, []byte("\n"+extraValues)...)
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestCheckVersionSelection(t *testing.T) {
	inRepo(t)
	newer := copyChart(t, "2.1.3", "newerChartSetting:\n  enabled: false\n")
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared-keys.yaml")
	if err := os.WriteFile(shared, []byte("langfuse:\n  web:\n    replicas: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	withNewKey := filepath.Join(dir, "new-key.yaml")
	if err := os.WriteFile(withNewKey, []byte("newerChartSetting:\n  enabled: true\nlangfuse:\n  web:\n    replicas: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		args      []string
		code      int
		out, errs []string
		notOut    []string
		notErrs   []string
	}{
		{
			name: "a newer chart version is checked with the nearest model and a note",
			args: []string{"check", "--chart-version", "2.1.3", "examples/production.yaml"},
			code: 0, errs: []string{"note: chart 2.1.3 is newer than valuesmith's model of chart 2.0.0"},
		},
		{
			name: "a newer chart's own keys are accepted and said once",
			args: []string{"check", "--chart", newer, withNewKey, "--fail-on", "error"},
			code: 1, out: []string{"info [key-not-modelled] newerChartSetting: not modelled by valuesmith"},
			notOut: []string{"unknown key"},
		},
		{
			name: "--chart-version that disagrees with the chart is refused",
			args: []string{"check", "--chart", "testdata/charts/langfuse", "--chart-version", "2.1.3", "examples/production.yaml"},
			code: 2, errs: []string{"--chart-version 2.1.3 disagrees with the chart", "says version 2.0.0"},
		},
		{
			name: "a chart 0.x version is refused with the upgrade path",
			args: []string{"check", "--chart-version", "0.13.1", "examples/production.yaml"},
			code: 2, errs: []string{"0.x release", "upgrade-v0.13-to-v1.0"},
		},
		{
			name: "a key only one model has decides, and the note names it",
			args: []string{"check", "examples/production.yaml"},
			code: 0, errs: []string{"note: checked against chart 2.0.0 (2.0.x): clickhouse.cluster at examples/production.yaml:"},
		},
		{
			name: "without a deciding key nothing is said about the version",
			args: []string{"check", shared},
			code: 1, notErrs: []string{"note:"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			for _, w := range tc.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			for _, w := range tc.notErrs {
				if strings.Contains(errs, w) {
					t.Errorf("stderr has %q:\n%s", w, errs)
				}
			}
		})
	}
}

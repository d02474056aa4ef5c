// Package charttest prepares copies of the Langfuse-style test chart for
// tests: as in git (no sub-charts), with stub sub-charts (as after helm
// dependency build), or packaged as a .tgz.
package charttest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
)

// Dir is the test chart, relative to the repository root.
const Dir = "testdata/charts/langfuse"

// Dir15 is the chart 1.x test chart, relative to the repository root.
const Dir15 = "testdata/charts/langfuse-1.5"

// Root finds the repository root from a test's working directory.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root not found")
		}
		dir = parent
	}
}

// Path is the checked-in test chart.
func Path(t testing.TB) string { return filepath.Join(Root(t), Dir) }

// Path15 is the checked-in chart 1.x test chart.
func Path15(t testing.TB) string { return filepath.Join(Root(t), Dir15) }

// subcharts are the chart's dependencies by chart name and version.
var subcharts = map[string]string{"postgres": "1.6.3", "valkey": "0.9.4", "seaweedfs": "4.23.0"}

// WithSubcharts copies the test chart and adds minimal sub-charts under
// charts/, like a chart after helm dependency build. Each renders one
// Service, enough to show it is rendered.
func WithSubcharts(t testing.TB) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "langfuse")
	copyDir(t, Path(t), dst)
	for name, version := range subcharts {
		dir := filepath.Join(dst, "charts", name)
		write(t, filepath.Join(dir, "Chart.yaml"), "apiVersion: v2\nname: "+name+"\nversion: "+version+"\n")
		write(t, filepath.Join(dir, "values.yaml"), "{}\n")
		write(t, filepath.Join(dir, "templates", "service.yaml"), `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Name }}-stub
spec:
  ports:
    - name: stub
      port: 1
`)
	}
	return dst
}

// Packaged saves the test chart as a .tgz and returns its path.
func Packaged(t testing.TB) string {
	t.Helper()
	c, err := loader.Load(Path(t))
	if err != nil {
		t.Fatal(err)
	}
	out, err := chartutil.Save(c, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out, ".tgz") {
		t.Fatalf("unexpected package %s", out)
	}
	return out
}

func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
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
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func write(t testing.TB, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Helm plugin, installed with the real helm into a temporary
// HELM_PLUGINS, runs valuesmith check and takes helm's namespace.
func TestHelmPlugin(t *testing.T) {
	t.Parallel()
	helm := requireTool(t, "helm", "go install helm.sh/helm/v3/cmd/helm@v3.22.0")
	root := repoRoot(t)
	bin := valuesmithDir(t)
	tmp := t.TempDir()

	// The plugin's own files, as a directory to install from (without the
	// source, the install hook uses valuesmith from PATH).
	src := filepath.Join(tmp, "plugin-src")
	for _, f := range []string{"plugin.yaml", "scripts/helm-valuesmith.sh", "scripts/helm-plugin-install.sh"} {
		copyFile(t, filepath.Join(root, f), filepath.Join(src, f))
	}
	env := []string{
		pathWith(bin),
		"HELM_PLUGINS=" + filepath.Join(tmp, "plugins"),
		"HELM_DATA_HOME=" + filepath.Join(tmp, "data"),
		"HELM_CONFIG_HOME=" + filepath.Join(tmp, "config"),
		"HELM_CACHE_HOME=" + filepath.Join(tmp, "cache"),
		"KUBECONFIG=" + filepath.Join(tmp, "no-kubeconfig"),
		"HELM_NAMESPACE=",
		"NO_COLOR=",
	}
	os.MkdirAll(filepath.Join(tmp, "plugins"), 0o755)
	helmRun := func(dir string, args ...string) result {
		t.Helper()
		return command{dir: dir, env: env, name: helm, args: args}.run(t)
	}

	r := helmRun(tmp, "plugin", "install", src)
	if r.code != 0 || !strings.Contains(r.stdout, "Installed plugin: valuesmith") {
		t.Fatalf("helm plugin install: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "using "+filepath.Join(bin, "valuesmith")) {
		t.Errorf("the install hook did not find valuesmith on PATH:\n%s", r.stdout)
	}
	if r := helmRun(tmp, "plugin", "list"); !strings.Contains(r.stdout, "valuesmith") {
		t.Errorf("helm plugin list:\n%s", r.stdout)
	}

	work := filepath.Join(tmp, "work")
	copyFile(t, filepath.Join(root, "examples/production.yaml"), filepath.Join(work, "values.yaml"))
	r = helmRun(work, "valuesmith", "check", "-f", "values.yaml")
	if r.code != 0 || !strings.Contains(r.stderr, "1 file checked") {
		t.Errorf("helm valuesmith check -f values.yaml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Findings make helm exit 1 too.
	writeFile(t, filepath.Join(work, "bad.yaml"), "langfuse:\n  web:\n    replicas: one\n")
	r = helmRun(work, "valuesmith", "check", "-f", "values.yaml", "bad.yaml")
	if r.code != 1 || !strings.Contains(r.stdout, "bad.yaml:3:15: error [schema] langfuse.web.replicas") {
		t.Errorf("helm valuesmith check with a bad file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// helm's -n reaches check as HELM_NAMESPACE: the release renders there.
	chart := filepath.Join(root, "testdata/charts/langfuse")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-n", "team-a"}, "team-a"},
		{[]string{"--namespace", "team-b"}, "team-b"},
	} {
		args := append(append([]string{}, tt.args...), "valuesmith", "check", "--chart", chart, "-o", "json", "values.yaml")
		r := helmRun(work, args...)
		var doc struct {
			Releases []struct {
				Namespace string `json:"namespace"`
			} `json:"releases"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Releases) != 1 {
			t.Fatalf("helm %v: exit %d, %v\n%s%s", args, r.code, err, r.stdout, r.stderr)
		}
		if doc.Releases[0].Namespace != tt.want {
			t.Errorf("helm %v rendered in namespace %q, want %q", tt.args, doc.Releases[0].Namespace, tt.want)
		}
	}

	if r := helmRun(tmp, "plugin", "uninstall", "valuesmith"); r.code != 0 {
		t.Errorf("helm plugin uninstall: exit %d\n%s", r.code, r.stderr)
	}
}

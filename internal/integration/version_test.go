package integration

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A release build takes its version from -ldflags, and every output that
// names the version says the same.
func TestReleaseVersionEverywhere(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(valuesmithDir(t), "valuesmith")
	root := repoRoot(t)
	run := func(args ...string) string {
		t.Helper()
		r := command{dir: root, name: bin, args: args}.run(t)
		if r.code > 1 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		return r.stdout
	}
	if out := run("--version"); !strings.HasPrefix(out, "valuesmith "+releaseVersion+" (") {
		t.Errorf("--version: %q", out)
	}
	if out := run("version"); !strings.HasPrefix(out, "valuesmith "+releaseVersion+" (") {
		t.Errorf("version: %q", out)
	}
	var js struct {
		ToolVersion string `json:"toolVersion"`
	}
	if err := json.Unmarshal([]byte(run("check", "-o", "json", "examples/production.yaml")), &js); err != nil || js.ToolVersion != releaseVersion {
		t.Errorf("JSON toolVersion %q (%v)", js.ToolVersion, err)
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version         string `json:"version"`
					SemanticVersion string `json:"semanticVersion"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(run("check", "-o", "sarif", "examples/production.yaml")), &sarif); err != nil || len(sarif.Runs) != 1 ||
		sarif.Runs[0].Tool.Driver.Version != releaseVersion || sarif.Runs[0].Tool.Driver.SemanticVersion != strings.TrimPrefix(releaseVersion, "v") {
		t.Errorf("SARIF driver %+v (%v)", sarif, err)
	}
}

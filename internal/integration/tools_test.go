package integration

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// repoRoot is the repository's root directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// requireTool finds a tool on PATH. Without it the test skips, or fails
// when VALUESMITH_REQUIRE_TOOLS=1 says the tools must be there.
func requireTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("VALUESMITH_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is not on PATH and VALUESMITH_REQUIRE_TOOLS=1 requires it (install: %s)", name, install)
	}
	t.Skipf("%s is not on PATH; skipping (install: %s; VALUESMITH_REQUIRE_TOOLS=1 makes this a failure)", name, install)
	return ""
}

// The version the test binary is built with, and where it goes.
const (
	versionVar     = "github.com/valuesmith/valuesmith/internal/buildinfo.version"
	releaseVersion = "v9.8.7-test"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildOut  []byte
)

// valuesmithDir builds valuesmith once for the package's tests and
// returns the directory holding it, to put on PATH.
func valuesmithDir(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "valuesmith-bin-")
		if err != nil {
			buildErr = err
			return
		}
		gobin, err := exec.LookPath("go")
		if err != nil {
			gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		// Built as a release is: the version comes from -ldflags.
		cmd := exec.Command(gobin, "build", "-ldflags", "-X "+versionVar+"="+releaseVersion, "-o", filepath.Join(dir, "valuesmith"), "./cmd/valuesmith")
		cmd.Dir = repoRoot(t)
		buildOut, buildErr = cmd.CombinedOutput()
		builtBin = dir
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(builtBin)
	}
	os.Exit(code)
}

// command runs name with args in dir, with env added to the environment.
type command struct {
	dir  string
	env  []string
	in   io.Reader
	name string
	args []string
}

type result struct {
	code           int
	stdout, stderr string
}

func (c command) run(t *testing.T) result {
	t.Helper()
	cmd := exec.Command(c.name, c.args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), c.env...)
	cmd.Stdin = c.in
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %v: %v", c.name, c.args, err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// pathWith puts dirs in front of PATH.
func pathWith(dirs ...string) string {
	return "PATH=" + strings.Join(append(dirs, os.Getenv("PATH")), string(os.PathListSeparator))
}

// copyFile copies src to dst, keeping its mode.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, st.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies a directory.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		copyFile(t, p, filepath.Join(dst, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

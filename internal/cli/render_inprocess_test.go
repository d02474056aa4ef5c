package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// --render-in-process renders in valuesmith's own process: the findings
// are the same as those of a render in a process of its own, for values the
// chart renders and values it refuses.
func TestRenderInProcessSameFindings(t *testing.T) {
	const chartDir = "../../testdata/charts/langfuse"
	files := []string{
		"../../examples/production.yaml",
		"../check/testdata/fidelity/render-pg-no-password.yaml",
		"../check/testdata/fidelity/chart-annotations-string.yaml",
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			args := []string{"check", "--chart", chartDir, "-o", "json", f}
			codeP, outP, errP := runNoHang(t, args...)
			codeI, outI, errI := runNoHang(t, append(args, "--render-in-process")...)
			if codeP != codeI || outP != outI || errP != errI {
				t.Errorf("in a process of its own: exit %d\n%s%s\nin-process: exit %d\n%s%s", codeP, outP, errP, codeI, outI, errI)
			}
			if codeI == ExitUsage {
				t.Errorf("exit 2: %s", errI)
			}
		})
	}
}

// In-process, the time limit still holds: a template that loops past it
// is one chart-template-error finding, and the process ends (run as a
// process of its own: the loop goes on until the process ends).
func TestRenderInProcessTimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("renders up to the time limit")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "check", "--chart", "../../testdata/charts/hostile/nested-loops",
		"--render-in-process", "--render-timeout", "1s", "-q", "../../examples/production.yaml")
	cmd.Env = append(os.Environ(), runAsMainEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != ExitFindings {
		t.Fatalf("want exit 1, got %v\n%s%s", err, stdout.String(), stderr.String())
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v past a 1s limit", took)
	}
	if n := strings.Count(stdout.String(), "[chart-template-error]"); n != 1 || !strings.Contains(stdout.String(), "time limit of 1s (--render-timeout)") {
		t.Errorf("want one chart-template-error naming the time limit, got:\n%s", stdout.String())
	}
}

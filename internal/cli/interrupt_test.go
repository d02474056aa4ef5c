//go:build unix

package cli

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// generate is interrupted at random points, by SIGINT, SIGTERM and SIGHUP, as a
// process of its own: after each run the directory holds every file or
// none, and never a temporary file (a hidden .values.yaml.*, which would
// hold a complete Secret). The exit code is 0 (too late to stop), 130, 143
// or 129.
func TestInterruptedGenerateLeavesNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("runs generate many times")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	outputs := []string{"values.yaml", "answers.yaml", "secrets.yaml", "values.schema.json"}
	run := func(dir string, sig syscall.Signal, delay time.Duration) (int, string) {
		cmd := exec.Command(exe, "generate", "--example",
			"--values-out", filepath.Join(dir, outputs[0]), "--save-answers", filepath.Join(dir, outputs[1]),
			"--secrets-out", filepath.Join(dir, outputs[2]), "--schema-out", filepath.Join(dir, outputs[3]))
		cmd.Env = append(os.Environ(), runAsMainEnv+"=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if delay >= 0 {
			time.Sleep(delay)
			_ = cmd.Process.Signal(sig)
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				return -int(ws.Signal()), stderr.String() // before the handler was in place
			}
			return ee.ExitCode(), stderr.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, stderr.String()
	}
	// One uninterrupted run says how long a run takes; the signals land
	// anywhere from the start to a little past its end.
	start := time.Now()
	if code, stderr := run(t.TempDir(), 0, -1); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	span := time.Since(start)
	rng := rand.New(rand.NewPCG(16, uint64(time.Now().UnixNano())))
	counts := map[int]int{}
	for i := range 40 {
		dir := t.TempDir()
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}[i%3]
		delay := span/5 + time.Duration(rng.Int64N(int64(span-span/5)))
		code, stderr := run(dir, sig, delay)
		counts[code]++
		got := listFiles(t, dir)
		for _, f := range got {
			if strings.HasPrefix(f, ".") {
				t.Errorf("run %d (%v after %v, exit %d): temporary file %s left behind", i, sig, delay, code, f)
			}
		}
		switch {
		case code == 0 && !slices.Equal(got, sortedCopy(outputs)):
			t.Errorf("run %d: exit 0 but files %v", i, got)
		case code != 0 && len(got) != 0 && !slices.Equal(got, sortedCopy(outputs)):
			t.Errorf("run %d (%v after %v, exit %d): some files only: %v", i, sig, delay, code, got)
		case code > 0 && code != 128+int(sig):
			t.Errorf("run %d (%v after %v): exit %d, want %d: %s", i, sig, delay, code, 128+int(sig), stderr)
		case strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic"):
			t.Errorf("run %d: %s", i, stderr)
		}
	}
	t.Logf("exit codes over 40 runs: %v", counts)
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// fix --write, interrupted at random points, leaves the file either as it
// was or fixed, never half-written, and no temporary file beside it.
func TestInterruptedFixLeavesNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("runs fix many times")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile("../../testdata/fix/hardening-poor.yaml")
	if err != nil {
		t.Fatal(err)
	}
	run := func(sig syscall.Signal, delay time.Duration) (string, int, []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "values.yaml")
		os.WriteFile(path, orig, 0o644)
		cmd := exec.Command(exe, "fix", "--write", path)
		cmd.Env = append(os.Environ(), runAsMainEnv+"=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if delay >= 0 {
			time.Sleep(delay)
			_ = cmd.Process.Signal(sig)
		}
		code := 0
		var ee *exec.ExitError
		if err := cmd.Wait(); errors.As(err, &ee) {
			code = ee.ExitCode()
		}
		data, _ := os.ReadFile(path)
		return dir, code, data
	}
	start := time.Now()
	_, code, fixed := run(0, -1)
	if code != 0 || bytes.Equal(fixed, orig) {
		t.Fatalf("uninterrupted fix --write: exit %d", code)
	}
	span := time.Since(start)
	rng := rand.New(rand.NewPCG(17, uint64(time.Now().UnixNano())))
	for i := range 12 {
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[i%2]
		delay := span/5 + time.Duration(rng.Int64N(int64(span-span/5)))
		dir, code, data := run(sig, delay)
		if got := listFiles(t, dir); !slices.Equal(got, []string{"values.yaml"}) {
			t.Errorf("run %d (%v after %v, exit %d): files %v", i, sig, delay, code, got)
		}
		if !bytes.Equal(data, orig) && !bytes.Equal(data, fixed) {
			t.Errorf("run %d (%v after %v, exit %d): the file is neither the original nor the fixed one", i, sig, delay, code)
		}
	}
}

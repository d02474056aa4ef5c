package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// snapshotRepo copies the working tree (tracked files and new files that
// are not ignored) into a fresh git repository with one commit, as
// pre-commit try-repo does with uncommitted changes, and returns its path
// and commit.
func snapshotRepo(t *testing.T, git string) (string, string) {
	t.Helper()
	root := repoRoot(t)
	out, err := exec.Command(git, "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	dst := filepath.Join(t.TempDir(), "valuesmith")
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if st, err := os.Lstat(filepath.Join(root, f)); err != nil || !st.Mode().IsRegular() {
			continue // deleted in the working tree
		}
		copyFile(t, filepath.Join(root, f), filepath.Join(dst, f))
	}
	gitIn(t, git, dst, "init", "-q")
	gitIn(t, git, dst, "add", "-A")
	gitIn(t, git, dst, "commit", "-q", "-m", "snapshot")
	rev := strings.TrimSpace(gitIn(t, git, dst, "rev-parse", "HEAD"))
	return dst, rev
}

func gitIn(t *testing.T, git, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(git, append([]string{"-C", dir, "-c", "user.name=valuesmith test", "-c", "user.email=test@valuesmith.invalid", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// The hooks of .pre-commit-hooks.yaml, run by Debian's pre-commit on a
// sample repository: pre-commit builds valuesmith from this repository
// with Go (language: golang), from the module cache, offline.
func TestPreCommitHooks(t *testing.T) {
	t.Parallel()
	precommit := requireTool(t, "pre-commit", "apt-get install pre-commit")
	git := requireTool(t, "git", "apt-get install git")
	gobin := requireTool(t, "go", "Go")
	bin := valuesmithDir(t)
	root := repoRoot(t)
	hooksRepo, rev := snapshotRepo(t, git)

	modcache, err := exec.Command(gobin, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	env := []string{
		"PRE_COMMIT_HOME=" + filepath.Join(tmp, "pre-commit-home"),
		// pre-commit gives the hook environment its own GOPATH; the
		// modules come from this machine's cache, without the network.
		"GOMODCACHE=" + strings.TrimSpace(string(modcache)),
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"NO_COLOR=1",
		"SKIP=",
	}

	// A repository as a user has it: values and answers from the wizard
	// (here generate, which writes the same), and a second values file.
	sample := filepath.Join(tmp, "sample")
	os.MkdirAll(sample, 0o755)
	gitIn(t, git, sample, "init", "-q")
	if r := (command{dir: sample, name: filepath.Join(bin, "valuesmith"), args: []string{"generate", "--example", "--values-out", "values.yaml", "--save-answers", "answers.yaml"}}).run(t); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	copyFile(t, filepath.Join(root, "examples/production.yaml"), filepath.Join(sample, "values-prod.yaml"))
	gitIn(t, git, sample, "add", "-A")
	gitIn(t, git, sample, "commit", "-q", "-m", "values")

	pc := func(args ...string) result {
		t.Helper()
		return command{dir: sample, env: env, name: precommit, args: args}.run(t)
	}

	// try-repo, as a user tries the hooks before adding them. (It installs
	// the hook environment afresh in a store of its own, building every
	// main package of the repository, so it runs once.)
	if r := pc("try-repo", hooksRepo, "valuesmith-check", "--ref", rev, "--all-files"); r.code != 0 || !strings.Contains(r.stdout, "valuesmith check") || !strings.Contains(r.stdout, "Passed") {
		t.Fatalf("try-repo valuesmith-check on good values: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// The example configuration of docs/ci.md, pointed at this snapshot.
	cfg, err := os.ReadFile(filepath.Join(root, "examples/ci/pre-commit/.pre-commit-config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	local := strings.Replace(string(cfg), "repo: https://github.com/valuesmith/valuesmith", "repo: "+hooksRepo, 1)
	local = regexp.MustCompile(`(?m)^(\s+rev: )\S+.*$`).ReplaceAllString(local, "${1}"+rev)
	if !strings.Contains(local, hooksRepo) || !strings.Contains(local, rev) {
		t.Fatalf("the example config no longer has the repo and rev lines this test replaces:\n%s", cfg)
	}
	cfgFile := filepath.Join(tmp, "pre-commit-config.yaml")
	writeFile(t, cfgFile, local)
	run := func() result { t.Helper(); return pc("run", "--all-files", "-c", cfgFile) }

	// The configuration's hooks install once, here, and serve the runs
	// below.
	if r := run(); r.code != 0 || strings.Count(r.stdout, "Passed") != 2 {
		t.Fatalf("the example config on a clean repository: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A finding fails the check hook, with its position in the output.
	writeFile(t, filepath.Join(sample, "values-dev.yaml"), "langfuse:\n  web:\n    replicas: one\n")
	gitIn(t, git, sample, "add", "-A")
	r := run()
	if r.code == 0 || !strings.Contains(r.stdout, "values-dev.yaml:3:15: error [schema] langfuse.web.replicas") {
		t.Errorf("valuesmith-check on a bad file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	os.Remove(filepath.Join(sample, "values-dev.yaml"))
	gitIn(t, git, sample, "add", "-A")

	// A hand edit of the generated file fails the drift hook.
	data, _ := os.ReadFile(filepath.Join(sample, "values.yaml"))
	edited := regexp.MustCompile(`(?m)^(\s+replicas: )2$`).ReplaceAllString(string(data), "${1}3")
	if edited == string(data) {
		t.Fatal("the sample edit changed nothing")
	}
	writeFile(t, filepath.Join(sample, "values.yaml"), edited)
	gitIn(t, git, sample, "add", "-A")
	r = run()
	if r.code == 0 || !strings.Contains(r.stdout, "values.yaml:") || !strings.Contains(r.stdout, "differs from what the inputs generate") {
		t.Errorf("valuesmith-generate-check after an edit: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The composite action and the example workflow pass actionlint (which
// checks the workflow's inputs against action.yml, and its run scripts
// with shellcheck when that is installed); the action's script passes
// shellcheck.
func TestGitHubActionLints(t *testing.T) {
	t.Parallel()
	actionlint := requireTool(t, "actionlint", "go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12")
	shellcheck := requireTool(t, "shellcheck", "apt-get install shellcheck")
	git := requireTool(t, "git", "apt-get install git")
	root := repoRoot(t)

	// The example workflow uses the published action; here it uses this
	// checkout's action.yml, so actionlint reads its inputs.
	wf, err := os.ReadFile(filepath.Join(root, "examples/ci/github/valuesmith.yml"))
	if err != nil {
		t.Fatal(err)
	}
	const remote = "uses: valuesmith/valuesmith@main"
	if !strings.Contains(string(wf), remote) {
		t.Fatalf("the example workflow no longer says %q", remote)
	}
	repo := t.TempDir()
	gitIn(t, git, repo, "init", "-q")
	copyFile(t, filepath.Join(root, "action.yml"), filepath.Join(repo, "action.yml"))
	copyFile(t, filepath.Join(root, "scripts/action-check.sh"), filepath.Join(repo, "scripts/action-check.sh"))
	writeFile(t, filepath.Join(repo, ".github/workflows/valuesmith.yml"), strings.Replace(string(wf), remote, "uses: ./", 1))
	env := []string{"NO_COLOR=1"}
	if r := (command{dir: repo, env: env, name: actionlint, args: []string{"-shellcheck", shellcheck}}).run(t); r.code != 0 {
		t.Errorf("actionlint: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// actionlint does fail on an input the action does not have.
	writeFile(t, filepath.Join(repo, ".github/workflows/valuesmith.yml"), strings.Replace(strings.Replace(string(wf), remote, "uses: ./", 1), "fail-on:", "fail_on:", 1))
	if r := (command{dir: repo, env: env, name: actionlint}).run(t); r.code == 0 || !strings.Contains(r.stdout, `input "fail_on" is not defined`) {
		t.Errorf("actionlint accepted an unknown input: exit %d\n%s", r.code, r.stdout)
	}
	for _, s := range []string{"scripts/action-check.sh", "scripts/helm-valuesmith.sh", "scripts/helm-plugin-install.sh"} {
		if r := (command{dir: root, name: shellcheck, args: []string{s}}).run(t); r.code != 0 {
			t.Errorf("shellcheck %s: %s", s, r.stdout)
		}
	}

	// action.yml is a composite action whose check step runs the script
	// with every input.
	var action struct {
		Inputs map[string]any `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID  string            `yaml:"id"`
				Env map[string]string `yaml:"env"`
				Run string            `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	data, _ := os.ReadFile(filepath.Join(root, "action.yml"))
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using %q", action.Runs.Using)
	}
	for _, st := range action.Runs.Steps {
		if st.ID != "check" {
			continue
		}
		for in := range action.Inputs {
			if in == "sarif-category" {
				continue
			}
			if !strings.Contains(strings.Join(mapValues(st.Env), " "), "inputs."+in+" ") {
				t.Errorf("input %s does not reach the check step", in)
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// The action's script, run as the runner would run it: annotations on
// standard output, the SARIF path in GITHUB_OUTPUT, valuesmith's exit code.
func TestGitHubActionScript(t *testing.T) {
	t.Parallel()
	bash := requireTool(t, "bash", "bash")
	bin := valuesmithDir(t)
	root := repoRoot(t)
	work := t.TempDir()
	copyFile(t, filepath.Join(root, "examples/production.yaml"), filepath.Join(work, "deploy/values.yaml"))
	writeFile(t, filepath.Join(work, "deploy/values-staging.yaml"), "langfuse:\n  features:\n    signUpDisabled: false\n")
	output := filepath.Join(work, "github-output")
	writeFile(t, output, "")
	env := []string{pathWith(bin), "GITHUB_OUTPUT=" + output, "RUNNER_TEMP=" + work,
		"VALUESMITH_FILES=deploy/values-*.yaml", "VALUESMITH_VALUES=deploy/values.yaml",
		"VALUESMITH_ARGS=--release langfuse", "VALUESMITH_FAIL_ON=warning", "VALUESMITH_SARIF=true"}
	r := command{dir: work, env: env, name: bash, args: []string{filepath.Join(root, "scripts/action-check.sh")}}.run(t)
	if r.code != 1 || !strings.Contains(r.stdout, "::warning file=deploy/values-staging.yaml,line=3,col=5,title=valuesmith [signup-open]::") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	out, _ := os.ReadFile(output)
	sarif := filepath.Join(work, "valuesmith.sarif")
	if strings.TrimSpace(string(out)) != "sarif-file="+sarif {
		t.Errorf("GITHUB_OUTPUT: %q", out)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []any `json:"results"`
		} `json:"runs"`
	}
	data, _ := os.ReadFile(sarif)
	if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Errorf("SARIF: %v %s", err, data)
	}
	// No files is bad input.
	env = append(env, "VALUESMITH_FILES=")
	if r := (command{dir: work, env: env, name: bash, args: []string{filepath.Join(root, "scripts/action-check.sh")}}).run(t); r.code != 2 {
		t.Errorf("no files: exit %d", r.code)
	}
}

// The GitLab CI example's script lines, run in a shell as the runner runs
// them: they leave a valid Code Quality report and JUnit report, and the
// job fails on findings.
func TestGitLabExample(t *testing.T) {
	t.Parallel()
	sh := requireTool(t, "sh", "sh")
	xmllint := requireTool(t, "xmllint", "apt-get install libxml2-utils")
	bin := valuesmithDir(t)
	root := repoRoot(t)
	var ci map[string]struct {
		Script    []string `yaml:"script"`
		Artifacts struct {
			Reports map[string]string `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	data, err := os.ReadFile(filepath.Join(root, "examples/ci/gitlab/.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &ci); err != nil {
		t.Fatal(err)
	}
	job := ci["valuesmith"]
	if len(job.Script) == 0 || job.Artifacts.Reports["codequality"] == "" || job.Artifacts.Reports["junit"] == "" {
		t.Fatalf("the example has no valuesmith job with both reports: %+v", job)
	}
	for _, tt := range []struct {
		name     string
		prod     string
		wantCode int
	}{
		{"clean", "langfuse:\n  web:\n    replicas: 2\n", 0},
		{"findings", "langfuse:\n  web:\n    replicas: one\n", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			copyFile(t, filepath.Join(root, "examples/production.yaml"), filepath.Join(work, "deploy/values.yaml"))
			writeFile(t, filepath.Join(work, "deploy/values-production.yaml"), tt.prod)
			// GitLab runs the lines in one shell that stops at the first
			// failing line.
			script := "set -e\n" + strings.Join(job.Script, "\n") + "\n"
			r := command{dir: work, env: []string{pathWith(bin)}, name: sh, args: []string{"-c", script}}.run(t)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			report := filepath.Join(work, job.Artifacts.Reports["junit"])
			if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(root, "internal/report/testdata/junit-10.xsd"), report).CombinedOutput(); err != nil {
				t.Errorf("JUnit report: %v\n%s", err, out)
			}
			var issues []map[string]any
			cq, _ := os.ReadFile(filepath.Join(work, job.Artifacts.Reports["codequality"]))
			if err := json.Unmarshal(cq, &issues); err != nil {
				t.Errorf("Code Quality report: %v\n%s", err, cq)
			}
			if (len(issues) > 0) != (tt.wantCode != 0) && tt.name == "findings" {
				t.Errorf("Code Quality report has %d issues", len(issues))
			}
		})
	}
}

// The Argo CD plugin's init and generate commands, run as the repo-server
// sidecar runs them (sh -c, Argo CD's environment, in the application's
// directory): good values render, and a failing check stops the render.
func TestArgoCDPlugin(t *testing.T) {
	t.Parallel()
	helm := requireTool(t, "helm", "go install helm.sh/helm/v3/cmd/helm@v3.22.0")
	bin := valuesmithDir(t)
	root := repoRoot(t)
	var cmp struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Init     struct{ Command, Args []string } `yaml:"init"`
			Generate struct{ Command, Args []string } `yaml:"generate"`
		} `yaml:"spec"`
	}
	data, err := os.ReadFile(filepath.Join(root, "examples/ci/argocd/plugin.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &cmp); err != nil || cmp.Kind != "ConfigManagementPlugin" {
		t.Fatalf("not a ConfigManagementPlugin: %v", err)
	}
	app := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/charts/langfuse"), app)
	// An application's chart has its dependencies in charts/ (helm
	// dependency build); the test chart does not ship them, so empty
	// stand-ins of the declared names and versions take their place (the
	// values keep them disabled).
	var chartFile struct {
		Dependencies []struct{ Name, Version string } `yaml:"dependencies"`
	}
	cy, _ := os.ReadFile(filepath.Join(app, "Chart.yaml"))
	if err := yaml.Unmarshal(cy, &chartFile); err != nil {
		t.Fatal(err)
	}
	for _, d := range chartFile.Dependencies {
		writeFile(t, filepath.Join(app, "charts", d.Name, "Chart.yaml"), "apiVersion: v2\nname: "+d.Name+"\nversion: "+d.Version+"\n")
	}
	// The chart's own values.yaml stays; the application's values are
	// another file, named in the plugin env.
	copyFile(t, filepath.Join(root, "examples/production.yaml"), filepath.Join(app, "values-prod.yaml"))
	env := []string{pathWith(bin, filepath.Dir(helm)), "ARGOCD_APP_NAME=langfuse", "ARGOCD_APP_NAMESPACE=langfuse",
		"ARGOCD_ENV_VALUES=values-prod.yaml", "HELM_NAMESPACE=", "NO_COLOR="}
	step := func(c struct{ Command, Args []string }) result {
		t.Helper()
		return command{dir: app, env: env, name: c.Command[0], args: append(c.Command[1:], c.Args...)}.run(t)
	}
	if r := step(cmp.Spec.Init); r.code != 0 {
		t.Fatalf("init on good values: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := step(cmp.Spec.Generate)
	if r.code != 0 || !strings.Contains(r.stdout, "kind: Deployment") {
		t.Fatalf("generate: exit %d\n%s", r.code, r.stderr)
	}
	// Values that fail the check never reach generate: init fails, and
	// Argo CD stops before rendering or syncing.
	writeFile(t, filepath.Join(app, "values-prod.yaml"), "langfuse:\n  web:\n    replicas: one\n")
	if r := step(cmp.Spec.Init); r.code == 0 || !strings.Contains(r.stderr, "values-prod.yaml:3:15: error [schema]") {
		t.Errorf("init on bad values: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestGenerateExampleMatchesGolden(t *testing.T) {
	want, err := os.ReadFile("../generate/testdata/production.values.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// With no input at all, generate shows the example, and says so.
	for _, args := range [][]string{{"generate", "--example"}, {"generate"}} {
		code, out, errs := run(t, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if out != string(want) {
			t.Errorf("%v differs from the production golden", args)
		}
		if note := strings.Contains(errs, "no inputs given: this is the embedded example"); note != (len(args) == 1) {
			t.Errorf("%v: stderr %q", args, errs)
		}
	}
	if !strings.Contains(string(want), "# PLACEHOLDERS: langfuse.example.com, postgres.example.internal:5432") {
		t.Error("the example output does not list its placeholder hosts in the header")
	}
}

// Every profile's example, as the command writes it: production and
// high-availability size web and worker at Langfuse's documented minimum
// with a heap ceiling, evaluation names the API versions helm template
// needs, and check --fail-on warning passes on each written file.
func TestGenerateEveryProfilePassesItsOwnCheck(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"production", "high-availability", "evaluation"} {
		file := filepath.Join(dir, p+".yaml")
		if code, _, errs := run(t, "generate", "--example", "--profile", p, "--values-out", file); code != ExitOK {
			t.Fatalf("%s: exit %d: %s", p, code, errs)
		}
		data, _ := os.ReadFile(file)
		text := string(data)
		want := []string{"- name: NODE_OPTIONS\n          value: \"--max-old-space-size=3072\""}
		switch p {
		case "evaluation":
			want = []string{"--max-old-space-size=768", "#     --api-versions clickhouse.com/v1alpha1/ClickHouseCluster \\\n#     --api-versions clickhouse.com/v1alpha1/KeeperCluster\n",
				"# valuesmith:ignore store-bundled the bundled stores are single instances"}
		default:
			want = append(want, "targetCPUUtilizationPercentage: 50", "      requests:\n        cpu: \"2\"\n        memory: \"4Gi\"\n      limits:\n        memory: \"4Gi\"")
			if strings.Count(text, "cpu: \"2\"\n        memory: \"4Gi\"") != 2 {
				t.Errorf("%s: web and worker do not both request 2 CPU and 4Gi", p)
			}
			if strings.Contains(text, "--api-versions") || strings.Contains(text, "valuesmith:ignore") {
				t.Errorf("%s: render flags or ignores in a profile that needs none", p)
			}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the file lacks %q", p, w)
			}
		}
		if code, out, errs := run(t, "check", "--fail-on", "warning", file); code != ExitOK {
			t.Errorf("%s: check --fail-on warning: exit %d\n%s%s", p, code, out, errs)
		}
	}
}

// Missing inputs are listed one a line, each with its flag and answers
// key, and one hint says where to give them.
func TestGenerateListsMissingInputs(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"generate", "--profile", "production"}, []string{"host (flag --host): required", "postgres.host (flag --postgres-host): required", "s3.region (flag --s3-region): required"}},
		{[]string{"generate", "--host", "lf.acme.io", "--values-out", "-"}, []string{"postgres.host (flag --postgres-host): required"}},
		{[]string{"generate", "--profile", "evaluation"}, []string{"host (flag --host): required"}},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != ExitUsage || out != "" {
			t.Fatalf("%v: exit %d, stdout %q", tt.args, code, out)
		}
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if last := lines[len(lines)-1]; last != "valuesmith: give the required inputs as flags or in an answers file (--answers FILE), or try --example" {
			t.Errorf("%v: the last line is %q", tt.args, last)
		}
		for _, want := range tt.want {
			if !strings.Contains(errs, "valuesmith: "+want+"\n") {
				t.Errorf("%v: stderr lacks %q:\n%s", tt.args, want, errs)
			}
		}
	}
	if code, _, errs := run(t, "generate", "--answers", ""); code != ExitUsage || !strings.Contains(errs, "--answers needs a file name") {
		t.Fatalf("--answers '': exit %d, %q", code, errs)
	}
}

// Several bad flags at once: every problem is reported in the same run, a
// type, a format, a URL for a host, a choice, a refused value and the
// missing inputs, each naming its flag and answers key.
func TestGenerateReportsEveryBadInputAtOnce(t *testing.T) {
	code, out, errs := run(t, "generate", "--host", "https://x", "--web-memory", "2GB", "--web-replicas", "two",
		"--zone-spread", "sideways", "--redis-tls=false", "--accept", "signup-open")
	if code != ExitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	for _, want := range []string{
		`valuesmith: --host (answers key host): "https://x" is not a host name but a URL; give its host alone: x`,
		`valuesmith: --web-memory (answers key web.memory): "2GB" is not a Kubernetes memory quantity`,
		`valuesmith: --web-replicas (answers key web.replicas): "two" is not a whole number`,
		`valuesmith: --zone-spread (answers key spread.zone): "sideways" is not allowed`,
		`valuesmith: --redis-tls (answers key redis.tls): an external Redis without TLS`,
		`valuesmith: --accept (answers key accept): "signup-open" is not RULE=REASON`,
		`valuesmith: postgres.host (flag --postgres-host): required`,
		`valuesmith: clickhouse.host (flag --clickhouse-host): required`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// --accept accepts a warning the inputs raise, and the file marks it at
// its line, so that check --fail-on warning passes on the written file.
func TestGenerateAcceptFlag(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "values.yaml")
	code, _, errs := run(t, "generate", "--example", "--redis-tls=false", "--accept", "redis-tls-off=the Redis is on the node's private network", "--values-out", values)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, _ := os.ReadFile(values)
	if !strings.Contains(string(data), "  # valuesmith:ignore redis-tls-off the Redis is on the node's private network\n") {
		t.Errorf("the file does not mark the accepted warning:\n%s", data)
	}
	if code, out, errs := run(t, "check", "--fail-on", "warning", values); code != ExitOK {
		t.Fatalf("check --fail-on warning: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, "generate", "--example", "--redis-tls=false"); code != ExitUsage || !strings.Contains(errs, "--accept redis-tls-off=REASON") {
		t.Fatalf("without --accept: exit %d, %q", code, errs)
	}
	// Warnings of the inputs and those only the generated values show
	// come in one run.
	code, _, errs = run(t, "generate", "--example", "--postgres", "bundled", "--redis-tls=false")
	for _, want := range []string{"--accept store-bundled=REASON", "--accept redis-tls-off=REASON",
		"valuesmith: accept (flag --accept): the generated values raise warning store-image-floating at postgresql.image.tag"} {
		if code != ExitUsage || !strings.Contains(errs, want) {
			t.Errorf("bundled PostgreSQL, no TLS: exit %d, stderr lacks %q:\n%s", code, want, errs)
		}
	}
	code, _, errs = run(t, "generate", "--example", "--postgres", "bundled", "--accept", "store-bundled=staging", "--accept", "store-image-floating=mirrored and pinned by our registry", "--values-out", filepath.Join(dir, "bundled.yaml"))
	if code != ExitOK {
		t.Fatalf("both accepted: exit %d, %s", code, errs)
	}
}

func TestGenerateBadAnswersFileIsPositioned(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	os.WriteFile(answers, []byte("host: lf.example.com\npostgres:\n  hots: db.example.com\n"), 0o644)
	code, _, errs := run(t, "generate", "--answers", answers)
	if code != ExitUsage || !strings.Contains(errs, answers+":3:3: postgres.hots: unknown key; did you mean \"host\"?") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "generate", "--example", "--profile", "nope"); code != ExitUsage || !strings.Contains(errs, "unknown profile") {
		t.Fatalf("unknown profile: exit %d, stderr %q", code, errs)
	}
}

func TestGenerateWritesFilesSafely(t *testing.T) {
	dir := t.TempDir()
	values := filepath.Join(dir, "values.yaml")
	answers := filepath.Join(dir, "answers.yaml")
	secrets := filepath.Join(dir, "secret.yaml")

	code, out, errs := run(t, "generate", "--example", "--host", "lf.example.org", "--values-out", values, "--save-answers", answers, "--secrets-out", secrets)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	first, _ := os.ReadFile(values)
	secret, _ := os.ReadFile(secrets)
	if st, err := os.Stat(secrets); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file mode: %v %v", st.Mode(), err)
	}
	// No generated secret value may leave the secrets file.
	for _, m := range regexp.MustCompile(`(?m)^  [a-z-]+: "([^"]+)"$`).FindAllStringSubmatch(string(secret), -1) {
		v := m[1]
		for name, text := range map[string]string{"values": string(first), "stdout": out, "stderr": errs} {
			if strings.Contains(text, v) {
				t.Errorf("a secret value appears in %s", name)
			}
		}
	}

	// Nothing is overwritten without --force; secrets never.
	if code, _, errs := run(t, "generate", "--example", "--values-out", values); code != ExitUsage || !strings.Contains(errs, "exists") {
		t.Fatalf("overwrite without --force: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "generate", "--example", "--values-out", filepath.Join(dir, "other.yaml"), "--secrets-out", secrets, "--force"); code != ExitUsage || !strings.Contains(errs, "refusing to overwrite a secrets file") {
		t.Fatalf("secrets overwrite: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.yaml")); err == nil {
		t.Fatal("a refused run still wrote its values file")
	}
	if again, _ := os.ReadFile(secrets); !bytes.Equal(again, secret) {
		t.Fatal("secrets file changed")
	}

	// The saved answers reproduce the values byte for byte.
	replay := filepath.Join(dir, "replay.yaml")
	if code, _, errs := run(t, "generate", "--answers", answers, "--values-out", replay); code != ExitOK {
		t.Fatalf("replay: exit %d: %s", code, errs)
	}
	if second, _ := os.ReadFile(replay); !bytes.Equal(first, second) {
		t.Fatal("generate --answers <saved answers> changed the output")
	}
	if code, _, errs := run(t, "generate", "--answers", answers, "--values-out", values, "--force"); code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// Every refusal is decided before the first write: a refused run leaves
// the directory exactly as it found it, and writes nothing to stdout.
func TestGenerateRefusesBeforeWriting(t *testing.T) {
	base := []string{"generate", "--host", "langfuse.acme.io", "--postgres-host", "pg.acme.internal:5432",
		"--redis-host", "redis.acme.internal", "--clickhouse-host", "https://ch.acme.internal",
		"--s3-bucket", "acme-langfuse", "--s3-region", "eu-west-1"}
	tests := []struct {
		name  string
		setup func(t *testing.T) // runs in the (empty) working directory
		args  []string
		want  string
	}{
		{"values and answers the same file, --force",
			nil, []string{"--values-out", "v.yaml", "--save-answers", "v.yaml", "--force"},
			"--values-out v.yaml and --save-answers v.yaml are the same file"},
		{"values and answers the same file",
			nil, []string{"--values-out", "v2.yaml", "--save-answers", "v2.yaml"},
			"--values-out v2.yaml and --save-answers v2.yaml are the same file"},
		{"answers and secrets the same file",
			nil, []string{"--save-answers", "x.yaml", "--secrets-out", "x.yaml"},
			"--save-answers x.yaml and --secrets-out x.yaml are the same file"},
		{"the same file spelled differently",
			nil, []string{"--values-out", "v.yaml", "--save-answers", "./sub/../v.yaml"},
			"are the same file"},
		{"the same file through a symbolic link to its directory",
			func(t *testing.T) {
				if err := os.Mkdir("real", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink("real", "link"); err != nil {
					t.Skip(err)
				}
			},
			[]string{"--values-out", "real/v.yaml", "--save-answers", "link/v.yaml", "--force"},
			"are the same file"},
		{"secrets into a missing directory",
			nil, []string{"--values-out", "v.yaml", "--save-answers", "a.yaml", "--secrets-out", "nosuchdir/s.yaml"},
			"cannot write nosuchdir/s.yaml: directory nosuchdir does not exist"},
		{"secrets into a missing directory, --force keeps the old values",
			func(t *testing.T) { os.WriteFile("v.yaml", []byte("old values\n"), 0o644) },
			[]string{"--values-out", "v.yaml", "--save-answers", "a.yaml", "--secrets-out", "nosuchdir/s.yaml", "--force"},
			"directory nosuchdir does not exist"},
		{"answers into a missing directory",
			nil, []string{"--values-out", "v.yaml", "--save-answers", "nosuchdir/a.yaml"},
			"cannot write nosuchdir/a.yaml: directory nosuchdir does not exist"},
		{"answers to standard output",
			nil, []string{"--save-answers", "-"},
			"--save-answers needs a file name: standard output is for the values"},
		{"answers to standard output, with a values file",
			nil, []string{"--values-out", "v.yaml", "--save-answers", "-", "--force"},
			"--save-answers needs a file name"},
		{"secrets to standard output",
			nil, []string{"--secrets-out", "-"},
			"--secrets-out needs a file name: standard output is for the values"},
		{"secrets to standard output, with values and answers files",
			nil, []string{"--values-out", "v.yaml", "--save-answers", "a.yaml", "--secrets-out", "-"},
			"--secrets-out needs a file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			if tt.setup != nil {
				tt.setup(t)
			}
			before := snapshot(t, dir)
			code, out, errs := run(t, append(append([]string{}, base...), tt.args...)...)
			if code != ExitUsage || out != "" {
				t.Errorf("exit %d, stdout %d bytes; want exit %d and no output", code, len(out), ExitUsage)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q, want one line with %q", errs, tt.want)
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("a refused run changed the directory:\n--- before\n%s--- after\n%s", before, after)
			}
		})
	}
}

// snapshot lists every file under dir with its mode and contents.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		data := ""
		if info.Mode().IsRegular() {
			bs, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			data = string(bs)
		}
		fmt.Fprintf(&b, "%s %v %q\n", rel, info.Mode(), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A successful run with every file writes each one whole, with its mode,
// and --force replaces the values and answers but never the Secret.
func TestGenerateWritesAllFiles(t *testing.T) {
	golden, err := os.ReadFile("../generate/testdata/production.values.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	args := []string{"generate", "--example", "--values-out", "v.yaml", "--save-answers", "a.yaml", "--secrets-out", "s.yaml"}
	code, out, errs := run(t, args...)
	if code != ExitOK || out != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, out, errs)
	}
	for _, w := range []string{"wrote v.yaml (profile production)", "wrote a.yaml (replay with: valuesmith generate --answers a.yaml)", "to s.yaml (mode 0600)"} {
		if strings.Count(errs, w) != 1 {
			t.Errorf("stderr does not say %q once: %q", w, errs)
		}
	}
	if v, _ := os.ReadFile("v.yaml"); !bytes.Equal(v, golden) {
		t.Error("v.yaml differs from the production golden")
	}
	for name, perm := range map[string]os.FileMode{"v.yaml": 0o644, "a.yaml": 0o644, "s.yaml": 0o600} {
		if st, err := os.Stat(name); err != nil || st.Mode().Perm() != perm {
			t.Errorf("%s: mode %v, want %v (%v)", name, st.Mode().Perm(), perm, err)
		}
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 3 {
		t.Errorf("want exactly v.yaml, a.yaml and s.yaml, got %v", entries)
	}

	// --force replaces values and answers; it never replaces the Secret,
	// and refusing that leaves the values and answers alone.
	before := snapshot(t, dir)
	if code, _, errs := run(t, append(args, "--force")...); code != ExitUsage || !strings.Contains(errs, "refusing to overwrite a secrets file") {
		t.Fatalf("--force over a secrets file: exit %d, %q", code, errs)
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("a refused run changed the directory:\n--- before\n%s--- after\n%s", before, after)
	}
	if code, _, errs := run(t, "generate", "--answers", "a.yaml", "--values-out", "v.yaml", "--save-answers", "a.yaml", "--force"); code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, errs)
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("replaying the answers with --force changed the files:\n--- before\n%s--- after\n%s", before, after)
	}
}

func TestProfilesListsEachOnOneLine(t *testing.T) {
	code, out, _ := run(t, "profiles")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != ExitOK || len(lines) != 3 || !strings.HasPrefix(lines[0], "production ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

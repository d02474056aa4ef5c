package migrate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// chart1Defaults are the chart's 1.5.41 values: the published values.yaml
// with its comments, where the shared reference copy is found (searched
// upwards), and the same data as the 1.x home keeps it.
func chart1Defaults(t *testing.T) []string {
	t.Helper()
	files := []string{"../../schema/v15/defaults-1.5.41.yaml"}
	for up := "../../.."; len(up) < 20; up += "/.." {
		p := filepath.Join(up, "shared/reference/upstream-values/langfuse-chart-1.5.41.values.yaml")
		if _, err := os.Stat(p); err == nil {
			return append(files, p)
		}
	}
	t.Log("the published values.yaml of chart 1.5.41 is not found; migrating the home's copy only")
	return files
}

func options(t testing.TB) Options {
	t.Helper()
	to, err := schema.Lookup("2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Target: to, Check: check.Options{Rules: sel.Rules, Policy: sel.Policy}}
}

func migrateOne(t *testing.T, name string, data []byte) *FileResult {
	t.Helper()
	res, err := Run(options(t), []File{{Name: name, Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) > 0 {
		t.Fatalf("input error: %v", res.InputErrors[0])
	}
	return res.Files[0]
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/migrate/ -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./internal/migrate/ -update rewrites it):\n%s", path, got)
	}
}

// TestMigrateGolden: realistic chart 1.x files migrate to the golden
// output and report, the result has no schema finding for 2.0.0, and
// migrating the result again changes nothing.
func TestMigrateGolden(t *testing.T) {
	for _, name := range []string{"bundled-bitnami", "external-stores"} {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join("testdata", name+".yaml")
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			fr := migrateOne(t, in, src)
			if !fr.Changed() {
				t.Fatal("nothing changed")
			}
			golden(t, in+".migrated", fr.After)
			res := &Result{Files: []*FileResult{fr}}
			golden(t, in+".report", []byte(res.Report(options(t).Target, false)))
			for _, f := range fr.Remaining {
				if f.RuleID == finding.SchemaRule {
					t.Errorf("schema finding after the migration: %s", f)
				}
			}
			again := migrateOne(t, in, fr.After)
			if again.Changed() || again.Nothing == "" {
				t.Errorf("migrating the result again changes it (%q)", again.Nothing)
			}
			untouchedLinesKept(t, src, fr)
		})
	}
}

// untouchedLinesKept: every line of the input outside the keys the
// migration changed (and the parents they left empty) is in the output,
// byte for byte and in order.
func untouchedLinesKept(t *testing.T, src []byte, fr *FileResult) {
	t.Helper()
	doc, err := values.Parse(fr.Name, src)
	if err != nil {
		t.Fatal(err)
	}
	after, err := values.Parse(fr.Name, fr.After)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	touched := map[int]bool{}
	mark := func(path []string) {
		f := doc.Root.Follow(path).Field
		if f == nil {
			return
		}
		for _, l := range keySpan(lines, f.KeyPos.Line, f.KeyPos.Col) {
			touched[l] = true
		}
	}
	for _, c := range fr.Changes {
		if c.Line == 0 {
			continue
		}
		path := strings.Split(c.Path, ".")
		mark(path)
		for i := len(path) - 1; i > 0; i-- {
			if after.Root.Follow(path[:i]).Node == nil {
				mark(path[:i])
			}
		}
	}
	out := strings.SplitAfter(string(fr.After), "\n")
	j := 0
	for i, line := range lines {
		if touched[i+1] || line == "" {
			continue
		}
		for j < len(out) && out[j] != line {
			j++
		}
		if j == len(out) {
			t.Errorf("untouched line %d is not in the output as it was: %q", i+1, line)
			return
		}
		j++
	}
}

// keySpan lists the lines of a key written at line:col: the comment lines
// directly above it, its own line, and every following line indented
// deeper (or blank or a comment) up to the next key at its level or above.
func keySpan(lines []string, line, col int) []int {
	var out []int
	for l := line - 1; l > 0 && strings.HasPrefix(strings.TrimSpace(lines[l-1]), "#"); l-- {
		out = append(out, l)
	}
	out = append(out, line)
	last := line
	for l := line + 1; l <= len(lines); l++ {
		text := strings.TrimRight(lines[l-1], "\r\n")
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if len(text)-len(strings.TrimLeft(text, " ")) < col {
			break
		}
		last = l
	}
	for l := line + 1; l <= last; l++ {
		out = append(out, l)
	}
	return out
}

// TestMigrateCRLF: a file with CRLF line endings keeps them.
func TestMigrateCRLF(t *testing.T) {
	src, err := os.ReadFile("testdata/external-stores.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lf := migrateOne(t, "a.yaml", src)
	crlf := migrateOne(t, "a.yaml", bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")))
	if want := bytes.ReplaceAll(lf.After, []byte("\n"), []byte("\r\n")); !bytes.Equal(crlf.After, want) {
		t.Errorf("CRLF file migrates differently:\n%q", crlf.After)
	}
}

// TestMigrateChart1Defaults: the chart's own 1.5.41 values.yaml, taken as
// a user's file, migrates to a file with no schema finding for 2.0.0, and
// the report lists what needs a person.
func TestMigrateChart1Defaults(t *testing.T) {
	for _, file := range chart1Defaults(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			migrateChart1Defaults(t, src)
		})
	}
}

func migrateChart1Defaults(t *testing.T, src []byte) {
	fr := migrateOne(t, "values.yaml", src)
	for _, f := range fr.Remaining {
		if f.RuleID == finding.SchemaRule {
			t.Errorf("schema finding after the migration: %s", f)
		}
	}
	if got, want := len(fr.Changes), 19; got != want {
		t.Errorf("%d changes, want %d", got, want)
	}
	if got, want := len(fr.Human), 7; got != want {
		t.Errorf("%d items for a person, want %d", got, want)
	}
	after, err := values.Parse("values.yaml", fr.After)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"clickhouse.clusterEnabled", "clickhouse.replicaCount", "redis.primary", "postgresql.primary", "clickhouse.zookeeper", "s3.image", "global.security"} {
		if after.Root.Lookup(p) != nil {
			t.Errorf("%s is still in the migrated file", p)
		}
	}
	if n := after.Root.Lookup("clickhouse.cluster.replicas"); n == nil || n.Int != 3 {
		t.Errorf("clickhouse.cluster.replicas is %v, want the 1.x default 3 carried over", n)
	}
	if again := migrateOne(t, "values.yaml", fr.After); again.Changed() {
		t.Error("migrating the result again changes it")
	}
}

// TestMigrateNothingToDo: files for chart 2.x, and files whose keys do not
// tell, are left alone.
func TestMigrateNothingToDo(t *testing.T) {
	for _, name := range []string{"already-2x", "undecided"} {
		src, err := os.ReadFile(filepath.Join("testdata", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		fr := migrateOne(t, name, src)
		if fr.Changed() || fr.Nothing == "" || len(fr.Changes) > 0 {
			t.Errorf("%s: changed (%q)", name, fr.Nothing)
		}
	}
}

// TestMigrateFromForcesTheMajor: --from migrates a file whose keys do not
// tell.
func TestMigrateFromForcesTheMajor(t *testing.T) {
	opts := options(t)
	from, err := schema.Lookup("1.5.41")
	if err != nil {
		t.Fatal(err)
	}
	opts.From = from
	res, err := Run(opts, []File{{Name: "u.yaml", Data: []byte("postgresql:\n  deploy: false\n  host: db\n")}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.Files[0].After)
	for _, want := range []string{"username: postgres\n", "database: postgres_langfuse\n", "tag: 3.224.1\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// TestMigrateMinIOImage: chart 1.x's s3.image is the Bitnami MinIO image,
// and chart 2.0.0 reads s3.image as the SeaweedFS image, so migrate removes
// it whatever it holds (never moves it to s3.allInOne.image, which nothing
// reads), lists it, and lists the settings beyond chart 1.x's default for
// a person. The result runs no MinIO image.
func TestMigrateMinIOImage(t *testing.T) {
	opts := options(t)
	from, err := schema.Lookup("1.5.41")
	if err != nil {
		t.Fatal(err)
	}
	opts.From = from
	for _, tc := range []struct {
		name, in string
		// human lists the settings a person is told about; empty: none.
		human string
	}{
		{name: "chart 1.x default", in: "s3:\n  deploy: true\n  image:\n    repository: bitnamilegacy/minio\n"},
		{name: "Bitnami tag and mirror", in: "s3:\n  deploy: true\n  image:\n    registry: registry.acme.io\n    repository: bitnami/minio\n    tag: 2024.12.18-debian-12-r1\n",
			human: "removed s3.image.registry, s3.image.repository, s3.image.tag: chart 1.x's MinIO image"},
		{name: "store not deployed", in: "s3:\n  deploy: false\n  bucket: b\n  image:\n    repository: minio/minio\n",
			human: "removed s3.image.repository: chart 1.x's MinIO image"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Run(opts, []File{{Name: "v.yaml", Data: []byte(tc.in)}})
			if err != nil {
				t.Fatal(err)
			}
			fr := res.Files[0]
			after, err := values.Parse("v.yaml", fr.After)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"s3.image", "s3.allInOne.image"} {
				if after.Root.Lookup(p) != nil {
					t.Errorf("%s is in the migrated file:\n%s", p, fr.After)
				}
			}
			removed := false
			for _, c := range fr.Changes {
				if c.Kind == Removed && c.Path == "s3.image" && c.Line > 0 && strings.Contains(c.Why, "SeaweedFS") {
					removed = true
				}
				if c.To == "s3.allInOne.image" {
					t.Errorf("moved to s3.allInOne.image: %+v", c)
				}
			}
			if !removed {
				t.Errorf("no removal of s3.image listed with why: %+v", fr.Changes)
			}
			var got []string
			for _, it := range fr.Human {
				if it.Path == "s3.image" {
					got = append(got, it.What)
				}
			}
			switch {
			case tc.human == "" && len(got) > 0:
				t.Errorf("items for a person about s3.image: %q", got)
			case tc.human != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.human)):
				t.Errorf("items for a person about s3.image: %q, want one starting %q", got, tc.human)
			}
			for _, f := range fr.Remaining {
				if f.RuleID == finding.SchemaRule || f.RuleID == "store-image-incompatible" || f.RuleID == "store-key-ignored" {
					t.Errorf("after the migration: %s", f)
				}
			}
		})
	}
}

// TestMigrateChart0Refused: a chart 0.x file gets one error naming its
// era, and no rewrite.
func TestMigrateChart0Refused(t *testing.T) {
	src, err := os.ReadFile("../../schema/testdata/moves/chart-0.x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(options(t), []File{{Name: "old.yaml", Data: src}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.InputErrors) != 1 || len(res.Files) != 0 {
		t.Fatalf("want one input error, got %d errors and %d files", len(res.InputErrors), len(res.Files))
	}
	if e := res.InputErrors[0]; e.Line == 0 || !strings.Contains(e.Msg, "chart 0.x") || !strings.Contains(e.Msg, "upgrade-v0.13-to-v1.0") {
		t.Errorf("error %v", e)
	}
}

// TestMigrateSecretsMasked: the diff never shows a literal secret.
func TestMigrateSecretsMasked(t *testing.T) {
	src, err := os.ReadFile("testdata/bundled-bitnami.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fr := migrateOne(t, "b.yaml", src)
	diff, err := fr.Diff()
	if err != nil {
		t.Fatal(err)
	}
	report := (&Result{Files: []*FileResult{fr}}).Report(options(t).Target, false)
	for _, s := range []string{"s3cr3t-redis-pw", "ch-pass-7f3a", "minio-root-pw-9"} {
		if strings.Contains(diff, s) || strings.Contains(report, s) {
			t.Errorf("the secret %q is shown", s)
		}
	}
	if !strings.Contains(diff, `"<redacted>"`) {
		t.Error("no masked secret in the diff")
	}
}

// TestFlagsToConfig: Bitnami Valkey flags become valkey.conf lines; what
// is not a flag is left to a person.
func TestFlagsToConfig(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{in: "postgresql: {}\nredis:\n  primary:\n    extraFlags: ['--maxmemory-policy noeviction', '--save=']\n", want: "maxmemory-policy noeviction\n    save\n"},
		{in: "redis:\n  primary:\n    extraFlags: [maxmemory 1gb]\n", bad: true},
	} {
		fr := migrateOne(t, "r.yaml", []byte(tc.in))
		got := string(fr.After)
		if tc.bad {
			if strings.Contains(got, "valkeyConfig") || !strings.Contains(fr.Report(), "could not be rewritten") {
				t.Errorf("a non-flag was converted:\n%s", got)
			}
			continue
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("got:\n%s\nwant it to hold %q", got, tc.want)
		}
	}
}

// Report is one file's report, for tests.
func (f *FileResult) Report() string {
	var b strings.Builder
	for _, it := range f.Human {
		b.WriteString(it.What + "\n")
	}
	return b.String()
}

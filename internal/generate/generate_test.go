package generate

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s", path, got)
	}
}

func mustGenerate(t *testing.T, in spec.Inputs) []byte {
	t.Helper()
	a, ps, err := spec.Resolve(in)
	if err != nil || len(ps) > 0 {
		t.Fatalf("resolve: %v %v", err, ps)
	}
	res, err := Values(a)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return res.Values
}

func TestProfileGoldens(t *testing.T) {
	for _, p := range profiles.Names() {
		t.Run(p, func(t *testing.T) {
			out := mustGenerate(t, spec.Inputs{Profile: p, Example: true})
			golden(t, p+".values.yaml", out)
			assertPassesFailOnWarning(t, p, out)
		})
	}
}

func loadAnswers(t *testing.T, path string) *values.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := values.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestFullAnswersGolden(t *testing.T) {
	out := mustGenerate(t, spec.Inputs{Answers: loadAnswers(t, "testdata/full.answers.yaml")})
	golden(t, "full.values.yaml", out)
	assertPassesFailOnWarning(t, "full", out)
}

// Saving the effective answers and generating from them gives the same
// bytes, whatever mix of profile, answers and flags produced them.
func TestSavedAnswersReproduceOutput(t *testing.T) {
	cases := []spec.Inputs{
		{Example: true},
		{Example: true, Profile: "evaluation", Flags: map[string]string{"host": "lf.example.org", "log-format": "text"}},
		{Answers: loadAnswers(t, "testdata/full.answers.yaml"), Flags: map[string]string{"worker-queue-length": "100", "redis-tls": "true"}},
		{Example: true, Flags: map[string]string{"redis-tls": "false", "web-cpu": "1"}, Accept: []string{"redis-tls-off=on a private network", "resources-below-minimum=measured to be enough"}},
		{Example: true, Profile: "high-availability", Flags: map[string]string{"redis-topology": "cluster", "redis-nodes": "a.example:6379,b.example:6379", "worker-autoscaling": "keda-queue", "s3-endpoint": "https://minio.example.org", "s3-path-style": "true"}},
	}
	for i, in := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			a, err := spec.Assemble(in)
			if err != nil {
				t.Fatal(err)
			}
			first := mustGenerate(t, in)
			saved, err := spec.EncodeAnswers(a)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := values.Parse("saved.yaml", saved)
			if err != nil {
				t.Fatalf("saved answers do not parse: %v\n%s", err, saved)
			}
			again := mustGenerate(t, spec.Inputs{Answers: doc})
			if !bytes.Equal(first, again) {
				t.Fatalf("replaying saved answers changed the output\n--- saved answers\n%s", saved)
			}
		})
	}
}

// Every combination that passes input validation must pass the self-check
// (schema and every rule at the profile's policy) and be byte-identical on a
// second run. Combinations that validation rejects must be rejected with
// input problems, never reach the self-check.
func TestMatrix(t *testing.T) {
	type dim struct {
		flag string
		vals []string
	}
	dims := []dim{
		{"", profiles.Names()},
		{"web-autoscaling", []string{"none", "hpa", "keda"}},
		{"worker-autoscaling", []string{"none", "hpa", "keda", "keda-queue"}},
		{"redis-topology", []string{"standalone", "cluster", "sentinel"}},
		{"clickhouse-cluster", []string{"true", "false"}},
		{"s3-credentials", []string{"secret", "workload-identity"}},
		{"zone-spread", []string{"hard", "soft", "off"}},
		{"web-replicas", []string{"2", "4"}},
	}
	total, valid, marked := 1, 0, 0
	for _, d := range dims {
		total *= len(d.vals)
	}
	for i := 0; i < total; i++ {
		flags := map[string]string{
			"redis-nodes":           "r1.example.internal:6379,r2.example.internal:6379,r3.example.internal:6379",
			"redis-sentinel-master": "primary",
			"redis-sentinel-nodes":  "s1.example.internal:26379,s2.example.internal:26379",
		}
		profile := ""
		rest := i
		var name []string
		for _, d := range dims {
			v := d.vals[rest%len(d.vals)]
			rest /= len(d.vals)
			name = append(name, v)
			if d.flag == "" {
				profile = v
				continue
			}
			flags[d.flag] = v
		}
		if flags["web-replicas"] == "4" {
			flags["worker-replicas"] = "4"
			flags["web-min-replicas"], flags["worker-min-replicas"] = "4", "4"
			flags["web-max-replicas"], flags["worker-max-replicas"] = "8", "8"
		}
		a, ps, err := spec.Resolve(spec.Inputs{Profile: profile, Example: true, Flags: flags})
		if err != nil {
			t.Fatalf("%v: resolve: %v", name, err)
		}
		if len(ps) > 0 {
			continue
		}
		valid++
		r1, err := Values(a)
		if err != nil {
			t.Fatalf("%v: passed validation but failed to generate:\n%v", name, err)
		}
		r2, err := Values(a)
		if err != nil || !bytes.Equal(r1.Values, r2.Values) {
			t.Fatalf("%v: second run differs", name)
		}
		if len(r1.Accepted) > 0 {
			marked++
		}
		assertPassesFailOnWarning(t, fmt.Sprint(name), r1.Values)
	}
	if valid < 200 {
		t.Fatalf("only %d of %d combinations are valid; the matrix must cover at least 200", valid, total)
	}
	if marked == 0 {
		t.Fatal("no combination has an accepted warning to mark; the matrix must cover some")
	}
	t.Logf("%d valid combinations of %d generated and self-checked (%d with accepted warnings marked)", valid, total, marked)
}

// assertPassesFailOnWarning checks generated values the way
// "valuesmith check --fail-on warning values.yaml" does: the default rules
// and policy, and no finding at warning level or above.
func assertPassesFailOnWarning(t *testing.T, name string, data []byte) {
	t.Helper()
	v, err := schema.Lookup(schema.DefaultChartVersion)
	if err != nil {
		t.Fatal(err)
	}
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := values.Parse("values.yaml", data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	release := doc.Root.Lookup("langfuse.web.pod.topologySpreadConstraints")
	settings := rules.Settings{}
	if release != nil && len(release.Items) > 0 {
		settings.Release = release.Items[0].Lookup("labelSelector.matchLabels").Get("app.kubernetes.io/instance").Text()
	}
	res, err := check.Run(check.Options{Version: v, Rules: sel.Rules, Policy: sel.Policy, Settings: settings},
		[]check.Release{{Layers: []check.Input{{Name: "values.yaml", Data: data}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity != finding.Info {
			t.Errorf("%s: check --fail-on warning fails: %s", name, f)
		}
	}
}

func TestMissingInputsAreListedTogether(t *testing.T) {
	_, ps, err := spec.Resolve(spec.Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"host (flag --host): required", "postgres.host (flag --postgres-host)", "redis.host (flag --redis-host)",
		"clickhouse.host (flag --clickhouse-host)", "s3.bucket (flag --s3-bucket)", "s3.region (flag --s3-region)"} {
		if !strings.Contains(ps.Error(), want) {
			t.Errorf("missing-inputs problems %q do not name %s", ps, want)
		}
	}
}

func TestBadInputsNameTheFlag(t *testing.T) {
	cases := []struct {
		flags map[string]string
		want  string
	}{
		{map[string]string{"app-version": "latest"}, "--app-version (answers key appVersion): \"latest\" is not a pinned release version"},
		{map[string]string{"host": "https://langfuse.example.com"}, "--host (answers key host): \"https://langfuse.example.com\" is not a host name"},
		{map[string]string{"web-memory": "4 gigs"}, "--web-memory (answers key web.memory): \"4 gigs\" is not a Kubernetes memory quantity"},
		{map[string]string{"postgres-secret": "Postgres_Secret"}, "--postgres-secret (answers key postgres.password.name): \"Postgres_Secret\" is not a valid Secret name"},
		{map[string]string{"pdb": "minAvailable", "pdb-value": "2"}, "replicas are below the PDB minimum"},
		{map[string]string{"web-autoscaling": "none", "web-replicas": "1"}, "--web-replicas (answers key web.replicas): 1 replica is a single point of failure"},
		{map[string]string{"web-replicas": "two"}, "--web-replicas (answers key web.replicas): \"two\" is not a whole number"},
		{map[string]string{"zone-spread": "sideways"}, "--zone-spread"},
		{map[string]string{"app-secret": "langfuse-app"}, "is the Secret the chart itself renders"},
		{map[string]string{"release": strings.Repeat("a", 60)}, "--release (answers key release): is longer than 53 characters"},
	}
	for _, tc := range cases {
		a, err := spec.Assemble(spec.Inputs{Example: true, Flags: tc.flags})
		var msg string
		switch {
		case err != nil:
			msg = err.Error()
		default:
			msg = a.Validate().Error()
		}
		if !strings.Contains(msg, tc.want) {
			t.Errorf("flags %v: got %q, want it to contain %q", tc.flags, msg, tc.want)
		}
	}
}

func TestAppSecretManifest(t *testing.T) {
	a, err := spec.Assemble(spec.Inputs{Example: true})
	if err != nil {
		t.Fatal(err)
	}
	vals := mustGenerate(t, spec.Inputs{Example: true})
	m1, err := AppSecretManifest(a.Spec)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := AppSecretManifest(a.Spec)
	if bytes.Equal(m1, m2) {
		t.Fatal("two secret manifests are identical: values are not random")
	}
	doc, err := values.Parse("secret.yaml", m1)
	if err != nil {
		t.Fatal(err)
	}
	data := doc.Root.Get("stringData")
	salt, key, nextauth := data.Get("salt").Str, data.Get("encryption-key").Str, data.Get("nextauth-secret").Str
	if b, err := hex.DecodeString(key); err != nil || len(key) != 64 || len(b) != 32 {
		t.Errorf("encryption key is not 64 hex characters")
	}
	for name, v := range map[string]string{"salt": salt, "nextauth-secret": nextauth} {
		if b, err := base64.StdEncoding.DecodeString(v); err != nil || len(b) < 32 {
			t.Errorf("%s is not 32+ random bytes in base64", name)
		}
		if bytes.Contains(vals, []byte(v)) {
			t.Errorf("%s appears in the values file", name)
		}
	}
	if bytes.Contains(vals, []byte(key)) {
		t.Error("encryption key appears in the values file")
	}
	if doc.Root.Lookup("metadata.name").Str != a.Spec.AppSecret.Name {
		t.Error("secret name does not match the values' references")
	}
}

func BenchmarkGenerate(b *testing.B) {
	a, err := spec.Assemble(spec.Inputs{Example: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Values(a); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Values(a); err != nil {
			b.Fatal(err)
		}
	}
}

package wizard

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
)

// interrupt scripted as a reply makes the fake return ErrInterrupted.
const interrupt = "^C"

// fake is a Prompter scripted by answers key: each question takes the next
// reply scripted for its key, and the default (Enter) when none is left. It
// runs Input's validator the way survey does: a rejected reply is recorded
// and the next one is taken.
type fake struct {
	t      *testing.T
	script map[string][]string
	// unchecked keys take their first reply without the validator, as a
	// Prompter that failed to check would; the walk must catch it at the
	// end.
	unchecked map[string]bool
	asked     []string
	rejected  map[string][]string
	offered   map[string][]string
}

func newFake(t *testing.T, script map[string][]string) *fake {
	return &fake{t: t, script: script, unchecked: map[string]bool{}, rejected: map[string][]string{}, offered: map[string][]string{}}
}

func (f *fake) next(key string) (string, bool) {
	f.asked = append(f.asked, key)
	rs := f.script[key]
	if len(rs) == 0 {
		return "", false
	}
	f.script[key] = rs[1:]
	return rs[0], true
}

func (f *fake) Select(q Question, options []Option, def string) (string, error) {
	var vals []string
	for _, o := range options {
		vals = append(vals, o.Value)
	}
	f.offered[q.Key] = vals
	if q.Help == "" || q.Message == "" {
		f.t.Errorf("%s: no message or help", q.Key)
	}
	r, ok := f.next(q.Key)
	if r == interrupt {
		return "", ErrInterrupted
	}
	if !ok || r == "" {
		r = def
	}
	if !slices.Contains(vals, r) {
		f.t.Fatalf("%s: scripted %q is not among the options %v", q.Key, r, vals)
	}
	return r, nil
}

func (f *fake) Input(q Question, def string, validate func(string) error) (string, error) {
	if q.Help == "" || q.Message == "" {
		f.t.Errorf("%s: no message or help", q.Key)
	}
	for {
		r, ok := f.next(q.Key)
		if r == interrupt {
			return "", ErrInterrupted
		}
		if r == "" {
			r = def
		}
		if ok && f.unchecked[q.Key] {
			delete(f.unchecked, q.Key)
			return r, nil
		}
		err := validate(r)
		if err == nil {
			return r, nil
		}
		f.rejected[q.Key] = append(f.rejected[q.Key], err.Error())
		if !ok {
			f.t.Fatalf("%s: the default %q is rejected and no other reply is scripted: %v", q.Key, def, err)
		}
	}
}

func (f *fake) Confirm(q Question, def bool) (bool, error) {
	r, _ := f.next(q.Key)
	switch r {
	case interrupt:
		return false, ErrInterrupted
	case "":
		return def, nil
	case "y", "yes", "true":
		return true, nil
	case "n", "no", "false":
		return false, nil
	}
	f.t.Fatalf("%s: scripted %q is not yes or no", q.Key, r)
	return false, nil
}

func (f *fake) wasAsked(key string) bool { return slices.Contains(f.asked, key) }

// script builds a script of single replies.
func script(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

// externalStores are the replies (and flags) every profile needs for
// external stores: the required connection details.
var externalReplies = []string{
	"host", "lf.example.org",
	"postgres.host", "pg.example.internal:5432",
	"redis.host", "redis.example.internal",
	"clickhouse.host", "https://ch.example.internal",
	"s3.region", "eu-west-1",
	"s3.bucket", "lf-example",
}

var externalFlags = map[string]string{
	"host":            "lf.example.org",
	"postgres-host":   "pg.example.internal:5432",
	"redis-host":      "redis.example.internal",
	"clickhouse-host": "https://ch.example.internal",
	"s3-region":       "eu-west-1",
	"s3-bucket":       "lf-example",
}

func with(base map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
			continue
		}
		out[kv[i]] = kv[i+1]
	}
	return out
}

// The store, Redis, scaling and credential questions that a branch does
// not need.
var (
	storeModeKeys   = []string{"postgres.mode", "redis.mode", "clickhouse.mode", "s3.mode"}
	externalDetails = []string{"postgres.host", "postgres.database", "postgres.user", "postgres.password.name", "redis.topology", "redis.host", "redis.port", "redis.password.name", "clickhouse.host", "clickhouse.httpPort", "clickhouse.password.name", "s3.bucket", "s3.region", "s3.credentials", "s3.secret.name"}
	clusterOnly     = []string{"redis.nodes"}
	sentinelOnly    = []string{"redis.sentinel.masterName", "redis.sentinel.nodes"}
	standaloneOnly  = []string{"redis.host", "redis.port"}
	queueOnly       = []string{"worker.queue.listLength", "worker.queue.pollingInterval", "worker.queue.shards"}
	webAutoscaled   = []string{"web.autoscaling.minReplicas", "web.autoscaling.maxReplicas", "web.autoscaling.cpuPercent"}
	workerScaled    = []string{"worker.autoscaling.minReplicas", "worker.autoscaling.maxReplicas", "worker.autoscaling.cpuPercent"}
	ingressDetails  = []string{"ingress.className", "ingress.tlsSecret", "ingress.certManagerIssuer"}
)

func join(lists ...[]string) []string { return slices.Concat(lists...) }

// noRedisHost are the external replies without the standalone Redis host.
func noRedisHost() []string {
	var out []string
	for i := 0; i < len(externalReplies); i += 2 {
		if externalReplies[i] != "redis.host" {
			out = append(out, externalReplies[i], externalReplies[i+1])
		}
	}
	return out
}

// Every branch of the walk gives the Spec that generate gives for the
// equivalent flags, and asks nothing the branch does not need.
func TestBranchesGiveTheSpecOfTheEquivalentFlags(t *testing.T) {
	cases := []struct {
		name string
		// profile is --profile; "" makes the walk ask, answered by the
		// "profile" reply (Enter: production).
		profile string
		replies []string
		flags   map[string]string
		// accept are the equivalent --accept flags.
		accept   []string
		asked    []string
		notAsked []string
	}{
		{
			name:    "production defaults",
			replies: externalReplies,
			flags:   externalFlags,
			asked: join(storeModeKeys, []string{"profile", "host", "release", "namespace", "appVersion", "ingress.enabled", "postgres.host", "redis.topology", "redis.host", "redis.port", "clickhouse.host", "s3.endpoint", "s3.region", "s3.bucket", "s3.credentials", "s3.secret.name", "web.autoscaling.mode", "web.autoscaling.minReplicas", "worker.autoscaling.mode", "worker.replicas", "pdb.value", "spread.zone", "spread.host", "startupSeconds", "appSecret.name",
				// Answers that raise a warning are offered too (taken with a
				// reason); Enter keeps the answer that raises none.
				"redis.tls", "signUpDisabled", "s3.pathStyle"}),
			notAsked: join(clusterOnly, sentinelOnly, queueOnly, workerScaled, []string{"web.replicas", "serviceAccountAnnotations"}),
		},
		{
			name:     "high-availability chosen",
			replies:  append([]string{"profile", "high-availability"}, externalReplies...),
			flags:    externalFlags,
			asked:    join(workerScaled, []string{"profile"}),
			notAsked: join(queueOnly, []string{"worker.replicas"}),
		},
		{
			name:     "evaluation, bundled stores",
			profile:  "evaluation",
			replies:  []string{"host", "lf.example.org", "signUpDisabled", "n", "accept.signup-open", "a demo anyone may join"},
			flags:    map[string]string{"host": "lf.example.org", "signup-disabled": "false"},
			accept:   []string{"signup-open=a demo anyone may join"},
			asked:    join(storeModeKeys, []string{"signUpDisabled", "web.replicas", "worker.replicas"}),
			notAsked: join(externalDetails, queueOnly, webAutoscaled, workerScaled, []string{"profile", "redis.tls", "redis.nodes"}),
		},
		{
			name:    "evaluation, external PostgreSQL only",
			profile: "evaluation",
			replies: []string{"host", "lf.example.org", "postgres.mode", "external", "postgres.host", "pg.example.internal", "postgres.user", "lf_app", "postgres.password.name", "pg-secret"},
			flags:   map[string]string{"host": "lf.example.org", "postgres": "external", "postgres-host": "pg.example.internal", "postgres-user": "lf_app", "postgres-secret": "pg-secret"},
			asked:   []string{"postgres.host", "postgres.database", "postgres.user", "postgres.password.name"},
			// Only PostgreSQL's details: the other stores stay bundled.
			notAsked: []string{"redis.topology", "redis.host", "clickhouse.host", "s3.bucket", "s3.credentials"},
		},
		{
			name:    "evaluation, external Redis only",
			profile: "evaluation",
			replies: []string{"host", "lf.example.org", "redis.mode", "external", "redis.host", "redis.example.internal"},
			flags:   map[string]string{"host": "lf.example.org", "redis": "external", "redis-host": "redis.example.internal", "redis-tls": "true"},
			// The profile's TLS off raises redis-tls-off with an external
			// Redis: Enter turns it on.
			asked:    []string{"redis.topology", "redis.host", "redis.port", "redis.password.name", "redis.tls"},
			notAsked: []string{"postgres.host", "clickhouse.host", "s3.bucket"},
		},
		{
			name:     "evaluation, external ClickHouse only",
			profile:  "evaluation",
			replies:  []string{"host", "lf.example.org", "clickhouse.mode", "external", "clickhouse.host", "http://ch.example.internal", "clickhouse.httpPort", "8123", "clickhouse.nativePort", "9000"},
			flags:    map[string]string{"host": "lf.example.org", "clickhouse": "external", "clickhouse-host": "http://ch.example.internal", "clickhouse-http-port": "8123", "clickhouse-native-port": "9000"},
			asked:    []string{"clickhouse.host", "clickhouse.httpPort", "clickhouse.nativePort", "clickhouse.password.name", "clickhouse.cluster"},
			notAsked: []string{"postgres.host", "redis.topology", "s3.bucket"},
		},
		{
			name:     "evaluation, external object storage only",
			profile:  "evaluation",
			replies:  []string{"host", "lf.example.org", "s3.mode", "external", "s3.region", "us-east-1", "s3.bucket", "lf-eval"},
			flags:    map[string]string{"host": "lf.example.org", "s3": "external", "s3-region": "us-east-1", "s3-bucket": "lf-eval"},
			asked:    []string{"s3.endpoint", "s3.region", "s3.bucket", "s3.credentials", "s3.secret.name"},
			notAsked: []string{"postgres.host", "redis.topology", "clickhouse.host"},
		},
		{
			name:    "evaluation, every store external",
			profile: "evaluation",
			replies: append([]string{"postgres.mode", "external", "redis.mode", "external", "clickhouse.mode", "external", "s3.mode", "external", "clickhouse.cluster", "y"}, externalReplies...),
			// An external Redis without TLS raises redis-tls-off: Enter
			// turns TLS on.
			flags: with(externalFlags, "postgres", "external", "redis", "external", "clickhouse", "external", "s3", "external", "redis-tls", "true", "clickhouse-cluster", "true"),
			asked: join(storeModeKeys, []string{"clickhouse.cluster", "redis.topology", "redis.tls"}),
		},
		{
			name:     "redis standalone on another port",
			profile:  "production",
			replies:  append([]string{"redis.port", "6380", "redis.password.name", "redis-auth"}, externalReplies...),
			flags:    with(externalFlags, "redis-port", "6380", "redis-secret", "redis-auth"),
			asked:    standaloneOnly,
			notAsked: join(clusterOnly, sentinelOnly),
		},
		{
			name:     "redis cluster",
			profile:  "production",
			replies:  append([]string{"redis.topology", "cluster", "redis.nodes", "r0.example.internal:6379, r1.example.internal:6379"}, noRedisHost()...),
			flags:    with(externalFlags, "redis-host", "", "redis-topology", "cluster", "redis-nodes", "r0.example.internal:6379,r1.example.internal:6379"),
			asked:    clusterOnly,
			notAsked: join(standaloneOnly, sentinelOnly),
		},
		{
			name:     "redis sentinel",
			profile:  "production",
			replies:  append([]string{"redis.topology", "sentinel", "redis.sentinel.masterName", "primary", "redis.sentinel.nodes", "s0.example.internal:26379,s1.example.internal:26379"}, noRedisHost()...),
			flags:    with(externalFlags, "redis-host", "", "redis-topology", "sentinel", "redis-sentinel-master", "primary", "redis-sentinel-nodes", "s0.example.internal:26379,s1.example.internal:26379"),
			asked:    sentinelOnly,
			notAsked: join(standaloneOnly, clusterOnly),
		},
		{
			name:     "web fixed replicas",
			profile:  "production",
			replies:  append([]string{"web.autoscaling.mode", "none", "web.replicas", "3", "web.cpu", "3", "web.memory", "6Gi"}, externalReplies...),
			flags:    with(externalFlags, "web-autoscaling", "none", "web-replicas", "3", "web-cpu", "3", "web-memory", "6Gi"),
			asked:    []string{"web.replicas", "web.cpu", "web.memory"},
			notAsked: webAutoscaled,
		},
		{
			name:     "web keda",
			profile:  "production",
			replies:  append([]string{"web.autoscaling.mode", "keda", "web.autoscaling.minReplicas", "3", "web.autoscaling.maxReplicas", "9", "web.autoscaling.cpuPercent", "60"}, externalReplies...),
			flags:    with(externalFlags, "web-autoscaling", "keda", "web-min-replicas", "3", "web-max-replicas", "9", "web-cpu-target", "60"),
			asked:    webAutoscaled,
			notAsked: []string{"web.replicas"},
		},
		{
			name:     "worker hpa",
			profile:  "production",
			replies:  append([]string{"worker.autoscaling.mode", "hpa", "worker.autoscaling.maxReplicas", "10"}, externalReplies...),
			flags:    with(externalFlags, "worker-autoscaling", "hpa", "worker-max-replicas", "10"),
			asked:    workerScaled,
			notAsked: join(queueOnly, []string{"worker.replicas"}),
		},
		{
			name:     "worker keda",
			profile:  "production",
			replies:  append([]string{"worker.autoscaling.mode", "keda", "worker.autoscaling.minReplicas", "4", "worker.autoscaling.maxReplicas", "8"}, externalReplies...),
			flags:    with(externalFlags, "worker-autoscaling", "keda", "worker-min-replicas", "4", "worker-max-replicas", "8"),
			asked:    workerScaled,
			notAsked: join(queueOnly, []string{"worker.replicas"}),
		},
		{
			name:    "worker keda-queue on standalone Redis",
			profile: "production",
			replies: append([]string{"worker.autoscaling.mode", "keda-queue", "worker.queue.listLength", "200", "worker.queue.pollingInterval", "10"}, externalReplies...),
			flags:   with(externalFlags, "worker-autoscaling", "keda-queue", "worker-queue-length", "200", "worker-queue-polling", "10"),
			asked:   join(workerScaled, []string{"worker.queue.listLength", "worker.queue.pollingInterval"}),
			// Shards split the queue in Redis Cluster only.
			notAsked: []string{"worker.queue.shards", "worker.replicas"},
		},
		{
			name:    "worker keda-queue on Redis Cluster",
			profile: "high-availability",
			replies: append([]string{"redis.topology", "cluster", "redis.nodes", "r0.example.internal:6379", "worker.autoscaling.mode", "keda-queue", "worker.queue.shards", "4"}, noRedisHost()...),
			flags:   with(externalFlags, "redis-host", "", "redis-topology", "cluster", "redis-nodes", "r0.example.internal:6379", "worker-autoscaling", "keda-queue", "worker-queue-shards", "4"),
			asked:   []string{"worker.queue.listLength", "worker.queue.pollingInterval", "worker.queue.shards"},
		},
		{
			name:     "s3 workload identity",
			profile:  "production",
			replies:  append([]string{"s3.credentials", "workload-identity"}, externalReplies...),
			flags:    with(externalFlags, "s3-credentials", "workload-identity"),
			asked:    []string{"s3.credentials", "serviceAccountAnnotations"},
			notAsked: []string{"s3.secret.name"},
		},
		{
			name:    "s3 secret with an S3-compatible endpoint",
			profile: "production",
			replies: append([]string{"s3.endpoint", "https://minio.example.internal", "s3.secret.name", "minio-keys"}, externalReplies...),
			// Non-AWS endpoints need path-style URLs: Enter turns them on.
			flags: with(externalFlags, "s3-endpoint", "https://minio.example.internal", "s3-path-style", "true", "s3-secret", "minio-keys"),
			asked: []string{"s3.secret.name", "s3.pathStyle"},
		},
		{
			name:     "no ingress",
			profile:  "production",
			replies:  append([]string{"ingress.enabled", "n"}, externalReplies...),
			flags:    with(externalFlags, "ingress", "false"),
			notAsked: ingressDetails,
		},
		{
			name:    "everything away from the defaults",
			profile: "production",
			replies: append([]string{
				"release", "observability", "namespace", "llm", "appVersion", "4.5.1",
				"ingress.className", "traefik", "ingress.tlsSecret", "lf-tls", "ingress.certManagerIssuer", "letsencrypt",
				"postgres.database", "lf_prod", "postgres.user", "lf_app", "postgres.password.name", "pg-lf",
				"clickhouse.httpPort", "8123", "clickhouse.nativePort", "9000", "clickhouse.password.name", "ch-lf",
				"web.autoscaling.minReplicas", "3", "web.autoscaling.maxReplicas", "12", "web.autoscaling.cpuPercent", "65",
				"worker.replicas", "4", "worker.cpu", "2", "worker.memory", "4Gi",
				"pdb.value", "25%", "spread.zone", "hard", "spread.host", "hard", "startupSeconds", "120", "appSecret.name", "lf-app-secrets",
			}, externalReplies...),
			flags: with(externalFlags, "release", "observability", "namespace", "llm", "app-version", "4.5.1",
				"ingress-class", "traefik", "tls-secret", "lf-tls", "cert-manager-issuer", "letsencrypt",
				"postgres-database", "lf_prod", "postgres-user", "lf_app", "postgres-secret", "pg-lf",
				"clickhouse-http-port", "8123", "clickhouse-native-port", "9000", "clickhouse-secret", "ch-lf",
				"web-min-replicas", "3", "web-max-replicas", "12", "web-cpu-target", "65",
				"worker-replicas", "4", "worker-cpu", "2", "worker-memory", "4Gi",
				"pdb-value", "25%", "zone-spread", "hard", "host-spread", "hard", "startup-seconds", "120", "app-secret", "lf-app-secrets"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, script(tc.replies...))
			ans, got, err := Ask(f, io.Discard, tc.profile)
			if err != nil {
				t.Fatalf("walk: %v", err)
			}
			profile := tc.profile
			if profile == "" {
				profile = "production"
				if r := script(tc.replies...)["profile"]; len(r) > 0 {
					profile = r[0]
				}
			}
			want, ps, err := spec.Resolve(spec.Inputs{Profile: profile, Flags: tc.flags, Accept: tc.accept})
			if err != nil || len(ps) > 0 {
				t.Fatalf("the equivalent flags are not valid: %v %v", err, ps)
			}
			if !reflect.DeepEqual(got.Spec, want.Spec) {
				t.Errorf("the wizard's Spec differs from the flags'\nwizard flags: %v\n--- wizard\n%+v\n--- flags\n%+v", ans.Flags, *got.Spec, *want.Spec)
			}
			// The wizard's result is itself a flag map that assembles to
			// the same Spec, the way generate would assemble it.
			again, err := spec.Assemble(ans.Inputs())
			if err != nil || !reflect.DeepEqual(again.Spec, want.Spec) {
				t.Errorf("assembling the wizard's flags: %v", err)
			}
			for _, k := range tc.asked {
				if !f.wasAsked(k) {
					t.Errorf("%s was not asked", k)
				}
			}
			for _, k := range tc.notAsked {
				if f.wasAsked(k) {
					t.Errorf("%s was asked but does not apply", k)
				}
			}
			if !slices.Equal(ans.Asked, f.asked) {
				t.Errorf("Answers.Asked %v, the prompter saw %v", ans.Asked, f.asked)
			}
			for k, rs := range f.script {
				if len(rs) > 0 {
					t.Errorf("scripted reply for %s never asked: %v", k, rs)
				}
			}
			for k, msgs := range f.rejected {
				t.Errorf("%s: a scripted reply was rejected: %v", k, msgs)
			}
		})
	}
}

// Choices that validation would refuse are not offered.
func TestOnlyChoicesThatFitAreOffered(t *testing.T) {
	f := newFake(t, script(externalReplies...))
	if _, _, err := Ask(f, io.Discard, "production"); err != nil {
		t.Fatal(err)
	}
	if got := f.offered["spread.zone"]; !slices.Equal(got, []string{"soft", "hard", "off"}) {
		t.Errorf("production zone spread offers %v; off is offered with its warning", got)
	}
	if got := f.offered["worker.autoscaling.mode"]; !slices.Contains(got, "keda-queue") {
		t.Errorf("external Redis: worker modes %v lack keda-queue", got)
	}

	f = newFake(t, script("host", "lf.example.org"))
	if _, _, err := Ask(f, io.Discard, "evaluation"); err != nil {
		t.Fatal(err)
	}
	if got := f.offered["worker.autoscaling.mode"]; slices.Contains(got, "keda-queue") {
		t.Errorf("bundled Redis: worker modes %v offer keda-queue, which reads an external Redis", got)
	}
	if got := f.offered["postgres.mode"]; !slices.Equal(got, []string{"external", "bundled"}) {
		t.Errorf("evaluation store modes %v", got)
	}
	if got := f.offered["web.autoscaling.mode"]; slices.Contains(got, "keda-queue") {
		t.Errorf("web modes %v offer keda-queue", got)
	}
}

// A wrong reply is refused as it is typed, with a message that says what
// is expected; generate refuses the same value given as its flag.
func TestRepliesAreCheckedLikeFlags(t *testing.T) {
	cases := []struct {
		key, bad, good, want string
		profile              string
		before               []string
	}{
		{key: "host", bad: "", want: "an answer is required here"},
		{key: "host", bad: "https://lf.example.org:8443:1", want: "is not a host name (lower-case DNS name without scheme or port"},
		{key: "host", bad: "ftp://lf.example.org", want: "is not a host name (lower-case DNS name without scheme or port"},
		{key: "host", bad: "LF.example.org", want: "is not a host name"},
		{key: "release", bad: "My_Release", want: "give lower-case letters, digits and '-'"},
		{key: "namespace", bad: "-ns", want: "give lower-case letters, digits and '-'"},
		{key: "appVersion", bad: "latest", want: "is not a pinned release version; give a full version such as 4.4.0"},
		{key: "ingress.tlsSecret", bad: "TLS_secret", want: "is not a valid Secret name"},
		{key: "postgres.host", bad: "pg.example.internal:99999", want: "is not host or host:port"},
		{key: "postgres.password.name", bad: "Postgres_Secret", want: "is not a valid Secret name (lower-case letters, digits, '-' and '.')"},
		{key: "redis.port", bad: "70000", want: "give a port number from 1 to 65535"},
		{key: "redis.port", bad: "six", want: "\"six\" is not a whole number; give a port number from 1 to 65535"},
		{key: "redis.host", bad: "redis.example.internal:6379", want: "is not a host name (give the port in redis.port)"},
		{key: "redis.nodes", bad: "r0.example.internal:6379,r1.example.internal", good: "r0.example.internal:6379", want: "\"r1.example.internal\" is not host:port", before: []string{"redis.topology", "cluster"}},
		{key: "clickhouse.host", bad: "ch.example.internal", want: "is not a URL such as https://clickhouse.example.com"},
		{key: "clickhouse.httpPort", bad: "0", want: "give a port number from 1 to 65535"},
		{key: "s3.bucket", bad: "LF", want: "is not an S3 bucket name"},
		{key: "s3.endpoint", bad: "minio.example.internal", want: "is not a URL such as https://minio.example.com"},
		{key: "web.autoscaling.maxReplicas", bad: "2", want: "2 is not above the minimum of 2"},
		{key: "web.autoscaling.cpuPercent", bad: "150", want: "give a whole number from 1 to 100"},
		{key: "web.cpu", bad: "lots", want: "is not a Kubernetes CPU quantity (such as 500m or 2)"},
		{key: "web.memory", bad: "4 gigs", want: "is not a Kubernetes memory quantity (such as 512Mi or 4Gi)"},
		{key: "worker.queue.listLength", bad: "0", want: "give a whole number of at least 1", before: []string{"worker.autoscaling.mode", "keda-queue"}},
		{key: "pdb.value", bad: "0", want: "maxUnavailable 0 would block every drain"},
		{key: "pdb.value", bad: "one", want: "give a count such as 1 or a percentage such as 25%"},
		{key: "startupSeconds", bad: "2", want: "give a whole number from 5 to 3600"},
		{key: "appSecret.name", bad: "langfuse-app", want: "is the Secret the chart itself renders"},
	}
	for _, tc := range cases {
		t.Run(tc.key+"="+tc.bad, func(t *testing.T) {
			t.Parallel()
			profile := tc.profile
			if profile == "" {
				profile = "production"
			}
			replies := slices.Clone(tc.before)
			replies = append(replies, tc.key, tc.bad)
			if tc.good != "" {
				replies = append(replies, tc.key, tc.good)
			}
			replies = append(replies, externalReplies...)
			f := newFake(t, script(replies...))
			if _, _, err := Ask(f, io.Discard, profile); err != nil {
				t.Fatalf("walk: %v", err)
			}
			got := f.rejected[tc.key]
			if len(got) == 0 || !strings.Contains(got[0], tc.want) {
				t.Fatalf("reply %q: rejections %q, want one containing %q", tc.bad, got, tc.want)
			}
			// generate refuses the same value as a flag, for the same key.
			flags := map[string]string{spec.FlagFor(tc.key): tc.bad}
			for i := 0; i < len(tc.before); i += 2 {
				flags[spec.FlagFor(tc.before[i])] = tc.before[i+1]
			}
			a, err := spec.Assemble(spec.Inputs{Profile: profile, Example: true, Flags: flags})
			var ps spec.Problems
			if err != nil && !errors.As(err, &ps) {
				t.Fatal(err)
			}
			if err == nil {
				ps = append(a.Missing(), a.Validate()...)
			}
			if !slices.ContainsFunc(ps, func(p spec.Problem) bool { return spec.BaseKey(p.Key) == tc.key }) {
				t.Errorf("generate --%s %q is accepted, the wizard refuses it", spec.FlagFor(tc.key), tc.bad)
			}
		})
	}
}

// A reply that slipped past the check as typed is caught when the whole
// set is validated, and its question is asked again.
func TestProblemsFoundAtTheEndAreAskedAgain(t *testing.T) {
	f := newFake(t, script(append([]string{"web.autoscaling.minReplicas", "1", "web.autoscaling.minReplicas", "3"}, externalReplies...)...))
	f.unchecked["web.autoscaling.minReplicas"] = true
	var out bytes.Buffer
	_, a, err := Ask(f, &out, "production")
	if err != nil {
		t.Fatal(err)
	}
	if a.Spec.Web.Autoscaling.MinReplicas != 3 {
		t.Errorf("min replicas %d, want the second reply 3", a.Spec.Web.Autoscaling.MinReplicas)
	}
	if n := strings.Count(strings.Join(f.asked, " "), "web.autoscaling.minReplicas"); n != 2 {
		t.Errorf("asked %d times, want 2", n)
	}
	if !strings.Contains(out.String(), "web.autoscaling.minReplicas: 1 replica is a single point of failure") {
		t.Errorf("the problem was not shown:\n%s", &out)
	}
}

func TestInterruptStopsTheWalk(t *testing.T) {
	for _, key := range []string{"profile", "host", "redis.topology", "ingress.enabled", "confirm"} {
		f := newFake(t, script(append([]string{key, interrupt}, externalReplies...)...))
		dir := t.TempDir()
		_, err := Prepare(f, Options{Values: filepath.Join(dir, "values.yaml"), Answers: filepath.Join(dir, "answers.yaml"), Out: io.Discard})
		if !errors.Is(err, ErrInterrupted) {
			t.Errorf("Ctrl-C at %s: %v", key, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("Ctrl-C at %s left files", key)
		}
	}
}

func opts(dir string) Options {
	return Options{Profile: "production", Values: filepath.Join(dir, "values.yaml"), Answers: filepath.Join(dir, "answers.yaml"), Out: io.Discard}
}

// The written answers replay through generate to the same values, byte
// for byte.
func TestWrittenAnswersReplay(t *testing.T) {
	dir := t.TempDir()
	o := opts(dir)
	o.SecretsOut = filepath.Join(dir, "secret.yaml")
	var out bytes.Buffer
	o.Out = &out
	plan, err := Prepare(newFake(t, script(externalReplies...)), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"profile       production", "host          lf.example.org", "redis         external redis.example.internal:6379, with TLS", "files         " + o.Values} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, &out)
		}
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	vals, _ := os.ReadFile(o.Values)
	saved, _ := os.ReadFile(o.Answers)
	doc, err := values.Parse(o.Answers, saved)
	if err != nil {
		t.Fatal(err)
	}
	a, err := spec.Assemble(spec.Inputs{Answers: doc})
	if err != nil {
		t.Fatal(err)
	}
	res, err := generate.Values(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) == 0 || !bytes.Equal(res.Values, vals) {
		t.Fatal("generate --answers on the saved answers does not reproduce the values")
	}
	if st, err := os.Stat(o.SecretsOut); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("secret file: %v", err)
	}
	assertOnly(t, dir, "answers.yaml", "secret.yaml", "values.yaml")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("directory holds %v, want %v", got, names)
	}
}

func TestExistingFilesNeedConfirmationOrForce(t *testing.T) {
	dir := t.TempDir()
	o := opts(dir)
	os.WriteFile(o.Values, []byte("mine\n"), 0o644)

	// Leaving at the summary writes nothing.
	_, err := Prepare(newFake(t, script(append([]string{"confirm", "quit"}, externalReplies...)...)), o)
	if !errors.Is(err, ErrDeclined) {
		t.Fatalf("declined: %v", err)
	}
	// Declining to replace writes nothing either.
	f := newFake(t, script(append([]string{"overwrite", "n"}, externalReplies...)...))
	if _, err := Prepare(f, o); !errors.Is(err, ErrDeclined) || !f.wasAsked("overwrite") {
		t.Fatalf("overwrite declined: %v, asked %v", err, f.asked)
	}
	if b, _ := os.ReadFile(o.Values); string(b) != "mine\n" {
		t.Fatal("the existing file changed")
	}
	assertOnly(t, dir, "values.yaml")

	// Confirming replaces it.
	plan, err := Prepare(newFake(t, script(append([]string{"overwrite", "y"}, externalReplies...)...)), o)
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(o.Values); string(b) == "mine\n" {
		t.Fatal("the confirmed file was not replaced")
	}
	// --force replaces both without asking.
	o.Force = true
	f = newFake(t, script(externalReplies...))
	plan, err = Prepare(f, o)
	if err != nil || f.wasAsked("overwrite") {
		t.Fatalf("force: %v, asked %v", err, f.asked)
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "answers.yaml", "values.yaml")

	// A secrets file is never replaced.
	o.SecretsOut = filepath.Join(dir, "answers.yaml")
	if _, err := Prepare(newFake(t, script(externalReplies...)), o); err == nil || !strings.Contains(err.Error(), "refusing to overwrite a secrets file") {
		t.Fatalf("secrets overwrite: %v", err)
	}
}

// When one file cannot be written, none is, and no temporary file stays.
func TestWriteIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	o := opts(dir)
	plan, err := Prepare(newFake(t, script(externalReplies...)), o)
	if err != nil {
		t.Fatal(err)
	}
	// The answers file's name is taken after the confirmation.
	if err := os.Mkdir(o.Answers, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := plan.Write(); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
	assertOnly(t, dir, "answers.yaml")
}

// From the summary, one answer is changed and the summary comes back; the
// files carry the changed answer, and the section's other questions keep
// theirs without being asked again.
func TestChangeAnAnswerFromTheSummary(t *testing.T) {
	dir := t.TempDir()
	o := opts(dir)
	var out bytes.Buffer
	o.Out = &out
	f := newFake(t, script(append([]string{"confirm", "change", "change", "redis.port", "redis.port", "", "redis.port", "6380", "confirm", "write"}, externalReplies...)...))
	plan, err := Prepare(f, o)
	if err != nil {
		t.Fatal(err)
	}
	if got := plan.Assembled.Spec.Redis.Port; got != 6380 {
		t.Errorf("redis port %d, want the changed 6380", got)
	}
	if n := strings.Count(out.String(), "\nSummary\n"); n != 2 {
		t.Errorf("the summary was shown %d times, want 2", n)
	}
	if !strings.Contains(out.String(), "redis         external redis.example.internal:6380, with TLS") {
		t.Errorf("the second summary lacks the change:\n%s", &out)
	}
	count := func(key string) int { return strings.Count(" "+strings.Join(f.asked, " ")+" ", " "+key+" ") }
	if count("redis.port") != 2 || count("redis.host") != 1 || count("redis.password.name") != 1 || count("redis.tls") != 1 {
		t.Errorf("asked %v: want redis.port twice and the rest of the Redis section once", f.asked)
	}
	if got := f.offered["change"]; !slices.Contains(got, "redis.port") || !slices.Contains(got, "host") || slices.Contains(got, "profile") {
		t.Errorf("the answers offered to change: %v", got)
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	saved, _ := os.ReadFile(o.Answers)
	if !strings.Contains(string(saved), "port: 6380") {
		t.Errorf("the answers file lacks the changed port:\n%s", saved)
	}
}

// Changing an answer that opens other questions asks them: a Redis
// Cluster needs its nodes, the standalone host is no longer asked.
func TestChangeAsksWhatNowApplies(t *testing.T) {
	f := newFake(t, script(append([]string{"confirm", "change", "change", "redis.topology", "redis.topology", "", "redis.topology", "cluster",
		"redis.nodes", "r0.example.internal:6379", "confirm", "write"}, externalReplies...)...))
	plan, err := Prepare(f, opts(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	s := plan.Assembled.Spec
	if s.Redis.Topology != "cluster" || !slices.Equal(s.Redis.Nodes, []string{"r0.example.internal:6379"}) {
		t.Errorf("redis %+v", s.Redis)
	}
	if !f.wasAsked("redis.nodes") || strings.Count(strings.Join(f.asked, " "), "redis.host ") != 1 {
		t.Errorf("asked %v", f.asked)
	}
}

// An answer that raises a warning is taken once a reason accepts it; an
// empty reason asks the question again.
func TestWarningAnswersNeedAReason(t *testing.T) {
	var out bytes.Buffer
	f := newFake(t, script(append([]string{
		"redis.tls", "n", "accept.redis-tls-off", "", "redis.tls", "n", "accept.redis-tls-off", "the Redis is on the node's private network",
		"web.autoscaling.minReplicas", "1", "accept.replicas-single", "a staging install",
	}, externalReplies...)...))
	ans, a, err := Ask(f, &out, "production")
	if err != nil {
		t.Fatal(err)
	}
	if a.Spec.Redis.TLS || a.Spec.Web.Autoscaling.MinReplicas != 1 {
		t.Errorf("the accepted answers were not taken: %+v", a.Spec)
	}
	want := []string{"redis-tls-off=the Redis is on the node's private network", "replicas-single=a staging install"}
	if !slices.Equal(ans.Accept, want) {
		t.Errorf("accept %v, want %v", ans.Accept, want)
	}
	if strings.Count(strings.Join(f.asked, " "), "redis.tls") != 2 {
		t.Errorf("redis.tls was not asked again after the empty reason: %v", f.asked)
	}
	if !strings.Contains(out.String(), "! redis-tls-off: an external Redis without TLS") {
		t.Errorf("the warning was not shown:\n%s", &out)
	}
	res, err := generate.Values(a)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Values), "# valuesmith:ignore redis-tls-off the Redis is on the node's private network") {
		t.Error("the values do not mark the accepted warning")
	}
}

// A warning only the generated values reveal (a bundled store's floating
// image) is offered to accept before the summary.
func TestWarningsOfTheGeneratedValuesAreOffered(t *testing.T) {
	f := newFake(t, script(append([]string{
		"postgres.mode", "bundled", "accept.store-bundled", "a staging install",
		"accept.store-image-floating", "pinned by our registry mirror", "confirm", "write",
	}, externalReplies...)...))
	plan, err := Prepare(f, opts(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(plan.Answers.Accept, "store-image-floating=pinned by our registry mirror") {
		t.Errorf("accept %v", plan.Answers.Accept)
	}
	if !strings.Contains(string(plan.Result.Values), "# valuesmith:ignore store-image-floating pinned by our registry mirror\npostgresql:") {
		t.Errorf("the values do not mark the accepted warning:\n%s", plan.Result.Values)
	}
	// The answers file keeps the reasons: generate replays it to the
	// same bytes.
	saved, err := spec.EncodeAnswers(plan.Assembled)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := values.Parse("answers.yaml", saved)
	if err != nil {
		t.Fatal(err)
	}
	_, res, err := generate.FromInputs(spec.Inputs{Answers: doc})
	if err != nil || !bytes.Equal(res.Values, plan.Result.Values) {
		t.Fatalf("replaying the answers: %v", err)
	}
}

// A pasted URL gives the host, and the wizard says what it kept.
func TestPastedURLGivesTheHost(t *testing.T) {
	var out bytes.Buffer
	replies := append([]string{"host", "https://LF.example.org/projects?x=1"}, externalReplies[2:]...)
	_, a, err := Ask(newFake(t, script(replies...)), &out, "production")
	if err != nil {
		t.Fatal(err)
	}
	if a.Spec.Host != "lf.example.org" {
		t.Errorf("host %q", a.Spec.Host)
	}
	if !strings.Contains(out.String(), "kept the host name lf.example.org from https://LF.example.org/projects?x=1") {
		t.Errorf("the wizard does not say what it kept:\n%s", &out)
	}
}

// Workload identity asks for the ServiceAccount annotation instead of
// sending the person to the answers file.
func TestWorkloadIdentityAsksForTheAnnotation(t *testing.T) {
	f := newFake(t, script(append([]string{"s3.credentials", "workload-identity",
		"serviceAccountAnnotations", "role-arn", "serviceAccountAnnotations", "eks.amazonaws.com/role-arn=arn:aws:iam::123456789012:role/langfuse"}, externalReplies...)...))
	ans, a, err := Ask(f, io.Discard, "production")
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Spec.ServiceAccountAnnotations["eks.amazonaws.com/role-arn"]; got != "arn:aws:iam::123456789012:role/langfuse" {
		t.Errorf("annotations %v", a.Spec.ServiceAccountAnnotations)
	}
	if got := f.rejected["serviceAccountAnnotations"]; len(got) != 1 || !strings.Contains(got[0], `"role-arn" is not key=value`) {
		t.Errorf("rejections %v", got)
	}
	again, err := spec.Assemble(ans.Inputs())
	if err != nil || !reflect.DeepEqual(again.Spec, a.Spec) {
		t.Errorf("generate's flags for the answers give another Spec: %v", err)
	}
}

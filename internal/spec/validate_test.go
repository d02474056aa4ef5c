package spec

import (
	"reflect"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// problemsOf resolves the example answers with an answers file (optional)
// and flags over them, and returns every input problem the generate command
// would report.
func problemsOf(t *testing.T, answers string, flags map[string]string) Problems {
	t.Helper()
	in := Inputs{Example: true, Flags: flags}
	if answers != "" {
		doc, err := values.Parse("answers.yaml", []byte(answers))
		if err != nil {
			t.Fatalf("parse answers: %v", err)
		}
		in.Answers = doc
	}
	_, ps, err := Resolve(in)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return ps
}

func TestExampleIsValid(t *testing.T) {
	if ps := problemsOf(t, "", nil); len(ps) > 0 {
		t.Fatalf("the example answers have problems:\n%v", ps)
	}
}

// Each case is an input the QA pass found accepted (or refused without its
// flag, position or the right message); each must be an input problem whose
// line contains want, and whose text never contains leak.
func TestValidateRefuses(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name    string
		answers string
		flags   map[string]string
		want    string
		leak    string
	}{
		// 1. Control characters, in any string, from flags or an answers file.
		{name: "newline in a flag", flags: map[string]string{"postgres-user": "x\nfullnameOverride: pwned"},
			want: "--postgres-user (answers key postgres.user): contains a line break", leak: "pwned"},
		{name: "newline in an accept reason", answers: "accept:\n  - rule: redis-tls-off\n    reason: \"vpn only\\nfullnameOverride: pwned\"\n",
			want: "answers.yaml:3:5: accept[0].reason (flag --accept): contains a line break", leak: "pwned"},
		{name: "carriage return", flags: map[string]string{"s3-region": "eu-west-1\rx"}, want: "--s3-region (answers key s3.region): contains a carriage return"},
		{name: "tab", flags: map[string]string{"redis-username": "lang\tfuse"}, want: "--redis-username (answers key redis.username): contains a tab"},
		{name: "DEL", flags: map[string]string{"clickhouse-user": "ch\x7f"}, want: "--clickhouse-user (answers key clickhouse.user): contains the control character U+007F"},
		{name: "NUL", flags: map[string]string{"postgres-database": "db\x00"}, want: "postgres.database): contains the control character U+0000"},
		{name: "unicode line separator", flags: map[string]string{"postgres-user": "x\u2028fullnameOverride: pwned"}, want: "contains a Unicode line break (U+2028)"},
		{name: "C1 next line", flags: map[string]string{"postgres-user": "x\u0085y"}, want: "contains a Unicode line break (U+0085)"},
		{name: "not UTF-8", flags: map[string]string{"postgres-user": "x\xffy"}, want: "contains bytes that are not UTF-8"},
		{name: "newline in a list item", flags: map[string]string{"redis-topology": "cluster"}, answers: "redis:\n  nodes: [\"r0.acme.io:6379\\nfullnameOverride: x\"]\n",
			want: "answers.yaml:2:11: redis.nodes[0] (flag --redis-nodes): contains a line break"},
		{name: "newline in an annotation value", answers: "serviceAccountAnnotations:\n  eks.amazonaws.com/role-arn: \"arn\\nfullnameOverride: pwned\"\n",
			want: `answers.yaml:2:3: serviceAccountAnnotations["eks.amazonaws.com/role-arn"]: contains a line break`, leak: "pwned"},
		{name: "newline in an annotation key", answers: "serviceAccountAnnotations:\n  \"a\\nfullnameOverride\": x\n",
			want: `answers.yaml:2:3: serviceAccountAnnotations["a\nfullnameOverride"]: the key contains a line break`},
		{name: "newline in a free-text name", flags: map[string]string{"clickhouse-database": "default\nfullnameOverride: pwned"},
			want: "--clickhouse-database (answers key clickhouse.database): contains a line break", leak: "pwned"},

		// 2. Hosts the Ingress or NEXTAUTH_URL cannot use.
		{name: "localhost", flags: map[string]string{"host": "localhost"}, want: `--host (answers key host): "localhost" is a loopback name`},
		{name: "sub.localhost", flags: map[string]string{"host": "langfuse.localhost"}, want: `--host (answers key host): "langfuse.localhost" is a loopback name`},
		{name: "loopback address", flags: map[string]string{"host": "127.0.0.1"}, want: `--host (answers key host): "127.0.0.1" is an IP address`},
		{name: "IP address", flags: map[string]string{"host": "1.2.3.4"}, want: `--host (answers key host): "1.2.3.4" is an IP address`},
		{name: "numeric top label", flags: map[string]string{"host": "10.1"}, want: `--host (answers key host): "10.1" ends in a numeric label`},
		{name: "host from answers", answers: "host: 10.0.0.1\n", want: `answers.yaml:1:1: host (flag --host): "10.0.0.1" is an IP address`},

		// 3. Credentials in hosts and URLs.
		{name: "clickhouse userinfo", flags: map[string]string{"clickhouse-host": "https://u:hunter2@ch.acme.io"},
			want: "--clickhouse-host (answers key clickhouse.host): holds user info (user:password@): credentials do not belong in values; use the Secret settings", leak: "hunter2"},
		{name: "s3 endpoint userinfo", flags: map[string]string{"s3-endpoint": "https://AKIA:hunter2@minio.acme.io", "s3-path-style": "true"},
			want: "--s3-endpoint (answers key s3.endpoint): holds user info", leak: "hunter2"},
		{name: "postgres userinfo", flags: map[string]string{"postgres-host": "lf:hunter2@pg.acme.io:5432"},
			want: "--postgres-host (answers key postgres.host): holds user info", leak: "hunter2"},
		{name: "redis userinfo", flags: map[string]string{"redis-host": "default:hunter2@redis.acme.io"},
			want: "--redis-host (answers key redis.host): holds user info", leak: "hunter2"},
		{name: "redis node userinfo", flags: map[string]string{"redis-topology": "cluster", "redis-nodes": "r0.acme.io:6379,u:hunter2@r1.acme.io:6379"},
			want: "--redis-nodes (answers key redis.nodes[1]): holds user info", leak: "hunter2"},
		{name: "host userinfo", flags: map[string]string{"host": "u:hunter2@langfuse.acme.io"}, want: "--host (answers key host): holds user info", leak: "hunter2"},
		{name: "postgres password parameter", flags: map[string]string{"postgres-args": "sslmode=require&password=hunter2"},
			want: "--postgres-args (answers key postgres.args): holds a password parameter", leak: "hunter2"},

		// 4. int32 counts, positive quantities, annotation keys.
		{name: "replicas beyond int32", flags: map[string]string{"web-replicas": "2147483648"}, want: "--web-replicas (answers key web.replicas)"},
		{name: "max replicas beyond int32", flags: map[string]string{"web-max-replicas": "99999999999"}, want: "--web-max-replicas (answers key web.autoscaling.maxReplicas)"},
		{name: "queue length beyond int32", flags: map[string]string{"worker-queue-length": "2147483648"}, want: "--worker-queue-length (answers key worker.queue.listLength)"},
		{name: "polling beyond int32", flags: map[string]string{"worker-queue-polling": "2147483648"}, want: "--worker-queue-polling (answers key worker.queue.pollingInterval)"},
		{name: "cooldown beyond int32", answers: "worker:\n  queue:\n    cooldownPeriod: 2147483648\n", want: "worker.queue.cooldownPeriod"},
		{name: "negative cpu", flags: map[string]string{"web-cpu": "-1"}, want: `--web-cpu (answers key web.cpu): "-1" is not above zero`},
		{name: "zero memory", flags: map[string]string{"web-memory": "0"}, want: `--web-memory (answers key web.memory): "0" is not above zero`},
		{name: "zero memory with a suffix", flags: map[string]string{"worker-memory": "0.0Gi"}, want: `--worker-memory (answers key worker.memory): "0.0Gi" is not above zero`},
		{name: "bad annotation key", answers: "serviceAccountAnnotations:\n  \"iam role\": x\n", want: `answers.yaml:2:3: serviceAccountAnnotations["iam role"]: "iam role" is not an annotation key`},
		{name: "annotation key with a bad prefix", answers: "serviceAccountAnnotations:\n  Bad_Prefix/role: x\n", want: `serviceAccountAnnotations["Bad_Prefix/role"]: "Bad_Prefix/role" is not an annotation key`},

		// 5. The chart version is exact.
		{name: "empty chart version flag", flags: map[string]string{"chart-version": ""}, want: "--chart-version (answers key chartVersion): required: give an exact chart version"},
		{name: "empty chart version answer", answers: "chartVersion: \"\"\n", want: "answers.yaml:1:1: chartVersion (flag --chart-version): required"},
		{name: "chart version prefix", flags: map[string]string{"chart-version": "2"}, want: `--chart-version (answers key chartVersion): "2" is not an exact chart version`},
		{name: "chart version minor prefix", flags: map[string]string{"chart-version": "2.0"}, want: `"2.0" is not an exact chart version`},
		{name: "chart version with v", flags: map[string]string{"chart-version": "v2.0.0"}, want: `"v2.0.0" is not an exact chart version`},

		// 6. The app Secret's keys.
		{name: "app secret keys the same", answers: "appSecret:\n  saltKey: same\n  encryptionKeyKey: same\n  nextauthSecretKey: same\n",
			want: `answers.yaml:3:3: appSecret.encryptionKeyKey: "same" is also the key of appSecret.saltKey`},
		{name: "app secret third key the same", answers: "appSecret:\n  saltKey: same\n  encryptionKeyKey: other\n  nextauthSecretKey: same\n",
			want: `answers.yaml:4:3: appSecret.nextauthSecretKey: "same" is also the key of appSecret.saltKey`},
		{name: "empty salt key", answers: "appSecret:\n  saltKey: \"\"\n", want: `answers.yaml:2:3: appSecret.saltKey: "" is not a valid Secret key`},
		{name: "s3 keys the same", flags: map[string]string{"s3-credentials": "secret"}, answers: "s3:\n  secret:\n    accessKeyIdKey: k\n    secretAccessKeyKey: k\n",
			want: `s3.secret.secretAccessKeyKey: "k" is also the key of s3.secret.accessKeyIdKey`},

		// 7. Only warnings and infos of the catalogue can be accepted.
		{name: "accept unknown rule", answers: "accept:\n  - rule: no-such-rule\n    reason: because\n", want: `answers.yaml:2:5: accept[0].rule (flag --accept): unknown rule "no-such-rule"`},
		{name: "accept an error", answers: "accept:\n  - rule: nextauth-url-insecure\n    reason: because\n", want: "accept[0].rule (flag --accept): nextauth-url-insecure is an error, and errors cannot be accepted"},
		{name: "accept schema", answers: "accept:\n  - rule: redis-tls-off\n    reason: vpn\n  - rule: schema\n    reason: because\n", want: "answers.yaml:4:5: accept[1].rule (flag --accept): schema findings cannot be accepted"},
		{name: "accept with a blank reason", answers: "accept:\n  - rule: redis-tls-off\n    reason: \" \"\n", want: "answers.yaml:3:5: accept[0].reason (flag --accept): accepting redis-tls-off needs a reason"},

		// 8. Secret names are DNS subdomains of up to 253 characters.
		{name: "secret name too long", flags: map[string]string{"app-secret": long(254)}, want: "--app-secret (answers key appSecret.name): a Secret name of 254 characters is too long (at most 253)"},
		{name: "secret name bad label", flags: map[string]string{"postgres-secret": "pg..secret"}, want: `--postgres-secret (answers key postgres.password.name): "pg..secret" is not a valid Secret name`},

		// 9. List items name their flag.
		{name: "redis node without port", flags: map[string]string{"redis-topology": "cluster", "redis-nodes": "r1.acme"},
			want: `--redis-nodes (answers key redis.nodes[0]): "r1.acme" is not host:port`},
		{name: "sentinel node without port", flags: map[string]string{"redis-topology": "sentinel", "redis-sentinel-master": "m", "redis-sentinel-nodes": "s0.acme:26379,s1.acme"},
			want: `--redis-sentinel-nodes (answers key redis.sentinel.nodes[1]): "s1.acme" is not host:port`},
		{name: "redis node from answers", flags: map[string]string{"redis-topology": "cluster"}, answers: "redis:\n  nodes:\n    - r0.acme:6379\n    - r1.acme\n",
			want: `answers.yaml:4:7: redis.nodes[1] (flag --redis-nodes): "r1.acme" is not host:port`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps := problemsOf(t, tc.answers, tc.flags)
			text := ps.Error()
			if len(ps) == 0 || !strings.Contains(text, tc.want) {
				t.Fatalf("got problems:\n%s\nwant one containing %q", text, tc.want)
			}
			if tc.leak != "" && strings.Contains(text, tc.leak) {
				t.Errorf("the problems repeat %q:\n%s", tc.leak, text)
			}
			for _, p := range ps {
				if s := p.String(); strings.ContainsAny(s, "\n\r") {
					t.Errorf("problem is not one line: %q", s)
				}
			}
		})
	}
}

// Inputs next to the refused ones that must still pass.
func TestValidateAccepts(t *testing.T) {
	cases := []struct {
		name    string
		answers string
		flags   map[string]string
	}{
		{name: "public host", flags: map[string]string{"host": "langfuse.acme.io"}},
		{name: "host with digits", flags: map[string]string{"host": "lf2.acme2.io"}},
		{name: "long secret name", flags: map[string]string{"app-secret": strings.Repeat("a", 100), "tls-secret": strings.Repeat("b.", 100) + "c"}},
		{name: "exact chart version", flags: map[string]string{"chart-version": "2.0.0"}},
		{name: "positive quantities", flags: map[string]string{"web-cpu": "0.5", "web-memory": "1e3", "worker-cpu": "+250m"},
			answers: "accept:\n  - rule: resources-below-minimum\n    reason: a test install\n"},
		{name: "documented minimum in other units", flags: map[string]string{"web-cpu": "2000m", "web-memory": "4096Mi", "worker-cpu": "2.5", "worker-memory": "5G"}},
		{name: "largest int32", flags: map[string]string{"web-replicas": "2147483647"}},
		{name: "accept a warning", answers: "accept:\n  - rule: redis-tls-off\n    reason: the Redis is reached over a VPN only\n", flags: map[string]string{"redis-tls": "false"}},
		{name: "accept an info", answers: "accept:\n  - rule: " + infoRule(t) + "\n    reason: known\n"},
		{name: "annotations", answers: "serviceAccountAnnotations:\n  eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/langfuse\n  plain: \"x y\"\n"},
		{name: "ip stores", flags: map[string]string{"postgres-host": "10.0.0.7:5432", "clickhouse-host": "http://10.0.0.8", "s3-endpoint": "http://10.0.0.9:9000", "s3-path-style": "true"}},
		{name: "postgres args", flags: map[string]string{"postgres-args": "sslmode=require&connect_timeout=10"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if ps := problemsOf(t, tc.answers, tc.flags); len(ps) > 0 {
				t.Fatalf("unexpected problems:\n%v", ps)
			}
		})
	}
}

func infoRule(t *testing.T) string {
	t.Helper()
	for _, id := range []string{"image-digest-missing", "ingress-class-missing"} {
		if acceptProblem(id) == "" {
			return id
		}
	}
	t.Skip("no info rule known to the test")
	return ""
}

// The injection attempts of the QA pass: each is refused as an input
// problem, and the templates refuse such a Spec even when Validate was
// skipped, so no input can end a comment and start a YAML key.
func TestCommentInjectionIsRefused(t *testing.T) {
	attempts := []struct {
		answers string
		flags   map[string]string
	}{
		{flags: map[string]string{"postgres-user": "x\nfullnameOverride: pwned"}},
		{flags: map[string]string{"release": "langfuse", "namespace": "ns\nfullnameOverride: pwned"}},
		{flags: map[string]string{"tls-secret": "tls\nfullnameOverride: pwned"}},
		{flags: map[string]string{"clickhouse-user": "ch\r\nfullnameOverride: pwned"}},
		{answers: "accept:\n  - rule: redis-tls-off\n    reason: \"vpn only\\nfullnameOverride: pwned\"\n"},
		{answers: "accept:\n  - rule: redis-tls-off\n    reason: \"vpn only\\u2028fullnameOverride: pwned\"\n"},
	}
	for _, at := range attempts {
		ps := problemsOf(t, at.answers, at.flags)
		if len(ps) == 0 {
			t.Errorf("answers %q flags %q: accepted", at.answers, at.flags)
		}
		if strings.Contains(ps.Error(), "\nfullnameOverride") || strings.Contains(ps.Error(), "\u2028") {
			t.Errorf("the problems print the injected line break: %s", ps)
		}
	}
	a, err := Assemble(Inputs{Example: true})
	if err != nil {
		t.Fatal(err)
	}
	a.Spec.Accept = append(a.Spec.Accept, Accepted{Rule: "redis-tls-off", Reason: "x\nfullnameOverride: pwned"})
	if err := a.CheckText(); err == nil || strings.Contains(err.Error(), "pwned") {
		t.Errorf("CheckText = %v, want a refusal that does not print the text", err)
	}
	a.Spec.Accept = nil
	a.Spec.ServiceAccountAnnotations = map[string]string{"k\n": "v"}
	if err := a.CheckText(); err == nil {
		t.Error("CheckText accepts a map key with a newline")
	}
}

// Every count in Spec is bounded to int32 in the answers schema, since
// Kubernetes stores replicas, autoscaler bounds and the like as int32.
func TestIntsAreBounded(t *testing.T) {
	var walk func(t reflect.Type, key string)
	walk = func(typ reflect.Type, key string) {
		for _, f := range reflect.VisibleFields(typ) {
			if f.Anonymous {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			k := strings.TrimPrefix(key+"."+name, ".")
			switch f.Type.Kind() {
			case reflect.Struct:
				walk(f.Type, k)
			case reflect.Int:
				c := constraintsOf(f)
				if c.max == nil || *c.max > MaxInt32 {
					t.Errorf("%s has no maximum of at most %d", k, MaxInt32)
				}
			}
		}
	}
	walk(reflect.TypeOf(Spec{}), "")
}

func TestFlagForListItems(t *testing.T) {
	for key, want := range map[string]string{
		"redis.nodes[0]":                     "redis-nodes",
		"redis.sentinel.nodes[12]":           "redis-sentinel-nodes",
		"accept[0].reason":                   "accept",
		`serviceAccountAnnotations["a.b/c"]`: "",
		"host":                               "host",
	} {
		if got := FlagFor(key); got != want {
			t.Errorf("FlagFor(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestKeyTokens(t *testing.T) {
	for key, want := range map[string][]string{
		"a.b[2].c":     {"a", "b", "2", "c"},
		`m["x.y/z"].n`: {"m", "x.y/z", "n"},
		`m["a\nb"]`:    {"m", "a\nb"},
		"host":         {"host"},
	} {
		if got := keyTokens(key); !reflect.DeepEqual(got, want) {
			t.Errorf("keyTokens(%q) = %q, want %q", key, got, want)
		}
	}
}

// Bad inputs of every kind are reported in one run: a flag that is not of
// its key's type, a choice that does not exist, a bad format, a missing
// input and a value the profile refuses, each naming its flag and key.
func TestResolveReportsEveryProblemAtOnce(t *testing.T) {
	answers, err := values.Parse("answers.yaml", []byte("web:\n  replica: 3\nspread:\n  zone: sideways\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, ps, err := Resolve(Inputs{Answers: answers, Flags: map[string]string{
		"host": "https://x", "web-memory": "2GB", "web-replicas": "two", "redis-tls": "false",
	}})
	if err != nil || a != nil {
		t.Fatalf("Resolve: %v, %v", a, err)
	}
	text := ps.Error()
	for _, want := range []string{
		`--host (answers key host): "https://x" is not a host name but a URL; give its host alone: x`,
		`--web-memory (answers key web.memory): "2GB" is not a Kubernetes memory quantity`,
		`--web-replicas (answers key web.replicas): "two" is not a whole number`,
		`answers.yaml:2:3: web.replica`,
		`answers.yaml:4:9: spread.zone (flag --zone-spread):`,
		`postgres.host (flag --postgres-host): required`,
		`s3.bucket (flag --s3-bucket): required`,
		`--redis-tls (answers key redis.tls): an external Redis without TLS`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the problems lack %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "web.replicas"); n != 1 {
		t.Errorf("web.replicas is reported %d times, want once (its default stands in for the other checks):\n%s", n, text)
	}
}

func TestAcceptFlag(t *testing.T) {
	answers, err := values.Parse("answers.yaml", []byte("accept:\n  - rule: signup-open\n    reason: VPN only\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := Inputs{Example: true, Answers: answers, Flags: map[string]string{"redis-tls": "false", "signup-disabled": "false"},
		Accept: []string{"redis-tls-off=the Redis is on the same private network"}}
	a, ps, err := Resolve(in)
	if err != nil || len(ps) > 0 {
		t.Fatalf("Resolve: %v\n%v", err, ps)
	}
	if got := a.Spec.Accept; len(got) != 2 || got[0].Rule != "signup-open" || got[1].Rule != "redis-tls-off" || got[1].Reason != "the Redis is on the same private network" {
		t.Fatalf("accept = %+v, want the answers' entry, then the flag's", got)
	}
	if p := a.PosOf("accept[1].rule"); p.File != "--accept" {
		t.Errorf("the flag's entry is positioned at %v", p)
	}

	for _, tc := range []struct{ flag, want string }{
		{"redis-tls-off", `--accept (answers key accept): "redis-tls-off" is not RULE=REASON`},
		{"=why", `--accept (answers key accept): "=why" is not RULE=REASON`},
		{"no-such-rule=why", `--accept (answers key accept[0].rule): unknown rule "no-such-rule"`},
		{"nextauth-url-insecure=why", "--accept (answers key accept[0].rule): nextauth-url-insecure is an error"},
	} {
		_, ps, err := Resolve(Inputs{Example: true, Accept: []string{tc.flag}})
		if err != nil || !strings.Contains(ps.Error(), tc.want) {
			t.Errorf("--accept %s: %v\n%v\nwant %q", tc.flag, err, ps, tc.want)
		}
	}
}

// A value that raises a warning is a problem that names the rule to
// accept; with the rule accepted it is not a problem.
func TestWarningProblemsNameTheirRule(t *testing.T) {
	for _, tc := range []struct {
		flags map[string]string
		rule  string
	}{
		{map[string]string{"web-cpu": "1"}, "resources-below-minimum"},
		{map[string]string{"worker-memory": "2Gi"}, "resources-below-minimum"},
		{map[string]string{"redis-tls": "false"}, "redis-tls-off"},
		{map[string]string{"signup-disabled": "false"}, "signup-open"},
		{map[string]string{"zone-spread": "off"}, "topology-spread-missing"},
		{map[string]string{"postgres": "bundled"}, "store-bundled"},
		{map[string]string{"body-size": "10m"}, "ingress-body-size"},
		{map[string]string{"s3-endpoint": "https://minio.example.org"}, "s3-path-style"},
	} {
		ps := problemsOf(t, "", tc.flags)
		if len(ps) != 1 || ps[0].Rule != tc.rule || !strings.Contains(ps[0].Msg, "--accept "+tc.rule+"=REASON") {
			t.Errorf("%v: %v, want one problem of rule %s", tc.flags, ps, tc.rule)
			continue
		}
		_, ps, err := Resolve(Inputs{Example: true, Flags: tc.flags, Accept: []string{tc.rule + "=a test"}})
		if err != nil || len(ps) > 0 {
			t.Errorf("%v accepting %s: %v %v", tc.flags, tc.rule, err, ps)
		}
	}
}

package spec

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

var (
	pinnedVersion = lazyre.New(`^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
	dnsLabel      = lazyre.New(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	quantity      = lazyre.New(model.QuantityPattern)
	bucketName    = lazyre.New(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	hostPort      = lazyre.New(`^([^:]+)(:([0-9]+))?$`)
)

// IsHostname reports whether s is a DNS host name (RFC 1123): dot-separated
// labels of lower-case letters, digits and hyphens.
func IsHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, l := range strings.Split(s, ".") {
		if len(l) > 63 || !dnsLabel.MatchString(l) {
			return false
		}
	}
	return true
}

// IsK8sName reports whether s is a valid name for a Secret or other
// object named by a DNS subdomain (up to 253 characters).
func IsK8sName(s string) bool { return len(validation.IsDNS1123Subdomain(s)) == 0 }

// secretNameMsg says why name is not a Secret name.
func secretNameMsg(name string) string {
	if len(name) > validation.DNS1123SubdomainMaxLength {
		return fmt.Sprintf("a Secret name of %d characters is too long (at most %d)", len(name), validation.DNS1123SubdomainMaxLength)
	}
	return fmt.Sprintf("%q is not a valid Secret name (lower-case letters, digits, '-' and '.')", name)
}

// IsSecretKey reports whether s is a valid key of a Secret's data.
func IsSecretKey(s string) bool { return len(validation.IsConfigMapKey(s)) == 0 }

// IsQuantity reports whether s is a Kubernetes quantity.
func IsQuantity(s string) bool { return quantity.MatchString(s) }

// IsPositiveQuantity reports whether s is a Kubernetes quantity above zero.
func IsPositiveQuantity(s string) bool {
	if !IsQuantity(s) || strings.HasPrefix(s, "-") {
		return false
	}
	// The mantissa is the leading digits and point; the quantity is zero
	// exactly when they are all zeros, whatever the suffix or exponent.
	mantissa := strings.TrimLeft(s, "+")
	if i := strings.IndexFunc(mantissa, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }); i >= 0 {
		mantissa = mantissa[:i]
	}
	return strings.Trim(mantissa, "0.") != ""
}

// MaxInt32 is the largest count Kubernetes stores (replicas, HPA bounds,
// KEDA settings and the like are int32).
const MaxInt32 = math.MaxInt32

// totalAnnotationSize is the most bytes the annotations of one object may
// take (keys and values), as the Kubernetes API server counts them.
const totalAnnotationSize = 256 * 1024

// hasCredentials reports whether a host or URL input carries user info
// (user:password@).
func hasCredentials(s string) bool { return strings.Contains(s, "@") }

// credentialsMsg is the problem of a host or URL with user info. It never
// repeats the value: that would print the password.
func credentialsMsg(secretKey string) string {
	return "holds user info (user:password@): credentials do not belong in values; use the Secret settings (" + secretKey + ")"
}

// publicHostProblem says why s cannot be the public host of the Ingress and
// of NEXTAUTH_URL, or returns "".
func publicHostProblem(s string) string {
	if hasCredentials(s) {
		return "holds user info (user:password@): credentials do not belong in values, and the public host takes none"
	}
	if ip := net.ParseIP(strings.Trim(s, "[]")); ip != nil {
		return fmt.Sprintf("%q is an IP address; Kubernetes Ingress hosts are DNS names such as langfuse.example.com", s)
	}
	if h, ok := HostOfURL(s); ok && h != s {
		return fmt.Sprintf("%q is not a host name but a URL; give its host alone: %s", s, h)
	}
	if !IsHostname(s) {
		return fmt.Sprintf("%q is not a host name (lower-case DNS name without scheme or port, such as langfuse.example.com)", s)
	}
	labels := strings.Split(s, ".")
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return fmt.Sprintf("%q ends in a numeric label, which browsers read as an IP address; give a DNS name such as langfuse.example.com", s)
	}
	if labels[len(labels)-1] == "localhost" {
		return fmt.Sprintf("%q is a loopback name: after sign-in, browsers would be sent to their own machine; give the public host name", s)
	}
	return ""
}

// HostOfURL returns the host name of an http(s) URL such as
// https://langfuse.example.com/path, lower-cased, when it has one that is
// a host name; a pasted address then gives the host the Ingress needs.
func HostOfURL(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return "", false
	}
	h := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if !IsHostname(h) || net.ParseIP(h) != nil {
		return "", false
	}
	return h, true
}

// IsPinnedVersion reports whether s is a full release version (4.4.0), not
// a moving tag.
func IsPinnedVersion(s string) bool { return pinnedVersion.MatchString(s) }

// Required is the message of a missing input.
const Required = "required"

// Missing lists the required inputs that are empty, as one problem each.
func (a *Assembled) Missing() Problems {
	s := a.Spec
	var ps Problems
	need := func(key string, empty bool) {
		if empty {
			ps = append(ps, Problem{Key: key, Msg: Required})
		}
	}
	need("host", s.Host == "")
	if s.Postgres.Mode == "external" {
		need("postgres.host", s.Postgres.Host == "")
	}
	if s.Redis.Mode == "external" {
		switch s.Redis.Topology {
		case "cluster":
			need("redis.nodes", len(s.Redis.Nodes) == 0)
		case "sentinel":
			need("redis.sentinel.masterName", s.Redis.Sentinel.MasterName == "")
			need("redis.sentinel.nodes", len(s.Redis.Sentinel.Nodes) == 0)
		default:
			need("redis.host", s.Redis.Host == "")
		}
	}
	if s.ClickHouse.Mode == "external" {
		need("clickhouse.host", s.ClickHouse.Host == "")
	}
	if s.S3.Mode == "external" {
		need("s3.bucket", s.S3.Bucket == "")
		need("s3.region", s.S3.Region == "" && s.S3.Endpoint == "")
	}
	return ps
}

// Validate checks the assembled Spec for values that are wrong or that would
// produce a values file the profile does not accept. Each problem names the
// answers key and where its value came from.
func (a *Assembled) Validate() Problems {
	s := a.Spec
	var ps Problems
	// Control characters first: an input that has them is reported for
	// that alone (the other checks would only repeat it).
	ps = textProblems(a.Merged, "", a.Merged.Pos)
	garbled := map[string]bool{}
	for _, p := range ps {
		garbled[p.Key] = true
	}
	bad := func(key, format string, args ...any) {
		if garbled[key] {
			return
		}
		ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf(format, args...), Pos: a.PosOf(key)})
	}
	accepted := func(rule string) bool { return a.Accepts(rule) }
	// warn reports a value that raises a warning of rule unless the inputs
	// accept it; the problem names the rule, so that it can be accepted.
	warn := func(rule, key, format string, args ...any) {
		if accepted(rule) || garbled[key] {
			return
		}
		ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf(format, args...) + AcceptHint(rule), Pos: a.PosOf(key), Rule: rule})
	}

	newest := schema.Newest().Chart
	supported := newest
	if err := schema.Newest().Workloads.ValidateRelease(s.Release); err != nil && s.Release != "" {
		bad("release", "%v", err)
	}
	if s.ChartVersion == "" {
		bad("chartVersion", "required: give an exact chart version (supported: %s)", supported)
	} else if r, err := schema.Resolve(s.ChartVersion); err == nil && r.Chart != newest {
		bad("chartVersion", "generate writes values for the newest chart, %s; chart %s values are checked and migrated instead (valuesmith check --chart-version %s, valuesmith migrate --to %s)", newest, r.ChartVersion, r.ChartVersion, newest)
	} else if v, err := schema.Lookup(s.ChartVersion); err != nil {
		bad("chartVersion", "%v", err)
	} else if v.Chart != s.ChartVersion {
		bad("chartVersion", "%q is not an exact chart version; the install command pins --version, so give %s", s.ChartVersion, supported)
	}
	if !IsPinnedVersion(s.AppVersion) {
		bad("appVersion", "%q is not a pinned release version; give a full version such as 4.4.0 (tags like latest or 4 move)", s.AppVersion)
	}
	if s.Host != "" {
		if msg := publicHostProblem(s.Host); msg != "" {
			bad("host", "%s", msg)
		}
	}
	if s.Ingress.Enabled {
		if s.Ingress.ClassName != "" && !IsK8sName(s.Ingress.ClassName) {
			bad("ingress.className", "%q is not a valid IngressClass name", s.Ingress.ClassName)
		}
		if !IsK8sName(s.Ingress.TLSSecret) {
			bad("ingress.tlsSecret", "%s", secretNameMsg(s.Ingress.TLSSecret))
		}
		if s.Ingress.CertManagerIssuer != "" && !IsK8sName(s.Ingress.CertManagerIssuer) {
			bad("ingress.certManagerIssuer", "%q is not a valid ClusterIssuer name", s.Ingress.CertManagerIssuer)
		}
		if n, ok := rules.NginxSize(s.Ingress.BodySize); !ok {
			bad("ingress.bodySize", "%q is not an nginx size such as 100m", s.Ingress.BodySize)
		} else if n != 0 && n < 50<<20 {
			warn("ingress-body-size", "ingress.bodySize", "%s is below 50m; large prompts and media uploads would be refused", s.Ingress.BodySize)
		}
	}

	minReplicas := map[string]int{}
	for _, c := range []struct {
		name string
		comp Component
	}{{"web", s.Web}, {"worker", s.Worker.Component}} {
		p := c.name
		minimum := model.DocumentedMinimum
		if !IsQuantity(c.comp.CPU) {
			bad(p+".cpu", "%q is not a Kubernetes CPU quantity (such as 500m or 2)", c.comp.CPU)
		} else if !IsPositiveQuantity(c.comp.CPU) {
			bad(p+".cpu", "%q is not above zero; give a CPU request such as 500m or 2", c.comp.CPU)
		} else if below(c.comp.CPU, minimum.CPU) {
			warn("resources-below-minimum", p+".cpu", "%s CPU is below the %s CPU Langfuse documents as the minimum of a %s container", c.comp.CPU, minimum.CPU, p)
		}
		if !IsQuantity(c.comp.Memory) {
			bad(p+".memory", "%q is not a Kubernetes memory quantity (such as 512Mi or 4Gi)", c.comp.Memory)
		} else if !IsPositiveQuantity(c.comp.Memory) {
			bad(p+".memory", "%q is not above zero; give a memory request such as 512Mi or 4Gi", c.comp.Memory)
		} else if below(c.comp.Memory, minimum.Memory) {
			warn("resources-below-minimum", p+".memory", "%s of memory is below the %s Langfuse documents as the minimum of a %s container", c.comp.Memory, minimum.Memory, p)
		}
		as := c.comp.Autoscaling
		lo := c.comp.Replicas
		loKey := p + ".replicas"
		switch as.Mode {
		case "keda-queue":
			if c.name == "web" {
				bad(p+".autoscaling.mode", "keda-queue scales on the worker's queues; choose none, hpa or keda for web")
			}
			fallthrough
		case "hpa", "keda":
			lo, loKey = as.MinReplicas, p+".autoscaling.minReplicas"
			if as.MaxReplicas <= as.MinReplicas {
				bad(p+".autoscaling.maxReplicas", "%d is not above the minimum of %d; the autoscaler would have nothing to do", as.MaxReplicas, as.MinReplicas)
			}
		}
		minReplicas[c.name] = lo
		if lo < 2 {
			warn("replicas-single", loKey, "%d replica is a single point of failure; the %s profile needs at least 2 (or use --profile evaluation)", lo, a.Profile.Name)
		}
	}
	if s.Worker.Autoscaling.Mode == "keda-queue" {
		if s.Redis.Mode != "external" {
			bad("worker.autoscaling.mode", "keda-queue reads the queues of an external Redis; the bundled Redis has no stable address for KEDA")
		}
		if s.Worker.Queue.ListLength < 1 {
			bad("worker.queue.listLength", "must be at least 1")
		}
	}

	switch s.PDB.Mode {
	case "maxUnavailable":
		if v, pct, ok := parseBound(s.PDB.Value); !ok {
			bad("pdb.value", "%q is neither a count nor a percentage", s.PDB.Value)
		} else if v == 0 {
			bad("pdb.value", "maxUnavailable 0 would block every drain (and the chart renders it as 1 anyway)")
		} else if pct && v > 100 {
			bad("pdb.value", "%s is more than 100%%", s.PDB.Value)
		}
	case "minAvailable":
		v, pct, ok := parseBound(s.PDB.Value)
		if !ok {
			bad("pdb.value", "%q is neither a count nor a percentage", s.PDB.Value)
			break
		}
		for _, comp := range []string{"web", "worker"} {
			lo := minReplicas[comp]
			need := v
			if pct {
				need = (v*lo + 99) / 100
			}
			if need >= lo {
				bad("pdb.value", "minAvailable %s at %d %s replicas allows no disruption, so nodes cannot drain; the replicas are below the PDB minimum (use maxUnavailable 1, or raise the replicas)", s.PDB.Value, lo, comp)
			}
			if v == 0 {
				bad("pdb.value", "minAvailable 0 is dropped by the chart; use maxUnavailable")
			}
		}
	}
	if s.Spread.Zone == "off" {
		warn("topology-spread-missing", "spread.zone", "without zone spread a zone outage can take every replica; use soft or hard")
	}

	checkKey := func(key, v string) {
		if !IsSecretKey(v) {
			bad(key, "%q is not a valid Secret key (letters, digits, '-', '_' and '.')", v)
		}
	}
	checkSecret := func(key string, ref SecretKey) {
		if !IsK8sName(ref.Name) {
			bad(key+".name", "%s", secretNameMsg(ref.Name))
		}
		checkKey(key+".key", ref.Key)
	}
	// checkDistinctKeys checks the keys of one Secret: each valid, and no
	// two the same (one key cannot hold two values).
	checkDistinctKeys := func(keys []struct{ key, v string }) {
		seen := map[string]string{}
		for _, k := range keys {
			checkKey(k.key, k.v)
			if first, dup := seen[k.v]; dup && IsSecretKey(k.v) {
				bad(k.key, "%q is also the key of %s; each value needs its own key in the Secret", k.v, first)
			} else if !dup {
				seen[k.v] = k.key
			}
		}
	}
	external := 0
	for _, st := range []struct{ key, mode string }{{"postgres", s.Postgres.Mode}, {"redis", s.Redis.Mode}, {"clickhouse", s.ClickHouse.Mode}, {"s3", s.S3.Mode}} {
		if st.mode == "bundled" {
			warn("store-bundled", st.key+".mode", "the bundled %s is a single instance without backups; the %s profile needs an external one (or use --profile evaluation)", st.key, a.Profile.Name)
		}
		if st.mode == "external" {
			external++
		}
	}
	if s.Postgres.Mode == "external" {
		if hasCredentials(s.Postgres.Host) {
			bad("postgres.host", "%s", credentialsMsg("postgres.user and postgres.password"))
		} else if s.Postgres.Host != "" && !validHostPort(s.Postgres.Host) {
			bad("postgres.host", "%q is not host or host:port", s.Postgres.Host)
		}
		if !IsK8sName(s.Postgres.Database) && !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]*$`).MatchString(s.Postgres.Database) {
			bad("postgres.database", "%q is not a database name", s.Postgres.Database)
		}
		if s.Postgres.User == "" {
			bad("postgres.user", "required for an external database (chart 2.x changed the default user)")
		}
		checkSecret("postgres.password", s.Postgres.Password)
		if strings.ContainsAny(s.Postgres.Args, " \n") {
			bad("postgres.args", "connection parameters are a query string such as sslmode=require&connect_timeout=10")
		} else if q, err := url.ParseQuery(s.Postgres.Args); err == nil {
			for k := range q {
				if strings.Contains(strings.ToLower(k), "password") {
					bad("postgres.args", "holds a password parameter: credentials do not belong in values; use the Secret settings (postgres.password)")
					break
				}
			}
		}
	}
	if s.Redis.Mode == "external" {
		switch s.Redis.Topology {
		case "cluster":
			for i, n := range s.Redis.Nodes {
				if hasCredentials(n) {
					bad(fmt.Sprintf("redis.nodes[%d]", i), "%s", credentialsMsg("redis.username and redis.password"))
				} else if !validHostPort(n) || !strings.Contains(n, ":") {
					bad(fmt.Sprintf("redis.nodes[%d]", i), "%q is not host:port", n)
				}
			}
		case "sentinel":
			for i, n := range s.Redis.Sentinel.Nodes {
				if hasCredentials(n) {
					bad(fmt.Sprintf("redis.sentinel.nodes[%d]", i), "%s", credentialsMsg("redis.sentinel.password"))
				} else if !validHostPort(n) || !strings.Contains(n, ":") {
					bad(fmt.Sprintf("redis.sentinel.nodes[%d]", i), "%q is not host:port", n)
				}
			}
			if s.Redis.Sentinel.Password.Name != "" {
				checkSecret("redis.sentinel.password", s.Redis.Sentinel.Password)
			}
		default:
			if hasCredentials(s.Redis.Host) {
				bad("redis.host", "%s", credentialsMsg("redis.username and redis.password"))
			} else if s.Redis.Host != "" && !IsHostname(s.Redis.Host) {
				bad("redis.host", "%q is not a host name (give the port in redis.port)", s.Redis.Host)
			}
		}
		checkSecret("redis.password", s.Redis.Password)
		if !s.Redis.TLS {
			warn("redis-tls-off", "redis.tls", "an external Redis without TLS sends passwords and trace data in clear text; turn TLS on")
		}
	}
	if s.ClickHouse.Mode == "external" && s.ClickHouse.Host != "" {
		u, err := url.Parse(s.ClickHouse.Host)
		if hasCredentials(s.ClickHouse.Host) || (err == nil && u.User != nil) {
			bad("clickhouse.host", "%s", credentialsMsg("clickhouse.user and clickhouse.password"))
		} else if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !IsHostname(u.Hostname()) || u.Port() != "" || (u.Path != "" && u.Path != "/") {
			bad("clickhouse.host", "%q is not a URL such as https://clickhouse.example.com (without port: use httpPort and nativePort)", s.ClickHouse.Host)
		}
		if s.ClickHouse.User == "" {
			bad("clickhouse.user", "required")
		}
		checkSecret("clickhouse.password", s.ClickHouse.Password)
	}
	if s.S3.Mode == "external" {
		if s.S3.Bucket != "" && !bucketName.MatchString(s.S3.Bucket) {
			bad("s3.bucket", "%q is not an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-')", s.S3.Bucket)
		}
		aws := s.S3.Endpoint == "" || strings.Contains(s.S3.Endpoint, "amazonaws.com")
		if s.S3.Endpoint != "" {
			if u, err := url.Parse(s.S3.Endpoint); hasCredentials(s.S3.Endpoint) || (err == nil && u.User != nil) {
				bad("s3.endpoint", "%s", credentialsMsg("s3.credentials and s3.secret"))
			} else if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				bad("s3.endpoint", "%q is not a URL such as https://minio.example.com", s.S3.Endpoint)
			}
		}
		if aws && s.S3.PathStyle && !accepted("s3-path-style") {
			warn("s3-path-style-aws", "s3.pathStyle", "AWS S3 serves path-style URLs only for buckets created before September 2020; set it to false")
		}
		if !aws && !s.S3.PathStyle {
			warn("s3-path-style", "s3.pathStyle", "non-AWS stores (MinIO, R2, ...) usually need path-style URLs; set it to true")
		}
		if s.S3.Credentials == "secret" {
			if !IsK8sName(s.S3.Secret.Name) {
				bad("s3.secret.name", "%s", secretNameMsg(s.S3.Secret.Name))
			}
			checkDistinctKeys([]struct{ key, v string }{{"s3.secret.accessKeyIdKey", s.S3.Secret.AccessKeyIDKey}, {"s3.secret.secretAccessKeyKey", s.S3.Secret.SecretAccessKeyKey}})
		}
	}
	_ = external

	if !IsK8sName(s.AppSecret.Name) {
		bad("appSecret.name", "%s", secretNameMsg(s.AppSecret.Name))
	}
	checkDistinctKeys([]struct{ key, v string }{
		{"appSecret.saltKey", s.AppSecret.SaltKey},
		{"appSecret.encryptionKeyKey", s.AppSecret.EncryptionKeyKey},
		{"appSecret.nextauthSecretKey", s.AppSecret.NextAuthSecretKey},
	})
	if s.AppSecret.Name == Fullname(s.Release)+"-app" {
		bad("appSecret.name", "%q is the Secret the chart itself renders for release %q; pick another name", s.AppSecret.Name, s.Release)
	}
	if !s.SignUpDisabled {
		warn("signup-open", "signUpDisabled", "open sign-up lets anyone who reaches the host create an account; keep it disabled")
	}
	if len(s.ServiceAccountAnnotations) > 0 {
		size := 0
		for k, v := range s.ServiceAccountAnnotations {
			size += len(k) + len(v)
			if len(validation.IsQualifiedName(k)) > 0 {
				bad(values.JoinKey("serviceAccountAnnotations", k), "%q is not an annotation key (an optional DNS-subdomain prefix and '/', then up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)", k)
			}
		}
		if size > totalAnnotationSize {
			bad("serviceAccountAnnotations", "the annotations take %d bytes; Kubernetes allows %d", size, totalAnnotationSize)
		}
	}
	for i, acc := range s.Accept {
		ruleKey, reasonKey := fmt.Sprintf("accept[%d].rule", i), fmt.Sprintf("accept[%d].reason", i)
		if msg := acceptProblem(acc.Rule); msg != "" {
			bad(ruleKey, "%s", msg)
		}
		if strings.TrimSpace(acc.Reason) == "" {
			bad(reasonKey, "accepting %s needs a reason", acc.Rule)
		}
	}
	return ps
}

// acceptProblem says why a rule cannot be accepted, or returns "": only
// warnings and infos of the catalogue can be; errors and schema findings
// always stop the generator.
func acceptProblem(id string) string {
	if id == finding.SchemaRule {
		return "schema findings cannot be accepted: the chart would refuse or misread the values"
	}
	r, ok := rules.Lookup(id)
	if !ok {
		return rules.UnknownRuleError(id).Error()
	}
	if r.Severity == finding.Error {
		return fmt.Sprintf("%s is an error, and errors cannot be accepted; only warnings and infos can", id)
	}
	return ""
}

// AcceptHint is what a warning problem adds: how to accept it instead.
func AcceptHint(rule string) string {
	return ", or accept " + rule + " with a reason (--accept " + rule + "=REASON, or accept: in the answers)"
}

// below reports whether quantity q is less than min (both valid).
func below(q, min string) bool {
	a, errA := resource.ParseQuantity(q)
	b, errB := resource.ParseQuantity(min)
	return errA == nil && errB == nil && a.Cmp(b) < 0
}

// Fullname is the chart's resource prefix for a release (no overrides).
func Fullname(release string) string {
	w := schema.Newest().Workloads
	return w.DefaultFullname(release, w.ChartName)
}

// parseBound reads a PDB bound: a count, or a percentage.
func parseBound(s string) (v int, pct bool, ok bool) {
	pct = strings.HasSuffix(s, "%")
	n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
	return n, pct, err == nil && n >= 0
}

func validHostPort(s string) bool {
	m := hostPort.FindStringSubmatch(s)
	if m == nil || !IsHostname(m[1]) {
		return false
	}
	if m[3] != "" {
		p, err := strconv.Atoi(m[3])
		return err == nil && p > 0 && p < 65536
	}
	return true
}

package spec

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

var (
	pinnedVersion = regexp.MustCompile(`^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
	dnsLabel      = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	secretKey     = regexp.MustCompile(`^[-._a-zA-Z0-9]+$`)
	quantity      = regexp.MustCompile(schema.QuantityPattern)
	bucketName    = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	hostPort      = regexp.MustCompile(`^([^:]+)(:([0-9]+))?$`)
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
// namespaced object (a DNS subdomain).
func IsK8sName(s string) bool { return IsHostname(s) }

// IsQuantity reports whether s is a Kubernetes quantity.
func IsQuantity(s string) bool { return quantity.MatchString(s) }

// IsPinnedVersion reports whether s is a full release version (4.4.0), not
// a moving tag.
func IsPinnedVersion(s string) bool { return pinnedVersion.MatchString(s) }

// Missing lists the required inputs that are empty, as one problem each.
func (a *Assembled) Missing() Problems {
	s := a.Spec
	var ps Problems
	need := func(key string, empty bool) {
		if empty {
			ps = append(ps, Problem{Key: key, Msg: "required"})
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

// MissingError formats missing inputs as one error naming each flag and
// answers key.
func MissingError(ps Problems) error {
	var names []string
	for _, p := range ps {
		if f := FlagFor(p.Key); f != "" {
			names = append(names, fmt.Sprintf("--%s (%s)", f, p.Key))
		} else {
			names = append(names, p.Key)
		}
	}
	return fmt.Errorf("missing required inputs: %s; give them as flags or in an answers file (--answers FILE), or try --example", strings.Join(names, ", "))
}

// Validate checks the assembled Spec for values that are wrong or that would
// produce a values file the profile does not accept. Each problem names the
// answers key and where its value came from.
func (a *Assembled) Validate() Problems {
	s := a.Spec
	var ps Problems
	bad := func(key, format string, args ...any) {
		ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf(format, args...), Pos: a.PosOf(key)})
	}
	accepted := func(rule string) bool { return a.Accepts(rule) }
	production := a.Profile.Name != "evaluation"

	if _, err := schema.Lookup(s.ChartVersion); err != nil {
		bad("chartVersion", "%v", err)
	}
	if !IsPinnedVersion(s.AppVersion) {
		bad("appVersion", "%q is not a pinned release version; give a full version such as 4.4.0 (tags like latest or 4 move)", s.AppVersion)
	}
	if s.Host != "" && !IsHostname(s.Host) {
		bad("host", "%q is not a host name (lower-case DNS name without scheme or port, such as langfuse.example.com)", s.Host)
	}
	if s.Ingress.Enabled {
		if s.Ingress.ClassName != "" && !IsK8sName(s.Ingress.ClassName) {
			bad("ingress.className", "%q is not a valid IngressClass name", s.Ingress.ClassName)
		}
		if !IsK8sName(s.Ingress.TLSSecret) {
			bad("ingress.tlsSecret", "%q is not a valid Secret name (lower-case letters, digits, '-' and '.')", s.Ingress.TLSSecret)
		}
		if s.Ingress.CertManagerIssuer != "" && !IsK8sName(s.Ingress.CertManagerIssuer) {
			bad("ingress.certManagerIssuer", "%q is not a valid ClusterIssuer name", s.Ingress.CertManagerIssuer)
		}
		if n, ok := rules.NginxSize(s.Ingress.BodySize); !ok {
			bad("ingress.bodySize", "%q is not an nginx size such as 100m", s.Ingress.BodySize)
		} else if n != 0 && n < 50<<20 && !accepted("ingress-body-size") {
			bad("ingress.bodySize", "%s is below 50m; large prompts and media uploads would be refused", s.Ingress.BodySize)
		}
	}

	minReplicas := map[string]int{}
	for _, c := range []struct {
		name string
		comp Component
	}{{"web", s.Web}, {"worker", s.Worker.Component}} {
		p := c.name
		if !IsQuantity(c.comp.CPU) {
			bad(p+".cpu", "%q is not a Kubernetes CPU quantity (such as 500m or 2)", c.comp.CPU)
		}
		if !IsQuantity(c.comp.Memory) {
			bad(p+".memory", "%q is not a Kubernetes memory quantity (such as 512Mi or 4Gi)", c.comp.Memory)
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
		if production && lo < 2 && !accepted("replicas-single") {
			bad(loKey, "%d replica is a single point of failure; the %s profile needs at least 2 (or use --profile evaluation)", lo, a.Profile.Name)
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
	if production && s.Spread.Zone == "off" && !accepted("topology-spread-missing") {
		bad("spread.zone", "without zone spread a zone outage can take every replica; use soft or hard")
	}

	checkSecret := func(key string, ref SecretKey) {
		if !IsK8sName(ref.Name) {
			bad(key+".name", "%q is not a valid Secret name (lower-case letters, digits, '-' and '.')", ref.Name)
		}
		if !secretKey.MatchString(ref.Key) {
			bad(key+".key", "%q is not a valid Secret key (letters, digits, '-', '_' and '.')", ref.Key)
		}
	}
	external := 0
	for _, st := range []struct{ key, mode string }{{"postgres", s.Postgres.Mode}, {"redis", s.Redis.Mode}, {"clickhouse", s.ClickHouse.Mode}, {"s3", s.S3.Mode}} {
		if st.mode == "bundled" && production && !accepted("store-bundled") {
			bad(st.key+".mode", "the bundled %s is a single instance without backups; the %s profile needs an external one (or use --profile evaluation)", st.key, a.Profile.Name)
		}
		if st.mode == "external" {
			external++
		}
	}
	if s.Postgres.Mode == "external" {
		if s.Postgres.Host != "" && !validHostPort(s.Postgres.Host) {
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
		}
	}
	if s.Redis.Mode == "external" {
		switch s.Redis.Topology {
		case "cluster":
			for i, n := range s.Redis.Nodes {
				if !validHostPort(n) || !strings.Contains(n, ":") {
					bad(fmt.Sprintf("redis.nodes[%d]", i), "%q is not host:port", n)
				}
			}
		case "sentinel":
			for i, n := range s.Redis.Sentinel.Nodes {
				if !validHostPort(n) || !strings.Contains(n, ":") {
					bad(fmt.Sprintf("redis.sentinel.nodes[%d]", i), "%q is not host:port", n)
				}
			}
			if s.Redis.Sentinel.Password.Name != "" {
				checkSecret("redis.sentinel.password", s.Redis.Sentinel.Password)
			}
		default:
			if s.Redis.Host != "" && !IsHostname(s.Redis.Host) {
				bad("redis.host", "%q is not a host name (give the port in redis.port)", s.Redis.Host)
			}
		}
		checkSecret("redis.password", s.Redis.Password)
		if !s.Redis.TLS && !accepted("redis-tls-off") {
			bad("redis.tls", "an external Redis without TLS sends passwords and trace data in clear text; turn TLS on (or accept redis-tls-off with a reason)")
		}
	}
	if s.ClickHouse.Mode == "external" && s.ClickHouse.Host != "" {
		u, err := url.Parse(s.ClickHouse.Host)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !IsHostname(u.Hostname()) || u.Port() != "" || (u.Path != "" && u.Path != "/") {
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
			if u, err := url.Parse(s.S3.Endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				bad("s3.endpoint", "%q is not a URL such as https://minio.example.com", s.S3.Endpoint)
			}
		}
		if aws && s.S3.PathStyle && !accepted("s3-path-style") {
			bad("s3.pathStyle", "AWS S3 serves path-style URLs only for buckets created before September 2020; set it to false")
		}
		if !aws && !s.S3.PathStyle && !accepted("s3-path-style") {
			bad("s3.pathStyle", "non-AWS stores (MinIO, R2, ...) usually need path-style URLs; set it to true (or accept s3-path-style with a reason)")
		}
		if s.S3.Credentials == "secret" {
			if !IsK8sName(s.S3.Secret.Name) {
				bad("s3.secret.name", "%q is not a valid Secret name", s.S3.Secret.Name)
			}
			for _, k := range []struct{ key, v string }{{"s3.secret.accessKeyIdKey", s.S3.Secret.AccessKeyIDKey}, {"s3.secret.secretAccessKeyKey", s.S3.Secret.SecretAccessKeyKey}} {
				if !secretKey.MatchString(k.v) {
					bad(k.key, "%q is not a valid Secret key", k.v)
				}
			}
		}
	}
	_ = external

	checkSecret("appSecret", SecretKey{Name: s.AppSecret.Name, Key: s.AppSecret.SaltKey})
	for _, k := range []struct{ key, v string }{{"appSecret.encryptionKeyKey", s.AppSecret.EncryptionKeyKey}, {"appSecret.nextauthSecretKey", s.AppSecret.NextAuthSecretKey}} {
		if !secretKey.MatchString(k.v) {
			bad(k.key, "%q is not a valid Secret key", k.v)
		}
	}
	if s.AppSecret.Name == Fullname(s.Release)+"-app" {
		bad("appSecret.name", "%q is the Secret the chart itself renders for release %q; pick another name", s.AppSecret.Name, s.Release)
	}
	if !s.SignUpDisabled && production && !accepted("signup-open") {
		bad("signUpDisabled", "open sign-up lets anyone who reaches the host create an account; keep it disabled (or accept signup-open with a reason)")
	}
	for _, acc := range s.Accept {
		if strings.TrimSpace(acc.Reason) == "" {
			bad("accept", "accepting %s needs a reason", acc.Rule)
		}
	}
	return ps
}

// Fullname is the chart's resource prefix for a release (no overrides).
func Fullname(release string) string {
	if strings.Contains(release, "langfuse") {
		return release
	}
	return release + "-langfuse"
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

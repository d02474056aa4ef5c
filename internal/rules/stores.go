package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

var storeRules = []*Rule{
	{
		ID:       "store-bundled",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "PostgreSQL, Redis, ClickHouse or S3 is deployed in the cluster by the chart (deploy: true): a single instance, not highly available.",
		Rationale: "The bundled stores are meant for trying Langfuse out. Chart 2.x runs PostgreSQL as one pod (replicaCount " +
			"is at most 1), Valkey as one primary without failover, ClickHouse with one replica by default, and S3 as one " +
			"SeaweedFS all-in-one pod; chart 1.x runs Bitnami sub-charts with one PostgreSQL and one Valkey primary, " +
			"ClickHouse replicated over ZooKeeper (three replicas by default) and one MinIO pod. Losing the node loses the " +
			"service until the pod is rescheduled, and backups, upgrades and monitoring of the data are left to you. " +
			"Chart 2.0.0 also replaced every bundled store of chart 1.x, so a chart upgrade with bundled stores means a " +
			"data migration.",
		Remediation: "Use managed or operator-run stores and set <store>.deploy: false with the host and an existingSecret " +
			"(postgresql.host, redis.host, clickhouse.host, s3.bucket/region); keep bundled stores for test installs only.",
		Check: checkStoreBundled,
	},
	{
		ID:       "store-host-missing",
		Severity: finding.Error,
		Category: Stores,
		Summary:  "An external store (deploy: false) has no host and no override variable.",
		Rationale: "With deploy: false the chart cannot invent a host. For Redis (without cluster or sentinel) and ClickHouse " +
			"the chart refuses to render; for PostgreSQL it renders DATABASE_HOST as an empty string and the application " +
			"fails at start. A DATABASE_URL, REDIS_CONNECTION_STRING or CLICKHOUSE_URL in langfuse.additionalEnv replaces the host.",
		Remediation: "Set postgresql.host (with \":port\" when not 5432), redis.host, clickhouse.host, or turn deploy back on for a test install.",
		Check:       checkStoreHostMissing,
	},
	{
		ID:       "postgres-port-ignored",
		Severity: finding.Error,
		Category: Stores,
		Summary:  "postgresql.port is set, but the application ignores DATABASE_PORT and connects to the port in the host (5432 by default).",
		Rationale: "The chart turns postgresql.port into DATABASE_PORT, but Langfuse's entrypoints build the database URL as " +
			"postgresql://user:password@$DATABASE_HOST/$DATABASE_NAME and nothing in the application reads DATABASE_PORT " +
			"(langfuse/langfuse#11240 is open). A non-default port given only in postgresql.port is never used.",
		Remediation: "Put the port into the host (postgresql.host: \"db.example.com:6543\") and delete postgresql.port, or set DATABASE_URL from a Secret in langfuse.additionalEnv.",
		Check:       checkPostgresPortIgnored,
	},
	{
		ID:       "postgres-identity-implicit",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "External PostgreSQL relies on the chart's default username or database, which changed between chart 1.x and 2.x.",
		Rationale: "Chart 2.x changed the defaults of postgresql.auth.username (postgres -> langfuse) and auth.database " +
			"(postgres_langfuse -> langfuse). A values file that never set them connects as a different user to a " +
			"different database after a chart upgrade: at best the login fails, at worst migrations create an empty schema.",
		Remediation: "Set postgresql.auth.username and postgresql.auth.database to the role and database you created.",
		Check:       checkPostgresIdentityImplicit,
		Versions:    ">= 2.0.0-0",
	},
	{
		ID:       "redis-tls-off",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "External Redis is reached without TLS.",
		Rationale: "Without redis.tls.enabled the chart builds a redis:// connection string, so the Redis password and " +
			"every queued event (prompts, completions, user data) cross the network in clear text. Managed Redis services " +
			"offer TLS; the chart switches to rediss:// and sets REDIS_TLS_ENABLED when it is on.",
		Remediation: "Set redis.tls.enabled: true (and redis.tls.caPath with a mounted CA when the server's certificate is not publicly trusted).",
		Check:       checkRedisTLSOff,
	},
	{
		ID:       "clickhouse-tls-off",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "External ClickHouse is queried over plain HTTP.",
		Rationale: "The chart builds CLICKHOUSE_URL as https only when clickhouse.host starts with https://; any other " +
			"host, and a CLICKHOUSE_URL written with http:// in langfuse.additionalEnv, makes Langfuse send the ClickHouse " +
			"password and every trace, observation and score it stores or queries across the network in clear text. " +
			"Managed ClickHouse services offer HTTPS (usually on port 8443).",
		Remediation: "Write the host with its scheme (clickhouse.host: https://clickhouse.example.com), set " +
			"clickhouse.httpPort to the server's HTTPS port (8443) and, for migrations, clickhouse.migration.ssl: true " +
			"with nativePort 9440.",
		Check: checkClickHouseTLSOff,
	},
	{
		ID:       "clickhouse-ssl-mismatch",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "The ClickHouse host's scheme and clickhouse.migration.ssl disagree (https:// with ssl false, or http:// with ssl true).",
		Rationale: "An https:// host makes the application talk TLS on the HTTP port, but migrations use the native protocol " +
			"(clickhouse://host:nativePort) and speak TLS only with migration.ssl: true, so they fail against a TLS-only native " +
			"port such as 9440 (or go out in clear text). The reverse pairing mixes a plain HTTP client with TLS migrations, " +
			"which usually means one of the two ports is wrong.",
		Remediation: "With an https:// host set clickhouse.migration.ssl: true and the TLS ports (httpPort 8443, nativePort 9440 on ClickHouse Cloud); with http:// keep ssl false.",
		Check:       checkClickHouseSSLMismatch,
	},
	{
		ID:       "s3-bucket-implicit",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "External object storage relies on the chart's default bucket name \"langfuse\".",
		Rationale: "Chart 2.x defaults s3.bucket to \"langfuse\" (chart 1.x refused to render without a bucket). With external " +
			"storage a forgotten bucket no longer fails: events and media go to a bucket called langfuse, which may not exist, " +
			"may belong to someone else in a shared S3-compatible service, or is not the one your lifecycle rules cover.",
		Remediation: "Set s3.bucket (or s3.eventUpload.bucket, s3.mediaUpload.bucket and s3.batchExport.bucket) to your bucket.",
		Check:       checkS3BucketImplicit,
		Versions:    ">= 2.0.0-0",
	},
	{
		ID:       "s3-path-style",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "forcePathStyle is false for a non-AWS S3 endpoint (MinIO, SeaweedFS, Ceph, ...).",
		Rationale: "Most S3-compatible servers (MinIO, SeaweedFS, Ceph RGW) answer only path-style requests " +
			"(endpoint/bucket/key) unless configured with a wildcard domain, so forcePathStyle: false fails against them. " +
			"Note that a per-type forcePathStyle cannot be switched off while the global one is true: the chart's " +
			"`default` treats false as empty.",
		Remediation: "Set s3.forcePathStyle: true for MinIO, SeaweedFS, Ceph and other S3-compatible endpoints.",
		Check:       checkS3PathStyle,
	},
	{
		ID:       "s3-path-style-aws",
		Severity: finding.Info,
		Category: Stores,
		Summary:  "AWS S3 is addressed path-style (forcePathStyle true, the chart's default).",
		Rationale: "The chart defaults forcePathStyle to true for its bundled object store (SeaweedFS in chart 2.x, MinIO in 1.x). AWS has deprecated path-style " +
			"requests (announced for buckets created after September 2020, then postponed with a promised year of " +
			"notice) and recommends virtual-hosted-style; Langfuse itself defaults to false. It works today, hence " +
			"advice rather than a warning. Bucket names with dots are not reported, since virtual-hosted-style breaks " +
			"TLS for them.",
		Remediation: "Set s3.forcePathStyle: false for AWS S3 (no endpoint, or an amazonaws.com endpoint).",
		Check:       checkS3PathStyleAWS,
	},
	{
		ID:       "s3-max-content-length-float",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "An unquoted s3.mediaUpload.maxContentLength of a million or more renders in e-notation (1e+09).",
		Rationale: "Helm reads numbers from values files as float64 and prints those of a million or more in e-notation, so " +
			"maxContentLength: 1000000000 becomes the string \"1e+09\" in the pod's environment instead of digits. Anything " +
			"that parses the variable as an integer (rather than a JavaScript Number) reads 1.",
		Remediation: "Quote the number: maxContentLength: \"1000000000\".",
		Check:       checkS3MaxContentLengthFloat,
	},
	{
		ID:       "redis-noeviction",
		Severity: finding.Error,
		Category: Stores,
		Summary:  "Bundled Redis (redis.deploy: true) not configured with maxmemory-policy noeviction: the chart refuses to render.",
		Rationale: "Langfuse keeps its BullMQ queues in Redis, and an evicting memory policy silently drops queued jobs. The " +
			"chart therefore fails the render when redis.deploy is true and the bundled server is not set to noeviction: " +
			"chart 2.x looks for \"maxmemory-policy noeviction\" in redis.valkeyConfig (replacing the whole block drops the " +
			"default line), chart 1.x for the item \"--maxmemory-policy noeviction\" in redis.primary.extraFlags (a list " +
			"replaces the default list whole). For an external Redis the policy cannot be checked from the values; set it " +
			"on the server.",
		Remediation: "Keep the line \"maxmemory-policy noeviction\" in redis.valkeyConfig (chart 2.x), or the item \"--maxmemory-policy noeviction\" in redis.primary.extraFlags (chart 1.x), when you change them.",
		Check:       reportRefusals,
	},
	{
		ID:       "clickhouse-cluster-implicit",
		Severity: finding.Warning,
		Category: Stores,
		Summary:  "External ClickHouse relies on cluster mode being on by default, so migrations run ON CLUSTER default.",
		Rationale: "Chart 2.x always sets CLICKHOUSE_CLUSTER_ENABLED from clickhouse.cluster.enabled, which defaults to true; " +
			"chart 1.x sets it only to switch cluster mode off (clickhouse.clusterEnabled: false), and otherwise leaves the " +
			"application's default, which is on. Langfuse then runs its ClickHouse migrations with ON CLUSTER default and " +
			"replicated tables, which fails on a single-node server or a cluster with another name (langfuse-k8s issues #60 " +
			"and #193). Chart 2.x ignores the chart 1.x key clickhouse.clusterEnabled.",
		Remediation: "Set the cluster-mode key of your chart explicitly (clickhouse.cluster.enabled in chart 2.x, clickhouse.clusterEnabled in chart 1.x): false for a single ClickHouse server (or ClickHouse Cloud), true only for a real cluster named \"default\".",
		Check:       checkClickHouseClusterImplicit,
	},
}

func checkStoreBundled(c *Context) {
	for _, s := range c.Chart.Stores.Bundled {
		if !c.Bool(s.Key + ".deploy") {
			continue
		}
		if s.ReplicasKey != "" {
			if replicas, _ := c.IntDefault(s.ReplicasKey, s.ReplicasDefault); replicas >= 2 {
				continue // the chart replicates it
			}
		}
		c.Report(c.At(s.Key+".deploy"), "%s is deployed by the chart: %s", s.Name, s.Single)
	}
}

func checkStoreHostMissing(c *Context) {
	// Redis and ClickHouse without a host are render failures of the chart.
	reportRefusals(c)
	if !c.Bool("postgresql.deploy") && !c.Bool("postgresql.host") {
		if _, ok := c.chartSeesEnv("DATABASE_URL"); !ok {
			c.Report(c.At("postgresql.host"), "external PostgreSQL (deploy: false) has no host and no DATABASE_URL; DATABASE_HOST renders empty and Langfuse cannot start")
		}
	}
}

// hostPort returns the port written in a host ("db:6543", "[::1]:5432").
func hostPort(host string) (int, bool) {
	var p string
	switch {
	case strings.HasPrefix(host, "["):
		i := strings.Index(host, "]:")
		if i < 0 {
			return 0, false
		}
		p = host[i+2:]
	case strings.Count(host, ":") == 1:
		p = host[strings.Index(host, ":")+1:]
	default:
		return 0, false
	}
	n, err := strconv.Atoi(p)
	return n, err == nil
}

func checkPostgresPortIgnored(c *Context) {
	n := c.Get("postgresql.port")
	if n.IsNull() {
		return
	}
	port, ok := Int(n)
	if !ok {
		return
	}
	if _, url := c.chartSeesEnv("DATABASE_URL"); url {
		return // the chart emits no DATABASE_* host variables; the URL has its own port
	}
	host := c.Str("postgresql.host")
	if hp, has := hostPort(host); has {
		if hp != port {
			c.Report(c.At("postgresql.port"), "port %d is ignored: the application does not read DATABASE_PORT and connects to port %d from postgresql.host", port, hp)
		}
		return
	}
	if port != 5432 {
		c.Report(c.At("postgresql.port"), "port %d is ignored: the application does not read DATABASE_PORT and connects to port 5432; put the port into postgresql.host", port)
	}
}

func checkPostgresIdentityImplicit(c *Context) {
	if c.Bool("postgresql.deploy") {
		return
	}
	if _, url := c.chartSeesEnv("DATABASE_URL"); url {
		return
	}
	for _, k := range []struct{ path, v1 string }{
		{"postgresql.auth.username", "postgres"},
		{"postgresql.auth.database", "postgres_langfuse"},
	} {
		if c.SetByUser(k.path) {
			continue
		}
		c.Report(c.At(k.path), "external PostgreSQL uses the chart's default %s %q (chart 1.x defaulted to %q)",
			k.path[strings.LastIndex(k.path, ".")+1:], c.Str(k.path), k.v1)
	}
}

func checkRedisTLSOff(c *Context) {
	if c.Bool("redis.deploy") || c.Bool("redis.tls.enabled") {
		return
	}
	for _, e := range c.allEnvLists() {
		if v, literal := e.Value(); e.Name == "REDIS_TLS_ENABLED" && (!literal || !strings.EqualFold(strings.TrimSpace(v), "false")) {
			return // TLS switched on (or decided) through the environment
		}
	}
	if e, ok := c.chartSeesEnv("REDIS_CONNECTION_STRING"); ok {
		v, literal := e.Value()
		if literal && strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "redis://") {
			c.Report(c.atEnvField(e, "value"), "REDIS_CONNECTION_STRING uses redis://, without TLS: passwords and queued events travel in clear text")
		}
		return // rediss://, or read from a Secret: cannot tell
	}
	if !c.Bool("redis.host") && !c.Bool("redis.cluster.enabled") && !c.Bool("redis.sentinel.enabled") {
		return // store-host-missing reports this one
	}
	c.Report(c.At("redis.tls.enabled"), "external Redis is reached without TLS: passwords and queued events travel in clear text")
}

func checkClickHouseTLSOff(c *Context) {
	t := c.Chart.Stores.ClickHouseTLS
	if t == nil || c.Bool(t.Deploy) {
		return
	}
	if e, ok := c.chartSeesEnv(t.URLEnv); ok {
		v, literal := e.Value()
		if literal && strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "http://") {
			c.Report(c.atEnvField(e, "value"), "%s uses http://, without TLS: the ClickHouse password and every trace travel in clear text", t.URLEnv)
		}
		return // https://, or read from a Secret: cannot tell
	}
	if _, ok := c.chartSeesEnv(t.SuppressEnv); ok {
		return // the chart emits no ClickHouse variable: the environment decides
	}
	host := c.Str(t.Host)
	if strings.TrimSpace(host) == "" || strings.HasPrefix(host, t.HTTPSPrefix) {
		return // no host: store-host-missing (or the environment) decides
	}
	if c.Bool("clickhouse.migration.ssl") && !c.Bool("clickhouse.migration.url") {
		return // TLS meant but not asked for: clickhouse-ssl-mismatch reports it
	}
	c.Report(c.At(t.Host), "external ClickHouse is queried over plain HTTP (clickhouse.host does not start with %s): "+
		"the ClickHouse password and every trace travel in clear text", t.HTTPSPrefix)
}

func checkClickHouseSSLMismatch(c *Context) {
	if _, ok := c.chartSeesEnv("CLICKHOUSE_MIGRATION_URL"); ok {
		return // the chart emits no ClickHouse variables
	}
	if c.Bool("clickhouse.migration.url") {
		return // migrations have their own URL
	}
	host := strings.ToLower(strings.TrimSpace(c.Str("clickhouse.host")))
	ssl := c.Bool("clickhouse.migration.ssl")
	native, _ := c.IntDefault("clickhouse.nativePort", 9000)
	switch {
	case strings.HasPrefix(host, "https://") && !ssl:
		c.Report(c.At("clickhouse.migration.ssl"), "clickhouse.host uses https:// but migration.ssl is false: migrations connect to native port %d without TLS", native)
	case strings.HasPrefix(host, "http://") && ssl:
		c.Report(c.At("clickhouse.migration.ssl"), "clickhouse.host uses http:// but migration.ssl is true: the application uses plain HTTP while migrations expect TLS on native port %d", native)
	}
}

// usedUploadTypes are the upload types the chart configures: eventUpload
// and mediaUpload always (the media bucket variable is emitted even when
// mediaUpload is disabled), batchExport when enabled.
func (c *Context) usedUploadTypes() []string {
	out := []string{"eventUpload"}
	if c.Bool("s3.batchExport.enabled") {
		out = append(out, "batchExport")
	}
	return append(out, "mediaUpload")
}

func checkS3BucketImplicit(c *Context) {
	if c.Bool("s3.deploy") || c.SetByUser("s3.bucket") {
		return
	}
	var implicit []string
	for _, t := range c.usedUploadTypes() {
		if !c.Bool("s3." + t + ".bucket") {
			implicit = append(implicit, t)
		}
	}
	if len(implicit) == 0 {
		return
	}
	c.Report(c.At("s3.bucket"), "external object storage: %s silently %s the chart's default bucket %q",
		s3TypeList(implicit), s3Verb(implicit, "uses", "use"), c.Str("s3.bucket"))
}

// endpointHost returns the host of an S3 endpoint URL, without scheme,
// credentials, port or path, in lower case.
func endpointHost(endpoint string) string {
	h := strings.ToLower(strings.TrimSpace(endpoint))
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if i := strings.LastIndex(h, "@"); i >= 0 {
		h = h[i+1:]
	}
	if i := strings.LastIndex(h, ":"); i >= 0 && !strings.HasSuffix(h, "]") {
		h = h[:i]
	}
	return h
}

// awsS3Host reports whether an endpoint host is AWS S3.
func awsS3Host(host string) bool {
	for _, suffix := range []string{"amazonaws.com", "amazonaws.com.cn"} {
		if host == suffix || strings.HasSuffix(host, "."+suffix) {
			return true
		}
	}
	return false
}

func checkS3PathStyle(c *Context)    { reportS3PathStyle(c, "compatible") }
func checkS3PathStyleAWS(c *Context) { reportS3PathStyle(c, "aws") }

// reportS3PathStyle reports one kind of path-style mismatch: "compatible"
// (false for a non-AWS endpoint) or "aws" (true for AWS S3).
func reportS3PathStyle(c *Context, want string) {
	if c.Bool("s3.deploy") || c.Str("s3.storageProvider") != "s3" {
		return
	}
	type group struct {
		at, kind, host string
		types          []string
		ignored        []string // per-type false values the chart ignores
	}
	var groups []*group
	find := func(at, kind, host string) *group {
		for _, g := range groups {
			if g.at == at && g.kind == kind && g.host == host {
				return g
			}
		}
		g := &group{at: at, kind: kind, host: host}
		groups = append(groups, g)
		return g
	}
	for _, t := range c.usedUploadTypes() {
		ep := c.Coalesce("s3."+t+".endpoint", "s3.endpoint")
		host := ""
		if ep.Node != nil {
			host = endpointHost(ep.Node.Text())
		}
		at, fps := "s3.forcePathStyle", c.Bool("s3.forcePathStyle")
		perType := c.Get("s3." + t + ".forcePathStyle")
		if Truthy(perType) {
			at, fps = "s3."+t+".forcePathStyle", true
		}
		aws := host == "" || awsS3Host(host)
		bucket := c.Coalesce("s3."+t+".bucket", "s3.bucket").Node.Text()
		switch {
		case !aws && !fps:
			find(at, "compatible", host).types = append(find(at, "compatible", host).types, t)
		case aws && fps && !strings.Contains(bucket, "."):
			g := find(at, "aws", "")
			g.types = append(g.types, t)
			if perType != nil && perType.Kind == values.Bool && !perType.Bool && c.SetByUser("s3."+t+".forcePathStyle") {
				g.ignored = append(g.ignored, "s3."+t+".forcePathStyle")
			}
		}
	}
	for _, g := range groups {
		if g.kind != want {
			continue
		}
		types := s3TypeList(g.types)
		switch g.kind {
		case "compatible":
			c.Report(c.At(g.at), "forcePathStyle is false for %s with the non-AWS endpoint %s; most S3-compatible servers only answer path-style requests", types, g.host)
		case "aws":
			origin := ""
			if !c.SetByUser(g.at) {
				origin = " (the chart's default)"
			}
			note := ""
			if len(g.ignored) > 0 {
				note = fmt.Sprintf("; %s: false is ignored because the chart falls back to s3.forcePathStyle", strings.Join(g.ignored, ", "))
			}
			c.Report(c.At(g.at), "%s %s path-style requests to AWS S3: forcePathStyle is true%s, a style AWS has deprecated%s", types, s3Verb(g.types, "sends", "send"), origin, note)
		}
	}
}

func checkS3MaxContentLengthFloat(c *Context) {
	n := c.Get("s3.mediaUpload.maxContentLength")
	if !n.FromUser() || n.Quoted {
		return
	}
	var f float64
	switch n.Kind {
	case values.Int:
		f = float64(n.Int)
	case values.Float:
		f = n.Float
	default:
		return
	}
	if f < 1e6 {
		return
	}
	c.Report(c.At("s3.mediaUpload.maxContentLength"), "the unquoted number renders as %q in LANGFUSE_S3_MEDIA_UPLOAD_MAX_CONTENT_LENGTH; quote it to keep the digits", fmt.Sprint(f))
}

func checkClickHouseClusterImplicit(c *Context) {
	if c.Bool("clickhouse.deploy") || !c.Bool("clickhouse.host") {
		return
	}
	key := c.Chart.Stores.ClickHouseCluster
	if c.SetByUser(key) || !c.Bool(key) {
		return
	}
	if _, ok := c.chartSeesEnv("CLICKHOUSE_MIGRATION_URL"); ok {
		return // the chart emits no ClickHouse variables at all
	}
	for _, e := range c.allEnvLists() {
		if e.Name == "CLICKHOUSE_CLUSTER_ENABLED" {
			return // the user decides through the environment
		}
	}
	c.Report(c.At(key), "external ClickHouse with cluster mode on by default: migrations run ON CLUSTER default and fail on a single server")
}

// s3TypeList lists upload types as "a", "a and b" or "a, b and c".
func s3TypeList(types []string) string {
	if len(types) <= 1 {
		return strings.Join(types, "")
	}
	return strings.Join(types[:len(types)-1], ", ") + " and " + types[len(types)-1]
}

// s3Verb picks the verb form for a list of subjects.
func s3Verb(items []string, one, many string) string {
	if len(items) == 1 {
		return one
	}
	return many
}

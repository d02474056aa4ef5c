package spec

import (
	"reflect"
	"strings"
)

// Param ties a generate flag to its key in the answers file.
type Param struct {
	// Flag is the flag name without dashes.
	Flag string
	// Key is the dotted answers key.
	Key string
	// Help is the flag's help text.
	Help string
}

// Params lists every input of the generator. A flag's value replaces the
// answers file's, which replaces the profile's.
var Params = []Param{
	{"chart-version", "chartVersion", "Langfuse chart version"},
	{"release", "release", "Helm release name (used in resource names and label selectors)"},
	{"namespace", "namespace", "namespace the release is installed into"},
	{"app-version", "appVersion", "Langfuse version to pin, for example 4.4.0"},
	{"web-digest", "images.webDigest", "digest of the web image (sha256:...)"},
	{"worker-digest", "images.workerDigest", "digest of the worker image (sha256:...)"},
	{"host", "host", "public host name, for example langfuse.example.com"},
	{"ingress", "ingress.enabled", "create an Ingress (true or false)"},
	{"ingress-class", "ingress.className", "IngressClass, for example nginx"},
	{"tls-secret", "ingress.tlsSecret", "Secret holding the TLS certificate"},
	{"cert-manager-issuer", "ingress.certManagerIssuer", "cert-manager ClusterIssuer that fills the TLS Secret"},
	{"body-size", "ingress.bodySize", "largest request body, nginx syntax (100m)"},
	{"web-replicas", "web.replicas", "web replicas without an autoscaler"},
	{"web-cpu", "web.cpu", "web CPU request (1, 500m)"},
	{"web-memory", "web.memory", "web memory request and limit (2Gi)"},
	{"web-autoscaling", "web.autoscaling.mode", "web autoscaler: none, hpa or keda"},
	{"web-min-replicas", "web.autoscaling.minReplicas", "web autoscaler minimum"},
	{"web-max-replicas", "web.autoscaling.maxReplicas", "web autoscaler maximum"},
	{"web-cpu-target", "web.autoscaling.cpuPercent", "web autoscaler CPU target in percent"},
	{"web-memory-target", "web.autoscaling.memoryPercent", "web autoscaler memory target in percent (0: none)"},
	{"worker-replicas", "worker.replicas", "worker replicas without an autoscaler"},
	{"worker-cpu", "worker.cpu", "worker CPU request"},
	{"worker-memory", "worker.memory", "worker memory request and limit"},
	{"worker-autoscaling", "worker.autoscaling.mode", "worker autoscaler: none, hpa, keda or keda-queue"},
	{"worker-min-replicas", "worker.autoscaling.minReplicas", "worker autoscaler minimum"},
	{"worker-max-replicas", "worker.autoscaling.maxReplicas", "worker autoscaler maximum"},
	{"worker-cpu-target", "worker.autoscaling.cpuPercent", "worker autoscaler CPU target in percent"},
	{"worker-memory-target", "worker.autoscaling.memoryPercent", "worker autoscaler memory target in percent (0: none)"},
	{"worker-queue-length", "worker.queue.listLength", "keda-queue: waiting jobs per worker replica"},
	{"worker-queue-polling", "worker.queue.pollingInterval", "keda-queue: seconds between queue checks"},
	{"worker-queue-shards", "worker.queue.shards", "keda-queue: ingestion queue shard count"},
	{"pdb", "pdb.mode", "PodDisruptionBudget bound: maxUnavailable or minAvailable"},
	{"pdb-value", "pdb.value", "PodDisruptionBudget value: a count or a percentage"},
	{"zone-spread", "spread.zone", "spread across zones: hard, soft or off"},
	{"host-spread", "spread.host", "spread across nodes: hard, soft or off"},
	{"startup-seconds", "startupSeconds", "expected web start-up time (P99 seconds, migrations included)"},
	{"postgres", "postgres.mode", "PostgreSQL: external or bundled"},
	{"postgres-host", "postgres.host", "PostgreSQL host[:port]"},
	{"postgres-database", "postgres.database", "PostgreSQL database"},
	{"postgres-user", "postgres.user", "PostgreSQL user"},
	{"postgres-secret", "postgres.password.name", "Secret holding the PostgreSQL password"},
	{"postgres-secret-key", "postgres.password.key", "key of the PostgreSQL password in that Secret"},
	{"postgres-args", "postgres.args", "PostgreSQL connection parameters (sslmode=require)"},
	{"redis", "redis.mode", "Redis: external or bundled"},
	{"redis-topology", "redis.topology", "Redis topology: standalone, cluster or sentinel"},
	{"redis-host", "redis.host", "Redis host (standalone)"},
	{"redis-port", "redis.port", "Redis port (standalone)"},
	{"redis-nodes", "redis.nodes", "Redis cluster nodes, comma-separated host:port"},
	{"redis-sentinel-master", "redis.sentinel.masterName", "Redis Sentinel primary name"},
	{"redis-sentinel-nodes", "redis.sentinel.nodes", "Redis Sentinel nodes, comma-separated host:port"},
	{"redis-username", "redis.username", "Redis ACL user"},
	{"redis-secret", "redis.password.name", "Secret holding the Redis password"},
	{"redis-secret-key", "redis.password.key", "key of the Redis password in that Secret"},
	{"redis-tls", "redis.tls", "connect to Redis with TLS (true or false)"},
	{"redis-database", "redis.database", "Redis database number"},
	{"clickhouse", "clickhouse.mode", "ClickHouse: external or bundled"},
	{"clickhouse-host", "clickhouse.host", "ClickHouse URL, for example https://ch.example.com"},
	{"clickhouse-http-port", "clickhouse.httpPort", "ClickHouse HTTP(S) port"},
	{"clickhouse-native-port", "clickhouse.nativePort", "ClickHouse native port"},
	{"clickhouse-database", "clickhouse.database", "ClickHouse database"},
	{"clickhouse-user", "clickhouse.user", "ClickHouse user"},
	{"clickhouse-secret", "clickhouse.password.name", "Secret holding the ClickHouse password"},
	{"clickhouse-secret-key", "clickhouse.password.key", "key of the ClickHouse password in that Secret"},
	{"clickhouse-cluster", "clickhouse.cluster", "ClickHouse is a cluster named default (true or false)"},
	{"s3", "s3.mode", "object storage: external or bundled"},
	{"s3-bucket", "s3.bucket", "S3 bucket"},
	{"s3-region", "s3.region", "S3 region"},
	{"s3-endpoint", "s3.endpoint", "S3 endpoint URL (empty for AWS)"},
	{"s3-path-style", "s3.pathStyle", "path-style S3 URLs (true for MinIO and most non-AWS stores)"},
	{"s3-credentials", "s3.credentials", "S3 credentials: secret or workload-identity"},
	{"s3-secret", "s3.secret.name", "Secret holding the S3 access keys"},
	{"service-account-annotations", "serviceAccountAnnotations", "ServiceAccount annotations, comma-separated key=value (workload identity: eks.amazonaws.com/role-arn=arn:aws:iam::ACCOUNT:role/NAME)"},
	{"app-secret", "appSecret.name", "Secret holding salt, encryption key and NextAuth secret"},
	{"signup-disabled", "signUpDisabled", "disable self sign-up (true or false)"},
	{"telemetry", "telemetry", "send anonymous usage statistics (true or false)"},
	{"log-level", "logging.level", "log level"},
	{"log-format", "logging.format", "log format: text or json"},
}

// FlagFor returns the flag of an answers key, or "". A list item
// (redis.nodes[1]) is given with its list's flag.
func FlagFor(key string) string {
	if BaseKey(key) == "accept" {
		return AcceptFlag
	}
	if i := strings.IndexByte(key, '['); i >= 0 && !strings.ContainsAny(key[i:], ".\"") {
		key = key[:i]
	}
	for _, p := range Params {
		if p.Key == key {
			return p.Flag
		}
	}
	return ""
}

// kindOf returns the reflect kind of the Spec field at a dotted answers key.
func kindOf(key string) reflect.Kind {
	f, ok := fieldOf(key)
	if !ok {
		return reflect.Invalid
	}
	return f.Type.Kind()
}

package model

import "github.com/invopop/jsonschema"

// This file holds the parts of the store sections that the templates of
// every modelled release read alike: Redis TLS, cluster and sentinel modes,
// ClickHouse migrations, and the S3 upload types with their fallbacks.

// RedisTLS configures TLS to Redis.
type RedisTLS struct {
	// Connects with TLS (rediss://). The bundled Redis or Valkey sub-chart reads the same key and turns TLS on there too.
	Enabled bool `json:"enabled,omitempty"`
	// Path of a CA bundle inside the pods; mount it with extraVolumes and extraVolumeMounts.
	CAPath string `json:"caPath,omitempty"`
	// Path of a client certificate inside the pods, for mutual TLS.
	CertPath string `json:"certPath,omitempty"`
	// Path of the client key inside the pods, for mutual TLS.
	KeyPath string `json:"keyPath,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (RedisTLS) JSONSchemaExtend(s *jsonschema.Schema) { OpenObject(s) }

// RedisCluster configures Redis Cluster mode.
type RedisCluster struct {
	// Connects to a Redis Cluster. Needs deploy: false and at least one node.
	Enabled bool `json:"enabled,omitempty"`
	// Cluster nodes as host:port.
	Nodes []string `json:"nodes,omitempty" jsonschema:"pattern=^[^:\\s]+:[0-9]+$"`
}

// RedisSentinel configures Redis Sentinel mode.
type RedisSentinel struct {
	// Connects through Redis Sentinel. Needs deploy: false, masterName and nodes; cannot be combined with cluster mode.
	Enabled bool `json:"enabled,omitempty"`
	// Name of the monitored primary.
	MasterName string `json:"masterName,omitempty"`
	// Sentinel nodes as one comma-separated string of host:port.
	Nodes string `json:"nodes,omitempty"`
	// User for authenticating to the sentinels.
	Username string `json:"username,omitempty"`
	// Literal sentinel password. Use existingSecret instead.
	Password string `json:"password,omitempty"`
	// Secret holding the sentinel password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the sentinel password; required with existingSecret.
	ExistingSecretPasswordKey string `json:"existingSecretPasswordKey,omitempty"`
}

// sentinelNodesPattern is a comma-separated list of host:port (set in code:
// struct tags cannot hold commas).
const sentinelNodesPattern = `^([^:\s,]+:[0-9]+(,[^:\s,]+:[0-9]+)*)?$`

// JSONSchemaExtend sets the pattern of the sentinel node list.
func (RedisSentinel) JSONSchemaExtend(s *jsonschema.Schema) {
	if p, ok := s.Properties.Get("nodes"); ok {
		p.Pattern = sentinelNodesPattern
	}
}

// Migration controls the PostgreSQL schema migrations at start-up.
type Migration struct {
	// Runs migrations when the web container starts. With false, run them yourself before each upgrade.
	AutoMigrate bool `json:"autoMigrate,omitempty"`
}

// ClickHouseMigration controls ClickHouse schema migrations.
type ClickHouseMigration struct {
	// Native-protocol URL for migrations (env CLICKHOUSE_MIGRATION_URL); derived from host and nativePort when empty.
	URL string `json:"url,omitempty"`
	// Uses TLS for migrations. Must match an https:// host.
	SSL bool `json:"ssl,omitempty"`
	// Runs ClickHouse migrations when the web container starts.
	AutoMigrate bool `json:"autoMigrate,omitempty"`
}

// GCS holds Google Cloud Storage settings.
type GCS struct {
	// Service account key JSON. Leave unset to use the pod's workload identity; otherwise supply it from a Secret.
	Credentials *ValueOrSecret `json:"credentials,omitempty"`
}

// S3Concurrency limits parallel S3 requests.
type S3Concurrency struct {
	// Parallel reads per pod.
	Reads *int `json:"reads,omitempty" jsonschema:"minimum=1"`
	// Parallel writes per pod.
	Writes *int `json:"writes,omitempty" jsonschema:"minimum=1"`
}

// S3Upload is the storage of one upload type.
type S3Upload struct {
	// Bucket of this upload type; falls back to s3.bucket.
	Bucket string `json:"bucket,omitempty"`
	// Key prefix inside the bucket, for example events/.
	Prefix string `json:"prefix,omitempty"`
	// Region; falls back to s3.region.
	Region string `json:"region,omitempty"`
	// Endpoint; falls back to s3.endpoint.
	Endpoint string `json:"endpoint,omitempty"`
	// Path-style URLs; falls back to s3.forcePathStyle.
	ForcePathStyle *bool `json:"forcePathStyle,omitempty" jsonschema:"nullable"`
	// Access key ID; falls back to s3.accessKeyId.
	AccessKeyID *ValueOrSecret `json:"accessKeyId,omitempty"`
	// Secret access key; falls back to s3.secretAccessKey.
	SecretAccessKey *ValueOrSecret `json:"secretAccessKey,omitempty"`
}

// S3OptionalUpload is the storage of an upload type that can be turned off.
type S3OptionalUpload struct {
	// Turns the feature on.
	Enabled bool `json:"enabled,omitempty"`
	// Bucket of this upload type; falls back to s3.bucket.
	Bucket string `json:"bucket,omitempty"`
	// Key prefix inside the bucket; falls back to s3.prefix.
	Prefix string `json:"prefix,omitempty"`
	// Region; falls back to s3.region.
	Region string `json:"region,omitempty"`
	// Endpoint; falls back to s3.endpoint.
	Endpoint string `json:"endpoint,omitempty"`
	// Path-style URLs; falls back to s3.forcePathStyle.
	ForcePathStyle *bool `json:"forcePathStyle,omitempty" jsonschema:"nullable"`
	// Access key ID; falls back to s3.accessKeyId.
	AccessKeyID *ValueOrSecret `json:"accessKeyId,omitempty"`
	// Secret access key; falls back to s3.secretAccessKey.
	SecretAccessKey *ValueOrSecret `json:"secretAccessKey,omitempty"`
}

// S3MediaUpload is the storage of media attachments.
type S3MediaUpload struct {
	// Turns media uploads on. The chart still needs a bucket when this is false.
	Enabled bool `json:"enabled,omitempty"`
	// Bucket of media uploads; falls back to s3.bucket.
	Bucket string `json:"bucket,omitempty"`
	// Key prefix inside the bucket; falls back to s3.prefix.
	Prefix string `json:"prefix,omitempty"`
	// Region; falls back to s3.region.
	Region string `json:"region,omitempty"`
	// Endpoint; falls back to s3.endpoint.
	Endpoint string `json:"endpoint,omitempty"`
	// Path-style URLs; falls back to s3.forcePathStyle.
	ForcePathStyle *bool `json:"forcePathStyle,omitempty" jsonschema:"nullable"`
	// Access key ID; falls back to s3.accessKeyId.
	AccessKeyID *ValueOrSecret `json:"accessKeyId,omitempty"`
	// Secret access key; falls back to s3.secretAccessKey.
	SecretAccessKey *ValueOrSecret `json:"secretAccessKey,omitempty"`
	// Largest upload in bytes. Quote values of a million or more ("1000000000"), or Helm renders them as 1e+09.
	MaxContentLength *ByteCount `json:"maxContentLength,omitempty"`
	// Lifetime in seconds of media download links.
	DownloadURLExpirySeconds *int `json:"downloadUrlExpirySeconds,omitempty" jsonschema:"minimum=1"`
}

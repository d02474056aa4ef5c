// Package spec holds the generator's inputs: the Spec, how it is assembled
// from a profile, an answers file and flags (in that order, later wins), and
// its validation. The answers file is YAML with the same keys as Spec; its
// JSON Schema (answers.schema.json) is generated from these types.
package spec

//go:generate go run ./gen

// Spec is everything the generator needs to write a values file.
type Spec struct {
	// Profile the defaults come from: production, high-availability or evaluation.
	Profile string `json:"profile,omitempty" jsonschema:"enum=production,enum=high-availability,enum=evaluation"`
	// Langfuse chart version the values are written for.
	ChartVersion string `json:"chartVersion,omitempty"`
	// Helm release name. It appears in resource names and in the label selectors of topology spread constraints.
	Release string `json:"release,omitempty" jsonschema:"pattern=^[a-z0-9]([-a-z0-9]*[a-z0-9])?$,maxLength=53"`
	// Namespace the release is installed into; used by the extra manifests.
	Namespace string `json:"namespace,omitempty" jsonschema:"pattern=^[a-z0-9]([-a-z0-9]*[a-z0-9])?$,maxLength=63"`
	// Langfuse application version, pinned (for example 4.4.0).
	AppVersion string `json:"appVersion,omitempty"`
	// Image digests, per component (web and worker are different images).
	Images Images `json:"images,omitempty"`
	// Public host name users open, for example langfuse.example.com.
	Host string `json:"host,omitempty"`
	// The Ingress in front of the web component.
	Ingress Ingress `json:"ingress,omitempty"`
	// The web component (UI and API).
	Web Component `json:"web,omitempty"`
	// The worker component (queue processing).
	Worker Worker `json:"worker,omitempty"`
	// PodDisruptionBudget policy of both components.
	PDB PDB `json:"pdb,omitempty"`
	// Topology spread of both components.
	Spread Spread `json:"spread,omitempty"`
	// Expected web start-up time (P99, seconds) including database migrations; probe delays are derived from it.
	StartupSeconds int `json:"startupSeconds,omitempty" jsonschema:"minimum=5,maximum=3600"`
	// PostgreSQL connection.
	Postgres Postgres `json:"postgres,omitempty"`
	// Redis or Valkey connection.
	Redis Redis `json:"redis,omitempty"`
	// ClickHouse connection.
	ClickHouse ClickHouse `json:"clickhouse,omitempty"`
	// Object storage.
	S3 S3 `json:"s3,omitempty"`
	// The Secret holding the application's salt, encryption key and NextAuth secret.
	AppSecret AppSecret `json:"appSecret,omitempty"`
	// Stops users from signing up on their own.
	SignUpDisabled bool `json:"signUpDisabled,omitempty"`
	// Sends anonymous usage statistics to Langfuse (each health probe then also queries Postgres).
	Telemetry bool `json:"telemetry,omitempty"`
	// Log output of both components.
	Logging Logging `json:"logging,omitempty"`
	// Pod security settings of both components.
	Security Security `json:"security,omitempty"`
	// Annotations on the ServiceAccount, for example a cloud IAM role for workload identity.
	ServiceAccountAnnotations map[string]string `json:"serviceAccountAnnotations,omitempty"`
	// Rule warnings you accept on purpose, each with a reason; the generated file lists them.
	Accept []Accepted `json:"accept,omitempty"`
}

// Accepted is a rule warning accepted on purpose.
type Accepted struct {
	// Rule ID (see valuesmith rules).
	Rule string `json:"rule" jsonschema:"required,minLength=1"`
	// Why it is acceptable here.
	Reason string `json:"reason" jsonschema:"required,minLength=1"`
}

// Images holds per-component image digests.
type Images struct {
	// Digest of the web image for the app version (sha256:...); optional.
	WebDigest string `json:"webDigest,omitempty" jsonschema:"pattern=^(sha256:[0-9a-f]{64})?$"`
	// Digest of the worker image for the app version (sha256:...); optional.
	WorkerDigest string `json:"workerDigest,omitempty" jsonschema:"pattern=^(sha256:[0-9a-f]{64})?$"`
}

// Ingress describes the Ingress.
type Ingress struct {
	// Creates an Ingress for the web component.
	Enabled bool `json:"enabled,omitempty"`
	// IngressClass that serves it, for example nginx.
	ClassName string `json:"className,omitempty"`
	// Secret holding the TLS certificate (filled by cert-manager when an issuer is given).
	TLSSecret string `json:"tlsSecret,omitempty"`
	// cert-manager ClusterIssuer that issues the certificate; empty when the Secret is managed otherwise.
	CertManagerIssuer string `json:"certManagerIssuer,omitempty"`
	// Largest request body the ingress accepts (nginx syntax, for example 100m); at least 50m for prompts and media.
	BodySize string `json:"bodySize,omitempty" jsonschema:"pattern=^[0-9]+[kKmMgG]?$"`
}

// Component is the sizing and scaling of one component.
type Component struct {
	// Replica count when no autoscaler runs.
	Replicas int `json:"replicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// CPU request, for example 1 or 500m.
	CPU string `json:"cpu,omitempty"`
	// Memory request and limit, for example 2Gi.
	Memory string `json:"memory,omitempty"`
	// Autoscaling of the component.
	Autoscaling Autoscaling `json:"autoscaling,omitempty"`
}

// Autoscaling chooses an autoscaler and its bounds.
type Autoscaling struct {
	// none, hpa, keda (cpu/memory through the chart's ScaledObject), or for the worker keda-queue (KEDA on the Redis ingestion queues).
	Mode string `json:"mode,omitempty" jsonschema:"enum=none,enum=hpa,enum=keda,enum=keda-queue"`
	// Lowest replica count.
	MinReplicas int `json:"minReplicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Highest replica count.
	MaxReplicas int `json:"maxReplicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Target average CPU utilisation in percent of the request.
	CPUPercent int `json:"cpuPercent,omitempty" jsonschema:"minimum=1,maximum=100"`
	// Target average memory utilisation in percent of the request; 0 leaves memory out.
	MemoryPercent int `json:"memoryPercent,omitempty" jsonschema:"minimum=0,maximum=100"`
}

// Worker is the worker's sizing and scaling, plus queue scaling.
type Worker struct {
	Component
	// Queue-length scaling (autoscaling mode keda-queue).
	Queue Queue `json:"queue,omitempty"`
}

// Queue tunes KEDA scaling on the Redis ingestion queues.
type Queue struct {
	// Waiting jobs per worker replica that KEDA aims for.
	ListLength int `json:"listLength,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Seconds between queue length checks.
	PollingInterval int `json:"pollingInterval,omitempty" jsonschema:"minimum=5,maximum=2147483647"`
	// Seconds of low load before scaling down.
	CooldownPeriod int `json:"cooldownPeriod,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// LANGFUSE_INGESTION_QUEUE_SHARD_COUNT of the deployment (shards are used in Redis cluster mode only).
	Shards int `json:"shards,omitempty" jsonschema:"minimum=1,maximum=64"`
}

// PDB is the disruption budget policy.
type PDB struct {
	// maxUnavailable or minAvailable.
	Mode string `json:"mode,omitempty" jsonschema:"enum=maxUnavailable,enum=minAvailable"`
	// The bound: a count (1) or a percentage ("25%").
	Value string `json:"value,omitempty" jsonschema:"pattern=^[0-9]+%?$"`
}

// Spread is the topology spread policy.
type Spread struct {
	// Spread across zones: hard (DoNotSchedule), soft (ScheduleAnyway) or off.
	Zone string `json:"zone,omitempty" jsonschema:"enum=hard,enum=soft,enum=off"`
	// Spread across nodes: hard, soft or off.
	Host string `json:"host,omitempty" jsonschema:"enum=hard,enum=soft,enum=off"`
}

// SecretKey names a key of a Kubernetes Secret.
type SecretKey struct {
	// Name of the Secret in the release namespace.
	Name string `json:"name,omitempty"`
	// Key inside the Secret.
	Key string `json:"key,omitempty"`
}

// Postgres is the PostgreSQL connection.
type Postgres struct {
	// external (a managed or self-run database) or bundled (single in-cluster instance, evaluation only).
	Mode string `json:"mode,omitempty" jsonschema:"enum=external,enum=bundled"`
	// Host, with :port when not 5432 (Langfuse ignores a separate port setting).
	Host string `json:"host,omitempty"`
	// Database name.
	Database string `json:"database,omitempty"`
	// User name.
	User string `json:"user,omitempty"`
	// Secret and key holding the user's password.
	Password SecretKey `json:"password,omitempty"`
	// Connection parameters, for example sslmode=require.
	Args string `json:"args,omitempty"`
}

// Redis is the Redis or Valkey connection.
type Redis struct {
	// external or bundled (evaluation only).
	Mode string `json:"mode,omitempty" jsonschema:"enum=external,enum=bundled"`
	// standalone, cluster or sentinel.
	Topology string `json:"topology,omitempty" jsonschema:"enum=standalone,enum=cluster,enum=sentinel"`
	// Host of a standalone Redis.
	Host string `json:"host,omitempty"`
	// Port of a standalone Redis.
	Port int `json:"port,omitempty" jsonschema:"minimum=1,maximum=65535"`
	// Cluster nodes as host:port (cluster topology).
	Nodes []string `json:"nodes,omitempty"`
	// Sentinel settings (sentinel topology).
	Sentinel Sentinel `json:"sentinel,omitempty"`
	// ACL user; empty for the default user.
	Username string `json:"username,omitempty"`
	// Secret and key holding the password.
	Password SecretKey `json:"password,omitempty"`
	// Connects with TLS.
	TLS bool `json:"tls,omitempty"`
	// Database number (standalone and sentinel).
	Database int `json:"database,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// Sentinel is Redis Sentinel discovery.
type Sentinel struct {
	// Name of the monitored primary.
	MasterName string `json:"masterName,omitempty"`
	// Sentinel nodes as host:port.
	Nodes []string `json:"nodes,omitempty"`
	// Secret and key of the sentinels' own password, if they have one.
	Password SecretKey `json:"password,omitempty"`
}

// ClickHouse is the ClickHouse connection.
type ClickHouse struct {
	// external or bundled (evaluation only; needs the ClickHouse operator).
	Mode string `json:"mode,omitempty" jsonschema:"enum=external,enum=bundled"`
	// Host with scheme, for example https://clickhouse.example.com.
	Host string `json:"host,omitempty"`
	// HTTP(S) port (8123, or 8443 with TLS).
	HTTPPort int `json:"httpPort,omitempty" jsonschema:"minimum=1,maximum=65535"`
	// Native protocol port (9000, or 9440 with TLS).
	NativePort int `json:"nativePort,omitempty" jsonschema:"minimum=1,maximum=65535"`
	// Database name.
	Database string `json:"database,omitempty"`
	// User name.
	User string `json:"user,omitempty"`
	// Secret and key holding the password.
	Password SecretKey `json:"password,omitempty"`
	// The server is a cluster named "default" (DDL runs ON CLUSTER); false for a single node.
	Cluster bool `json:"cluster,omitempty"`
}

// S3 is the object storage.
type S3 struct {
	// external or bundled (SeaweedFS, evaluation only).
	Mode string `json:"mode,omitempty" jsonschema:"enum=external,enum=bundled"`
	// Bucket for events, exports and media.
	Bucket string `json:"bucket,omitempty"`
	// Region, for example eu-west-1; "auto" for stores without regions.
	Region string `json:"region,omitempty"`
	// Endpoint URL for S3-compatible stores; empty for AWS S3.
	Endpoint string `json:"endpoint,omitempty"`
	// Path-style URLs (MinIO and most non-AWS stores); false for AWS S3.
	PathStyle bool `json:"pathStyle,omitempty"`
	// Key prefixes per upload type.
	Prefixes Prefixes `json:"prefixes,omitempty"`
	// secret (access keys from a Secret) or workload-identity (IRSA and the like: no keys).
	Credentials string `json:"credentials,omitempty" jsonschema:"enum=secret,enum=workload-identity"`
	// Secret holding the access keys (credentials: secret).
	Secret S3Secret `json:"secret,omitempty"`
}

// Prefixes are per-upload key prefixes.
type Prefixes struct {
	// Prefix of raw ingestion events.
	Events string `json:"events,omitempty"`
	// Prefix of batch exports.
	Exports string `json:"exports,omitempty"`
	// Prefix of media uploads.
	Media string `json:"media,omitempty"`
}

// S3Secret names the Secret holding S3 access keys.
type S3Secret struct {
	// Name of the Secret.
	Name string `json:"name,omitempty"`
	// Key holding the access key ID.
	AccessKeyIDKey string `json:"accessKeyIdKey,omitempty"`
	// Key holding the secret access key.
	SecretAccessKeyKey string `json:"secretAccessKeyKey,omitempty"`
}

// AppSecret names the Secret with the application's own secrets.
type AppSecret struct {
	// Name of the Secret. Must differ from <fullname>-app, which the chart renders itself.
	Name string `json:"name,omitempty"`
	// Key holding the salt.
	SaltKey string `json:"saltKey,omitempty"`
	// Key holding the encryption key (64 hex characters).
	EncryptionKeyKey string `json:"encryptionKeyKey,omitempty"`
	// Key holding the NextAuth secret.
	NextAuthSecretKey string `json:"nextauthSecretKey,omitempty"`
}

// Logging is the log output.
type Logging struct {
	// Log level.
	Level string `json:"level,omitempty" jsonschema:"enum=trace,enum=debug,enum=info,enum=warn,enum=error,enum=fatal"`
	// text, or json for log collectors.
	Format string `json:"format,omitempty" jsonschema:"enum=text,enum=json"`
}

// Security is the pod security context.
type Security struct {
	// User ID the containers run as (the Langfuse images use 1001).
	RunAsUser int `json:"runAsUser,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Group ID the containers run as.
	RunAsGroup int `json:"runAsGroup,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Group that owns mounted volumes.
	FSGroup int `json:"fsGroup,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
}

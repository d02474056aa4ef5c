package v20

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// Redis configures Redis or Valkey. The keys Langfuse reads sit beside
// settings passed to the bundled valkey-io/valkey sub-chart, which accepts
// more keys than listed here.
type Redis struct {
	// Deploys a single Valkey instance in the cluster. Set false for a managed or highly available Redis.
	Deploy bool `json:"deploy,omitempty"`
	// Host of an external standalone Redis.
	Host string `json:"host,omitempty"`
	// Port of an external standalone Redis.
	Port *model.Port `json:"port,omitempty"`
	// TLS between Langfuse and Redis.
	TLS *RedisTLS `json:"tls,omitempty"`
	// Credentials Langfuse uses, plus ACL settings of the bundled Valkey.
	Auth *RedisAuth `json:"auth,omitempty"`
	// Redis Cluster mode (external Redis only).
	Cluster *RedisCluster `json:"cluster,omitempty"`
	// Redis Sentinel mode (external Redis only).
	Sentinel *RedisSentinel `json:"sentinel,omitempty"`
	// Image of the bundled Valkey.
	Image *StoreImage `json:"image,omitempty"`
	// Service of the bundled Valkey.
	Service *StoreService `json:"service,omitempty"`
	// Read replicas of the bundled Valkey, passed to the sub-chart. Langfuse always talks to the primary.
	Replica model.FreeMap `json:"replica,omitempty"`
	// Data volume of the bundled Valkey, passed to the sub-chart.
	DataStorage model.FreeMap `json:"dataStorage,omitempty"`
	// valkey.conf of the bundled Valkey. Must contain maxmemory-policy noeviction, or queued jobs can be evicted.
	ValkeyConfig string `json:"valkeyConfig,omitempty"`
	// CPU and memory of the bundled Valkey.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Pod security context of the bundled Valkey.
	PodSecurityContext *model.PodSecurityContext `json:"podSecurityContext,omitempty"`
	// Prometheus exporter of the bundled Valkey, passed to the sub-chart.
	Metrics model.FreeMap `json:"metrics,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (Redis) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// RedisTLS configures TLS to Redis.
type RedisTLS struct {
	// Connects with TLS (rediss://). With the bundled Valkey it also turns TLS on there.
	Enabled bool `json:"enabled,omitempty"`
	// Path of a CA bundle inside the pods; mount it with extraVolumes and extraVolumeMounts.
	CAPath string `json:"caPath,omitempty"`
	// Path of a client certificate inside the pods, for mutual TLS.
	CertPath string `json:"certPath,omitempty"`
	// Path of the client key inside the pods, for mutual TLS.
	KeyPath string `json:"keyPath,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (RedisTLS) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// RedisAuth holds Redis credentials and the bundled Valkey's ACL settings.
type RedisAuth struct {
	// Turns on ACL authentication in the bundled Valkey.
	Enabled bool `json:"enabled,omitempty"`
	// User Langfuse authenticates as; null leaves it out of the connection string.
	Username *string `json:"username,omitempty" jsonschema:"nullable"`
	// Literal password. Use existingSecret instead; it is put into a URL, so it must be URL-safe. null turns authentication off.
	Password *string `json:"password,omitempty" jsonschema:"nullable"`
	// Secret holding the password; takes precedence over password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the password; required with existingSecret.
	ExistingSecretPasswordKey string `json:"existingSecretPasswordKey,omitempty"`
	// Redis database number.
	Database *int `json:"database,omitempty" jsonschema:"minimum=0"`
	// Secret of the bundled Valkey's ACL users (one key per user). The default name is fixed: change it when two releases share a namespace.
	UsersExistingSecret string `json:"usersExistingSecret,omitempty"`
	// ACL users the bundled Valkey creates; must include default while authentication is on.
	ACLUsers map[string]RedisACLUser `json:"aclUsers,omitempty"`
	// Extra ACL configuration appended for the bundled Valkey.
	ACLConfig string `json:"aclConfig,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (RedisAuth) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// RedisACLUser is one ACL user of the bundled Valkey.
type RedisACLUser struct {
	// ACL rules of the user, for example "~* &* +@all".
	Permissions string `json:"permissions,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (RedisACLUser) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

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

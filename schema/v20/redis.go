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
	TLS *model.RedisTLS `json:"tls,omitempty"`
	// Credentials Langfuse uses, plus ACL settings of the bundled Valkey.
	Auth *RedisAuth `json:"auth,omitempty"`
	// Redis Cluster mode (external Redis only).
	Cluster *model.RedisCluster `json:"cluster,omitempty"`
	// Redis Sentinel mode (external Redis only).
	Sentinel *model.RedisSentinel `json:"sentinel,omitempty"`
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

package v15

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// Redis configures the Redis-compatible store. The same section is handed to
// the bundled Bitnami Valkey sub-chart (aliased redis), so the keys Langfuse
// reads sit beside sub-chart settings such as architecture and primary.
type Redis struct {
	// Deploys the Bitnami Valkey sub-chart in the cluster. Set false for a managed or highly available Redis.
	Deploy bool `json:"deploy,omitempty"`
	// Host of an external standalone Redis; with deploy true the chart uses <fullname>-<nameOverride or redis>-primary.
	Host string `json:"host,omitempty"`
	// Port of the Redis Langfuse connects to.
	Port *model.Port `json:"port,omitempty"`
	// Name of the bundled sub-chart in its resource names; Langfuse derives the bundled host from it (valkey keeps the Service name of chart 0.x).
	NameOverride string `json:"nameOverride,omitempty"`
	// Image of the bundled Valkey.
	Image *BitnamiImage `json:"image,omitempty"`
	// TLS between Langfuse and Redis.
	TLS *model.RedisTLS `json:"tls,omitempty"`
	// Credentials Langfuse uses; the bundled Valkey is set up with the same password.
	Auth *RedisAuth `json:"auth,omitempty"`
	// Redis Cluster mode (external Redis only).
	Cluster *model.RedisCluster `json:"cluster,omitempty"`
	// Redis Sentinel mode (external Redis only).
	Sentinel *model.RedisSentinel `json:"sentinel,omitempty"`
	// Topology of the bundled Valkey. Langfuse connects only to the primary.
	Architecture Architecture `json:"architecture,omitempty"`
	// The primary instance of the bundled Valkey, passed to the sub-chart.
	Primary *RedisPrimary `json:"primary,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (Redis) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// RedisAuth holds the Redis credentials.
type RedisAuth struct {
	// User Langfuse authenticates as; null leaves it out of the connection string.
	Username *string `json:"username,omitempty" jsonschema:"nullable"`
	// Literal password, also given to the bundled Valkey. Use existingSecret instead; it is put into a URL, so it must be URL-safe. With the bundled Valkey and no password, the sub-chart generates one that Langfuse never learns.
	Password *string `json:"password,omitempty" jsonschema:"nullable"`
	// Secret holding the password; takes precedence over password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the password; required with existingSecret.
	ExistingSecretPasswordKey string `json:"existingSecretPasswordKey,omitempty"`
	// Redis database number.
	Database *int `json:"database,omitempty" jsonschema:"minimum=0"`
}

// JSONSchemaExtend lets sub-chart keys through (enabled, usePasswordFiles,
// ...).
func (RedisAuth) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// RedisPrimary is the primary instance of the bundled Valkey.
type RedisPrimary struct {
	// Extra command-line flags of the Valkey server. Must contain the item "--maxmemory-policy noeviction" while deploy is true, or the chart refuses to render.
	ExtraFlags []string `json:"extraFlags,omitempty"`
	// Data volume of the primary.
	Persistence *BitnamiPersistence `json:"persistence,omitempty"`
	// CPU and memory of the primary.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Resource preset of the primary, used while resources is empty.
	ResourcesPreset ResourcesPreset `json:"resourcesPreset,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (RedisPrimary) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

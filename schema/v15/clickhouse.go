package v15

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// ClickHouse configures ClickHouse. The same section is handed to the
// bundled Bitnami ClickHouse sub-chart, which runs its servers with a
// ZooKeeper ensemble; the sub-chart accepts many more keys than listed.
type ClickHouse struct {
	// Deploys the Bitnami ClickHouse sub-chart (with ZooKeeper) in the cluster. Set false for an external ClickHouse.
	Deploy bool `json:"deploy,omitempty"`
	// Host of an external ClickHouse, optionally with an http:// or https:// scheme; https makes Langfuse use HTTPS. With deploy true the chart uses <fullname>-clickhouse.
	Host string `json:"host,omitempty"`
	// HTTP(S) port Langfuse queries (8123, or 8443 for TLS).
	HTTPPort *model.Port `json:"httpPort,omitempty"`
	// Native protocol port used by migrations (9000, or 9440 for TLS).
	NativePort *model.Port `json:"nativePort,omitempty"`
	// Database Langfuse uses (env CLICKHOUSE_DB).
	Database string `json:"database,omitempty"`
	// Credentials Langfuse uses; the bundled ClickHouse creates the same user.
	Auth *ClickHouseAuth `json:"auth,omitempty"`
	// Schema migrations.
	Migration *model.ClickHouseMigration `json:"migration,omitempty"`
	// Runs DDL ON CLUSTER. When true the chart sets no CLICKHOUSE_CLUSTER_ENABLED (the application's default, on, applies) unless the bundled ClickHouse has a single replica. Set false for an external single-node ClickHouse, or migrations fail.
	ClusterEnabled *bool `json:"clusterEnabled,omitempty"`
	// Shards of the bundled ClickHouse. Langfuse supports exactly one: any other number makes the chart refuse to render.
	Shards *int `json:"shards,omitempty"`
	// ClickHouse replicas of the bundled shard. With 1 the chart turns cluster mode off for Langfuse.
	ReplicaCount *int `json:"replicaCount,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Image of the bundled ClickHouse.
	Image *BitnamiImage `json:"image,omitempty"`
	// The ZooKeeper ensemble the bundled ClickHouse replicates through, passed to the sub-chart.
	Zookeeper *ZooKeeper `json:"zookeeper,omitempty"`
	// CPU and memory of each bundled ClickHouse server.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Resource preset of each bundled ClickHouse server, used while resources is empty.
	ResourcesPreset ResourcesPreset `json:"resourcesPreset,omitempty"`
	// Data volumes of the bundled ClickHouse servers.
	Persistence *BitnamiPersistence `json:"persistence,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (ClickHouse) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// ClickHouseAuth holds the ClickHouse credentials, read by Langfuse and by
// the bundled sub-chart alike.
type ClickHouseAuth struct {
	// User Langfuse connects as (env CLICKHOUSE_USER); required while deploy is true.
	Username string `json:"username,omitempty"`
	// Literal password. Use existingSecret instead. The bundled ClickHouse needs one of the two, or the chart refuses to render.
	Password string `json:"password,omitempty"`
	// Secret holding the password; takes precedence over password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the password; required with existingSecret.
	ExistingSecretKey string `json:"existingSecretKey,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (ClickHouseAuth) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// ZooKeeper is the ZooKeeper ensemble of the bundled ClickHouse.
type ZooKeeper struct {
	// Image of the ZooKeeper pods.
	Image *BitnamiImage `json:"image,omitempty"`
	// ZooKeeper pods; an odd number (1, 3 or 5) keeps a quorum.
	ReplicaCount *int `json:"replicaCount,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// CPU and memory of each ZooKeeper pod.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Resource preset of each ZooKeeper pod, used while resources is empty.
	ResourcesPreset ResourcesPreset `json:"resourcesPreset,omitempty"`
	// Data volumes of the ZooKeeper pods.
	Persistence *BitnamiPersistence `json:"persistence,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (ZooKeeper) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

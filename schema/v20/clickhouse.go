package v20

import "github.com/valuesmith/valuesmith/schema/model"

// ClickHouse configures ClickHouse. In chart 2.x the bundled ClickHouse is a
// ClickHouseCluster and a KeeperCluster rendered by the chart itself (not a
// sub-chart), so every key is known.
type ClickHouse struct {
	// Deploys ClickHouse through the ClickHouse operator (which must be installed). Set false for an external ClickHouse.
	Deploy bool `json:"deploy,omitempty"`
	// Host of an external ClickHouse, optionally with an http:// or https:// scheme; https makes Langfuse use HTTPS.
	Host string `json:"host,omitempty"`
	// HTTP(S) port Langfuse queries (8123, or 8443 for TLS).
	HTTPPort *model.Port `json:"httpPort,omitempty"`
	// Native protocol port used by migrations (9000, or 9440 for TLS).
	NativePort *model.Port `json:"nativePort,omitempty"`
	// Database Langfuse uses.
	Database string `json:"database,omitempty"`
	// Fails the render when deploy is true and the operator's CRDs are not served. Offline rendering needs false, or both ClickHouseCluster and KeeperCluster API versions.
	CRDCheck bool `json:"crdCheck,omitempty"`
	// Credentials Langfuse uses.
	Auth *ClickHouseAuth `json:"auth,omitempty"`
	// Schema migrations.
	Migration *model.ClickHouseMigration `json:"migration,omitempty"`
	// Cluster mode and the bundled ClickHouse servers.
	Cluster *ClickHouseCluster `json:"cluster,omitempty"`
	// The bundled ClickHouse Keeper ensemble.
	Keeper *ClickHouseKeeper `json:"keeper,omitempty"`
}

// ClickHouseAuth holds the ClickHouse credentials Langfuse uses.
type ClickHouseAuth struct {
	// User Langfuse connects as (env CLICKHOUSE_USER). Must be default while deploy is true.
	Username string `json:"username,omitempty"`
	// Literal password. Use existingSecret instead.
	Password string `json:"password,omitempty"`
	// Secret holding the password; takes precedence over password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the password; required with existingSecret.
	ExistingSecretKey string `json:"existingSecretKey,omitempty"`
}

// ClickHouseCluster is cluster mode plus the bundled ClickHouse servers.
type ClickHouseCluster struct {
	// Runs DDL ON CLUSTER (env CLICKHOUSE_CLUSTER_ENABLED). Turn it off for an external single-node ClickHouse, or migrations fail.
	Enabled bool `json:"enabled,omitempty"`
	// ClickHouse replicas of the bundled cluster; 2 or more need Keeper.
	Replicas *int `json:"replicas,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Image of the bundled ClickHouse servers.
	Image *OperatorImage `json:"image,omitempty"`
	// Volumes of the bundled ClickHouse servers.
	Storage *OperatorStorage `json:"storage,omitempty"`
	// CPU and memory of each bundled ClickHouse server.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Node labels the bundled ClickHouse servers must run on.
	NodeSelector model.StringMap `json:"nodeSelector,omitempty"`
	// Tolerations of the bundled ClickHouse servers.
	Tolerations []model.Toleration `json:"tolerations,omitempty"`
	// Affinity of the bundled ClickHouse servers.
	Affinity *model.Affinity `json:"affinity,omitempty"`
	// Extra server settings of the bundled ClickHouse.
	Settings model.FreeMap `json:"settings,omitempty"`
	// Extra user-profile settings of the bundled ClickHouse.
	ProfileSettings model.FreeMap `json:"profileSettings,omitempty"`
}

// ClickHouseKeeper is the bundled ClickHouse Keeper ensemble.
type ClickHouseKeeper struct {
	// Deploys Keeper; must stay on while deploy is true.
	Enabled bool `json:"enabled,omitempty"`
	// Keeper replicas; an odd number (1, 3 or 5) keeps a quorum.
	Replicas *int `json:"replicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Image of the Keeper pods.
	Image *OperatorImage `json:"image,omitempty"`
	// Volumes of the Keeper pods.
	Storage *OperatorStorage `json:"storage,omitempty"`
	// CPU and memory of each Keeper pod.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Node labels the Keeper pods must run on.
	NodeSelector model.StringMap `json:"nodeSelector,omitempty"`
	// Tolerations of the Keeper pods.
	Tolerations []model.Toleration `json:"tolerations,omitempty"`
	// Affinity of the Keeper pods.
	Affinity *model.Affinity `json:"affinity,omitempty"`
}

// OperatorImage is an image of an operator-managed workload.
type OperatorImage struct {
	// Image repository.
	Repository string `json:"repository,omitempty"`
	// Image tag. Pin a full version.
	Tag string `json:"tag,omitempty"`
}

// OperatorStorage is the volume of an operator-managed workload.
type OperatorStorage struct {
	// Size of each volume.
	Size *model.Quantity `json:"size,omitempty"`
	// StorageClass of the volumes; the cluster default when empty.
	ClassName string `json:"className,omitempty"`
	// Access modes of the volumes.
	AccessModes []string `json:"accessModes,omitempty" jsonschema:"enum=ReadWriteOnce,enum=ReadOnlyMany,enum=ReadWriteMany,enum=ReadWriteOncePod"`
}

package v20

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// PostgreSQL configures the database. The keys Langfuse reads (deploy, host,
// args, auth, migration, ...) sit beside settings passed to the bundled
// groundhog2k/postgres sub-chart, which accepts more keys than listed here.
type PostgreSQL struct {
	// Deploys a single-instance PostgreSQL in the cluster. Set false for a managed or highly available database.
	Deploy bool `json:"deploy,omitempty"`
	// Host of an external database (env DATABASE_HOST). Langfuse ignores postgresql.port, so put a non-default port here: db.example.com:6543.
	Host string `json:"host,omitempty"`
	// Port of the database (env DATABASE_PORT). The Langfuse entrypoint does not read it: use host: name:port instead.
	Port *model.Port `json:"port,omitempty" jsonschema:"nullable"`
	// Connection parameters appended to the database URL (env DATABASE_ARGS), for example sslmode=require.
	Args string `json:"args,omitempty"`
	// Direct connection URL for migrations when DATABASE_URL goes through a pooler (env DIRECT_URL). It carries a password: prefer DIRECT_URL from a Secret in additionalEnv.
	DirectURL string `json:"directUrl,omitempty"`
	// Shadow database URL for migrations when the user cannot create databases (env SHADOW_DATABASE_URL). It carries a password: prefer a Secret in additionalEnv.
	ShadowDatabaseURL string `json:"shadowDatabaseUrl,omitempty"`
	// Credentials and database name Langfuse connects with.
	Auth *PostgreSQLAuth `json:"auth,omitempty"`
	// Schema migrations at start-up.
	Migration *model.Migration `json:"migration,omitempty"`
	// Image of the bundled PostgreSQL.
	Image *StoreImage `json:"image,omitempty"`
	// Listed by the chart's values, but the bundled PostgreSQL's sub-chart (groundhog2k/postgres 1.6.3) always runs one replica: other values are ignored.
	ReplicaCount *int `json:"replicaCount,omitempty" jsonschema:"minimum=0,maximum=1"`
	// Service of the bundled PostgreSQL.
	Service *StoreService `json:"service,omitempty"`
	// Data volume of the bundled PostgreSQL.
	Storage *PostgreSQLStorage `json:"storage,omitempty"`
	// Superuser settings of the bundled PostgreSQL, passed to the sub-chart.
	Settings *PostgreSQLSettings `json:"settings,omitempty"`
	// Database and user the bundled PostgreSQL creates for Langfuse on first start.
	UserDatabase *PostgreSQLUserDatabase `json:"userDatabase,omitempty"`
	// CPU and memory of the bundled PostgreSQL.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Node labels the bundled PostgreSQL must run on.
	NodeSelector model.StringMap `json:"nodeSelector,omitempty"`
	// Tolerations of the bundled PostgreSQL.
	Tolerations []model.Toleration `json:"tolerations,omitempty"`
	// Affinity of the bundled PostgreSQL.
	Affinity *model.Affinity `json:"affinity,omitempty"`
	// Pod security context of the bundled PostgreSQL.
	PodSecurityContext *model.PodSecurityContext `json:"podSecurityContext,omitempty"`
	// Container security context of the bundled PostgreSQL.
	SecurityContext *model.SecurityContext `json:"securityContext,omitempty"`
	// Liveness probe overrides of the bundled PostgreSQL, passed to the sub-chart.
	LivenessProbe model.FreeMap `json:"livenessProbe,omitempty"`
	// Readiness probe overrides of the bundled PostgreSQL, passed to the sub-chart.
	ReadinessProbe model.FreeMap `json:"readinessProbe,omitempty"`
	// Startup probe overrides of the bundled PostgreSQL, passed to the sub-chart.
	StartupProbe model.FreeMap `json:"startupProbe,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQL) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLAuth holds the credentials Langfuse uses for PostgreSQL.
type PostgreSQLAuth struct {
	// User Langfuse connects as (env DATABASE_USERNAME). Chart 2.x changed the default from postgres to langfuse: set it explicitly for an external database.
	Username string `json:"username,omitempty"`
	// Literal password (env DATABASE_PASSWORD). Use existingSecret instead; the password is put into a URL, so it must be URL-safe.
	Password string `json:"password,omitempty"`
	// Secret holding the password; takes precedence over password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Keys inside existingSecret.
	SecretKeys *PostgreSQLSecretKeys `json:"secretKeys,omitempty"`
	// Database Langfuse uses (env DATABASE_NAME). Chart 2.x changed the default from postgres_langfuse to langfuse: set it explicitly for an external database.
	Database string `json:"database,omitempty"`
	// Listed by the chart's values but read by no template; use postgresql.args.
	Args string `json:"args,omitempty"`
}

// PostgreSQLSecretKeys names the keys inside postgresql.auth.existingSecret.
type PostgreSQLSecretKeys struct {
	// Key holding the Langfuse user's password.
	UserPasswordKey string `json:"userPasswordKey,omitempty"`
	// Key holding the superuser password; used only by the bundled PostgreSQL.
	AdminPasswordKey string `json:"adminPasswordKey,omitempty"`
}

// StoreImage is the image of a bundled store, passed to its sub-chart.
type StoreImage struct {
	// Registry of the image.
	Registry string `json:"registry,omitempty"`
	// Repository of the image.
	Repository string `json:"repository,omitempty"`
	// Tag of the image. Pin a full version: a major-only tag moves.
	Tag string `json:"tag,omitempty"`
	// Pull policy of the image.
	PullPolicy string `json:"pullPolicy,omitempty" jsonschema:"enum=Always,enum=IfNotPresent,enum=Never"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (StoreImage) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// StoreService is the Service of a bundled store, passed to its sub-chart.
type StoreService struct {
	// Service type.
	Type string `json:"type,omitempty" jsonschema:"enum=ClusterIP,enum=NodePort,enum=LoadBalancer"`
	// Service port.
	Port *model.Port `json:"port,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (StoreService) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLStorage is the data volume of the bundled PostgreSQL.
type PostgreSQLStorage struct {
	// Size of the data volume.
	RequestedSize *model.Quantity `json:"requestedSize,omitempty"`
	// StorageClass of the volume; the cluster default when empty.
	ClassName string `json:"className,omitempty"`
	// What happens to the volume when the StatefulSet is deleted or scaled down.
	PersistentVolumeClaimRetentionPolicy *PVCRetentionPolicy `json:"persistentVolumeClaimRetentionPolicy,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQLStorage) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PVCRetentionPolicy says whether StatefulSet volumes survive deletion and
// scale-down.
type PVCRetentionPolicy struct {
	// Retain keeps the volume when the StatefulSet is deleted; Delete removes it.
	WhenDeleted string `json:"whenDeleted,omitempty" jsonschema:"enum=Retain,enum=Delete"`
	// Retain keeps the volume when the StatefulSet scales down; Delete removes it.
	WhenScaled string `json:"whenScaled,omitempty" jsonschema:"enum=Retain,enum=Delete"`
}

// PostgreSQLSettings are superuser settings of the bundled PostgreSQL.
type PostgreSQLSettings struct {
	// Superuser password source, passed to the sub-chart; filled from the chart-managed Secret when empty.
	SuperuserPassword model.FreeMap `json:"superuserPassword,omitempty"`
	// Secret with POSTGRES_USER and POSTGRES_PASSWORD. The default name is fixed (not per release): change it when two releases share a namespace.
	ExistingSecret string `json:"existingSecret,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQLSettings) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLUserDatabase is the database and user the bundled PostgreSQL
// creates on first start.
type PostgreSQLUserDatabase struct {
	// Database name source, passed to the sub-chart; taken from postgresql.auth when empty.
	Name model.FreeMap `json:"name,omitempty"`
	// User name source, passed to the sub-chart; taken from postgresql.auth when empty.
	User model.FreeMap `json:"user,omitempty"`
	// Password source, passed to the sub-chart; taken from the chart-managed Secret when empty.
	Password model.FreeMap `json:"password,omitempty"`
	// Secret with USERDB_USER, USERDB_PASSWORD and POSTGRES_DB; must equal settings.existingSecret while the chart manages it.
	ExistingSecret string `json:"existingSecret,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQLUserDatabase) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

package v15

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// PostgreSQL configures the database. The same section is handed to the
// bundled Bitnami PostgreSQL sub-chart, so the keys Langfuse reads (deploy,
// host, args, auth, migration, ...) sit beside sub-chart settings such as
// architecture and primary; the sub-chart accepts many more keys than listed.
type PostgreSQL struct {
	// Deploys the Bitnami PostgreSQL sub-chart in the cluster. Set false for a managed or highly available database.
	Deploy bool `json:"deploy,omitempty"`
	// Host of an external database (env DATABASE_HOST); with deploy true the chart uses <fullname>-postgresql. Langfuse ignores postgresql.port, so put a non-default port here: db.example.com:6543.
	Host string `json:"host,omitempty"`
	// Port of the database (env DATABASE_PORT). The Langfuse entrypoint does not read it: use host: name:port instead.
	Port *model.Port `json:"port,omitempty" jsonschema:"nullable"`
	// Connection parameters appended to the database URL (env DATABASE_ARGS), for example sslmode=require.
	Args string `json:"args,omitempty"`
	// Direct connection URL for migrations when DATABASE_URL goes through a pooler (env DIRECT_URL). It carries a password: prefer DIRECT_URL from a Secret in additionalEnv.
	DirectURL string `json:"directUrl,omitempty"`
	// Shadow database URL for migrations when the user cannot create databases (env SHADOW_DATABASE_URL). It carries a password: prefer a Secret in additionalEnv.
	ShadowDatabaseURL string `json:"shadowDatabaseUrl,omitempty"`
	// Credentials and database name; read by Langfuse and by the bundled sub-chart alike.
	Auth *PostgreSQLAuth `json:"auth,omitempty"`
	// Schema migrations at start-up.
	Migration *model.Migration `json:"migration,omitempty"`
	// Image of the bundled PostgreSQL.
	Image *BitnamiImage `json:"image,omitempty"`
	// Topology of the bundled PostgreSQL. Langfuse connects only to the primary.
	Architecture Architecture `json:"architecture,omitempty"`
	// The primary instance of the bundled PostgreSQL, passed to the sub-chart.
	Primary *PostgreSQLPrimary `json:"primary,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQL) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLAuth holds the credentials Langfuse uses for PostgreSQL, which
// the bundled sub-chart also creates.
type PostgreSQLAuth struct {
	// User Langfuse connects as (env DATABASE_USERNAME); the bundled PostgreSQL creates it. postgres by default, which makes Langfuse the superuser.
	Username string `json:"username,omitempty"`
	// Literal password (env DATABASE_PASSWORD). Chart 1.x refuses to render without it or existingSecret, even for the bundled database. Use existingSecret instead; the password is put into a URL, so it must be URL-safe.
	Password string `json:"password,omitempty"`
	// Secret holding the password; takes precedence over password.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Keys inside existingSecret.
	SecretKeys *PostgreSQLSecretKeys `json:"secretKeys,omitempty"`
	// Database Langfuse uses (env DATABASE_NAME); the bundled PostgreSQL creates it.
	Database string `json:"database,omitempty"`
	// Listed by the chart's values but read by no template; use postgresql.args.
	Args string `json:"args,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through (postgresPassword,
// enablePostgresUser, ...).
func (PostgreSQLAuth) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLSecretKeys names the keys inside postgresql.auth.existingSecret.
type PostgreSQLSecretKeys struct {
	// Key holding the Langfuse user's password; the chart requires it with existingSecret.
	UserPasswordKey string `json:"userPasswordKey,omitempty"`
	// Key holding the superuser password; used only by the bundled PostgreSQL.
	AdminPasswordKey string `json:"adminPasswordKey,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through (replicationPasswordKey).
func (PostgreSQLSecretKeys) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLPrimary is the primary instance of the bundled PostgreSQL.
type PostgreSQLPrimary struct {
	// Service of the primary.
	Service *PostgreSQLService `json:"service,omitempty"`
	// Data volume of the primary.
	Persistence *BitnamiPersistence `json:"persistence,omitempty"`
	// CPU and memory of the primary.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Resource preset of the primary, used while resources is empty.
	ResourcesPreset ResourcesPreset `json:"resourcesPreset,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQLPrimary) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLService is the Service of the bundled PostgreSQL primary.
type PostgreSQLService struct {
	// Ports of the Service.
	Ports *PostgreSQLPorts `json:"ports,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (PostgreSQLService) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// PostgreSQLPorts are the ports of the bundled PostgreSQL Service.
type PostgreSQLPorts struct {
	// PostgreSQL port of the Service. Langfuse does not read it: it connects to the default port 5432.
	PostgreSQL *model.Port `json:"postgresql,omitempty"`
}

// Package v15 is valuesmith's home for release 1.5.x of the Langfuse chart
// (modelled on 1.5.41, app 3.224.1): its values model (Go types, from which
// values.schema.json is generated), its defaults (the chart's own
// values.yaml as data), the chart 0.x keys it no longer reads and where they
// went, and the conditions under which it refuses to render. The bundled
// stores of chart 1.x are Bitnami sub-charts (PostgreSQL, Valkey under the
// redis alias, ClickHouse with ZooKeeper, MinIO under the s3 alias). Facts it
// shares with chart 2.0.x live in schema/model.
package v15

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// Values is the root of the values of the Langfuse chart 1.5.41.
type Values struct {
	// Replaces the chart name in resource names and in the app.kubernetes.io/name label.
	NameOverride string `json:"nameOverride,omitempty"`
	// Replaces the whole generated resource name prefix (normally the release name plus "-langfuse").
	FullnameOverride string `json:"fullnameOverride,omitempty"`
	// Helm's global values, read by the Bitnami sub-charts of the bundled stores; the Langfuse templates do not read them.
	Global *Global `json:"global,omitempty"`
	// Settings of the Langfuse application: the web and worker Deployments, their pods, secrets and ingress.
	Langfuse *model.Langfuse `json:"langfuse,omitempty"`
	// PostgreSQL that Langfuse uses as its main database: the bundled Bitnami PostgreSQL (deploy: true) or an external one.
	PostgreSQL *PostgreSQL `json:"postgresql,omitempty"`
	// Redis-compatible store for queues and caches: the bundled Bitnami Valkey (deploy: true), or an external standalone, cluster or sentinel setup.
	Redis *Redis `json:"redis,omitempty"`
	// ClickHouse that stores traces, observations and scores: the bundled Bitnami ClickHouse with ZooKeeper, or an external one.
	ClickHouse *ClickHouse `json:"clickhouse,omitempty"`
	// Object storage for events, media and batch exports: the bundled Bitnami MinIO, or external S3, Azure Blob or GCS.
	S3 *S3 `json:"s3,omitempty"`
	// Extra Kubernetes objects rendered as they are (not templated). Each item must be a complete object with apiVersion and kind.
	ExtraManifests []model.ExtraManifest `json:"extraManifests,omitempty"`
}

// Global holds Helm's global values as the Bitnami sub-charts read them.
type Global struct {
	// Security switches of the Bitnami sub-charts.
	Security *GlobalSecurity `json:"security,omitempty"`
}

// JSONSchemaExtend lets the other global keys of the Bitnami sub-charts
// through (imageRegistry, imagePullSecrets, defaultStorageClass, ...).
func (Global) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// GlobalSecurity holds the security switches of the Bitnami sub-charts.
type GlobalSecurity struct {
	// Lets the Bitnami sub-charts run images other than Bitnami's own. The chart's defaults need it: they point at the bitnamilegacy repositories.
	AllowInsecureImages bool `json:"allowInsecureImages,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (GlobalSecurity) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

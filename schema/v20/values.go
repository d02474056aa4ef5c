// Package v20 is valuesmith's home for release 2.0.x of the Langfuse chart:
// its values model (Go types, from which values.schema.json is generated),
// its defaults (defaults.yaml, the chart's own values.yaml without comments),
// the chart 1.x keys it no longer reads and where they went, and the
// conditions under which it refuses to render. Facts it shares with chart
// 1.5.x live in schema/model.
package v20

import "github.com/valuesmith/valuesmith/schema/model"

// Values is the root of the values of the Langfuse chart 2.0.0.
type Values struct {
	// Replaces the chart name in resource names and in the app.kubernetes.io/name label.
	NameOverride string `json:"nameOverride,omitempty"`
	// Replaces the whole generated resource name prefix (normally the release name plus "-langfuse").
	FullnameOverride string `json:"fullnameOverride,omitempty"`
	// Helm's global values, shared with every sub-chart. The Langfuse templates do not read them.
	Global model.FreeMap `json:"global,omitempty"`
	// Settings of the Langfuse application: the web and worker Deployments, their pods, secrets and ingress.
	Langfuse *Langfuse `json:"langfuse,omitempty"`
	// PostgreSQL that Langfuse uses as its main database: either bundled (deploy: true) or external.
	PostgreSQL *PostgreSQL `json:"postgresql,omitempty"`
	// Redis or Valkey that Langfuse uses for queues and caches: bundled, or an external standalone, cluster or sentinel setup.
	Redis *Redis `json:"redis,omitempty"`
	// ClickHouse that stores traces, observations and scores: bundled through the ClickHouse operator, or external.
	ClickHouse *ClickHouse `json:"clickhouse,omitempty"`
	// Object storage for events, media and batch exports: bundled SeaweedFS, or external S3, Azure Blob or GCS.
	S3 *S3 `json:"s3,omitempty"`
	// Extra Kubernetes objects rendered as they are (not templated). Each item must be a complete object with apiVersion and kind.
	ExtraManifests []model.ExtraManifest `json:"extraManifests,omitempty"`
}

// Langfuse holds the settings of the Langfuse application shared by the web
// and worker components, plus the two components themselves.
type Langfuse struct {
	model.Langfuse
	// Lets helm upgrade replace stores left over from chart 1.x with new empty volumes. Leave false.
	AllowV1Upgrade bool `json:"allowV1Upgrade,omitempty"`
}

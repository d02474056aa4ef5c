// Package schema holds the model of the Langfuse Helm chart's values: Go types
// for every key the chart reads, the JSON Schema generated from them
// (values.schema.json, committed and drift-checked), and validation of values
// files against that schema with YAML line and column positions.
//
// The model is per chart version. Chart 2.0.0 is the first one supported; the
// version is a parameter everywhere (see Lookup).
package schema

import "github.com/invopop/jsonschema"

//go:generate go run ./gen

// Values is the root of the values of the Langfuse chart 2.0.0.
type Values struct {
	// Replaces the chart name in resource names and in the app.kubernetes.io/name label.
	NameOverride string `json:"nameOverride,omitempty"`
	// Replaces the whole generated resource name prefix (normally the release name plus "-langfuse").
	FullnameOverride string `json:"fullnameOverride,omitempty"`
	// Helm's global values, shared with every sub-chart. The Langfuse templates do not read them.
	Global FreeMap `json:"global,omitempty"`
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
	ExtraManifests []ExtraManifest `json:"extraManifests,omitempty"`
}

// ExtraManifest is a Kubernetes object that the chart renders unchanged.
type ExtraManifest struct {
	// API group and version of the object, for example keda.sh/v1alpha1.
	APIVersion string `json:"apiVersion" jsonschema:"required,minLength=1"`
	// Kind of the object, for example ScaledObject.
	Kind string `json:"kind" jsonschema:"required,minLength=1"`
	// Object metadata: name, namespace, labels and annotations.
	Metadata FreeMap `json:"metadata,omitempty"`
}

// JSONSchemaExtend lets the rest of the object (spec, data, ...) through.
func (ExtraManifest) JSONSchemaExtend(s *jsonschema.Schema) { openObject(s) }

// ValueOrSecret is a setting given either as a literal value or as a
// reference (Secret key, pod field or container resource). At most one
// source may be set.
type ValueOrSecret struct {
	// Literal value. Avoid this for secrets: the value ends up in the values file and in the rendered Deployment.
	Value string `json:"value,omitempty"`
	// Reads the value from a key of a Kubernetes Secret. Both name and key must be set, otherwise the reference is ignored.
	SecretKeyRef *SecretKeyRef `json:"secretKeyRef,omitempty"`
	// Reads the value from a field of the pod, such as metadata.namespace.
	FieldRef *FieldRef `json:"fieldRef,omitempty"`
	// Reads the value from a container resource limit or request.
	ResourceFieldRef *ResourceFieldRef `json:"resourceFieldRef,omitempty"`
}

// SecretKeyRef points at one key of a Kubernetes Secret.
type SecretKeyRef struct {
	// Name of the Secret in the release namespace.
	Name string `json:"name,omitempty"`
	// Key inside the Secret's data.
	Key string `json:"key,omitempty"`
}

// FieldRef selects a field of the pod.
type FieldRef struct {
	// Path of the field, for example metadata.name or status.podIP.
	FieldPath string `json:"fieldPath" jsonschema:"required"`
	// API version the field path is written against; v1 when empty.
	APIVersion string `json:"apiVersion,omitempty"`
}

// ResourceFieldRef selects a container's resource limit or request.
type ResourceFieldRef struct {
	// Resource to read, for example limits.memory or requests.cpu.
	Resource string `json:"resource" jsonschema:"required"`
	// Container whose resources are read; the current one when empty.
	ContainerName string `json:"containerName,omitempty"`
	// Unit the value is divided by, for example 1Mi.
	Divisor *Quantity `json:"divisor,omitempty"`
}

package model

import "github.com/invopop/jsonschema"

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
func (ExtraManifest) JSONSchemaExtend(s *jsonschema.Schema) { OpenObject(s) }

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

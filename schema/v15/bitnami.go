package v15

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// This file holds settings every Bitnami sub-chart of chart 1.x reads in the
// same shape: image, persistence, and the resource presets. Each section
// also accepts the many other keys the sub-chart knows.

// BitnamiImage is the image of a bundled store's Bitnami sub-chart.
type BitnamiImage struct {
	// Registry of the image, for example docker.io.
	Registry string `json:"registry,omitempty"`
	// Repository of the image. The chart's defaults use the frozen bitnamilegacy repositories, which receive no more updates.
	Repository string `json:"repository,omitempty"`
	// Tag of the image; the sub-chart's own pinned tag when empty. Pin a full version.
	Tag string `json:"tag,omitempty"`
	// Digest of the image (sha256:...); takes precedence over the tag.
	Digest string `json:"digest,omitempty"`
	// Pull policy of the image.
	PullPolicy string `json:"pullPolicy,omitempty" jsonschema:"enum=Always,enum=IfNotPresent,enum=Never"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (BitnamiImage) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// BitnamiPersistence is the data volume of a Bitnami sub-chart.
type BitnamiPersistence struct {
	// Keeps data on a PersistentVolumeClaim; false keeps it in an emptyDir, which is lost with the pod.
	Enabled *bool `json:"enabled,omitempty"`
	// Size of each volume.
	Size *model.Quantity `json:"size,omitempty"`
	// StorageClass of the volumes; the cluster default when empty.
	StorageClass string `json:"storageClass,omitempty"`
	// Access modes of the volumes.
	AccessModes []string `json:"accessModes,omitempty" jsonschema:"enum=ReadWriteOnce,enum=ReadOnlyMany,enum=ReadWriteMany,enum=ReadWriteOncePod"`
	// An existing PersistentVolumeClaim to use instead of creating one.
	ExistingClaim string `json:"existingClaim,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (BitnamiPersistence) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// ResourcesPreset is a Bitnami resource preset: a named size the sub-chart
// turns into requests and limits when resources is empty.
type ResourcesPreset string

// JSONSchema lists the Bitnami presets.
func (ResourcesPreset) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:        "string",
		Description: "A Bitnami resource preset, used only while resources is empty. Bitnami advises explicit resources for production.",
		Enum:        []any{"none", "nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"},
	}
}

// Architecture is the topology a Bitnami PostgreSQL or Valkey sub-chart
// deploys.
type Architecture string

// JSONSchema lists the Bitnami architectures.
func (Architecture) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:        "string",
		Description: "standalone runs one primary; replication adds read replicas. Langfuse always connects to the primary.",
		Enum:        []any{"standalone", "replication"},
	}
}

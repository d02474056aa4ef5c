package v15

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// S3 configures object storage. The same section is handed to the bundled
// Bitnami MinIO sub-chart (aliased s3), so the keys Langfuse reads sit
// beside MinIO settings such as defaultBuckets and persistence.
type S3 struct {
	// Deploys the Bitnami MinIO sub-chart in the cluster. Set false for S3, Azure Blob or GCS.
	Deploy bool `json:"deploy,omitempty"`
	// Which object storage API Langfuse uses.
	StorageProvider string `json:"storageProvider,omitempty" jsonschema:"enum=s3,enum=azure,enum=gcs"`
	// Name of the bundled sub-chart in its resource names; Langfuse derives the bundled endpoint from it (minio keeps the Service name of chart 0.x).
	NameOverride string `json:"nameOverride,omitempty"`
	// Image of the bundled MinIO.
	Image *BitnamiImage `json:"image,omitempty"`
	// Bucket of every upload type unless a type sets its own. An external store needs it (or every per-type bucket); the bundled MinIO falls back to defaultBuckets.
	Bucket string `json:"bucket,omitempty"`
	// Region of every upload type unless a type sets its own.
	Region string `json:"region,omitempty"`
	// Endpoint URL for S3-compatible stores (R2, an external MinIO, ...); empty for AWS S3. With deploy true the chart points at the bundled MinIO.
	Endpoint string `json:"endpoint,omitempty"`
	// Uses path-style URLs (endpoint/bucket). Needed by MinIO and most non-AWS stores; false for AWS S3.
	ForcePathStyle bool `json:"forcePathStyle,omitempty"`
	// Key prefix of batch exports and media uploads unless they set their own (read by the chart although its values.yaml does not list it; event uploads do not use it).
	Prefix string `json:"prefix,omitempty"`
	// Access key ID of every upload type. Leave both keys unset to use workload identity (IRSA and the like), or the MinIO root user with deploy true.
	AccessKeyID *model.ValueOrSecret `json:"accessKeyId,omitempty"`
	// Secret access key of every upload type. Supply it from a Secret.
	SecretAccessKey *model.ValueOrSecret `json:"secretAccessKey,omitempty"`
	// Google Cloud Storage settings, used when storageProvider is gcs.
	GCS *model.GCS `json:"gcs,omitempty"`
	// Parallel S3 requests per pod.
	Concurrency *model.S3Concurrency `json:"concurrency,omitempty"`
	// Where raw ingestion events are stored.
	EventUpload *model.S3Upload `json:"eventUpload,omitempty"`
	// Where batch exports are written.
	BatchExport *model.S3OptionalUpload `json:"batchExport,omitempty"`
	// Where media attachments are stored.
	MediaUpload *model.S3MediaUpload `json:"mediaUpload,omitempty"`
	// Buckets the bundled MinIO creates at start, comma-separated. With deploy true Langfuse also uses this value as the bucket of any upload type without one.
	DefaultBuckets string `json:"defaultBuckets,omitempty"`
	// Root credentials of the bundled MinIO, which Langfuse also uses as its access keys when none are given.
	Auth *MinIOAuth `json:"auth,omitempty"`
	// Data volume of the bundled MinIO.
	Persistence *BitnamiPersistence `json:"persistence,omitempty"`
	// CPU and memory of the bundled MinIO.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
	// Resource preset of the bundled MinIO, used while resources is empty.
	ResourcesPreset ResourcesPreset `json:"resourcesPreset,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (S3) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// MinIOAuth holds the root credentials of the bundled MinIO.
type MinIOAuth struct {
	// Root user of MinIO; Langfuse's access key ID when none is given.
	RootUser string `json:"rootUser,omitempty"`
	// Root password of MinIO; Langfuse's secret access key when none is given. Left empty, MinIO generates one that Langfuse never learns.
	RootPassword string `json:"rootPassword,omitempty"`
	// Secret holding the root credentials. Langfuse reads each credential from it only when the matching rootUserSecretKey or rootPasswordSecretKey is set; otherwise it uses rootUser or rootPassword.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the root user.
	RootUserSecretKey string `json:"rootUserSecretKey,omitempty"`
	// Key inside existingSecret holding the root password.
	RootPasswordSecretKey string `json:"rootPasswordSecretKey,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (MinIOAuth) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

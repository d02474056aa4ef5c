package v20

import (
	"github.com/invopop/jsonschema"

	"github.com/valuesmith/valuesmith/schema/model"
)

// S3 configures object storage. The keys Langfuse reads sit beside settings
// passed to the bundled seaweedfs sub-chart, which accepts more keys than
// listed here.
type S3 struct {
	// Deploys SeaweedFS in the cluster as a single all-in-one pod. Set false for S3, Azure Blob or GCS.
	Deploy bool `json:"deploy,omitempty"`
	// Which object storage API Langfuse uses.
	StorageProvider string `json:"storageProvider,omitempty" jsonschema:"enum=s3,enum=azure,enum=gcs"`
	// Bucket of every upload type unless a type sets its own. Chart 2.x silently uses "langfuse" when you leave it unset.
	Bucket string `json:"bucket,omitempty"`
	// Region of every upload type unless a type sets its own.
	Region string `json:"region,omitempty"`
	// Endpoint URL for S3-compatible stores (MinIO, R2, ...); empty for AWS S3.
	Endpoint string `json:"endpoint,omitempty"`
	// Uses path-style URLs (endpoint/bucket). Needed by most non-AWS stores; false for AWS S3.
	ForcePathStyle bool `json:"forcePathStyle,omitempty"`
	// Key prefix of batch exports and media uploads unless they set their own (read by the chart although its values.yaml does not list it; event uploads do not use it).
	Prefix string `json:"prefix,omitempty"`
	// Access key ID of every upload type. Leave both keys unset to use workload identity (IRSA and the like).
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
	// Credentials of the bundled SeaweedFS S3 gateway.
	Auth *S3Auth `json:"auth,omitempty"`
	// Bucket used when neither s3.bucket nor a per-type bucket is set (older setting).
	DefaultBuckets string `json:"defaultBuckets,omitempty"`
	// SeaweedFS master, passed to the sub-chart (off in all-in-one mode).
	Master *SeaweedComponent `json:"master,omitempty"`
	// SeaweedFS volume server, passed to the sub-chart (off in all-in-one mode).
	Volume *SeaweedComponent `json:"volume,omitempty"`
	// SeaweedFS filer, passed to the sub-chart (off in all-in-one mode).
	Filer *SeaweedComponent `json:"filer,omitempty"`
	// SeaweedFS S3 gateway, passed to the sub-chart (off in all-in-one mode).
	S3 *SeaweedComponent `json:"s3,omitempty"`
	// SeaweedFS image, passed to the sub-chart: the image of the all-in-one pod and of its bucket-creation job. Unset, it is chrislusf/seaweedfs with the sub-chart's appVersion as tag (4.23 for the seaweedfs 4.23.0 sub-chart of chart 2.0.0). The pull policy is global.seaweedfs.imagePullPolicy, not a key here.
	Image *SeaweedImage `json:"image,omitempty"`
	// SeaweedFS all-in-one pod, passed to the sub-chart.
	AllInOne *SeaweedAllInOne `json:"allInOne,omitempty"`
}

// SeaweedImage is the image the seaweedfs sub-chart runs, as its
// seaweedfs.image template reads it (master.imageOverride, when set, wins
// for the all-in-one pod). Its pull policy is
// global.seaweedfs.imagePullPolicy, not a key here.
type SeaweedImage struct {
	// Registry of the image; global.imageRegistry, when set, wins. Empty: no registry in the image name (Docker Hub).
	Registry string `json:"registry,omitempty"`
	// Repository of the image, the whole name without registry (chrislusf/seaweedfs or a mirror of it). A MinIO image here (chart 1.x's s3.image) runs in the SeaweedFS pod.
	Repository string `json:"repository,omitempty"`
	// Tag of the image; empty runs the sub-chart's appVersion (4.23 with chart 2.0.0).
	Tag string `json:"tag,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (SeaweedImage) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// JSONSchemaExtend lets sub-chart keys through.
func (S3) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// S3Auth holds the credentials of the bundled SeaweedFS S3 gateway.
type S3Auth struct {
	// Access key ID Langfuse uses against SeaweedFS.
	RootUser string `json:"rootUser,omitempty"`
	// Secret access key Langfuse uses against SeaweedFS; generated when empty.
	RootPassword string `json:"rootPassword,omitempty"`
	// Secret holding both keys; takes precedence over rootUser and rootPassword.
	ExistingSecret string `json:"existingSecret,omitempty"`
	// Key inside existingSecret holding the access key ID.
	RootUserSecretKey string `json:"rootUserSecretKey,omitempty"`
	// Key inside existingSecret holding the secret access key.
	RootPasswordSecretKey string `json:"rootPasswordSecretKey,omitempty"`
}

// SeaweedComponent is a SeaweedFS component of the sub-chart.
type SeaweedComponent struct {
	// Runs this SeaweedFS component.
	Enabled bool `json:"enabled,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (SeaweedComponent) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// SeaweedAllInOne is the SeaweedFS all-in-one pod of the sub-chart.
type SeaweedAllInOne struct {
	// Runs the all-in-one pod.
	Enabled bool `json:"enabled,omitempty"`
	// Not read by chart 2.0.0: the chart's values.yaml sets it (tag 3.95), but the seaweedfs sub-chart takes the all-in-one pod's image from s3.image. Set s3.image instead.
	Image *StoreImage `json:"image,omitempty"`
	// S3 gateway of the all-in-one pod.
	S3 *SeaweedS3 `json:"s3,omitempty"`
	// Data volume, passed to the sub-chart.
	Data model.FreeMap `json:"data,omitempty"`
	// Service, passed to the sub-chart.
	Service model.FreeMap `json:"service,omitempty"`
	// CPU and memory of the all-in-one pod.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (SeaweedAllInOne) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// SeaweedS3 is the S3 gateway of the SeaweedFS all-in-one pod.
type SeaweedS3 struct {
	// Runs the S3 gateway.
	Enabled bool `json:"enabled,omitempty"`
	// Port of the S3 gateway.
	Port *model.Port `json:"port,omitempty"`
	// Requires credentials on the S3 gateway.
	EnableAuth bool `json:"enableAuth,omitempty"`
	// Secret with the gateway's IAM configuration. The default name is fixed: change it when two releases share a namespace.
	ExistingConfigSecret string `json:"existingConfigSecret,omitempty"`
	// Buckets created after install and upgrade; must include every bucket Langfuse uses.
	CreateBuckets []SeaweedBucket `json:"createBuckets,omitempty"`
	// The job that creates the buckets.
	CreateBucketsHook *SeaweedHook `json:"createBucketsHook,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (SeaweedS3) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// SeaweedBucket is a bucket SeaweedFS creates.
type SeaweedBucket struct {
	// Bucket name.
	Name string `json:"name" jsonschema:"required,minLength=1"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (SeaweedBucket) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

// SeaweedHook is the bucket-creation job.
type SeaweedHook struct {
	// CPU and memory of the job.
	Resources *model.ResourceRequirements `json:"resources,omitempty"`
}

// JSONSchemaExtend lets sub-chart keys through.
func (SeaweedHook) JSONSchemaExtend(s *jsonschema.Schema) { model.OpenObject(s) }

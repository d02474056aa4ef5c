package v20

import "github.com/valuesmith/valuesmith/schema/model"

// sections are the store sections chart 2.0.0 hands to its sub-charts
// (Chart.yaml dependencies, aliased postgresql, redis and s3), with every
// key directly below each that something reads: the chart's own templates
// (.Values.<section>.<key>) or the pinned sub-chart's templates
// (.Values.<key>, plus global, which Helm gives every sub-chart). The
// ClickHouse section goes to no sub-chart: its model lists every key.
var sections = []model.StoreSection{
	{
		Key: "postgresql", Name: "PostgreSQL", SubChart: "groundhog2k/postgres 1.6.3",
		Reads: []string{
			// the chart's templates
			"deploy", "host", "port", "args", "directUrl", "shadowDatabaseUrl", "auth", "migration",
			"settings", "userDatabase",
			// the sub-chart's templates
			"global", "image", "imagePullSecrets", "nameOverride", "fullnameOverride", "customLabels",
			"customAnnotations", "serviceAccount", "podAnnotations", "podLabels", "podManagementPolicy",
			"updateStrategyType", "podSecurityContext", "securityContext", "service", "resources",
			"priorityClassName", "nodeSelector", "tolerations", "affinity", "topologySpreadConstraints",
			"revisionHistoryLimit", "customStartupProbe", "startupProbe", "customLivenessProbe",
			"livenessProbe", "customReadinessProbe", "readinessProbe", "extraInitContainers",
			"extraContainers", "initResources", "env", "args", "useDeployment", "customConfig",
			"customScripts", "extraEnvSecrets", "extraSecretConfigs", "extraScripts", "extraSecrets",
			"extraConfigs", "storage", "extraStorage", "networkPolicy",
		},
		// The sub-chart's StatefulSet always runs one replica.
		Fixed: map[string]string{"replicaCount": "1"},
		Homes: map[string]string{
			"enabled":     "postgresql.deploy",
			"persistence": "postgresql.storage",
		},
		Image: &model.SubChartImage{Repository: "postgresql.image.repository", Runs: "the official postgres image",
			Foreign: bitnamiNamespaces},
	},
	{
		Key: "redis", Name: "Redis (Valkey)", SubChart: "valkey-io/valkey 0.9.4",
		Reads: []string{
			// the chart's templates
			"deploy", "host", "port", "tls", "auth", "cluster", "sentinel", "valkeyConfig",
			// the sub-chart's templates
			"global", "image", "imagePullSecrets", "nameOverride", "fullnameOverride", "clusterDomain",
			"serviceAccount", "podAnnotations", "podLabels", "workloadAnnotations", "commonLabels",
			"podSecurityContext", "priorityClassName", "securityContext", "service", "networkPolicy",
			"resources", "initResources", "extraInitContainers", "extraContainers", "dataStorage",
			"extraValkeySecrets", "extraValkeyConfigs", "extraSecretValkeyConfigs", "extraVolumes",
			"extraVolumeMounts", "replica", "nodeSelector", "tolerations", "affinity",
			"deploymentStrategy", "topologySpreadConstraints", "podDisruptionBudget", "valkeyLogLevel",
			"env", "metrics",
		},
		Homes: map[string]string{
			"enabled":             "redis.deploy",
			"master":              "redis.resources, redis.dataStorage and redis.valkeyConfig",
			"commonConfiguration": "redis.valkeyConfig",
		},
		Image: &model.SubChartImage{Repository: "redis.image.repository", Runs: "the valkey/valkey image",
			Foreign: bitnamiNamespaces},
	},
	{
		Key: "s3", Name: "S3 (SeaweedFS)", SubChart: "seaweedfs 4.23.0",
		Reads: []string{
			// the chart's templates
			"deploy", "storageProvider", "bucket", "region", "endpoint", "forcePathStyle", "prefix",
			"accessKeyId", "secretAccessKey", "gcs", "concurrency", "eventUpload", "batchExport",
			"mediaUpload", "auth", "defaultBuckets", "allInOne",
			// the sub-chart's templates
			"global", "image", "nameOverride", "fullnameOverride", "master", "volume", "volumes", "filer",
			"s3", "sftp", "admin", "worker", "cosi", "certificates", "podLabels", "podAnnotations",
		},
		Homes: map[string]string{
			"enabled":     "s3.deploy",
			"persistence": "s3.allInOne.data",
			"resources":   "s3.allInOne.resources",
			// The chart's values.yaml sets allInOne.image (tag "3.95"), but
			// the sub-chart's all-in-one Deployment takes its image from
			// master.imageOverride, else image.* and global.seaweedfs.image.*.
			"allInOne.image": "s3.image",
		},
		// image.repository replaces the whole image name (registry aside);
		// chart 1.x's MinIO image there runs in the SeaweedFS pod.
		Image: &model.SubChartImage{Repository: "s3.image.repository", Runs: "the chrislusf/seaweedfs image",
			Foreign: append([]string{"minio"}, bitnamiNamespaces...)},
	},
}

// bitnamiNamespaces are the image namespaces of Bitnami's images (chart
// 1.x's stores): they start their server through Bitnami's own scripts,
// environment variables and data directories, which the groundhog2k and
// valkey-io sub-charts of chart 2.x do not set up.
var bitnamiNamespaces = []string{"bitnami", "bitnamilegacy", "bitnamisecure"}

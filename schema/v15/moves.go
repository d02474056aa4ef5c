package v15

import "github.com/valuesmith/valuesmith/schema/model"

// moves lists the chart 0.x keys (up to 0.13.1) that chart 1.5.41 no longer
// reads. Chart 1.0 moved every application setting under langfuse, gave the
// worker its own image and settings, turned the application secrets into
// value-or-secret objects, and renamed the valkey and minio sections after
// their aliases redis and s3.
var moves = []model.Move{
	{Path: "replicaCount", NewPath: "langfuse.replicas", Note: "one count for web and worker; each can override it in langfuse.web.replicas and langfuse.worker.replicas"},
	{Path: "autoscaling", NewPath: "langfuse.web.hpa", Note: "each component has its own autoscaler: langfuse.web.hpa and langfuse.worker.hpa"},
	{Path: "image", NewPath: "langfuse.image", Note: "tag and pullPolicy moved to langfuse.image; the repository to langfuse.web.image.repository, and the worker runs its own image (langfuse.worker.image)"},
	{Path: "imagePullSecrets", NewPath: "langfuse.image.pullSecrets", Note: "pull secrets of both components"},
	{Path: "serviceAccount", NewPath: "langfuse.serviceAccount", Note: "same keys, under langfuse"},
	{Path: "podAnnotations", NewPath: "langfuse.pod.annotations", Note: "annotations of both components' pods; each can add its own in langfuse.web.pod.annotations and langfuse.worker.pod.annotations"},
	{Path: "podSecurityContext", NewPath: "langfuse.podSecurityContext", Note: "same object, under langfuse"},
	{Path: "securityContext", NewPath: "langfuse.securityContext", Note: "same object, under langfuse"},
	{Path: "service", NewPath: "langfuse.web.service", Note: "the Service belongs to the web component: type, port and nodePort moved under langfuse.web.service"},
	{Path: "ingress", NewPath: "langfuse.ingress", Note: "tls became one object (enabled, secretName) covering every host, not a list"},
	{Path: "resources", NewPath: "langfuse.resources", Note: "resources of both components; each can replace them in langfuse.web.resources and langfuse.worker.resources"},
	{Path: "nodeSelector", NewPath: "langfuse.nodeSelector", Note: "same map, under langfuse"},
	{Path: "tolerations", NewPath: "langfuse.tolerations", Note: "same list, under langfuse"},
	{Path: "affinity", NewPath: "langfuse.affinity", Note: "same object, under langfuse"},
	{Path: "valkey", NewPath: "redis", Note: "the bundled Valkey is configured under redis (deploy, auth.password, primary.extraFlags); set redis.nameOverride: valkey to keep the Service name of chart 0.x"},
	{Path: "minio", NewPath: "s3", Note: "the bundled MinIO is configured under s3 (deploy, defaultBuckets, auth); set s3.nameOverride: minio to keep the Service name of chart 0.x"},
	{Path: "langfuse.port", NewPath: "langfuse.web.service.port", Note: "the web container port and its Service port"},
	{Path: "langfuse.next", NewPath: "langfuse.web.livenessProbe.path", Note: "healthcheckBasePath is gone: write the whole probe paths in langfuse.web.livenessProbe.path and langfuse.web.readinessProbe.path"},
	{Path: "langfuse.telemetryEnabled", NewPath: "langfuse.features.telemetryEnabled", Note: "feature switches moved under langfuse.features"},
	{Path: "langfuse.nextPublicSignUpDisabled", NewPath: "langfuse.features.signUpDisabled", Note: "feature switches moved under langfuse.features"},
	{Path: "langfuse.enableExperimentalFeatures", NewPath: "langfuse.features.experimentalFeaturesEnabled", Note: "feature switches moved under langfuse.features"},
	{Path: "langfuse.salt", NewPath: "langfuse.salt.secretKeyRef", When: model.PlainValue, Note: "the salt is an object now: a secretKeyRef (name and key), or value; keep the same salt, or existing API keys stop working"},
	{Path: "langfuse.nextauth.secret", NewPath: "langfuse.nextauth.secret.secretKeyRef", When: model.PlainValue, Note: "the NextAuth secret is an object now: a secretKeyRef (name and key), or value"},
	{Path: "langfuse.licenseKey", NewPath: "langfuse.licenseKey.secretKeyRef", When: model.PlainValue, Note: "the licence key is an object now: a secretKeyRef (name and key), or value"},
}

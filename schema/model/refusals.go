package model

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/values"
)

// This file holds the render-time failures every modelled release shares:
// its validations and the required fields of its shared helpers.

// CommonRefusals records the refusals of the templates every modelled
// release shares.
func CommonRefusals(r *Refuser) {
	checkPDBBothBounds(r)
	checkAutoscalerConflict(r)
	checkRedisModes(r)
	checkSMTPFromAddress(r)
	checkSecretSourceConflict(r)
	checkExistingSecretKeys(r)
	checkEnvConflicts(r)
	checkStoreHosts(r)
	checkBundledS3(r)
	checkExternalS3Buckets(r)
}

func checkRedisModes(r *Refuser) {
	deploy := r.Bool("redis.deploy")
	cluster, sentinel := r.Bool("redis.cluster.enabled"), r.Bool("redis.sentinel.enabled")
	// Only langfuse.additionalEnv counts, as the chart's langfuse.getEnvVar
	// sees it (chartSeesEnv, secrets.go).
	clusterEnv, hasClusterEnv := r.ChartSeesEnv("REDIS_CLUSTER_NODES")
	sentinelEnv, hasSentinelEnv := r.ChartSeesEnv("REDIS_SENTINEL_NODES")

	if cluster {
		switch {
		case deploy:
			r.Refuse(RuleChartRefuses, "redis.cluster.enabled", "redis.cluster.enabled needs an external Redis Cluster, but redis.deploy is true")
		case eval.Empty(r.Get("redis.cluster.nodes")) && !hasClusterEnv:
			r.Refuse(RuleChartRefuses, "redis.cluster.nodes", "redis.cluster.enabled is true but redis.cluster.nodes is empty and langfuse.additionalEnv has no REDIS_CLUSTER_NODES")
		}
	}
	if eval.Truthy(r.Get("redis.cluster.nodes")) && hasClusterEnv {
		r.RefuseAt(RuleChartRefuses, clusterEnv.Node, clusterEnv.Path, "REDIS_CLUSTER_NODES in langfuse.additionalEnv conflicts with redis.cluster.nodes; set only one of them")
	}

	if sentinel {
		switch {
		case cluster:
			r.Refuse(RuleChartRefuses, "redis.sentinel.enabled", "redis.sentinel.enabled and redis.cluster.enabled are both true; choose one mode")
		case deploy:
			r.Refuse(RuleChartRefuses, "redis.sentinel.enabled", "redis.sentinel.enabled needs an external Redis Sentinel, but redis.deploy is true")
		}
		if !hasSentinelEnv {
			if strings.TrimSpace(r.Str("redis.sentinel.masterName")) == "" {
				r.Refuse(RuleChartRefuses, "redis.sentinel.masterName", "redis.sentinel.enabled is true but redis.sentinel.masterName is empty")
			}
			// A list renders (as Go prints it); only an empty value fails.
			if n := r.Get("redis.sentinel.nodes"); !eval.Truthy(n) || n.Kind == values.String && strings.TrimSpace(n.Str) == "" {
				r.Refuse(RuleChartRefuses, "redis.sentinel.nodes", "redis.sentinel.enabled is true but redis.sentinel.nodes is empty and langfuse.additionalEnv has no REDIS_SENTINEL_NODES")
			}
		}
	}
	if eval.Truthy(r.Get("redis.sentinel.nodes")) && hasSentinelEnv {
		r.RefuseAt(RuleChartRefuses, sentinelEnv.Node, sentinelEnv.Path, "REDIS_SENTINEL_NODES in langfuse.additionalEnv conflicts with redis.sentinel.nodes; set only one of them")
	}
}

func checkSMTPFromAddress(r *Refuser) {
	if eval.Truthy(r.Get("langfuse.smtp.connectionUrl")) && strings.TrimSpace(r.Str("langfuse.smtp.fromAddress")) == "" {
		r.Refuse(RuleChartRefuses, "langfuse.smtp.fromAddress", "langfuse.smtp.connectionUrl is set without langfuse.smtp.fromAddress, which the chart requires with it")
	}
}

// UploadTypes are the S3 upload types and whether the chart requires their bucket.
var UploadTypes = []struct {
	Key, What string
	// OnlyEnabled: the chart checks the type only while its enabled is true.
	OnlyEnabled bool
}{
	{"eventUpload", "event uploads", false},
	{"batchExport", "batch exports", true},
	{"mediaUpload", "media uploads", false},
}

// BucketOf resolves an upload type's bucket as coalesce(type.bucket,
// s3.bucket[, s3.defaultBuckets]) and says where it came from.
func (r *Refuser) BucketOf(typ string, bundled bool) eval.Source {
	paths := []string{"s3." + typ + ".bucket", "s3.bucket"}
	if bundled {
		paths = append(paths, "s3.defaultBuckets")
	}
	return r.Coalesce(paths...)
}

func (r *Refuser) UploadTypeUsed(typ string, onlyEnabled bool) bool {
	return !onlyEnabled || r.Bool("s3."+typ+".enabled")
}

// checkBundledS3 is what every release requires of the bundled object
// store: a bucket for each used upload type (the per-type bucket,
// s3.bucket, or s3.defaultBuckets) and path-style URLs.
func checkBundledS3(r *Refuser) {
	if !r.Bool("s3.deploy") {
		return
	}
	var noBucket, noPathStyle []string
	for _, t := range UploadTypes {
		// forcePathStyle is checked only for enabled types, media included.
		if r.UploadTypeUsed(t.Key, t.Key != "eventUpload") &&
			!r.Bool("s3.forcePathStyle") && !r.Bool("s3."+t.Key+".forcePathStyle") {
			noPathStyle = append(noPathStyle, "s3."+t.Key+".forcePathStyle")
		}
		if r.UploadTypeUsed(t.Key, t.OnlyEnabled) && r.BucketOf(t.Key, true).Node == nil {
			noBucket = append(noBucket, t.What)
		}
	}
	if len(noBucket) > 0 {
		r.Refuse(RuleChartRefuses, "s3.bucket", "no bucket for %s: the per-type bucket, s3.bucket and s3.defaultBuckets are all empty", JoinAnd(noBucket))
	}
	if len(noPathStyle) > 0 {
		r.Refuse(RuleChartRefuses, "s3.forcePathStyle", "the bundled object store needs path-style URLs, but s3.forcePathStyle is false and no per-type override (%s) is true", JoinOr(noPathStyle))
	}
}

func checkExternalS3Buckets(r *Refuser) {
	if r.Bool("s3.deploy") {
		return
	}
	var missing []string
	for _, t := range UploadTypes {
		// The media bucket is required even when media uploads are off: the
		// chart always renders LANGFUSE_S3_MEDIA_UPLOAD_BUCKET.
		if !r.UploadTypeUsed(t.Key, t.OnlyEnabled) {
			continue
		}
		if r.BucketOf(t.Key, false).Node == nil {
			missing = append(missing, "s3."+t.Key+".bucket")
		}
	}
	if len(missing) > 0 {
		verb := "is"
		if len(missing) > 1 {
			verb = "are"
		}
		r.Refuse(RuleChartRefuses, "s3.bucket", "no bucket is set for the external object storage: s3.bucket is empty, and so %s %s", verb, JoinAnd(missing))
	}
}

// pdbBoundSet is "set" as the chart's validation defines it: present, not
// "" and not null (0 counts as set).
func pdbBoundSet(n *values.Node) bool {
	return n != nil && n.Kind != values.Null && (n.Kind != values.String || n.Str != "")
}

// PDBBothSet reports whether a component's PDB sets both bounds, which the
// chart refuses to render.
func (w *Workloads) PDBBothSet(r *eval.Reader, comp string) bool {
	p := w.Values(comp) + ".pdb."
	return r.Bool(p+"create") && pdbBoundSet(r.Get(p+"minAvailable")) && pdbBoundSet(r.Get(p+"maxUnavailable"))
}

func checkPDBBothBounds(r *Refuser) {
	for _, comp := range r.W.Names() {
		if !r.W.PDBBothSet(r.Reader, comp) {
			continue
		}
		// Report at whichever bound the user wrote last.
		p := r.W.Values(comp) + ".pdb."
		at := p + "maxUnavailable"
		minF, maxF := r.Field(p+"minAvailable"), r.Field(p+"maxUnavailable")
		if minF != nil && maxF != nil && minF.KeyPos.File == maxF.KeyPos.File && minF.KeyPos.Line > maxF.KeyPos.Line {
			at = p + "minAvailable"
		}
		r.Refuse(RulePDBBothBounds, at, "the %s PodDisruptionBudget sets both minAvailable and maxUnavailable", comp)
	}
}

func checkAutoscalerConflict(r *Refuser) {
	for _, comp := range r.W.Names() {
		p := r.W.Values(comp)
		if !r.Bool(p + ".keda.enabled") {
			continue
		}
		var with []string
		for _, other := range []string{"hpa", "vpa"} {
			if r.Bool(p + "." + other + ".enabled") {
				with = append(with, other)
			}
		}
		if len(with) > 0 {
			r.Refuse(RuleAutoscalerConflict, p+".keda.enabled", "%s has keda enabled together with %s", comp, strings.Join(with, " and "))
		}
	}
}

// checkStoreHosts: an external Redis or ClickHouse needs a host (or the
// variable that replaces it).
func checkStoreHosts(r *Refuser) {
	if !r.Bool("redis.deploy") && !r.Bool("redis.host") && !r.Bool("redis.cluster.enabled") && !r.Bool("redis.sentinel.enabled") {
		if _, ok := r.ChartSeesEnv("REDIS_CONNECTION_STRING"); !ok {
			r.Refuse(RuleStoreHostMissing, "redis.host", "external Redis (deploy: false) has no host, no cluster or sentinel and no REDIS_CONNECTION_STRING")
		}
	}
	if !r.Bool("clickhouse.deploy") && !r.Bool("clickhouse.host") {
		if _, ok := r.ChartSeesEnv("CLICKHOUSE_URL"); !ok {
			r.Refuse(RuleStoreHostMissing, "clickhouse.host", "external ClickHouse (deploy: false) has no host and no CLICKHOUSE_URL")
		}
	}
}

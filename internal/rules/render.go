package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

var renderRules = []*Rule{
	{
		ID:       "chart-refuses-values",
		Severity: finding.Error,
		Category: Rendering,
		Summary:  "The values trip one of the chart's own fail or required checks, so helm refuses to render the release.",
		Rationale: "Chart 2.0.0 validates its values while rendering (validations.yaml, required fields of the store " +
			"secrets, and bucket and secret-name checks of the bundled stores) and aborts helm install, upgrade or " +
			"template with an error. These checks can be predicted from the values alone, so they are reported here " +
			"before helm runs, at the key that causes them.",
		Remediation: "Change the reported key as the message says; each message names the combination the chart rejects.",
		Check:       checkChartRefusesValues,
	},
	{
		ID:       "extra-manifest-templated",
		Severity: finding.Warning,
		Category: Rendering,
		Summary:  "An extraManifests item contains a Helm template expression, which the chart does not evaluate.",
		Rationale: "The chart emits each extraManifests item with toYaml and never runs it through tpl: a " +
			"{{ .Release.Namespace }} or {{ include ... }} reaches Kubernetes as literal text, where it is an invalid " +
			"name or a wrong value.",
		Remediation: "Write the final value (the namespace, the release's resource names) into the extraManifests item, or generate the manifest outside the chart.",
		Check:       checkExtraManifestTemplated,
	},
	{
		ID:       "clickhouse-crd-check-offline",
		Severity: finding.Info,
		Category: Rendering,
		Summary:  "The bundled ClickHouse's CRD check makes offline renders (helm template, GitOps) fail unless both operator API versions are passed.",
		Rationale: "With clickhouse.deploy and clickhouse.crdCheck, the chart fails when the API " +
			"clickhouse.com/v1alpha1/ClickHouseCluster is not available, and separately when " +
			"clickhouse.com/v1alpha1/KeeperCluster is not. Without a cluster to ask, helm template knows neither. The " +
			"chart's hint names only the ClickHouseCluster API, so following it fails again on the KeeperCluster check. " +
			"Against a live cluster with the ClickHouse operator installed the check passes and is useful, hence info.",
		Remediation: "For offline renders pass --api-versions clickhouse.com/v1alpha1/ClickHouseCluster --api-versions clickhouse.com/v1alpha1/KeeperCluster, or set clickhouse.crdCheck: false once the operator is known to be installed.",
		Check:       checkClickHouseCRDCheckOffline,
	},
	{
		ID:       "v1-upgrade-guard-off",
		Severity: finding.Warning,
		Category: Rendering,
		Summary:  "langfuse.allowV1Upgrade is true: the chart's guard against replacing chart 1.x stores with empty ones is off.",
		Rationale: "On helm upgrade, chart 2.0.0 looks for the stores chart 1.x left behind (the ClickHouse StatefulSet, " +
			"the PostgreSQL PVC, the MinIO Deployment) and refuses to continue, because the bundled 2.x stores start " +
			"on new, empty volumes. allowV1Upgrade switches that guard off; an upgrade then silently leaves the old " +
			"data behind.",
		Remediation: "Remove langfuse.allowV1Upgrade (false is the default) and follow the chart's v1-to-v2 upgrade guide: a sibling v2 release and a data copy, unless all stores are external.",
		Check:       checkV1UpgradeGuardOff,
	},
}

// refuses reports one render failure of chart-refuses-values.
func (c *Context) refuses(w Where, format string, args ...any) {
	c.Report(w, "%s; the chart refuses to render", fmt.Sprintf(format, args...))
}

func checkChartRefusesValues(c *Context) {
	checkRedisModes(c)
	checkSMTPFromAddress(c)
	checkBundledClickHouse(c)
	checkBundledRedisUser(c)
	checkBundledPostgres(c)
	checkBundledS3(c)
	checkExternalS3Buckets(c)
	checkBringYourOwnSecrets(c)
}

// joinAnd lists words as "a, b and c".
func joinAnd(words []string) string { return joinWith(words, "and") }

// joinOr lists words as "a, b or c".
func joinOr(words []string) string { return joinWith(words, "or") }

func joinWith(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

func checkRedisModes(c *Context) {
	deploy := c.Bool("redis.deploy")
	cluster, sentinel := c.Bool("redis.cluster.enabled"), c.Bool("redis.sentinel.enabled")
	// Only langfuse.additionalEnv counts, as the chart's langfuse.getEnvVar
	// sees it (chartSeesEnv, secrets.go).
	clusterEnv, hasClusterEnv := c.chartSeesEnv("REDIS_CLUSTER_NODES")
	sentinelEnv, hasSentinelEnv := c.chartSeesEnv("REDIS_SENTINEL_NODES")

	if cluster {
		switch {
		case deploy:
			c.refuses(c.At("redis.cluster.enabled"), "redis.cluster.enabled needs an external Redis Cluster, but redis.deploy is true")
		case Empty(c.Get("redis.cluster.nodes")) && !hasClusterEnv:
			c.refuses(c.At("redis.cluster.nodes"), "redis.cluster.enabled is true but redis.cluster.nodes is empty and langfuse.additionalEnv has no REDIS_CLUSTER_NODES")
		}
	}
	if Truthy(c.Get("redis.cluster.nodes")) && hasClusterEnv {
		c.refuses(c.AtNode(clusterEnv.Node, clusterEnv.Path), "REDIS_CLUSTER_NODES in langfuse.additionalEnv conflicts with redis.cluster.nodes; set only one of them")
	}

	if sentinel {
		switch {
		case cluster:
			c.refuses(c.At("redis.sentinel.enabled"), "redis.sentinel.enabled and redis.cluster.enabled are both true; choose one mode")
		case deploy:
			c.refuses(c.At("redis.sentinel.enabled"), "redis.sentinel.enabled needs an external Redis Sentinel, but redis.deploy is true")
		}
		if !hasSentinelEnv {
			if strings.TrimSpace(c.Str("redis.sentinel.masterName")) == "" {
				c.refuses(c.At("redis.sentinel.masterName"), "redis.sentinel.enabled is true but redis.sentinel.masterName is empty")
			}
			if strings.TrimSpace(c.Str("redis.sentinel.nodes")) == "" {
				c.refuses(c.At("redis.sentinel.nodes"), "redis.sentinel.enabled is true but redis.sentinel.nodes is empty and langfuse.additionalEnv has no REDIS_SENTINEL_NODES")
			}
		}
	}
	if Truthy(c.Get("redis.sentinel.nodes")) && hasSentinelEnv {
		c.refuses(c.AtNode(sentinelEnv.Node, sentinelEnv.Path), "REDIS_SENTINEL_NODES in langfuse.additionalEnv conflicts with redis.sentinel.nodes; set only one of them")
	}
}

func checkSMTPFromAddress(c *Context) {
	if Truthy(c.Get("langfuse.smtp.connectionUrl")) && strings.TrimSpace(c.Str("langfuse.smtp.fromAddress")) == "" {
		c.refuses(c.At("langfuse.smtp.fromAddress"), "langfuse.smtp.connectionUrl is set without langfuse.smtp.fromAddress, which the chart requires with it")
	}
}

func checkBundledClickHouse(c *Context) {
	if !c.Bool("clickhouse.deploy") {
		return
	}
	switch user := c.Str("clickhouse.auth.username"); user {
	case "default":
	case "":
		c.refuses(c.At("clickhouse.auth.username"), "clickhouse.auth.username is empty, but the bundled ClickHouse requires it (and only supports \"default\")")
	default:
		c.refuses(c.At("clickhouse.auth.username"), "the bundled ClickHouse only supports the user \"default\", but clickhouse.auth.username is %q", user)
	}
	if !c.Bool("clickhouse.keeper.enabled") {
		c.refuses(c.At("clickhouse.keeper.enabled"), "the bundled ClickHouse needs ClickHouse Keeper, but clickhouse.keeper.enabled is false")
	}
	if n, ok := Int(c.Get("clickhouse.cluster.replicas")); ok && n < 1 {
		c.refuses(c.At("clickhouse.cluster.replicas"), "clickhouse.cluster.replicas is %d; the bundled ClickHouse needs at least 1", n)
	}
}

func checkBundledRedisUser(c *Context) {
	if !c.Bool("redis.deploy") {
		return
	}
	user := c.Str("redis.auth.username")
	switch {
	case user == "default":
	case user == "":
		// templates/redis-secret.yaml requires it when the chart makes the
		// Secret.
		if Empty(c.Get("redis.auth.existingSecret")) {
			c.refuses(c.At("redis.auth.username"), "redis.auth.username is empty, but the chart requires it to create the bundled Valkey's credentials Secret")
		}
	case c.Get("redis.auth.aclUsers").Get(user) == nil:
		c.refuses(c.At("redis.auth.username"), "redis.auth.username %q is neither \"default\" nor a user in redis.auth.aclUsers, so the bundled Valkey would not know it", user)
	}
}

func checkBundledPostgres(c *Context) {
	if !c.Bool("postgresql.deploy") {
		return
	}
	for _, key := range []string{"postgresql.auth.username", "postgresql.auth.database"} {
		if strings.TrimSpace(c.Str(key)) == "" {
			c.refuses(c.At(key), "%s is empty, but the bundled PostgreSQL requires it", key)
		}
	}
	if Empty(c.Get("postgresql.auth.existingSecret")) {
		settings, user := c.Str("postgresql.settings.existingSecret"), c.Str("postgresql.userDatabase.existingSecret")
		if settings != user {
			at := "postgresql.userDatabase.existingSecret"
			if !c.SetByUser(at) && c.SetByUser("postgresql.settings.existingSecret") {
				at = "postgresql.settings.existingSecret"
			}
			c.refuses(c.At(at), "postgresql.userDatabase.existingSecret (%q) differs from postgresql.settings.existingSecret (%q); the chart-managed Secret must be both", user, settings)
		}
	}
}

// Upload types of S3 and whether the chart requires their bucket.
var uploadTypes = []struct {
	key, what string
	// onlyEnabled: the chart checks the type only while its enabled is true.
	onlyEnabled bool
}{
	{"eventUpload", "event uploads", false},
	{"batchExport", "batch exports", true},
	{"mediaUpload", "media uploads", false},
}

// bucketOf resolves an upload type's bucket as coalesce(type.bucket,
// s3.bucket[, s3.defaultBuckets]) and says where it came from.
func (c *Context) bucketOf(typ string, bundled bool) Source {
	paths := []string{"s3." + typ + ".bucket", "s3.bucket"}
	if bundled {
		paths = append(paths, "s3.defaultBuckets")
	}
	return c.Coalesce(paths...)
}

func (c *Context) uploadTypeUsed(typ string, onlyEnabled bool) bool {
	return !onlyEnabled || c.Bool("s3."+typ+".enabled")
}

func checkBundledS3(c *Context) {
	if !c.Bool("s3.deploy") {
		return
	}
	created := map[string]bool{}
	if list := c.Get("s3.allInOne.s3.createBuckets"); list != nil && list.Kind == values.List {
		for _, it := range list.Items {
			created[strings.TrimSpace(it.Get("name").Text())] = true
		}
	}
	// One finding per missing bucket and the key that chose it.
	type miss struct{ bucket, from string }
	var order []miss
	uses := map[miss][]string{}
	var noBucket, noPathStyle []string
	for _, t := range uploadTypes {
		// forcePathStyle is checked only for enabled types, media included.
		if c.uploadTypeUsed(t.key, t.key != "eventUpload") &&
			!c.Bool("s3.forcePathStyle") && !c.Bool("s3."+t.key+".forcePathStyle") {
			noPathStyle = append(noPathStyle, "s3."+t.key+".forcePathStyle")
		}
		if !c.uploadTypeUsed(t.key, t.onlyEnabled) {
			continue
		}
		src := c.bucketOf(t.key, true)
		if src.Node == nil {
			noBucket = append(noBucket, t.what)
			continue
		}
		bucket := strings.TrimSpace(src.Node.Text())
		if src.Path == "s3.defaultBuckets" && strings.ContainsAny(bucket, ", ") {
			// A list: which entry the chart takes is not certain.
			continue
		}
		if created[bucket] {
			continue
		}
		m := miss{bucket, src.Path}
		if _, seen := uses[m]; !seen {
			order = append(order, m)
		}
		uses[m] = append(uses[m], t.what)
	}
	for _, m := range order {
		// Report at the bucket key when the user chose the bucket, else at
		// the bucket list the user changed.
		at := m.from
		if !c.SetByUser(at) {
			at = "s3.allInOne.s3.createBuckets"
		}
		c.refuses(c.At(at), "the bundled SeaweedFS does not create bucket %q (from %s, used for %s): add it to s3.allInOne.s3.createBuckets",
			m.bucket, m.from, joinAnd(uses[m]))
	}
	if len(noBucket) > 0 {
		c.refuses(c.At("s3.bucket"), "no bucket for %s: the per-type bucket, s3.bucket and s3.defaultBuckets are all empty", joinAnd(noBucket))
	}
	if len(noPathStyle) > 0 {
		c.refuses(c.At("s3.forcePathStyle"), "the bundled SeaweedFS needs path-style URLs, but s3.forcePathStyle is false and no per-type override (%s) is true", joinOr(noPathStyle))
	}
}

func checkExternalS3Buckets(c *Context) {
	if c.Bool("s3.deploy") {
		return
	}
	var missing []string
	for _, t := range uploadTypes {
		// The media bucket is required even when media uploads are off: the
		// chart always renders LANGFUSE_S3_MEDIA_UPLOAD_BUCKET.
		if !c.uploadTypeUsed(t.key, t.onlyEnabled) {
			continue
		}
		if c.bucketOf(t.key, false).Node == nil {
			missing = append(missing, "s3."+t.key+".bucket")
		}
	}
	if len(missing) > 0 {
		verb := "is"
		if len(missing) > 1 {
			verb = "are"
		}
		c.refuses(c.At("s3.bucket"), "no bucket is set for the external object storage: s3.bucket is empty, and so %s %s", verb, joinAnd(missing))
	}
}

// managedSecrets pairs a bundled store's bring-your-own Secret with the
// chart-managed Secret name it must match.
var managedSecrets = []struct {
	deploy, own, managed, def string
}{
	{"postgresql.deploy", "postgresql.auth.existingSecret", "postgresql.settings.existingSecret", "langfuse-postgresql-auth"},
	{"redis.deploy", "redis.auth.existingSecret", "redis.auth.usersExistingSecret", "langfuse-redis-auth"},
	{"s3.deploy", "s3.auth.existingSecret", "s3.allInOne.s3.existingConfigSecret", "langfuse-s3-auth"},
}

func checkBringYourOwnSecrets(c *Context) {
	for _, s := range managedSecrets {
		if !c.Bool(s.deploy) {
			continue
		}
		own, managed := strings.TrimSpace(c.Str(s.own)), c.Str(s.managed)
		if own == "" || own == s.def || managed != s.def {
			continue
		}
		c.refuses(c.At(s.own), "with the bundled store, %s (%q) must name the same Secret as %s, which is still the chart-managed %q: "+
			"set %s to %q as well (that Secret must then hold the keys the bundled store reads), or remove %s and let the chart manage the Secret",
			s.own, own, s.managed, managed, s.managed, own, s.own)
	}
}

// helmExprRE matches a template action that uses Helm's own objects or
// functions, as opposed to braces meant for another tool (Prometheus
// alert templates, Argo Workflows parameters) that must stay literal.
var (
	actionRE   = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)
	helmExprRE = regexp.MustCompile(`(^|[\s($])\$?\.(Release|Values|Chart|Capabilities|Template|Files)\b|(^|[\s(])(include|tpl|template|required|lookup|toYaml)\s`)
)

// helmAction returns the first Helm template action in s, or "".
func helmAction(s string) string {
	if !strings.Contains(s, "{{") {
		return ""
	}
	for _, m := range actionRE.FindAllStringSubmatch(s, -1) {
		if helmExprRE.MatchString(m[1]) {
			a := m[0]
			if len(a) > 60 {
				a = a[:57] + "..."
			}
			return a
		}
	}
	return ""
}

func checkExtraManifestTemplated(c *Context) {
	list := c.Get("extraManifests")
	if list == nil || list.Kind != values.List {
		return
	}
	for i, it := range list.Items {
		walkTemplated(c, it, values.JoinIndex("extraManifests", i), i)
	}
}

func walkTemplated(c *Context, n *values.Node, path string, item int) {
	switch n.Kind {
	case values.Map:
		for _, f := range n.Fields {
			p := values.JoinKey(path, f.Key)
			if a := helmAction(f.Key); a != "" {
				c.Report(Where{Pos: f.KeyPos, Path: p}, "extraManifests[%d] has the key %s, but the chart does not template extraManifests: it reaches Kubernetes literally", item, a)
			}
			walkTemplated(c, f.Value, p, item)
		}
	case values.List:
		for j, x := range n.Items {
			walkTemplated(c, x, values.JoinIndex(path, j), item)
		}
	case values.String:
		if a := helmAction(n.Str); a != "" {
			c.Report(c.AtNode(n, path), "extraManifests[%d] contains %s, but the chart does not template extraManifests: it reaches Kubernetes literally", item, a)
		}
	}
}

func checkClickHouseCRDCheckOffline(c *Context) {
	if !c.Bool("clickhouse.deploy") || !c.Bool("clickhouse.crdCheck") {
		return
	}
	apis := []string{"clickhouse.com/v1alpha1/ClickHouseCluster"}
	if c.Bool("clickhouse.keeper.enabled") {
		apis = append(apis, "clickhouse.com/v1alpha1/KeeperCluster")
	}
	var flags []string
	for _, a := range apis {
		flags = append(flags, "--api-versions "+a)
	}
	c.Report(c.At("clickhouse.crdCheck"), "clickhouse.crdCheck is on: helm template and GitOps renders without a cluster fail unless given %s (the chart's hint names only the first)",
		strings.Join(flags, " "))
}

func checkV1UpgradeGuardOff(c *Context) {
	if !c.Bool("langfuse.allowV1Upgrade") {
		return
	}
	// The guard only looks for stores the chart bundles.
	var bundled []string
	for _, s := range []struct{ key, name string }{
		{"clickhouse.deploy", "the ClickHouse StatefulSet"}, {"postgresql.deploy", "the PostgreSQL PVC"}, {"s3.deploy", "the MinIO Deployment"},
	} {
		if c.Bool(s.key) {
			bundled = append(bundled, s.name)
		}
	}
	if len(bundled) == 0 {
		return
	}
	c.Report(c.At("langfuse.allowV1Upgrade"), "langfuse.allowV1Upgrade is true: a helm upgrade from chart 1.x no longer stops when it finds %s of chart 1.x; the bundled 2.x stores start on new, empty volumes and the old data is left behind",
		joinOr(bundled))
}

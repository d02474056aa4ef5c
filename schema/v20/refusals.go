package v20

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// refusals records the conditions under which chart 2.0.x refuses to
// render: those it shares with every modelled release, and its own.
func refusals(r *model.Refuser) {
	model.CommonRefusals(r)
	checkBundledClickHouse(r)
	checkBundledRedisUser(r)
	checkBundledPostgres(r)
	checkCreatedBuckets(r)
	checkBringYourOwnSecrets(r)
	checkBundledS3SecretKeys(r)
	checkValkeyNoEviction(r)
	checkExternalPostgresPassword(r)
	checkBundledS3RootUser(r)
}

// checkExternalPostgresPassword: an external PostgreSQL needs an existing
// Secret or a literal password, unless DATABASE_URL in the global
// additionalEnv replaces the chart's database variables.
func checkExternalPostgresPassword(r *model.Refuser) {
	if r.Bool("postgresql.deploy") || r.Bool("postgresql.auth.existingSecret") || !eval.RequiredMissing(r.Get("postgresql.auth.password")) {
		return
	}
	if _, url := r.ChartSeesEnv("DATABASE_URL"); url {
		return
	}
	r.RefuseWith(model.RuleChartRefuses, "postgresql.auth.password", "set postgresql.auth.existingSecret (and secretKeys.userPasswordKey) to the Secret holding the password",
		"external PostgreSQL (deploy: false) has neither postgresql.auth.existingSecret nor postgresql.auth.password")
}

// checkBundledS3RootUser: the chart creates the bundled S3's credentials
// Secret from s3.auth.rootUser, which it requires.
func checkBundledS3RootUser(r *model.Refuser) {
	if !r.Bool("s3.deploy") || r.Bool("s3.auth.existingSecret") || !eval.RequiredMissing(r.Get("s3.auth.rootUser")) {
		return
	}
	r.Refuse(model.RuleChartRefuses, "s3.auth.rootUser", "s3.auth.rootUser is empty, but the chart requires it to create the bundled S3's credentials Secret")
}

// checkBundledS3SecretKeys: with the bundled SeaweedFS, a bring-your-own
// Secret must name the keys the chart reads the root credentials from.
func checkBundledS3SecretKeys(r *model.Refuser) {
	if !r.Bool("s3.deploy") || !r.Bool("s3.auth.existingSecret") {
		return
	}
	// The root keys are read only for a credential that no used upload
	// type gets from its own or the global access key fields.
	for _, c := range [][2]string{{"accessKeyId", "rootUserSecretKey"}, {"secretAccessKey", "rootPasswordSecretKey"}} {
		cred, k := c[0], c[1]
		if !r.GlobalS3KeyRead(cred) || model.SourcesOf(r.Get("s3."+cred)).Pinned() {
			continue
		}
		if !r.Bool("s3.auth." + k) {
			r.Refuse(model.RuleSecretRefIncomplete, "s3.auth."+k, "s3.auth.existingSecret is set for the bundled S3 without %s", k)
		}
	}
}

// checkValkeyNoEviction: the bundled Valkey must never evict queue keys.
func checkValkeyNoEviction(r *model.Refuser) {
	p := stores.RedisPolicy
	if !r.Bool("redis.deploy") || strings.Contains(r.Str(p.Key), p.NoEviction()) {
		return
	}
	r.Refuse(model.RuleRedisNoEviction, p.Key, "bundled Redis: %s does not contain %q", p.Key, p.NoEviction())
}

// checkCreatedBuckets: the bundled SeaweedFS of chart 2.x creates only the
// buckets in s3.allInOne.s3.createBuckets, and the chart fails when a used
// bucket is not among them.
func checkCreatedBuckets(r *model.Refuser) {
	if !r.Bool("s3.deploy") {
		return
	}
	created := map[string]bool{}
	if list := r.Get("s3.allInOne.s3.createBuckets"); list != nil && list.Kind == values.List {
		for _, it := range list.Items {
			created[strings.TrimSpace(it.Get("name").Text())] = true
		}
	}
	// One finding per missing bucket and the key that chose it.
	type miss struct{ bucket, from string }
	var order []miss
	uses := map[miss][]string{}
	for _, t := range model.UploadTypes {
		if !r.UploadTypeUsed(t.Key, t.OnlyEnabled) {
			continue
		}
		src := r.BucketOf(t.Key, true)
		if src.Node == nil {
			continue
		}
		bucket := strings.TrimSpace(src.Node.Text())
		// s3.defaultBuckets is taken whole: "a,b" is one bucket name to the
		// chart, commas included.
		if created[bucket] {
			continue
		}
		m := miss{bucket, src.Path}
		if _, seen := uses[m]; !seen {
			order = append(order, m)
		}
		uses[m] = append(uses[m], t.What)
	}
	for _, m := range order {
		// Report at the bucket key when the user chose the bucket, else at
		// the bucket list the user changed.
		at := m.from
		if !r.SetByUser(at) {
			at = "s3.allInOne.s3.createBuckets"
		}
		r.Refuse(model.RuleChartRefuses, at, "the bundled SeaweedFS does not create bucket %q (from %s, used for %s): add it to s3.allInOne.s3.createBuckets",
			m.bucket, m.from, model.JoinAnd(uses[m]))
	}
}

func checkBundledClickHouse(r *model.Refuser) {
	if !r.Bool("clickhouse.deploy") {
		return
	}
	switch user := r.Str("clickhouse.auth.username"); user {
	case "default":
	case "":
		r.Refuse(model.RuleChartRefuses, "clickhouse.auth.username", "clickhouse.auth.username is empty, but the bundled ClickHouse requires it (and only supports \"default\")")
	default:
		r.Refuse(model.RuleChartRefuses, "clickhouse.auth.username", "the bundled ClickHouse only supports the user \"default\", but clickhouse.auth.username is %q", user)
	}
	if !r.Bool("clickhouse.keeper.enabled") {
		r.Refuse(model.RuleChartRefuses, "clickhouse.keeper.enabled", "the bundled ClickHouse needs ClickHouse Keeper, but clickhouse.keeper.enabled is false")
	}
	if n, ok := eval.Int(r.Get("clickhouse.cluster.replicas")); ok && n < 1 {
		r.Refuse(model.RuleChartRefuses, "clickhouse.cluster.replicas", "clickhouse.cluster.replicas is %d; the bundled ClickHouse needs at least 1", n)
	}
}

func checkBundledRedisUser(r *model.Refuser) {
	if !r.Bool("redis.deploy") {
		return
	}
	user := r.Str("redis.auth.username")
	switch {
	case user == "default":
	case user == "":
		// templates/redis-secret.yaml requires it when the chart makes the
		// Secret.
		if eval.Empty(r.Get("redis.auth.existingSecret")) {
			r.Refuse(model.RuleChartRefuses, "redis.auth.username", "redis.auth.username is empty, but the chart requires it to create the bundled Valkey's credentials Secret")
		}
	case r.Get("redis.auth.aclUsers").Get(user) == nil:
		r.Refuse(model.RuleChartRefuses, "redis.auth.username", "redis.auth.username %q is neither \"default\" nor a user in redis.auth.aclUsers, so the bundled Valkey would not know it", user)
	}
}

func checkBundledPostgres(r *model.Refuser) {
	if !r.Bool("postgresql.deploy") {
		return
	}
	for _, key := range []string{"postgresql.auth.username", "postgresql.auth.database"} {
		if strings.TrimSpace(r.Str(key)) == "" {
			r.Refuse(model.RuleChartRefuses, key, "%s is empty, but the bundled PostgreSQL requires it", key)
		}
	}
	if eval.Empty(r.Get("postgresql.auth.existingSecret")) {
		settings, user := r.Str("postgresql.settings.existingSecret"), r.Str("postgresql.userDatabase.existingSecret")
		if settings != user {
			at := "postgresql.userDatabase.existingSecret"
			if !r.SetByUser(at) && r.SetByUser("postgresql.settings.existingSecret") {
				at = "postgresql.settings.existingSecret"
			}
			r.Refuse(model.RuleChartRefuses, at, "postgresql.userDatabase.existingSecret (%q) differs from postgresql.settings.existingSecret (%q); the chart-managed Secret must be both", user, settings)
		}
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

func checkBringYourOwnSecrets(r *model.Refuser) {
	for _, s := range managedSecrets {
		if !r.Bool(s.deploy) {
			continue
		}
		// The chart reads the managed name with | default, so "" is the
		// default name.
		own, managed := strings.TrimSpace(r.Str(s.own)), r.Str(s.managed)
		if managed == "" {
			managed = s.def
		}
		if own == "" || own == s.def || managed != s.def {
			continue
		}
		r.Refuse(model.RuleChartRefuses, s.own, "with the bundled store, %s (%q) must name the same Secret as %s, which is still the chart-managed %q: "+
			"set %s to %q as well (that Secret must then hold the keys the bundled store reads), or remove %s and let the chart manage the Secret",
			s.own, own, s.managed, managed, s.managed, own, s.own)
	}
}

package v15

import (
	"fmt"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// refusals records the conditions under which chart 1.5.x refuses to
// render: those it shares with every modelled release, and its own.
func refusals(r *model.Refuser) {
	model.CommonRefusals(r)
	checkShards(r)
	checkRedisNoEviction(r)
	checkRequiredAppSecrets(r)
	checkPostgresPassword(r)
	checkBundledClickHouse(r)
}

// checkShards: the chart's validation converts clickhouse.shards with the
// template's int and fails for anything but 1, whether ClickHouse is bundled
// or not (an absent or null value counts as 0).
func checkShards(r *model.Refuser) {
	n := r.Get("clickhouse.shards")
	if eval.TemplateInt(n) == 1 {
		return
	}
	what := "missing"
	switch {
	case n == nil || n.Kind == values.Null:
	case n.Kind == values.String:
		what = fmt.Sprintf("%q", n.Str)
	default:
		what = n.Text()
	}
	r.Refuse(model.RuleChartRefuses, "clickhouse.shards", "clickhouse.shards is %s, but Langfuse supports exactly one ClickHouse shard (set 1)", what)
}

// checkRedisNoEviction: with the bundled Valkey, the server flags must hold
// the no-eviction flag as one list item, spelled exactly.
func checkRedisNoEviction(r *model.Refuser) {
	if !r.Bool("redis.deploy") {
		return
	}
	p := stores.RedisPolicy
	want := p.NoEviction()
	if flags := r.Get(p.Key); flags != nil && flags.Kind == values.List {
		for _, it := range flags.Items {
			if it.Kind == values.String && it.Str == want {
				return
			}
		}
	}
	r.Refuse(model.RuleRedisNoEviction, p.Key, "bundled Redis: %s has no item %q", p.Key, want)
}

// requiredAppSecrets are the application secrets chart 1.x cannot render
// without (it generates none).
var requiredAppSecrets = []string{"langfuse.salt", "langfuse.nextauth.secret"}

// checkRequiredAppSecrets: salt and the NextAuth secret need a source the
// chart acts on: a value, a complete secretKeyRef, a fieldRef or a
// resourceFieldRef.
func checkRequiredAppSecrets(r *model.Refuser) {
	for _, p := range requiredAppSecrets {
		n := r.Get(p)
		var src model.Sources
		if n != nil && n.Kind == values.Map {
			src = model.SourcesOf(n)
		}
		if src.Pinned() {
			continue
		}
		advice := "set " + p + ".secretKeyRef (name and key) to a Secret you keep"
		if src.RefName != src.RefKey {
			missing, has := "key", "name"
			if src.RefKey {
				missing, has = "name", "key"
			}
			r.RefuseWith(model.RuleChartRefuses, p+".secretKeyRef."+missing, advice,
				"%s.secretKeyRef has a %s but no %s, which the chart ignores, so %s has no source, and chart 1.x generates none", p, has, missing, p)
			continue
		}
		r.RefuseWith(model.RuleChartRefuses, p, advice,
			"%s has no value, complete secretKeyRef, fieldRef or resourceFieldRef, and chart 1.x generates none", p)
	}
}

// checkPostgresPassword: unless DATABASE_URL in the global additionalEnv
// replaces the chart's database settings, the chart needs an existing
// Secret or a literal password, even for the bundled PostgreSQL.
func checkPostgresPassword(r *model.Refuser) {
	if _, url := r.ChartSeesEnv("DATABASE_URL"); url {
		return
	}
	if r.Bool("postgresql.auth.existingSecret") || !eval.RequiredMissing(r.Get("postgresql.auth.password")) {
		return
	}
	r.RefuseWith(model.RuleChartRefuses, "postgresql.auth.password", "set postgresql.auth.existingSecret and secretKeys.userPasswordKey",
		"postgresql.auth.existingSecret and postgresql.auth.password are both empty, and chart 1.x requires one of them even for the bundled PostgreSQL")
}

// checkBundledClickHouse: the bundled ClickHouse needs a user and a
// password (or an existing Secret), unless CLICKHOUSE_MIGRATION_URL in the
// global additionalEnv replaces every ClickHouse setting of the chart.
func checkBundledClickHouse(r *model.Refuser) {
	if !r.Bool("clickhouse.deploy") {
		return
	}
	if _, mig := r.ChartSeesEnv("CLICKHOUSE_MIGRATION_URL"); mig {
		return
	}
	if eval.RequiredMissing(r.Get("clickhouse.auth.username")) {
		r.Refuse(model.RuleChartRefuses, "clickhouse.auth.username", "clickhouse.auth.username is empty, but the bundled ClickHouse requires it")
	}
	if r.Bool("clickhouse.auth.existingSecret") || r.Bool("clickhouse.auth.password") {
		return
	}
	if eval.RequiredMissing(r.Get("clickhouse.auth.password")) {
		r.RefuseWith(model.RuleChartRefuses, "clickhouse.auth.password", "set clickhouse.auth.existingSecret and existingSecretKey",
			"the bundled ClickHouse has neither clickhouse.auth.existingSecret nor clickhouse.auth.password")
	}
}

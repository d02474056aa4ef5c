package chart

import (
	"testing"

	"github.com/valuesmith/valuesmith/internal/chart/charttest"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// render15 renders values through the chart 1.x test double and returns the
// env of the web container by name (a variable without value maps to "").
func render15(t *testing.T, src string) map[string]string {
	t.Helper()
	c, err := Load(charttest.Path15(t))
	if err != nil {
		t.Fatal(err)
	}
	v, err := schema.Lookup("1.5.41")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := values.Parse("v.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ctx := rules.Effective(rules.Input{Chart: v, Layers: []*values.Document{doc}})
	user, _ := doc.Root.Interface().(map[string]any)
	res, err := Check(Options{Release: "langfuse", Namespace: "langfuse", KubeVersion: DefaultKubeVersion}, c, ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.RuleID == "chart-render" {
			t.Fatalf("chart refused: %s", f)
		}
	}
	for _, o := range res.Objects {
		if o.Kind != "Deployment" || o.Name != "langfuse-web" {
			continue
		}
		spec := o.Obj["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)
		env := map[string]string{}
		for _, e := range containers(spec)[0]["env"].([]any) {
			m := e.(map[string]any)
			val, _ := m["value"].(string)
			env[m["name"].(string)] = val
		}
		return env
	}
	t.Fatal("no web Deployment rendered")
	return nil
}

// The chart 1.x env wiring the double follows: cluster mode is only ever
// switched off (clusterEnabled false, or one bundled replica), the store
// hosts are named after the chart's fullname, and the bundled MinIO's root
// user is the access key.
func TestChart15EnvWiring(t *testing.T) {
	const secrets = "langfuse: {salt: {value: s}, nextauth: {secret: {value: not-a-real-secret}}}\npostgresql: {auth: {password: p}}\nclickhouse: {auth: {password: c}}\n"
	cases := []struct {
		name, values string
		want         map[string]string // "-" means absent
	}{
		{"defaults: three replicas, cluster mode left to the app", "", map[string]string{
			"CLICKHOUSE_CLUSTER_ENABLED":             "-",
			"CLICKHOUSE_URL":                         "http://langfuse-clickhouse:8123",
			"DATABASE_HOST":                          "langfuse-postgresql",
			"REDIS_CONNECTION_STRING":                "redis://default@langfuse-redis-primary:6379/0",
			"LANGFUSE_S3_EVENT_UPLOAD_ENDPOINT":      "http://langfuse-s3:9000",
			"LANGFUSE_S3_EVENT_UPLOAD_BUCKET":        "langfuse",
			"LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID": "minio",
			"SALT":                                   "s",
		}},
		{"one bundled replica", "clickhouse: {replicaCount: 1}\n", map[string]string{"CLICKHOUSE_CLUSTER_ENABLED": "false"}},
		{"clusterEnabled false", "clickhouse: {clusterEnabled: false}\n", map[string]string{"CLICKHOUSE_CLUSTER_ENABLED": "false"}},
		{"external, cluster mode on", "clickhouse: {deploy: false, host: https://ch.example.com, replicaCount: 1}\n", map[string]string{
			"CLICKHOUSE_CLUSTER_ENABLED": "-", "CLICKHOUSE_URL": "https://ch.example.com:8123"}},
		{"sub-chart names of chart 0.x", "redis: {nameOverride: valkey}\ns3: {nameOverride: minio}\n", map[string]string{
			"REDIS_CONNECTION_STRING":           "redis://default@langfuse-valkey-primary:6379/0",
			"LANGFUSE_S3_EVENT_UPLOAD_ENDPOINT": "http://langfuse-minio:9000"}},
		{"DATABASE_URL replaces the database settings", "langfuse: {additionalEnv: [{name: DATABASE_URL, value: \"postgresql://u:p@db/x\"}]}\n", map[string]string{
			"DATABASE_HOST": "-", "DATABASE_PASSWORD": "-", "DATABASE_NAME": "postgres_langfuse"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := secrets
			if tc.values != "" {
				src = mergeYAML(t, secrets, tc.values)
			}
			env := render15(t, src)
			for k, want := range tc.want {
				got, ok := env[k]
				switch {
				case want == "-" && ok:
					t.Errorf("%s = %q, want it absent", k, got)
				case want != "-" && got != want:
					t.Errorf("%s = %q (present %v), want %q", k, got, ok, want)
				}
			}
		})
	}
}

// mergeYAML layers b over a as Helm would and returns the result as YAML.
func mergeYAML(t *testing.T, a, b string) string {
	t.Helper()
	da, err := values.Parse("a.yaml", []byte(a))
	if err != nil {
		t.Fatal(err)
	}
	db, err := values.Parse("b.yaml", []byte(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := values.Encode(values.Layer(da.Root, db.Root))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

package model

import "fmt"

// envConflict is one row of the chart's "only one of additionalEnv or the
// new structure" validations: env is the variable, keys the structured
// keys whose truthiness makes it fail (any of them).
type envConflict struct {
	env  string
	keys []string
	// set overrides the plain truthiness test of keys.
	set func(r *Refuser) (string, bool)
}

// alwaysSetMaps are structured keys the chart tests as maps, which are
// truthy whatever they hold.
var alwaysSetMaps = map[string]bool{"langfuse.salt": true, "langfuse.encryptionKey": true, "langfuse.nextauth.secret": true}

func envConflicts() []envConflict {
	out := []envConflict{
		{env: "DATABASE_HOST", keys: []string{"postgresql.host"}},
		{env: "DATABASE_PORT", keys: []string{"postgresql.port"}},
		{env: "DATABASE_USERNAME", keys: []string{"postgresql.auth.username"}},
		{env: "DATABASE_PASSWORD", keys: []string{"postgresql.auth.password", "postgresql.auth.existingSecret"}},
		{env: "DATABASE_NAME", keys: []string{"postgresql.auth.database"}},
		{env: "REDIS_CONNECTION_STRING", keys: []string{"redis.host"}},
		{env: "CLICKHOUSE_MIGRATION_URL", keys: []string{"clickhouse.host"}},
		{env: "CLICKHOUSE_URL", keys: []string{"clickhouse.host"}},
		{env: "CLICKHOUSE_USER", set: func(r *Refuser) (string, bool) {
			return "clickhouse.auth.username", r.Bool("clickhouse.deploy") && r.Bool("clickhouse.auth.username")
		}},
		{env: "CLICKHOUSE_PASSWORD", keys: []string{"clickhouse.auth.password", "clickhouse.auth.existingSecret"}},
		{env: "TELEMETRY_ENABLED", keys: []string{"langfuse.features.telemetryEnabled"}},
		{env: "AUTH_DISABLE_SIGNUP", keys: []string{"langfuse.features.signUpDisabled"}},
		{env: "ENABLE_EXPERIMENTAL_FEATURES", keys: []string{"langfuse.features.experimentalFeaturesEnabled"}},
		{env: "SMTP_CONNECTION_URL", keys: []string{"langfuse.smtp.connectionUrl"}},
		{env: "EMAIL_FROM_ADDRESS", keys: []string{"langfuse.smtp.fromAddress"}},
		{env: "LANGFUSE_ALLOWED_ORGANIZATION_CREATORS", keys: []string{"langfuse.allowedOrganizationCreators"}},
		{env: "SALT", keys: []string{"langfuse.salt"}},
		{env: "ENCRYPTION_KEY", keys: []string{"langfuse.encryptionKey"}},
		{env: "NEXTAUTH_SECRET", keys: []string{"langfuse.nextauth.secret"}},
	}
	envType := map[string]string{"eventUpload": "EVENT_UPLOAD", "batchExport": "BATCH_EXPORT", "mediaUpload": "MEDIA_UPLOAD"}
	for _, t := range S3UploadTypes {
		prefix := "LANGFUSE_S3_" + envType[t] + "_"
		for _, f := range []struct{ env, key string }{
			{"BUCKET", "bucket"}, {"REGION", "region"}, {"ENDPOINT", "endpoint"}, {"FORCE_PATH_STYLE", "forcePathStyle"},
		} {
			out = append(out, envConflict{env: prefix + f.env, keys: []string{"s3." + t + "." + f.key, "s3." + f.key}})
		}
		for _, f := range []struct{ env, key string }{{"ACCESS_KEY_ID", "accessKeyId"}, {"SECRET_ACCESS_KEY", "secretAccessKey"}} {
			perType, global := "s3."+t+"."+f.key, "s3."+f.key
			out = append(out, envConflict{env: prefix + f.env, set: func(r *Refuser) (string, bool) {
				// The chart tests value or secretKeyRef.name of each.
				for _, k := range []string{perType, global} {
					if r.Bool(k+".value") || r.Bool(k+".secretKeyRef.name") {
						return k, true
					}
				}
				return perType, false
			}})
		}
	}
	return out
}

func checkEnvConflicts(r *Refuser) {
	rows := envConflicts()
	env := r.W.GlobalEnv(r.Reader)
	chartSees := chartSeenEnv(env)
	for _, e := range env {
		seen, ok := chartSees[e.Name]
		if !ok || seen.Path != e.Path {
			continue // report each name once, at the entry the chart sees last
		}
		for _, row := range rows {
			if row.env != e.Name {
				continue
			}
			key, set := "", false
			if row.set != nil {
				key, set = row.set(r)
			} else {
				for _, k := range row.keys {
					if r.Bool(k) {
						key, set = k, true
						break
					}
				}
			}
			if !set {
				continue
			}
			how := "set in your values"
			switch {
			case alwaysSetMaps[key]:
				how = "a map, which always counts as set"
			case !r.SetByUser(key):
				how = "set by the chart's defaults"
			}
			r.out = append(r.out, Refusal{Rule: RuleEnvConflict, Path: e.Path, Node: e.Node,
				Message: fmt.Sprintf("%s is also derived by the chart from %s (%s)", e.Name, key, how),
				Advice:  "set " + key + " instead"})
		}
	}
}

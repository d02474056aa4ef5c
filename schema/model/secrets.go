package model

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/values"
)

// AppSecrets are the application secrets, with the environment variable each
// one feeds. Chart 1.x requires salt and nextauth.secret; chart 2.x generates
// all three when missing.
var AppSecrets = []struct{ Path, Env string }{
	{"langfuse.salt", "SALT"},
	{"langfuse.encryptionKey", "ENCRYPTION_KEY"},
	{"langfuse.nextauth.secret", "NEXTAUTH_SECRET"},
}

// S3UploadTypes are the S3 upload types, each with its own overrides.
var S3UploadTypes = []string{"eventUpload", "batchExport", "mediaUpload"}

// Sources is what a value-or-secret field sets, read the way the chart's
// getValueOrSecret helper reads it.
type Sources struct {
	Value            bool // a non-empty literal value
	RefName, RefKey  bool // secretKeyRef.name / secretKeyRef.key non-empty
	FieldRef         bool // fieldRef.fieldPath non-empty
	ResourceFieldRef bool // resourceFieldRef.resource non-empty
}

// SourcesOf reads a value-or-secret field.
func SourcesOf(n *values.Node) Sources {
	return Sources{
		Value:            eval.Truthy(n.Get("value")),
		RefName:          eval.Truthy(n.Lookup("secretKeyRef.name")),
		RefKey:           eval.Truthy(n.Lookup("secretKeyRef.key")),
		FieldRef:         eval.Truthy(n.Lookup("fieldRef.fieldPath")),
		ResourceFieldRef: eval.Truthy(n.Lookup("resourceFieldRef.resource")),
	}
}

// CompleteRef: the chart uses a secretKeyRef only with both name and key.
func (s Sources) CompleteRef() bool { return s.RefName && s.RefKey }

// Used lists the sources the chart acts on.
func (s Sources) Used() []string {
	var out []string
	if s.Value {
		out = append(out, "value")
	}
	if s.CompleteRef() {
		out = append(out, "secretKeyRef")
	}
	if s.FieldRef {
		out = append(out, "fieldRef")
	}
	if s.ResourceFieldRef {
		out = append(out, "resourceFieldRef")
	}
	return out
}

// Pinned reports whether the chart takes the field from the user rather
// than leaving it empty (or generating it).
func (s Sources) Pinned() bool { return len(s.Used()) > 0 }

// SSOOption is one langfuse.auth.providers.<provider>.<option> entry.
type SSOOption struct {
	Path, Provider, Option string
	Node                   *values.Node
}

// SSOOptions lists the options of every auth provider.
func SSOOptions(r *eval.Reader) []SSOOption {
	providers := r.Get("langfuse.auth.providers")
	if providers == nil || providers.Kind != values.Map {
		return nil
	}
	var out []SSOOption
	for _, p := range providers.Fields {
		if p.Value.Kind != values.Map {
			continue
		}
		for _, o := range p.Value.Fields {
			out = append(out, SSOOption{
				Path:     "langfuse.auth.providers." + p.Key + "." + o.Key,
				Provider: p.Key, Option: o.Key, Node: o.Value,
			})
		}
	}
	return out
}

// ValueOrSecretFields lists the paths of every value-or-secret field the
// chart reads that the values write as a map: app secrets, licence, S3 keys
// (global and per upload type), GCS credentials, and SSO provider options
// in map form.
func ValueOrSecretFields(r *eval.Reader) []string {
	paths := []string{"langfuse.salt", "langfuse.encryptionKey", "langfuse.nextauth.secret", "langfuse.licenseKey",
		"s3.accessKeyId", "s3.secretAccessKey"}
	for _, t := range S3UploadTypes {
		paths = append(paths, "s3."+t+".accessKeyId", "s3."+t+".secretAccessKey")
	}
	paths = append(paths, "s3.gcs.credentials")
	for _, o := range SSOOptions(r) {
		if o.Node.Kind == values.Map {
			paths = append(paths, o.Path)
		}
	}
	var out []string
	for _, p := range paths {
		if n := r.Get(p); n != nil && n.Kind == values.Map {
			out = append(out, p)
		}
	}
	return out
}

// Rules that report secret-related refusals.
const (
	RuleSecretSourceConflict = "secret-source-conflict"
	RuleSecretRefIncomplete  = "secret-ref-incomplete"
	RuleEnvConflict          = "env-conflicts-structured-key"
)

// Rendered reports whether the chart's templates ever read the
// value-or-secret field at path, so that its mutually-exclusive check can
// fail: the GCS credentials only with the gcs provider; an upload type's
// keys only while the type is used (batch exports while enabled); a global
// S3 key only when a used upload type has no source of its own for it
// (the chart reads the per-type field first and the global one only when
// that gives nothing).
func (r *Refuser) Rendered(path string) bool {
	if path == "s3.gcs.credentials" {
		return r.Str("s3.storageProvider") == "gcs"
	}
	for _, t := range UploadTypes {
		for _, key := range []string{"accessKeyId", "secretAccessKey"} {
			if path == "s3."+t.Key+"."+key {
				return r.UploadTypeUsed(t.Key, t.OnlyEnabled)
			}
		}
	}
	for _, key := range []string{"accessKeyId", "secretAccessKey"} {
		if path == "s3."+key {
			return r.GlobalS3KeyRead(key)
		}
	}
	return true
}

// GlobalS3KeyRead reports whether the chart reads s3.<key> (accessKeyId or
// secretAccessKey): some used upload type has no source of its own.
func (r *Refuser) GlobalS3KeyRead(key string) bool {
	for _, t := range UploadTypes {
		if r.UploadTypeUsed(t.Key, t.OnlyEnabled) && !SourcesOf(r.Get("s3."+t.Key+"."+key)).Pinned() {
			return true
		}
	}
	return false
}

func checkSecretSourceConflict(r *Refuser) {
	for _, p := range ValueOrSecretFields(r.Reader) {
		if !r.Rendered(p) {
			continue
		}
		used := SourcesOf(r.Get(p)).Used()
		if len(used) < 2 {
			continue
		}
		r.Refuse(RuleSecretSourceConflict, p, "sets %s, which are mutually exclusive", strings.Join(used, " and "))
	}
}

// checkExistingSecretKeys: an existingSecret of a store needs the field
// naming its key, where the chart reads it.
func checkExistingSecretKeys(r *Refuser) {
	if r.Bool("postgresql.auth.existingSecret") && !r.Bool("postgresql.auth.secretKeys.userPasswordKey") {
		if _, url := r.ChartSeesEnv("DATABASE_URL"); !url {
			r.Refuse(RuleSecretRefIncomplete, "postgresql.auth.secretKeys.userPasswordKey",
				"postgresql.auth.existingSecret is set but secretKeys.userPasswordKey is empty")
		}
	}
	if r.Bool("redis.auth.existingSecret") && !r.Bool("redis.auth.existingSecretPasswordKey") {
		r.Refuse(RuleSecretRefIncomplete, "redis.auth.existingSecretPasswordKey",
			"redis.auth.existingSecret is set without existingSecretPasswordKey")
	}
	if r.Bool("redis.sentinel.enabled") && !r.Bool("redis.cluster.enabled") &&
		r.Bool("redis.sentinel.existingSecret") && !r.Bool("redis.sentinel.existingSecretPasswordKey") {
		if _, nodes := r.ChartSeesEnv("REDIS_SENTINEL_NODES"); !nodes {
			r.Refuse(RuleSecretRefIncomplete, "redis.sentinel.existingSecretPasswordKey",
				"redis.sentinel.existingSecret is set without existingSecretPasswordKey")
		}
	}
	if r.Bool("clickhouse.auth.existingSecret") && !r.Bool("clickhouse.auth.existingSecretKey") {
		if _, mig := r.ChartSeesEnv("CLICKHOUSE_MIGRATION_URL"); !mig {
			r.Refuse(RuleSecretRefIncomplete, "clickhouse.auth.existingSecretKey",
				"clickhouse.auth.existingSecret is set without existingSecretKey")
		}
	}
}

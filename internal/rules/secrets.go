package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

var secretRules = []*Rule{
	{
		ID:       "secret-plaintext",
		Severity: finding.Error,
		Category: Secrets,
		Summary:  "A secret is written as a literal in the values file (app secret, S3 or store credential, SSO secret, URL with a password, secret-looking env var).",
		Rationale: "A literal secret is copied into the values file, the Helm release Secret that stores every revision's " +
			"values, and the rendered Deployment (the chart puts value-or-secret literals, store passwords and URLs " +
			"straight into env), so anyone who can read the repository, the release history or the pod spec can read it. " +
			"Every value-or-secret field of the chart also accepts a secretKeyRef, and every store has an existingSecret.",
		Remediation: "Move the secret into a Kubernetes Secret and reference it: <field>.secretKeyRef {name, key} for salt, " +
			"encryptionKey, nextauth.secret, licenseKey, S3 keys and SSO options; auth.existingSecret (+ its key field) for " +
			"stores; valueFrom.secretKeyRef for additionalEnv entries (for URLs with credentials, set the whole URL from a Secret).",
		Check: checkSecretPlaintext,
	},
	{
		ID:       "app-secrets-unpinned",
		Severity: finding.Error,
		Category: Secrets,
		Summary:  "salt, encryptionKey or nextauth.secret is not supplied, so chart 2.x generates it at render time.",
		Rationale: "Chart 2.x fills a missing salt, encryptionKey or nextauth.secret with a random value stored in the " +
			"<fullname>-app Secret and keeps it across `helm upgrade` only through `lookup`. `helm template`, Argo CD and " +
			"other GitOps tools have no cluster to look up, so every render generates new values: the salt change breaks " +
			"every API key, the encryption key change makes stored LLM credentials unreadable, and the nextauth secret " +
			"change logs every user out. A copy of the release elsewhere (migration, disaster recovery) cannot reproduce them either.",
		Remediation: "Create a Secret with the three keys (openssl rand -base64 32 for salt and nextauth, openssl rand -hex 32 for " +
			"the encryption key) and set langfuse.salt.secretKeyRef, langfuse.encryptionKey.secretKeyRef and " +
			"langfuse.nextauth.secret.secretKeyRef to it (both name and key).",
		Check: checkAppSecretsUnpinned,
	},
	{
		ID:       "secret-ref-incomplete",
		Severity: finding.Error,
		Category: Secrets,
		Summary:  "A secretKeyRef has a name but no key (or a key but no name), or an existingSecret lacks its key-name field.",
		Rationale: "The chart uses a secretKeyRef only when both name and key are set; half a reference is dropped without a " +
			"word, so the variable is missing (or, for salt, encryptionKey and nextauth.secret, silently generated). A store " +
			"existingSecret without the field that names the key inside it makes the chart stop with a `required` error.",
		Remediation: "Give every secretKeyRef both name and key; with postgresql.auth.existingSecret set " +
			"secretKeys.userPasswordKey, with redis.auth / redis.sentinel existingSecret set existingSecretPasswordKey, with " +
			"clickhouse.auth.existingSecret set existingSecretKey, with s3.auth.existingSecret set rootUserSecretKey and rootPasswordSecretKey.",
		Check: checkSecretRefIncomplete,
	},
	{
		ID:       "secret-source-conflict",
		Severity: finding.Error,
		Category: Secrets,
		Summary:  "A value-or-secret field sets more than one source (value, secretKeyRef, fieldRef, resourceFieldRef).",
		Rationale: "The chart's value-or-secret helper fails the render with \".value, .secretKeyRef, .fieldRef, and " +
			".resourceFieldRef are mutually exclusive\" when more than one complete source is set on one field.",
		Remediation: "Keep exactly one source on the field, normally secretKeyRef, and delete the others (a literal value in particular).",
		Check:       checkSecretSourceConflict,
	},
	{
		ID:       "encryption-key-format",
		Severity: finding.Error,
		Category: Secrets,
		Summary:  "A literal encryption key is not 64 hexadecimal characters.",
		Rationale: "Langfuse encrypts stored LLM API keys and other credentials with a 256-bit key given as 64 hex characters; " +
			"the web and worker refuse to start when ENCRYPTION_KEY does not have 64 characters. The chart does not check it.",
		Remediation: "Generate the key with `openssl rand -hex 32`, store it in a Secret and reference it with langfuse.encryptionKey.secretKeyRef.",
		Check:       checkEncryptionKeyFormat,
	},
	{
		ID:       "env-conflicts-structured-key",
		Severity: finding.Error,
		Category: Secrets,
		Summary:  "Global additionalEnv sets a variable the chart also derives from a structured key, so the chart refuses to render.",
		Rationale: "The chart's validations fail when langfuse.additionalEnv names a variable (SALT, DATABASE_USERNAME, " +
			"TELEMETRY_ENABLED, LANGFUSE_S3_*_REGION, ...) whose structured key is non-empty, and many are non-empty by " +
			"default: salt, encryptionKey and nextauth.secret are maps and always count as set, postgresql.auth.username and " +
			"database default to \"langfuse\", telemetryEnabled to true, s3.bucket to \"langfuse\", s3.region to \"auto\" and " +
			"s3.forcePathStyle to true. Only the global list is checked; per-component lists are not.",
		Remediation: "Delete the additionalEnv entry and set the structured key named in the message instead (it accepts a secretKeyRef where the value is secret).",
		Check:       checkEnvConflictsStructuredKey,
	},
	{
		ID:       "app-secret-upgrade-nil",
		Severity: finding.Info,
		Category: Secrets,
		Summary:  "Chart 2.0.0 with salt, encryptionKey and nextauth.secret all supplied: the second `helm upgrade` fails.",
		Rationale: "When all three app secrets are supplied, chart 2.0.0 renders the <fullname>-app Secret without data. On " +
			"the next `helm upgrade` its lookup of that Secret fails with \"index of untyped nil\". The fix (#398) is on the " +
			"chart's main branch but in no release after 2.0.0. `helm template` and GitOps renders are not affected.",
		Remediation: "Keep the secrets pinned. If you deploy with `helm upgrade`, use a chart release that contains fix #398 " +
			"once available, or render with `helm template` (GitOps); do not unpin a secret to work around it.",
		Check: checkAppSecretUpgradeNil,
	},
}

// appSecrets are the three values chart 2.x generates when missing, with
// the environment variable each one feeds.
var appSecrets = []struct{ path, env string }{
	{"langfuse.salt", "SALT"},
	{"langfuse.encryptionKey", "ENCRYPTION_KEY"},
	{"langfuse.nextauth.secret", "NEXTAUTH_SECRET"},
}

// s3UploadTypes are the S3 upload types, each with its own overrides.
var s3UploadTypes = []string{"eventUpload", "batchExport", "mediaUpload"}

// vosSources is what a value-or-secret field sets, read the way the
// chart's langfuse.getValueOrSecret helper reads it.
type vosSources struct {
	value            bool // a non-empty literal value
	refName, refKey  bool // secretKeyRef.name / secretKeyRef.key non-empty
	fieldRef         bool // fieldRef.fieldPath non-empty
	resourceFieldRef bool // resourceFieldRef.resource non-empty
}

func vosOf(n *values.Node) vosSources {
	return vosSources{
		value:            Truthy(n.Get("value")),
		refName:          Truthy(n.Lookup("secretKeyRef.name")),
		refKey:           Truthy(n.Lookup("secretKeyRef.key")),
		fieldRef:         Truthy(n.Lookup("fieldRef.fieldPath")),
		resourceFieldRef: Truthy(n.Lookup("resourceFieldRef.resource")),
	}
}

// completeRef: the chart uses a secretKeyRef only with both name and key.
func (s vosSources) completeRef() bool { return s.refName && s.refKey }

// used lists the sources the chart acts on.
func (s vosSources) used() []string {
	var out []string
	if s.value {
		out = append(out, "value")
	}
	if s.completeRef() {
		out = append(out, "secretKeyRef")
	}
	if s.fieldRef {
		out = append(out, "fieldRef")
	}
	if s.resourceFieldRef {
		out = append(out, "resourceFieldRef")
	}
	return out
}

// pinned reports whether the chart takes the field from the user rather
// than leaving it empty (or generating it).
func (s vosSources) pinned() bool { return len(s.used()) > 0 }

// valueOrSecretFields lists the paths of every value-or-secret field the
// chart reads: app secrets, license, S3 keys (global and per upload type),
// GCS credentials, and SSO provider options written in map form.
func (c *Context) valueOrSecretFields() []string {
	paths := []string{"langfuse.salt", "langfuse.encryptionKey", "langfuse.nextauth.secret", "langfuse.licenseKey",
		"s3.accessKeyId", "s3.secretAccessKey"}
	for _, t := range s3UploadTypes {
		paths = append(paths, "s3."+t+".accessKeyId", "s3."+t+".secretAccessKey")
	}
	paths = append(paths, "s3.gcs.credentials")
	for _, o := range c.ssoOptions() {
		if o.node.Kind == values.Map {
			paths = append(paths, o.path)
		}
	}
	var out []string
	for _, p := range paths {
		if n := c.Get(p); n != nil && n.Kind == values.Map {
			out = append(out, p)
		}
	}
	return out
}

// ssoOption is one langfuse.auth.providers.<provider>.<option> entry.
type ssoOption struct {
	path, provider, option string
	node                   *values.Node
}

func (c *Context) ssoOptions() []ssoOption {
	providers := c.Get("langfuse.auth.providers")
	if providers == nil || providers.Kind != values.Map {
		return nil
	}
	var out []ssoOption
	for _, p := range providers.Fields {
		if p.Value.Kind != values.Map {
			continue
		}
		for _, o := range p.Value.Fields {
			out = append(out, ssoOption{
				path:     "langfuse.auth.providers." + p.Key + "." + o.Key,
				provider: p.Key, option: o.Key, node: o.Value,
			})
		}
	}
	return out
}

// envWords splits an environment variable name or a camelCase option name
// into upper-case words, the way the chart's snakecase | upper builds
// AUTH_<PROVIDER>_<OPTION>.
func envWords(name string) []string {
	var words []string
	var cur []rune
	runes := []rune(name)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToUpper(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range runes {
		switch {
		case r == '_' || r == '-' || r == '.':
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1])):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// keyQualifiers make a trailing KEY a secret: API_KEY, PRIVATE_KEY, ...
var keyQualifiers = map[string]bool{
	"API": true, "PRIVATE": true, "ACCESS": true, "SECRET": true, "ENCRYPTION": true,
	"LICENSE": true, "SIGNING": true, "MASTER": true, "HMAC": true,
}

// secretLastWords end names that hold secrets.
var secretLastWords = map[string]bool{
	"PASSWORD": true, "PASSWD": true, "SECRET": true, "SECRETS": true, "TOKEN": true,
	"SALT": true, "CREDENTIALS": true, "PASSPHRASE": true, "APIKEY": true,
}

// secretLookingName reports whether a variable (or SSO option) name says
// it holds a secret. Only the end of the name counts, so that
// LANGFUSE_CACHE_API_KEY_TTL_SECONDS or SMTP_PASSWORD_FILE do not match.
func secretLookingName(name string) bool {
	w := envWords(name)
	n := len(w)
	switch {
	case n == 0:
		return false
	case strings.ToUpper(name) == "REDIS_AUTH":
		return true
	case secretLastWords[w[n-1]]:
		return true
	case w[n-1] == "KEY" && n >= 2 && keyQualifiers[w[n-2]]:
		return true
	case w[n-1] == "ID" && n >= 3 && w[n-2] == "KEY" && w[n-3] == "ACCESS":
		return true
	}
	return false
}

var placeholderRE = regexp.MustCompile(`^\$(\([A-Za-z_][A-Za-z0-9_]*\)|\{[A-Za-z_][A-Za-z0-9_]*\})$`)

// notASecret reports literals that hold no secret even under a secret
// name: an empty string, a boolean flag (AUTH_KEYCLOAK_ID_TOKEN: "true"),
// or a $(VAR) / ${VAR} reference expanded from another variable.
func notASecret(s string) bool {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "", "true", "false":
		return true
	}
	return placeholderRE.MatchString(t)
}

// urlHasPassword reports whether a URL carries a password in its user
// information (scheme://user:password@host). A $(VAR) password is a
// reference, not a literal.
func urlHasPassword(s string) bool {
	i := strings.Index(s, "://")
	if i < 0 {
		return false
	}
	auth := s[i+3:]
	if end := strings.IndexAny(auth, "/?#"); end >= 0 {
		auth = auth[:end]
	}
	at := strings.LastIndex(auth, "@")
	if at < 0 {
		return false
	}
	_, pw, ok := strings.Cut(auth[:at], ":")
	return ok && !notASecret(pw)
}

// atEnvField locates key inside an additionalEnv entry: the key the user
// wrote, else the entry.
func (c *Context) atEnvField(e EnvVar, key string) Where {
	if f := e.Node.Field(key); f != nil && !f.KeyPos.IsZero() {
		return Where{Pos: f.KeyPos, Path: e.Path + "." + key}
	}
	return c.AtNode(e.Node, e.Path)
}

// allEnvLists lists every additionalEnv entry once: the global list, then
// each component's own list.
func (c *Context) allEnvLists() []EnvVar {
	out := c.GlobalEnv()
	for _, comp := range c.Components() {
		out = append(out, c.EnvList(c.Comp(comp)+".pod.additionalEnv")...)
	}
	return out
}

// chartSeesEnv returns the global additionalEnv entry named name as the
// chart's langfuse.getEnvVar detects it: the helper prints each matching
// entry's .value, so an entry without value (valueFrom) prints "<no
// value>" and counts, while value: "" does not.
func (c *Context) chartSeesEnv(name string) (EnvVar, bool) {
	var found EnvVar
	ok := false
	for _, e := range c.GlobalEnv() {
		if e.Name != name {
			continue
		}
		v := e.Node.Get("value")
		if v == nil || v.Kind == values.Null || v.Text() != "" {
			found, ok = e, true
		}
	}
	return found, ok
}

func checkSecretPlaintext(c *Context) {
	// Value-or-secret fields. SSO options are handled below with their names.
	sso := map[string]bool{}
	for _, o := range c.ssoOptions() {
		sso[o.path] = true
	}
	for _, p := range c.valueOrSecretFields() {
		if sso[p] {
			continue
		}
		if vosOf(c.Get(p)).value {
			c.Report(c.At(p+".value"), "a literal secret; it is stored in the values file, the Helm release and the pod spec")
		}
	}
	for _, o := range c.ssoOptions() {
		if !secretLookingName(o.option) {
			continue
		}
		env := "AUTH_" + strings.Join(envWords(o.provider), "_") + "_" + strings.Join(envWords(o.option), "_")
		switch o.node.Kind {
		case values.Map:
			if v := o.node.Get("value"); Truthy(v) && !notASecret(v.Text()) {
				c.Report(c.At(o.path+".value"), "the SSO secret %s is given as a literal value", env)
			}
		case values.String:
			if !notASecret(o.node.Str) {
				c.Report(c.At(o.path), "the SSO secret %s is given as a literal string", env)
			}
		}
	}

	// Store passwords. An empty password on a bundled store is fine (the
	// chart generates one); a literal one is a finding either way.
	for _, s := range []struct{ path, existing string }{
		{"postgresql.auth.password", "postgresql.auth.existingSecret"},
		{"redis.auth.password", "redis.auth.existingSecret"},
		{"redis.sentinel.password", "redis.sentinel.existingSecret"},
		{"clickhouse.auth.password", "clickhouse.auth.existingSecret"},
		{"s3.auth.rootPassword", "s3.auth.existingSecret"},
	} {
		n := c.Get(s.path)
		if !Truthy(n) || n.Kind == values.Map || n.Kind == values.List || n.Kind == values.Bool {
			continue
		}
		msg := "a literal password in your values"
		if c.Bool(s.existing) {
			msg += " (unused: " + s.existing + " takes precedence, so delete it)"
		}
		c.Report(c.At(s.path), "%s", msg)
	}

	// URLs with credentials, wherever the user wrote one (hosts, endpoints,
	// connection URLs, extraManifests); env entries are reported below with
	// their names.
	walkStrings(c.User, "", func(n *values.Node, path string) {
		if strings.Contains(path, "additionalEnv[") || !urlHasPassword(n.Str) {
			return
		}
		c.Report(c.AtNode(n, path), "a URL with a literal password in it; it is stored in the values, the Helm release and wherever the chart puts it")
	})

	// additionalEnv literals.
	for _, e := range c.allEnvLists() {
		v, ok := e.Value()
		if !ok || notASecret(v) {
			continue
		}
		switch {
		case urlHasPassword(v):
			c.Report(c.atEnvField(e, "value"), "%s is set to a URL with a literal password", e.Name)
		case secretLookingName(e.Name):
			c.Report(c.atEnvField(e, "value"), "%s has a literal value, and its name says it is a secret", e.Name)
		}
	}
}

// walkStrings calls fn for every string scalar under n, with its path
// (keys joined by dots, list items as [i]).
func walkStrings(n *values.Node, path string, fn func(*values.Node, string)) {
	if n == nil {
		return
	}
	switch n.Kind {
	case values.String:
		fn(n, path)
	case values.Map:
		for _, f := range n.Fields {
			p := f.Key
			if path != "" {
				p = path + "." + f.Key
			}
			walkStrings(f.Value, p, fn)
		}
	case values.List:
		for i, it := range n.Items {
			walkStrings(it, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}

// pinnedPerComponent reports whether both components' own additionalEnv
// lists set the variable: the later entry overrides the chart's generated
// one in each container.
func (c *Context) pinnedPerComponent(env string) bool {
	for _, comp := range c.Components() {
		if !HasEnv(c.EnvList(c.Comp(comp)+".pod.additionalEnv"), env) {
			return false
		}
	}
	return true
}

func checkAppSecretsUnpinned(c *Context) {
	for _, s := range appSecrets {
		n := c.Get(s.path)
		if n != nil && n.Kind == values.Map && vosOf(n).pinned() {
			continue
		}
		if c.pinnedPerComponent(s.env) {
			continue
		}
		why := "not supplied"
		if n != nil && n.Kind == values.Map {
			if src := vosOf(n); src.refName || src.refKey {
				why = "the secretKeyRef lacks a name or a key, so the chart ignores it"
			}
		}
		c.Report(c.At(s.path), "%s: chart 2.x generates %s into Secret %s-app, and every helm template or GitOps render generates a new value",
			why, s.env, c.Fullname())
	}
}

func checkSecretRefIncomplete(c *Context) {
	for _, p := range c.valueOrSecretFields() {
		src := vosOf(c.Get(p))
		if src.refName == src.refKey {
			continue
		}
		missing, has := "key", "name"
		if src.refKey {
			missing, has = "name", "key"
		}
		effect := "leaves the variable unset"
		switch {
		case slices.ContainsFunc(appSecrets, func(s struct{ path, env string }) bool { return s.path == p }) && !src.pinned():
			effect = "generates a random value instead"
		case src.pinned():
			effect = "uses the field's " + strings.Join(src.used(), " and ") + " instead"
		}
		c.Report(c.At(p+".secretKeyRef."+missing), "%s.secretKeyRef has a %s but no %s: the chart ignores the reference and %s", p, has, missing, effect)
	}

	if c.Bool("postgresql.auth.existingSecret") && !c.Bool("postgresql.auth.secretKeys.userPasswordKey") {
		if _, url := c.chartSeesEnv("DATABASE_URL"); !url {
			c.Report(c.At("postgresql.auth.secretKeys.userPasswordKey"),
				"postgresql.auth.existingSecret is set but secretKeys.userPasswordKey is empty; the chart refuses to render")
		}
	}
	if c.Bool("redis.auth.existingSecret") && !c.Bool("redis.auth.existingSecretPasswordKey") {
		c.Report(c.At("redis.auth.existingSecretPasswordKey"),
			"redis.auth.existingSecret is set without existingSecretPasswordKey; the chart refuses to render")
	}
	if c.Bool("redis.sentinel.enabled") && !c.Bool("redis.cluster.enabled") &&
		c.Bool("redis.sentinel.existingSecret") && !c.Bool("redis.sentinel.existingSecretPasswordKey") {
		if _, nodes := c.chartSeesEnv("REDIS_SENTINEL_NODES"); !nodes {
			c.Report(c.At("redis.sentinel.existingSecretPasswordKey"),
				"redis.sentinel.existingSecret is set without existingSecretPasswordKey; the chart refuses to render")
		}
	}
	if c.Bool("clickhouse.auth.existingSecret") && !c.Bool("clickhouse.auth.existingSecretKey") {
		if _, mig := c.chartSeesEnv("CLICKHOUSE_MIGRATION_URL"); !mig {
			c.Report(c.At("clickhouse.auth.existingSecretKey"),
				"clickhouse.auth.existingSecret is set without existingSecretKey; the chart refuses to render")
		}
	}
	if c.Bool("s3.deploy") && c.Bool("s3.auth.existingSecret") {
		for _, k := range []string{"rootUserSecretKey", "rootPasswordSecretKey"} {
			if !c.Bool("s3.auth." + k) {
				c.Report(c.At("s3.auth."+k), "s3.auth.existingSecret is set for the bundled S3 without %s; the chart refuses to render", k)
			}
		}
	}
}

func checkSecretSourceConflict(c *Context) {
	for _, p := range c.valueOrSecretFields() {
		used := vosOf(c.Get(p)).used()
		if len(used) < 2 {
			continue
		}
		c.Report(c.At(p), "sets %s, which are mutually exclusive: the chart refuses to render", strings.Join(used, " and "))
	}
}

var hex64 = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

func checkEncryptionKeyFormat(c *Context) {
	if v := c.Get("langfuse.encryptionKey.value"); Truthy(v) && !hex64.MatchString(v.Text()) {
		c.Report(c.At("langfuse.encryptionKey.value"), "the literal encryption key is not 64 hexadecimal characters: Langfuse refuses to start")
	}
	for _, e := range c.allEnvLists() {
		if e.Name != "ENCRYPTION_KEY" {
			continue
		}
		if v, ok := e.Value(); ok && !notASecret(v) && !hex64.MatchString(v) {
			c.Report(c.atEnvField(e, "value"), "ENCRYPTION_KEY is a literal that is not 64 hexadecimal characters: Langfuse refuses to start")
		}
	}
}

// envConflict is one row of the chart's "only one of additionalEnv or the
// new structure" validations: env is the variable, keys the structured
// keys whose truthiness makes it fail (any of them).
type envConflict struct {
	env  string
	keys []string
	// set overrides the plain truthiness test of keys.
	set func(c *Context) (string, bool)
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
		{env: "CLICKHOUSE_USER", set: func(c *Context) (string, bool) {
			return "clickhouse.auth.username", c.Bool("clickhouse.deploy") && c.Bool("clickhouse.auth.username")
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
	for _, t := range s3UploadTypes {
		prefix := "LANGFUSE_S3_" + envType[t] + "_"
		for _, f := range []struct{ env, key string }{
			{"BUCKET", "bucket"}, {"REGION", "region"}, {"ENDPOINT", "endpoint"}, {"FORCE_PATH_STYLE", "forcePathStyle"},
		} {
			out = append(out, envConflict{env: prefix + f.env, keys: []string{"s3." + t + "." + f.key, "s3." + f.key}})
		}
		for _, f := range []struct{ env, key string }{{"ACCESS_KEY_ID", "accessKeyId"}, {"SECRET_ACCESS_KEY", "secretAccessKey"}} {
			perType, global := "s3."+t+"."+f.key, "s3."+f.key
			out = append(out, envConflict{env: prefix + f.env, set: func(c *Context) (string, bool) {
				// The chart tests value or secretKeyRef.name of each.
				for _, k := range []string{perType, global} {
					if c.Bool(k+".value") || c.Bool(k+".secretKeyRef.name") {
						return k, true
					}
				}
				return perType, false
			}})
		}
	}
	return out
}

func checkEnvConflictsStructuredKey(c *Context) {
	rows := envConflicts()
	for _, e := range c.GlobalEnv() {
		seen, ok := c.chartSeesEnv(e.Name)
		if !ok || seen.Path != e.Path {
			continue // report each name once, at the entry the chart sees last
		}
		for _, r := range rows {
			if r.env != e.Name {
				continue
			}
			key, set := "", false
			if r.set != nil {
				key, set = r.set(c)
			} else {
				for _, k := range r.keys {
					if c.Bool(k) {
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
			case !c.SetByUser(key):
				how = "set by the chart's defaults"
			}
			c.Report(c.AtNode(e.Node, e.Path), "%s is also derived by the chart from %s (%s): the chart refuses to render; set %s instead",
				e.Name, key, how, key)
		}
	}
}

func checkAppSecretUpgradeNil(c *Context) {
	if c.Chart == nil || c.Chart.Chart != "2.0.0" {
		return
	}
	for _, s := range appSecrets {
		n := c.Get(s.path)
		if n == nil || n.Kind != values.Map || !vosOf(n).pinned() {
			return
		}
	}
	c.Report(c.At("langfuse.salt"), "salt, encryptionKey and nextauth.secret are all supplied: chart 2.0.0 renders Secret %s-app without data, and the next helm upgrade fails with \"index of untyped nil\"",
		c.Fullname())
}

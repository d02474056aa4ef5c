package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
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
		Check:    checkAppSecretsUnpinned,
		Versions: ">= 2.0.0-0",
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
		Check:       reportRefusals,
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
		Check:       reportRefusals,
	},
	{
		ID:       "app-secret-upgrade-nil",
		Severity: finding.Info,
		Category: Secrets,
		Summary:  "Chart 2.0.0 with salt, encryptionKey and nextauth.secret all supplied: the second `helm upgrade` fails.",
		Rationale: "When all three app secrets are supplied, chart 2.0.0 renders the <fullname>-app Secret without data. On " +
			"the next `helm upgrade` its lookup of that Secret fails with \"index of untyped nil\". The fix (#398) landed on " +
			"the chart's main branch after 2.0.0, so the rule holds for chart 2.0.x only. `helm template` and GitOps " +
			"renders are not affected.",
		Remediation: "Keep the secrets pinned. If you deploy with `helm upgrade`, use a chart release that contains fix #398 " +
			"once available, or render with `helm template` (GitOps); do not unpin a secret to work around it.",
		Check:    checkAppSecretUpgradeNil,
		Versions: "~2.0.0",
	},
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

func checkSecretPlaintext(c *Context) {
	// Value-or-secret fields. SSO options are handled below with their names.
	sso := map[string]bool{}
	for _, o := range model.SSOOptions(&c.Reader) {
		sso[o.Path] = true
	}
	for _, p := range model.ValueOrSecretFields(&c.Reader) {
		if sso[p] {
			continue
		}
		if model.SourcesOf(c.Get(p)).Value {
			c.Report(c.At(p+".value"), "a literal secret; it is stored in the values file, the Helm release and the pod spec")
		}
	}
	for _, o := range model.SSOOptions(&c.Reader) {
		if !secretLookingName(o.Option) {
			continue
		}
		env := "AUTH_" + strings.Join(envWords(o.Provider), "_") + "_" + strings.Join(envWords(o.Option), "_")
		switch o.Node.Kind {
		case values.Map:
			if v := o.Node.Get("value"); Truthy(v) && !notASecret(v.Text()) {
				c.Report(c.At(o.Path+".value"), "the SSO secret %s is given as a literal value", env)
			}
		case values.String:
			if !notASecret(o.Node.Str) {
				c.Report(c.At(o.Path), "the SSO secret %s is given as a literal string", env)
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
	for _, s := range model.AppSecrets {
		n := c.Get(s.Path)
		if n != nil && n.Kind == values.Map && model.SourcesOf(n).Pinned() {
			continue
		}
		if c.pinnedPerComponent(s.Env) {
			continue
		}
		why := "not supplied"
		if n != nil && n.Kind == values.Map {
			if src := model.SourcesOf(n); src.RefName || src.RefKey {
				why = "the secretKeyRef lacks a name or a key, so the chart ignores it"
			}
		}
		c.Report(c.At(s.Path), "%s: chart 2.x generates %s into Secret %s-app, and every helm template or GitOps render generates a new value",
			why, s.Env, c.Fullname())
	}
}

func checkSecretRefIncomplete(c *Context) {
	for _, p := range model.ValueOrSecretFields(&c.Reader) {
		src := model.SourcesOf(c.Get(p))
		if src.RefName == src.RefKey {
			continue
		}
		missing, has := "key", "name"
		if src.RefKey {
			missing, has = "name", "key"
		}
		effect := "leaves the variable unset"
		switch {
		case slices.ContainsFunc(model.AppSecrets, func(s struct{ Path, Env string }) bool { return s.Path == p }) && !src.Pinned():
			effect = "generates a random value instead"
		case src.Pinned():
			effect = "uses the field's " + strings.Join(src.Used(), " and ") + " instead"
		}
		c.Report(c.At(p+".secretKeyRef."+missing), "%s.secretKeyRef has a %s but no %s: the chart ignores the reference and %s", p, has, missing, effect)
	}

	reportRefusals(c)
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

func checkAppSecretUpgradeNil(c *Context) {
	for _, s := range model.AppSecrets {
		n := c.Get(s.Path)
		if n == nil || n.Kind != values.Map || !model.SourcesOf(n).Pinned() {
			return
		}
	}
	c.Report(c.At("langfuse.salt"), "salt, encryptionKey and nextauth.secret are all supplied: chart %s renders Secret %s-app without data, and the next helm upgrade fails with \"index of untyped nil\"",
		c.ChartVersion, c.Fullname())
}

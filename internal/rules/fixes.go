package rules

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/valuesmith/valuesmith/internal/edit"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// fixers are the rules' fixes, by rule ID. A safe fix changes only what
// makes the finding go away and keeps what the release does today wherever
// the finding is not the point (a probe number the chart already renders,
// the image tag the chart already pulls). Every other rule with a fixer
// names what a person has to decide; rules without one are fixed as their
// remediation says.
var fixers = map[string]*Fixer{
	// Images
	"image-tag-implicit": {Safe: true, Does: "pins langfuse.image.tag to the chart's appVersion, the version the release runs today",
		Decide: "which Langfuse version to pin", Edits: fixImageTagImplicit},
	"image-tag-floating":   {Decide: "which Langfuse release to pin (a full version such as 4.4.0, the one you test)"},
	"image-version-skew":   {Decide: "which one version both web and worker run"},
	"image-digest-missing": {Decide: "each image's digest, looked up in the registry"},
	"store-image-floating": {Decide: "the full store version to pin (the one running today)"},

	// Probes
	"worker-probe-port": {Decide: "the port the worker listens on; set langfuse.worker.port and PORT to it"},
	"web-probe-port": {Safe: true, Does: "deletes the PORT entry from additionalEnv (the chart sets PORT from langfuse.web.service.port)",
		Edits: fixDeleteEnvEntry},
	"liveness-checks-dependencies": {Safe: true, Does: "removes failIfDatabaseUnavailable and failIfNoRecentEvents from the web liveness path",
		Edits: fixLivenessChecksDependencies},
	"readiness-same-as-liveness": {Safe: true, Does: "points the probe that does not call its own endpoint at it (the health endpoint for liveness, the ready endpoint for readiness)",
		Decide: "the paths of the two probes", Edits: fixReadinessSameAsLiveness},
	"probe-timeout-short": {Safe: true, Does: "sets the probe's timeoutSeconds to the chart's fallback of 5",
		Edits: fixProbeNumber("timeoutSeconds", func(c *Context, p probe) int { return max(c.facts().ProbeFallbacks["timeoutSeconds"], 3) })},
	"probe-failure-threshold-low": {Safe: true, Does: "sets the probe's failureThreshold to 3",
		Edits: fixProbeNumber("failureThreshold", func(c *Context, p probe) int { return 3 })},
	"liveness-budget-short": {Safe: true, Does: "raises the liveness probe's initialDelaySeconds so that its window covers the start-up budget",
		Edits: fixLivenessBudgetShort},
	"readiness-after-liveness": {Safe: true, Does: "lowers the web readiness probe's initialDelaySeconds to the liveness probe's",
		Decide: "the web readiness probe's periodSeconds and failureThreshold, so that it reacts before liveness", Edits: fixReadinessAfterLiveness},
	"probe-zero-ignored": {Safe: true, Does: "writes the number the chart renders today instead of the 0",
		Edits: fixProbeZeroIgnored},
	"worker-liveness-outage-restarts": {Safe: true, Does: "raises the worker liveness probe's failureThreshold to give up after 60 s",
		Edits: fixWorkerLivenessOutage},
	"liveness-success-threshold": {Safe: true, Does: "sets the liveness probe's successThreshold to 1",
		Edits: fixProbeNumber("successThreshold", func(c *Context, p probe) int { return 1 })},
	"probe-hostname-loopback": {Safe: true, Does: "deletes the HOSTNAME entry from additionalEnv (the chart sets 0.0.0.0)",
		Edits: fixDeleteEnvEntry},

	// Availability
	"replicas-single":  {Decide: "how many replicas the component runs (2 or more; it sizes the cluster)"},
	"pdb-disabled":     {Safe: true, Does: "sets pdb.create: true (the chart's budget allows one pod down at a time)", Edits: fixSetTrue},
	"pdb-blocks-drain": {Safe: true, Does: "replaces the blocking bound with the chart's default budget, maxUnavailable: 1", Edits: fixPDBBlocksDrain},
	"pdb-both-bounds":  {Decide: "which of minAvailable and maxUnavailable to keep"},
	"pdb-zero-ignored": {Safe: true, Does: "writes the budget the chart renders today instead of the 0 bound", Edits: fixPDBZeroIgnored},
	"topology-spread-missing": {Safe: true, Does: "adds a soft zone spread (ScheduleAnyway) that counts only this component's pods of this release",
		Edits: fixTopologySpreadMissing},
	"topology-spread-selector": {Safe: true, Does: "gives a component's own constraint a labelSelector of that component's pods of this release",
		Decide: "which pods a constraint shared by web and worker should count (split it into one per component)", Edits: fixTopologySpreadSelector},
	"autoscaler-conflict":       {Decide: "which autoscaler the component uses: keda, or hpa and vpa"},
	"autoscaler-range":          {Decide: "the largest replica count the autoscaler may reach"},
	"keda-trigger-unsupported":  {Decide: "a cpu or memory trigger, or a ScaledObject of your own in extraManifests"},
	"autoscaler-replicas-fight": {Decide: "whether the chart's hpa or keda replaces your own autoscaler, or how upgrades keep its replica count"},
	"resources-missing":         {Decide: "the container's CPU and memory requests and memory limit (sizing)"},
	"vpa-hpa-conflict":          {Decide: "which autoscaler owns CPU and memory"},

	// Secrets
	"secret-plaintext": {Safe: true, Does: "with --secrets-out, moves the literal into a Secret manifest and references it " +
		"(secretKeyRef, existingSecret and its key field, or valueFrom); deletes a store password that an existingSecret already overrides",
		Decide: "where the secret lives: run valuesmith fix --secrets-out FILE, or move it into a Secret by hand",
		Edits:  fixUnusedStorePassword, Secret: fixSecretPlaintext},
	"app-secrets-unpinned": {Decide: "copy the values the chart generated (Secret <fullname>-app) into a Secret of your own and " +
		"reference it; new values would break every API key and stored credential of a running installation"},
	"secret-ref-incomplete": {Decide: "the missing name or key of the reference"},
	"secret-source-conflict": {Safe: true, Does: "deletes the literal value where a complete secretKeyRef is set beside it",
		Decide: "which of the sources the field keeps", Edits: fixSecretSourceConflict},
	"encryption-key-format":        {Decide: "the encryption key: a running installation must keep the key its data is encrypted with"},
	"env-conflicts-structured-key": {Decide: "whether the additionalEnv entry or the structured key holds the value; keep one"},

	// Stores
	"store-bundled":              {Decide: "where the external store runs (host and credentials)"},
	"store-host-missing":         {Decide: "the external store's host"},
	"postgres-port-ignored":      {Decide: "whether the database listens on 5432 or on postgresql.port (then write that port into postgresql.host)"},
	"postgres-identity-implicit": {Decide: "the role and database name you created"},
	"redis-tls-off":              {Decide: "whether the Redis server accepts TLS"},
	"clickhouse-tls-off":         {Decide: "whether the ClickHouse server offers HTTPS, and its ports"},
	"clickhouse-ssl-mismatch":    {Decide: "whether ClickHouse is reached with TLS, and its ports"},
	"s3-bucket-implicit":         {Decide: "your bucket's name"},
	"s3-path-style": {Safe: true, Does: "sets forcePathStyle: true", Decide: "path-style for the AWS endpoints that share the setting (set forcePathStyle per upload type)",
		Edits: fixS3PathStyle(true)},
	"s3-path-style-aws":           {Safe: true, Does: "sets forcePathStyle: false", Decide: "path-style for the non-AWS endpoints that share the setting", Edits: fixS3PathStyle(false)},
	"s3-max-content-length-float": {Safe: true, Does: "quotes the number", Edits: fixS3MaxContentLength},
	"redis-noeviction": {Safe: true, Does: "writes maxmemory-policy noeviction into redis.valkeyConfig (chart 2.x) or the flag --maxmemory-policy noeviction into redis.primary.extraFlags (chart 1.x), replacing another policy",
		Edits: fixRedisNoeviction},
	"clickhouse-cluster-implicit": {Decide: "a single server (false) or a cluster named default (true)"},

	// Edge and access
	"nextauth-url-insecure": {Safe: true, Does: "sets the URL to https://<the ingress host> when the ingress has one host and TLS",
		Decide: "the public https:// URL users reach Langfuse at", Edits: fixNextauthURLInsecure},
	"nextauth-url-host-mismatch": {Decide: "which host users reach Langfuse at"},
	"ingress-tls-missing":        {Decide: "the TLS Secret of the ingress and who issues its certificate"},
	"ingress-body-size":          {Safe: true, Does: "sets the body size annotation to 100m", Edits: fixIngressBodySize},
	"signup-open": {Safe: true, Does: "sets langfuse.features.signUpDisabled: true (or AUTH_DISABLE_SIGNUP to \"true\" where additionalEnv sets it)",
		Edits: fixSignupOpen},
	"telemetry-probe-query": {Safe: true, Does: "sets langfuse.features.telemetryEnabled: false (or TELEMETRY_ENABLED to \"false\" where additionalEnv sets it)",
		Decide: "the probe timeouts, since the licence key keeps the query", Edits: fixTelemetryProbeQuery},
	"pod-security-baseline": {Safe: true, Does: "adds runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop: [ALL] and a RuntimeDefault seccomp profile where they are missing",
		Edits: fixPodSecurityBaseline},
	"service-account-token-mounted": {Safe: true, Does: "sets automountServiceAccountToken: false", Edits: fixSetFalse},
}

func fixSetTrue(c *Context, f finding.Finding) []edit.Edit {
	return []edit.Edit{edit.Set(values.SplitPath(f.Path), edit.Bool(true))}
}

func fixSetFalse(c *Context, f finding.Finding) []edit.Edit {
	return []edit.Edit{edit.Set(values.SplitPath(f.Path), edit.Bool(false))}
}

func fixImageTagImplicit(c *Context, f finding.Finding) []edit.Edit {
	if c.Chart == nil || c.Chart.AppVersion == "" {
		return nil
	}
	return []edit.Edit{edit.Set(edit.Path("langfuse.image.tag"), edit.Str(c.Chart.AppVersion))}
}

// fixDeleteEnvEntry deletes the additionalEnv entry a finding points at.
func fixDeleteEnvEntry(c *Context, f finding.Finding) []edit.Edit {
	tokens := values.SplitPath(f.Path)
	if len(tokens) < 2 || !strings.HasSuffix(tokens[len(tokens)-2], "additionalEnv") {
		return nil
	}
	return []edit.Edit{edit.Delete(tokens)}
}

func fixLivenessChecksDependencies(c *Context, f finding.Finding) []edit.Edit {
	live, ok := c.probeOf("web", "liveness")
	if !ok || live.PathKey == "" {
		return nil
	}
	path, rawQuery, ok := strings.Cut(c.probePath(live), "?")
	if !ok {
		return nil
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil
	}
	for _, d := range dependencyChecks {
		q.Del(d.param)
	}
	if enc := q.Encode(); enc != "" {
		path += "?" + enc
	}
	return []edit.Edit{edit.Set(edit.Path(live.PathKey), edit.Str(path))}
}

// fixReadinessSameAsLiveness points the probe that calls the other one's
// endpoint back at its own (the templates' fallback paths).
func fixReadinessSameAsLiveness(c *Context, f finding.Finding) []edit.Edit {
	live, ok1 := c.probeOf("web", "liveness")
	ready, ok2 := c.probeOf("web", "readiness")
	if !ok1 || !ok2 || live.PathKey == "" || ready.PathKey == "" {
		return nil
	}
	switch c.probePath(live) {
	case live.Path:
		return []edit.Edit{edit.Set(edit.Path(ready.PathKey), edit.Str(ready.Path))}
	case ready.Path:
		return []edit.Edit{edit.Set(edit.Path(live.PathKey), edit.Str(live.Path))}
	}
	return nil
}

// probeAt finds the probe a finding's path names, and the field below it.
func (c *Context) probeAt(f finding.Finding) (probe, string, bool) {
	for _, p := range c.probes() {
		if field, ok := strings.CutPrefix(f.Path, p.path+"."); ok {
			return p, field, true
		}
	}
	return probe{}, "", false
}

// fixProbeNumber sets the probe field a finding points at to want.
func fixProbeNumber(field string, want func(c *Context, p probe) int) func(c *Context, f finding.Finding) []edit.Edit {
	return func(c *Context, f finding.Finding) []edit.Edit {
		p, got, ok := c.probeAt(f)
		if !ok || got != field {
			return nil
		}
		return []edit.Edit{edit.Set(edit.Path(p.path+"."+field), edit.Int(int64(want(c, p))))}
	}
}

func fixLivenessBudgetShort(c *Context, f finding.Finding) []edit.Edit {
	p, field, ok := c.probeAt(f)
	budget, _, has := c.startupBudget()
	if !ok || !has || field != "initialDelaySeconds" {
		return nil
	}
	window, delay, _, _ := c.livenessWindow(p)
	if window >= budget {
		return nil
	}
	return []edit.Edit{edit.Set(edit.Path(p.path+".initialDelaySeconds"), edit.Int(int64(delay+budget-window)))}
}

func fixReadinessAfterLiveness(c *Context, f finding.Finding) []edit.Edit {
	live, ok1 := c.probeOf("web", "liveness")
	ready, ok2 := c.probeOf("web", "readiness")
	if !ok1 || !ok2 || !strings.HasSuffix(f.Path, ".initialDelaySeconds") {
		return nil // the failure window needs a person
	}
	ld := c.probeNum(live, "initialDelaySeconds")
	if c.probeNum(ready, "initialDelaySeconds") <= ld {
		return nil
	}
	return []edit.Edit{edit.Set(edit.Path(ready.path+".initialDelaySeconds"), edit.Int(int64(ld)))}
}

func fixProbeZeroIgnored(c *Context, f finding.Finding) []edit.Edit {
	p, field, ok := c.probeAt(f)
	if !ok {
		return nil
	}
	n, known := c.facts().ProbeFallbacks[field]
	if !known {
		return nil
	}
	return []edit.Edit{edit.Set(edit.Path(p.path+"."+field), edit.Int(int64(n)))}
}

// outageWindow is the least time in seconds the worker liveness probe
// waits on failed calls before it restarts a worker.
const outageWindow = 60

func fixWorkerLivenessOutage(c *Context, f finding.Finding) []edit.Edit {
	p, ok := c.probeOf("worker", "liveness")
	period := c.probeNum(p, "periodSeconds")
	if !ok || period < 1 {
		return nil
	}
	need := (outageWindow + period - 1) / period
	return []edit.Edit{edit.Set(edit.Path(p.path+".failureThreshold"), edit.Int(int64(need)))}
}

func fixPDBBlocksDrain(c *Context, f finding.Finding) []edit.Edit {
	tokens := values.SplitPath(f.Path)
	if len(tokens) == 0 {
		return nil
	}
	switch tokens[len(tokens)-1] {
	case "minAvailable":
		return []edit.Edit{edit.Delete(tokens)}
	case "maxUnavailable":
		return []edit.Edit{edit.Set(tokens, edit.Int(1))}
	}
	return nil
}

func fixPDBZeroIgnored(c *Context, f finding.Finding) []edit.Edit {
	tokens := values.SplitPath(f.Path)
	if len(tokens) == 0 {
		return nil
	}
	switch tokens[len(tokens)-1] {
	case "minAvailable":
		// Dropped by the chart: the budget stays maxUnavailable.
		return []edit.Edit{edit.Delete(tokens)}
	case "maxUnavailable":
		// The chart renders 1 for a 0.
		return []edit.Edit{edit.Set(tokens, edit.Int(1))}
	}
	return nil
}

// componentOf reads the component a path of langfuse.<component>... names.
func (c *Context) componentOf(path string) (string, bool) {
	for _, comp := range c.Components() {
		if path == c.Comp(comp) || strings.HasPrefix(path, c.Comp(comp)+".") {
			return comp, true
		}
	}
	return "", false
}

// spreadSelector is a labelSelector that counts exactly one component's
// pods of this release.
func (c *Context) spreadSelector(comp string) *values.Node {
	labels := c.PodLabels(comp)
	ml := edit.Map()
	for _, k := range []string{model.LabelName, model.LabelInstance, model.LabelComponent} {
		ml.Fields = append(ml.Fields, &values.Field{Key: k, Value: edit.Str(labels[k])})
	}
	return edit.Map("matchLabels", ml)
}

func fixTopologySpreadMissing(c *Context, f finding.Finding) []edit.Edit {
	comp, ok := c.componentOf(f.Path)
	if !ok {
		// Reported at the global list: the message names the component.
		comp, _, ok = strings.Cut(f.Message, " runs ")
		if !ok || !slices.Contains(c.Components(), comp) {
			return nil
		}
	}
	item := edit.Map("maxSkew", edit.Int(1), "topologyKey", edit.Str(zoneKeys[0]),
		"whenUnsatisfiable", edit.Str("ScheduleAnyway"), "labelSelector", c.spreadSelector(comp))
	own := c.Comp(comp) + ".pod.topologySpreadConstraints"
	src := c.spreadList(comp)
	if src.Node == nil || src.Path == own {
		return []edit.Edit{edit.Append(edit.Path(own), item)}
	}
	// The component falls back to the global list: its own list would
	// replace it, so it starts as a copy of the global one.
	list := edit.List(append(slices.Clone(src.Node.Items), item)...)
	return []edit.Edit{edit.Set(edit.Path(own), list)}
}

func fixTopologySpreadSelector(c *Context, f finding.Finding) []edit.Edit {
	tokens := values.SplitPath(f.Path)
	comp, ok := c.componentOf(f.Path)
	if !ok || len(tokens) != 5 || tokens[3] != "topologySpreadConstraints" {
		return nil // a global constraint counts for both components
	}
	return []edit.Edit{edit.Set(append(tokens, "labelSelector"), c.spreadSelector(comp))}
}

// fixUnusedStorePassword deletes a literal store password that the
// store's existingSecret overrides: it is unused.
func fixUnusedStorePassword(c *Context, f finding.Finding) []edit.Edit {
	s, ok := c.Chart.Stores.StoreSecret(f.Path)
	if !ok || !c.Bool(s.Existing) {
		return nil
	}
	return []edit.Edit{edit.Delete(edit.Path(f.Path))}
}

// secretKeyRef is {secretKeyRef: {name, key}}.
func secretKeyRef(name, key string) *values.Node {
	return edit.Map("secretKeyRef", edit.Map("name", edit.Str(name), "key", edit.Str(key)))
}

var nonKeyChars = lazyre.New(`[^a-z0-9]+`)

// secretKey names a path's value in a Secret: langfuse.salt.value is
// salt, postgresql.auth.password is postgresql-password, an env entry is
// its variable name.
func secretKey(tokens []string) string {
	var words []string
	for _, t := range tokens {
		switch t {
		case "langfuse", "value", "auth", "providers":
			continue
		}
		var b strings.Builder
		for i, r := range t {
			if unicode.IsUpper(r) && i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
		}
		if w := strings.Trim(nonKeyChars.ReplaceAllString(b.String(), "-"), "-"); w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, "-")
}

// fixSecretPlaintext says how a literal secret moves into a Secret: a
// value-or-secret field gets a secretKeyRef, a store password an
// existingSecret with its key field, an additionalEnv entry a valueFrom.
// A URL with a password in it, or a store that needs several keys, is left
// to a person.
func fixSecretPlaintext(c *Context, f finding.Finding) *finding.SecretMove {
	tokens := values.SplitPath(f.Path)
	n := len(tokens)
	if n == 0 {
		return nil
	}
	if s, ok := c.Chart.Stores.StoreSecret(f.Path); ok {
		if s.KeyField == "" || c.Bool(s.Existing) {
			return nil
		}
		return &finding.SecretMove{Path: tokens, Key: secretKey(tokens), Ref: func(name, key string) []edit.Edit {
			return []edit.Edit{
				edit.Set(edit.Path(s.Existing), edit.Str(name)),
				edit.Set(edit.Path(s.KeyField), edit.Str(key)),
				edit.Delete(tokens),
			}
		}}
	}
	last := tokens[n-1]
	switch {
	case n >= 3 && last == "value" && strings.HasSuffix(tokens[n-3], "additionalEnv"):
		entry := tokens[:n-1]
		envName := c.Values.Follow(entry).Node.Get("name").Text()
		if envName == "" {
			return nil
		}
		return &finding.SecretMove{Path: tokens, Key: envName, Ref: func(name, key string) []edit.Edit {
			return []edit.Edit{edit.Set(append(slices.Clone(entry), "valueFrom"), secretKeyRef(name, key)), edit.Delete(tokens)}
		}}
	case last == "value" && c.Get(strings.Join(tokens[:n-1], ".")).Kind == values.Map:
		field := tokens[:n-1]
		return &finding.SecretMove{Path: tokens, Key: secretKey(field), Ref: func(name, key string) []edit.Edit {
			return []edit.Edit{edit.Set(append(slices.Clone(field), "secretKeyRef"), edit.Map("name", edit.Str(name), "key", edit.Str(key))), edit.Delete(tokens)}
		}}
	case n == 5 && tokens[0] == "langfuse" && tokens[1] == "auth" && tokens[2] == "providers":
		// An SSO option written as a plain string becomes a reference.
		if c.Get(f.Path).Kind != values.String || urlHasPassword(c.Str(f.Path)) {
			return nil
		}
		return &finding.SecretMove{Path: tokens, Key: secretKey(tokens), Ref: func(name, key string) []edit.Edit {
			return []edit.Edit{edit.Set(tokens, secretKeyRef(name, key))}
		}}
	}
	return nil
}

func fixSecretSourceConflict(c *Context, f finding.Finding) []edit.Edit {
	src := model.SourcesOf(c.Get(f.Path))
	if !src.Value || !src.CompleteRef() || src.FieldRef || src.ResourceFieldRef {
		return nil
	}
	return []edit.Edit{edit.Delete(edit.Path(f.Path + ".value"))}
}

// fixS3PathStyle sets the forcePathStyle a finding points at, when no
// other upload type's endpoint wants the other style from the same key.
func fixS3PathStyle(want bool) func(c *Context, f finding.Finding) []edit.Edit {
	return func(c *Context, f finding.Finding) []edit.Edit {
		if f.Path != "s3.forcePathStyle" && !want && c.Bool("s3.forcePathStyle") {
			return nil // a per-type false falls back to the global true
		}
		if f.Path == "s3.forcePathStyle" {
			for _, t := range c.usedUploadTypes() {
				if Truthy(c.Get("s3." + t + ".forcePathStyle")) {
					continue // the type keeps its own true
				}
				ep := c.Coalesce("s3."+t+".endpoint", "s3.endpoint")
				host := ""
				if ep.Node != nil {
					host = endpointHost(ep.Node.Text())
				}
				if aws := host == "" || awsS3Host(host); aws == want {
					return nil
				}
			}
		}
		return []edit.Edit{edit.Set(edit.Path(f.Path), edit.Bool(want))}
	}
}

func fixS3MaxContentLength(c *Context, f finding.Finding) []edit.Edit {
	n := c.Get("s3.mediaUpload.maxContentLength")
	var digits string
	switch {
	case n == nil:
		return nil
	case n.Kind == values.Int:
		digits = strconv.FormatInt(n.Int, 10)
	case n.Kind == values.Float && n.Float == math.Trunc(n.Float) && n.Float < 1<<53:
		digits = strconv.FormatFloat(n.Float, 'f', 0, 64)
	default:
		return nil
	}
	return []edit.Edit{edit.Set(edit.Path("s3.mediaUpload.maxContentLength"), edit.Str(digits))}
}

var policyLine = lazyre.New(`(?m)^([ \t]*)` + model.ConfigPrefix + `[ \t]+\S+[ \t]*$`)

func fixRedisNoeviction(c *Context, f finding.Finding) []edit.Edit {
	p := c.Chart.Stores.RedisPolicy
	want := p.NoEviction()
	if p.Flags {
		// The flags are a list: keep every other flag, replace a policy flag.
		var items []*values.Node
		if list := c.Get(p.Key); list != nil && list.Kind == values.List {
			for _, it := range list.Items {
				if it.Kind == values.String && strings.HasPrefix(strings.TrimSpace(it.Str), model.FlagPrefix) {
					continue
				}
				items = append(items, edit.Str(it.Text()))
			}
		}
		return []edit.Edit{edit.Set(edit.Path(p.Key), edit.List(append(items, edit.Str(want))...))}
	}
	cfg := c.Str(p.Key)
	switch {
	case policyLine.MatchString(cfg):
		cfg = policyLine.ReplaceAllString(cfg, "${1}"+want)
	case cfg == "" || strings.HasSuffix(cfg, "\n"):
		cfg += want + "\n"
	default:
		cfg += "\n" + want
	}
	return []edit.Edit{edit.Set(edit.Path(p.Key), edit.Str(cfg))}
}

func fixNextauthURLInsecure(c *Context, f finding.Finding) []edit.Edit {
	hosts := c.ingressHosts()
	if len(hosts) != 1 || strings.HasPrefix(hosts[0], "*") || !c.Bool("langfuse.ingress.tls.enabled") {
		return nil
	}
	u := "https://" + hosts[0]
	tokens := values.SplitPath(f.Path)
	if f.Path != "langfuse.nextauth.url" {
		// NEXTAUTH_URL in additionalEnv: the finding points at the entry.
		if len(tokens) < 2 || !strings.HasSuffix(tokens[len(tokens)-2], "additionalEnv") {
			return nil
		}
		tokens = append(tokens, "value")
	}
	return []edit.Edit{edit.Set(tokens, edit.Str(u))}
}

// bodySize is the request body limit the ingress-body-size fix writes.
const bodySize = "100m"

func fixIngressBodySize(c *Context, f finding.Finding) []edit.Edit {
	tokens := values.SplitPath(f.Path)
	key := bodySizeAnnotations[0]
	if n := len(tokens); n == 4 && slices.Contains(bodySizeAnnotations, tokens[3]) {
		key = tokens[3]
	}
	return []edit.Edit{edit.Set([]string{"langfuse", "ingress", "annotations", key}, edit.Str(bodySize))}
}

// fixEnvOrKey sets a feature through the additionalEnv entry that decides
// it for the web container when there is one, else through its key.
func fixEnvOrKey(c *Context, env, key string, value bool) []edit.Edit {
	if e, ok := LastEnv(c.ComponentEnv("web"), env); ok {
		if _, literal := e.Value(); !literal {
			return nil
		}
		return []edit.Edit{edit.Set(at(e.Path, "value"), edit.Str(strconv.FormatBool(value)))}
	}
	return []edit.Edit{edit.Set(edit.Path(key), edit.Bool(value))}
}

func fixSignupOpen(c *Context, f finding.Finding) []edit.Edit {
	return fixEnvOrKey(c, "AUTH_DISABLE_SIGNUP", "langfuse.features.signUpDisabled", true)
}

func fixTelemetryProbeQuery(c *Context, f finding.Finding) []edit.Edit {
	if _, licensed := c.licenseKeySet(); licensed {
		return nil
	}
	return fixEnvOrKey(c, "TELEMETRY_ENABLED", "langfuse.features.telemetryEnabled", false)
}

func fixPodSecurityBaseline(c *Context, f finding.Finding) []edit.Edit {
	var out []edit.Edit
	for _, g := range c.securityGaps() {
		if g.add {
			out = append(out, edit.Append(edit.Path(g.home), g.value))
			continue
		}
		out = append(out, edit.Set(edit.Path(g.home), g.value))
	}
	return out
}

// Describe says what valuesmith fix does with a rule's findings, in one
// line for the catalogue.
func (r *Rule) Describe() string {
	fx := r.Fixer()
	switch r.FixKind() {
	case "safe":
		s := "safe: " + strings.TrimSuffix(fx.Does, ".")
		if fx.Decide != "" {
			s += fmt.Sprintf("; where it cannot, decide %s", strings.TrimSuffix(fx.Decide, "."))
		}
		return s + "."
	case "secret":
		return "secret: " + strings.TrimSuffix(fx.Does, ".") + "."
	case "decision":
		return "needs a decision: " + strings.TrimSuffix(fx.Decide, ".") + "."
	}
	return ""
}

package rules

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/values"
)

var edgeRules = []*Rule{
	{
		ID:       "nextauth-url-insecure",
		Severity: finding.Error,
		Category: Edge,
		Summary:  "The ingress is enabled but langfuse.nextauth.url is not an https:// URL, or points at localhost.",
		Rationale: "NEXTAUTH_URL is the public address Langfuse builds sign-in callbacks, redirects and links from. " +
			"The chart's default is http://localhost:3000: behind an ingress, browsers are sent to their own machine " +
			"after sign-in, and an http:// URL makes session cookies travel without TLS.",
		Remediation: "Set langfuse.nextauth.url to the public https:// URL of the ingress host, for example https://langfuse.example.com.",
		Check:       checkNextauthURLInsecure,
	},
	{
		ID:       "nextauth-url-host-mismatch",
		Severity: finding.Warning,
		Category: Edge,
		Summary:  "The host of langfuse.nextauth.url is not one of the ingress hosts.",
		Rationale: "Sign-in callbacks and e-mail links point at the nextauth URL. When its host is not served by the " +
			"ingress, users are redirected to a host that does not reach Langfuse, and OAuth providers reject the " +
			"callback URL.",
		Remediation: "Make langfuse.nextauth.url use one of langfuse.ingress.hosts[].host, or add its host to langfuse.ingress.hosts.",
		Check:       checkNextauthURLHostMismatch,
	},
	{
		ID:       "ingress-tls-missing",
		Severity: finding.Error,
		Category: Edge,
		Summary:  "The ingress is enabled without TLS, or with TLS but an empty secretName.",
		Rationale: "Without TLS, passwords, session cookies and API keys cross the network in clear text. The chart's " +
			"tls is one object for all hosts; with tls.enabled and an empty secretName it still renders an empty " +
			"secretName, so cert-manager has nowhere to store a certificate and the controller serves its default one.",
		Remediation: "Set langfuse.ingress.tls.enabled: true and langfuse.ingress.tls.secretName to the Secret that holds (or cert-manager writes) the certificate.",
		Check:       checkIngressTLSMissing,
	},
	{
		ID:       "ingress-body-size",
		Severity: finding.Warning,
		Category: Edge,
		Summary:  "An nginx ingress has no proxy-body-size annotation of at least 50m.",
		Rationale: "nginx rejects request bodies over 1m by default with 413 Request Entity Too Large. Langfuse ingestion " +
			"batches with large prompts and completions, and media uploads, are regularly bigger than that.",
		Remediation: "Add the annotation nginx.ingress.kubernetes.io/proxy-body-size: \"100m\" (or \"0\" for no limit) under langfuse.ingress.annotations.",
		Check:       checkIngressBodySize,
	},
	{
		ID:       "signup-open",
		Severity: finding.Warning,
		Category: Edge,
		Summary:  "Public sign-up is enabled: anyone who reaches the UI can create an account.",
		Rationale: "langfuse.features.signUpDisabled defaults to false (AUTH_DISABLE_SIGNUP). Anyone who can reach the " +
			"web UI can register, create an organisation and use the instance.",
		Remediation: "Set langfuse.features.signUpDisabled: true and invite users instead (or let single sign-on create them).",
		Check:       checkSignupOpen,
	},
	{
		ID:       "telemetry-probe-query",
		Severity: finding.Info,
		Category: Edge,
		Summary:  "Telemetry is on (or an EE licence key is set), so every web health and readiness probe call runs a Postgres query.",
		Rationale: "Both web probe handlers (/api/public/health and /api/public/ready) first run the telemetry job, " +
			"which, unless TELEMETRY_ENABLED is \"false\" and no EE licence key is set, queries the cron_jobs table in " +
			"Postgres. Errors are swallowed, but a slow database slows every probe call and can make them time out.",
		Remediation: "Set langfuse.features.telemetryEnabled: false (with an EE licence key the query still runs; allow for it in probe timeouts).",
		Check:       checkTelemetryProbeQuery,
	},
	{
		ID:       "pod-security-baseline",
		Severity: finding.Warning,
		Category: Edge,
		Summary:  "The Langfuse pods lack runAsNonRoot, allowPrivilegeEscalation: false, dropped capabilities or a RuntimeDefault seccomp profile.",
		Rationale: "The chart renders langfuse.podSecurityContext and langfuse.securityContext (global only, shared by " +
			"web and worker) as they are, and both are empty by default: the containers may run as root, gain " +
			"privileges, keep the default Linux capabilities and run without a seccomp filter. Namespaces that " +
			"enforce the restricted Pod Security Standard reject such pods. readOnlyRootFilesystem is not asked for: " +
			"that context is shared, and the web container writes into its image at run time (Next.js 16 keeps its " +
			"image-optimisation cache in /app/web/.next/cache, and the entrypoint runs the Prisma CLI's migrations at " +
			"every start, whose writes on a read-only root are reported upstream: prisma/orm#20768, #27584). Turning it " +
			"on needs emptyDir mounts for /tmp and /app/web/.next/cache (langfuse.extraVolumes and extraVolumeMounts) and " +
			"migrations run outside the web container (postgresql.migration.autoMigrate and " +
			"clickhouse.migration.autoMigrate: false), tested against your images.",
		Remediation: "Set langfuse.podSecurityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}} and " +
			"langfuse.securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}.",
		Check: checkPodSecurityBaseline,
	},
	{
		ID:       "service-account-token-mounted",
		Severity: finding.Warning,
		Category: Edge,
		Summary:  "The Kubernetes API token of the chart's service account is mounted into the Langfuse pods.",
		Rationale: "Langfuse does not call the Kubernetes API, but the chart creates its service account with " +
			"automountServiceAccountToken: true by default. A compromised container then holds a token for the API " +
			"server. Cloud workload identity (IRSA, GKE or Azure workload identity) does not need this token.",
		Remediation: "Set langfuse.serviceAccount.automountServiceAccountToken: false.",
		Check:       checkServiceAccountTokenMounted,
	},
}

// atKey locates a map entry whose key may contain dots (an annotation, say),
// which At cannot address. When the entry is missing it points at the map.
func (c *Context) atKey(parent, key string) Where {
	if f := c.Get(parent).Field(key); f != nil && !f.KeyPos.IsZero() {
		return Where{Pos: f.KeyPos, Path: values.JoinKey(parent, key)}
	}
	return c.At(parent)
}

// loopbackHosts are hosts a browser resolves to its own machine.
var loopbackHosts = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}

// nextauthURL parses the web's NEXTAUTH_URL: a NEXTAUTH_URL entry of
// additionalEnv (appended after the chart's, so it wins), else
// langfuse.nextauth.url. ok is false when it is empty or not literal.
func (c *Context) nextauthURL() (u *url.URL, where Where, name string, ok bool) {
	raw, where, name := c.Str("langfuse.nextauth.url"), c.At("langfuse.nextauth.url"), "langfuse.nextauth.url"
	if e, found := LastEnv(c.ComponentEnv("web"), "NEXTAUTH_URL"); found {
		v, literal := e.Value()
		if !literal {
			return nil, Where{}, "", false
		}
		raw, where, name = v, c.AtNode(e.Node, e.Path), "NEXTAUTH_URL in additionalEnv"
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, Where{}, "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		u = &url.URL{}
	}
	return u, where, name, true
}

func checkNextauthURLInsecure(c *Context) {
	if !c.Bool("langfuse.ingress.enabled") {
		return
	}
	u, where, name, ok := c.nextauthURL()
	if !ok {
		return
	}
	host := strings.ToLower(u.Hostname())
	switch scheme := strings.ToLower(u.Scheme); {
	case scheme == "" || host == "":
		c.Report(where, "%s is not an absolute https:// URL while the ingress is enabled: sign-in callbacks and links are built from it", name)
	case loopbackHosts[host]:
		c.Report(where, "%s points at %s while the ingress is enabled: after sign-in, browsers are redirected to their own machine", name, host)
	case scheme == "http":
		c.Report(where, "%s uses http:// (host %s) while the ingress is enabled: sign-in and session cookies travel without TLS", name, host)
	case scheme != "https":
		c.Report(where, "%s uses the scheme %q while the ingress is enabled; it must be the public https:// URL", name, scheme)
	}
}

// ingressHosts lists langfuse.ingress.hosts[].host, lower-cased, non-empty.
func (c *Context) ingressHosts() []string {
	var out []string
	list := c.Get("langfuse.ingress.hosts")
	if list == nil || list.Kind != values.List {
		return nil
	}
	for _, it := range list.Items {
		if h := strings.ToLower(strings.TrimSpace(it.Get("host").Text())); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// hostMatches reports whether host is served by an ingress host rule, which
// may be a wildcard of exactly one leading label (*.example.com).
func hostMatches(rule, host string) bool {
	if rule == host {
		return true
	}
	if suffix, ok := strings.CutPrefix(rule, "*."); ok {
		label, rest, found := strings.Cut(host, ".")
		return found && label != "" && rest == suffix
	}
	return false
}

func checkNextauthURLHostMismatch(c *Context) {
	if !c.Bool("langfuse.ingress.enabled") {
		return
	}
	u, where, _, ok := c.nextauthURL()
	if !ok {
		return
	}
	host := strings.ToLower(u.Hostname())
	// An empty or loopback host is nextauth-url-insecure's finding.
	if host == "" || loopbackHosts[host] {
		return
	}
	hosts := c.ingressHosts()
	if len(hosts) == 0 {
		return
	}
	for _, h := range hosts {
		if hostMatches(h, host) {
			return
		}
	}
	c.Report(where, "the nextauth URL host %q is not an ingress host (%s): sign-in redirects and e-mail links go to a host the ingress does not serve",
		host, strings.Join(hosts, ", "))
}

// lbCertAnnotations are ingress annotations with which a cloud load balancer
// terminates TLS itself, without a tls block in the Ingress.
var lbCertAnnotations = []string{
	"alb.ingress.kubernetes.io/certificate-arn",
	"ingress.gcp.kubernetes.io/pre-shared-cert",
	"networking.gke.io/pre-shared-cert",
	"networking.gke.io/managed-certificates",
	"appgw.ingress.kubernetes.io/appgw-ssl-certificate",
}

func checkIngressTLSMissing(c *Context) {
	if !c.Bool("langfuse.ingress.enabled") {
		return
	}
	if !c.Bool("langfuse.ingress.tls.enabled") {
		ann := c.Get("langfuse.ingress.annotations")
		for _, a := range lbCertAnnotations {
			if Truthy(ann.Get(a)) {
				return
			}
		}
		c.Report(c.At("langfuse.ingress.tls.enabled"), "the ingress is enabled with tls.enabled false: Langfuse is served over plain HTTP")
		return
	}
	if strings.TrimSpace(c.Str("langfuse.ingress.tls.secretName")) == "" {
		c.Report(c.At("langfuse.ingress.tls.secretName"), "tls.enabled is true but tls.secretName is empty: the chart renders an empty secretName, so no certificate Secret is used or written")
	}
}

// minBodySize is the smallest proxy-body-size the rule accepts: 50m.
const minBodySize = 50 << 20

var nginxSizeRE = lazyre.New(`^([0-9]+)([kKmMgG]?)$`)

// NginxSize parses an nginx size (plain bytes, k/K, m/M, g/G) into bytes;
// "0" means unlimited.
func NginxSize(s string) (int64, bool) {
	m := nginxSizeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return 0, false
	}
	shift := map[string]uint{"": 0, "k": 10, "m": 20, "g": 30}[strings.ToLower(m[2])]
	if n > (1<<62)>>shift {
		return 1 << 62, true
	}
	return n << shift, true
}

// bodySizeAnnotations are the request body limits of the two nginx
// controllers: ingress-nginx and F5 NGINX Ingress Controller.
var bodySizeAnnotations = []string{
	"nginx.ingress.kubernetes.io/proxy-body-size",
	"nginx.org/client-max-body-size",
}

// hasNginxAnnotation reports whether the ingress carries ingress-nginx
// annotations: with no class written, that names the controller.
func hasNginxAnnotation(ann *values.Node) bool {
	if ann == nil {
		return false
	}
	for _, f := range ann.Fields {
		if strings.HasPrefix(f.Key, "nginx.ingress.kubernetes.io/") {
			return true
		}
	}
	return false
}

func checkIngressBodySize(c *Context) {
	if !c.Bool("langfuse.ingress.enabled") {
		return
	}
	ann := c.Get("langfuse.ingress.annotations")
	class := strings.ToLower(strings.TrimSpace(c.Str("langfuse.ingress.className")))
	annClass := strings.ToLower(strings.TrimSpace(ann.Get("kubernetes.io/ingress.class").Text()))
	if class != "nginx" && annClass != "nginx" && !(class == "" && annClass == "" && hasNginxAnnotation(ann)) {
		return
	}
	var tooSmall []Where
	var msgs []string
	for _, key := range bodySizeAnnotations {
		v := ann.Get(key)
		if v == nil {
			continue
		}
		text := strings.TrimSpace(v.Text())
		size, ok := NginxSize(text)
		if ok && (size == 0 || size >= minBodySize) {
			return
		}
		where := c.atKey("langfuse.ingress.annotations", key)
		tooSmall = append(tooSmall, where)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("%s is %q, which is not an nginx size (bytes, or a number with k, m or g)", key, text))
		} else {
			msgs = append(msgs, fmt.Sprintf("%s is %s, below 50m: nginx answers larger ingestion batches and media uploads with 413", key, text))
		}
	}
	if len(tooSmall) > 0 {
		for i, w := range tooSmall {
			c.Report(w, "%s", msgs[i])
		}
		return
	}
	c.Report(c.At("langfuse.ingress.annotations"), "the nginx ingress has no nginx.ingress.kubernetes.io/proxy-body-size annotation: nginx rejects request bodies over 1m, so large ingestion batches and media uploads fail with 413")
}

func checkSignupOpen(c *Context) {
	if c.Bool("langfuse.features.signUpDisabled") {
		return
	}
	// AUTH_DISABLE_SIGNUP in additionalEnv (last one wins) also closes it;
	// from a Secret or ConfigMap it is unknown, so stay quiet.
	if e, ok := LastEnv(c.ComponentEnv("web"), "AUTH_DISABLE_SIGNUP"); ok {
		v, literal := e.Value()
		if !literal || strings.EqualFold(strings.TrimSpace(v), "true") {
			return
		}
	}
	c.Report(c.At("langfuse.features.signUpDisabled"), "public sign-up is open: anyone who reaches the web UI can create an account and an organisation")
}

// licenseKeySet reports whether an EE licence key reaches the web container,
// and where it is set.
func (c *Context) licenseKeySet() (Where, bool) {
	if e, ok := LastEnv(c.ComponentEnv("web"), "LANGFUSE_EE_LICENSE_KEY"); ok {
		if v, literal := e.Value(); !literal || v != "" {
			return c.AtNode(e.Node, e.Path), true
		}
	}
	lk := c.Get("langfuse.licenseKey")
	if Truthy(lk.Get("value")) {
		return c.At("langfuse.licenseKey.value"), true
	}
	if Truthy(lk.Lookup("secretKeyRef.name")) && Truthy(lk.Lookup("secretKeyRef.key")) {
		return c.At("langfuse.licenseKey.secretKeyRef"), true
	}
	return Where{}, false
}

func checkTelemetryProbeQuery(c *Context) {
	// TELEMETRY_ENABLED: the last additionalEnv entry wins over the chart's.
	on, known := c.Bool("langfuse.features.telemetryEnabled"), true
	where := c.At("langfuse.features.telemetryEnabled")
	if e, ok := LastEnv(c.ComponentEnv("web"), "TELEMETRY_ENABLED"); ok {
		v, literal := e.Value()
		on, known = literal && strings.TrimSpace(v) != "false", literal
		where = c.AtNode(e.Node, e.Path)
	}
	lkWhere, licensed := c.licenseKeySet()
	switch {
	case on && known && licensed:
		c.Report(where, "telemetry is on (and an EE licence key is set, which keeps it on): every web health and readiness probe call runs a Postgres query")
	case on && known:
		c.Report(where, "telemetry is on: every web health and readiness probe call runs a Postgres query, so a slow database slows the probes")
	case licensed:
		c.Report(lkWhere, "an EE licence key is set, which runs the telemetry job even with telemetry off: every web health and readiness probe call runs a Postgres query")
	}
}

// securityGap is one missing hardening setting and the path where it should
// be fixed, with the value that fixes it (appended to the list at home when
// add is set).
type securityGap struct {
	what  string
	home  string
	value *values.Node
	add   bool
}

// securityGaps lists the baseline hardening settings the Langfuse pods lack.
func (c *Context) securityGaps() []securityGap {
	const podPath, ctrPath = "langfuse.podSecurityContext", "langfuse.securityContext"
	pod, ctr := c.Get(podPath), c.Get(ctrPath)
	// A setting valid at both levels is best added where the user already
	// writes security settings: the container context, unless only the pod
	// context is written.
	both := ctrPath
	if c.SetByUser(podPath) && !c.SetByUser(ctrPath) {
		both = podPath
	}
	var gaps []securityGap
	yes, no := &values.Node{Kind: values.Bool, Bool: true}, &values.Node{Kind: values.Bool}

	// runAsNonRoot: the container value, when set, overrides the pod's.
	nonRoot, nonRootPath := ctr.Get("runAsNonRoot"), ctrPath+".runAsNonRoot"
	if nonRoot.IsNull() {
		nonRoot, nonRootPath = pod.Get("runAsNonRoot"), podPath+".runAsNonRoot"
	}
	if nonRoot.IsNull() {
		nonRootPath = both + ".runAsNonRoot"
	}
	if nonRoot == nil || nonRoot.Kind != values.Bool || !nonRoot.Bool {
		gaps = append(gaps, securityGap{"runAsNonRoot is not true", nonRootPath, yes, false})
	}

	if ape := ctr.Get("allowPrivilegeEscalation"); ape == nil || ape.Kind != values.Bool || ape.Bool {
		gaps = append(gaps, securityGap{"allowPrivilegeEscalation is not false", ctrPath + ".allowPrivilegeEscalation", no, false})
	}

	dropsAll := false
	drop := ctr.Lookup("capabilities.drop")
	if drop != nil && drop.Kind == values.List {
		for _, it := range drop.Items {
			if strings.EqualFold(strings.TrimSpace(it.Text()), "ALL") {
				dropsAll = true
			}
		}
	}
	if !dropsAll {
		all := &values.Node{Kind: values.String, Str: "ALL"}
		gap := securityGap{"capabilities.drop does not include ALL", ctrPath + ".capabilities.drop", all, true}
		if drop == nil || drop.Kind != values.List {
			gap.value, gap.add = &values.Node{Kind: values.List, Items: []*values.Node{all}}, false
		}
		gaps = append(gaps, gap)
	}

	// seccompProfile: the container's, when set, overrides the pod's.
	seccomp, seccompPath := ctr.Lookup("seccompProfile.type"), ctrPath+".seccompProfile.type"
	if Empty(seccomp) {
		seccomp, seccompPath = pod.Lookup("seccompProfile.type"), podPath+".seccompProfile.type"
	}
	if Empty(seccomp) {
		seccompPath = both + ".seccompProfile.type"
	}
	if t := seccomp.Text(); t != "RuntimeDefault" && t != "Localhost" {
		what := "no RuntimeDefault seccomp profile"
		if t != "" {
			what = fmt.Sprintf("seccompProfile.type is %s, not RuntimeDefault", t)
		}
		gaps = append(gaps, securityGap{what, seccompPath, &values.Node{Kind: values.String, Str: "RuntimeDefault"}, false})
	}

	if p := ctr.Get("privileged"); p != nil && p.Kind == values.Bool && p.Bool {
		gaps = append(gaps, securityGap{"privileged is true", ctrPath + ".privileged", no, false})
	}
	return gaps
}

func checkPodSecurityBaseline(c *Context) {
	gaps := c.securityGaps()
	if len(gaps) == 0 {
		return
	}
	var whats []string
	prefix := strings.Split(gaps[0].home, ".")
	for _, g := range gaps {
		whats = append(whats, g.what)
		prefix = commonPrefix(prefix, strings.Split(g.home, "."))
	}
	c.Report(c.At(strings.Join(prefix, ".")), "the web and worker containers lack baseline hardening: %s", strings.Join(whats, "; "))
}

func commonPrefix(a, b []string) []string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

func checkServiceAccountTokenMounted(c *Context) {
	// The flag is rendered on the ServiceAccount the chart creates; with
	// create: false the user's own service account decides.
	if !c.Bool("langfuse.serviceAccount.create") || !c.Bool("langfuse.serviceAccount.automountServiceAccountToken") {
		return
	}
	c.Report(c.At("langfuse.serviceAccount.automountServiceAccountToken"), "the service account token is mounted into the web and worker pods, although Langfuse never calls the Kubernetes API")
}

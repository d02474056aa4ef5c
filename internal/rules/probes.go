package rules

import (
	"fmt"
	"github.com/valuesmith/valuesmith/schema/model"
	"net/url"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
)

var probeRules = []*Rule{
	{
		ID:       "worker-probe-port",
		Severity: finding.Error,
		Category: Probes,
		Summary:  "The worker's container port (probed by liveness) differs from the port the worker process listens on.",
		Rationale: "The worker's container port and liveness probe use langfuse.worker.port (the template's fallback " +
			"when unset, the same port the image listens on by default), but the chart sets no PORT env for the " +
			"worker: the process listens on PORT from additionalEnv, else on the image's default. When the two " +
			"differ, every liveness call hits a closed port and the worker restarts forever.",
		Remediation: "Set langfuse.worker.port and a PORT entry in langfuse.worker.pod.additionalEnv to the same number, or remove both to use the image's default port.",
		Check:       checkWorkerProbePort,
	},
	{
		ID:       "web-probe-port",
		Severity: finding.Error,
		Category: Probes,
		Summary:  "A PORT entry in additionalEnv moves the web server away from the port its probes and Service use.",
		Rationale: "The chart sets PORT to langfuse.web.service.port and uses the same number for the container port, " +
			"the probes and the Service target. additionalEnv entries come after the chart's env and the last entry " +
			"of a name wins in Kubernetes, so a different PORT there makes the server listen elsewhere: the probes " +
			"fail and the pods restart forever.",
		Remediation: "Remove PORT from additionalEnv and change the port with langfuse.web.service.port only.",
		Check:       checkWebProbePort,
	},
	{
		ID:       "liveness-checks-dependencies",
		Severity: finding.Error,
		Category: Probes,
		Summary:  "The web liveness probe checks the database (failIfDatabaseUnavailable or failIfNoRecentEvents).",
		Rationale: "With failIfDatabaseUnavailable=true the health endpoint runs a Postgres query, and with " +
			"failIfNoRecentEvents=true a ClickHouse query that fails when no trace arrived for 3 minutes. As a " +
			"liveness check this restarts every web pod at once during a database blip or a quiet period, which turns " +
			"a short dependency problem into a full outage; restarting the web pods cannot fix the database.",
		Remediation: "Set langfuse.web.livenessProbe.path to /api/public/health without query parameters; monitor the database separately.",
		Check:       checkLivenessChecksDependencies,
	},
	{
		ID:       "readiness-same-as-liveness",
		Severity: finding.Warning,
		Category: Probes,
		Summary:  "The web readiness and liveness probes call the same path.",
		Rationale: "/api/public/ready starts failing as soon as the server receives SIGTERM, so the pod leaves the " +
			"Service before it stops; /api/public/health does not. Probing readiness on the liveness path loses that " +
			"graceful hand-off (or, the other way round, makes liveness restart a pod that is shutting down).",
		Remediation: "Use /api/public/health for langfuse.web.livenessProbe.path and /api/public/ready for langfuse.web.readinessProbe.path.",
		Check:       checkReadinessSameAsLiveness,
	},
	{
		ID:       "probe-timeout-short",
		Severity: finding.Warning,
		Category: Probes,
		Summary:  "A probe's timeoutSeconds is below 3.",
		Rationale: "Both web health handlers first run the telemetry hook, which can query Postgres, and the worker's " +
			"/api/health pings Postgres and Redis with a 2 s timeout. A timeout under 3 s turns a slow database moment " +
			"or a garbage-collection pause into failed probes, restarts or pods leaving the Service.",
		Remediation: "Set timeoutSeconds to 3 or more (the chart's default is 5).",
		Check:       checkProbeTimeoutShort,
	},
	{
		ID:       "probe-failure-threshold-low",
		Severity: finding.Warning,
		Category: Probes,
		Summary:  "A probe's failureThreshold is below 3.",
		Rationale: "With one or two allowed failures, a single slow response (a long GC pause, a busy node, a slow " +
			"database) restarts the container or takes it out of the Service. Flapping pods under load make the load " +
			"worse for the remaining ones.",
		Remediation: "Set failureThreshold to 3 or more (the chart's default is 3).",
		Check:       checkProbeFailureThresholdLow,
	},
	{
		ID:       "liveness-budget-short",
		Severity: finding.Warning,
		Category: Probes,
		Summary:  "The liveness probe restarts a container before it had time to start (migrations included).",
		Rationale: "The chart has no startup probe, so initialDelaySeconds + failureThreshold x periodSeconds is all the " +
			"time a container gets before liveness kills it. The web entrypoint runs the Postgres and ClickHouse " +
			"migrations before the server listens; if they take longer than that window the pod is restarted in the " +
			"middle of a migration, again and again.",
		Remediation: "Raise langfuse.web.livenessProbe.initialDelaySeconds (or failureThreshold) so that the window covers the slowest start, or set startupSeconds in .valuesmith.yaml to the start time you measured.",
		Check:       checkLivenessBudgetShort,
	},
	{
		ID:       "readiness-after-liveness",
		Severity: finding.Warning,
		Category: Probes,
		Summary:  "The web readiness probe reacts later than the liveness probe.",
		Rationale: "When readiness needs longer than liveness to notice a problem (a larger initial delay, or a larger " +
			"periodSeconds x failureThreshold), liveness restarts the container while the Service still sends it " +
			"traffic, and requests fail instead of moving to a healthy pod.",
		Remediation: "Make langfuse.web.readinessProbe react at least as fast as langfuse.web.livenessProbe: an equal or smaller initialDelaySeconds and periodSeconds x failureThreshold.",
		Check:       checkReadinessAfterLiveness,
	},
	{
		ID:       "probe-zero-ignored",
		Severity: finding.Warning,
		Category: Probes,
		Summary:  "A probe number is set to 0, which the chart replaces with its own fallback.",
		Rationale: "The chart renders every probe number as `value | default N`, and 0 counts as empty: " +
			"initialDelaySeconds 0 renders 20, periodSeconds 10, timeoutSeconds 5, failureThreshold 5 and " +
			"successThreshold 1. The probe then behaves differently from what the values say.",
		Remediation: "Set the number you want, at least 1; the chart cannot express 0 (use 1 for the smallest initial delay).",
		Check:       checkProbeZeroIgnored,
	},
	{
		ID:       "worker-liveness-outage-restarts",
		Severity: finding.Info,
		Category: Probes,
		Summary:  "The worker liveness probe gives up in less than 60 s, and it checks Postgres and Redis.",
		Rationale: "The worker's liveness path is fixed to /api/health, which runs a Postgres query and a Redis PING " +
			"on every call. A database or Redis outage longer than failureThreshold x periodSeconds therefore " +
			"restarts every worker at once, dropping in-flight jobs and adding a restart storm to the outage.",
		Remediation: "Raise langfuse.worker.livenessProbe.failureThreshold or periodSeconds so that the window is at least 60 s (for example failureThreshold 6 with periodSeconds 10).",
		Check:       checkWorkerLivenessOutageRestarts,
	},
	{
		ID:       "liveness-success-threshold",
		Severity: finding.Error,
		Category: Probes,
		Summary:  "A liveness probe's successThreshold is not 1, which Kubernetes rejects.",
		Rationale: "Kubernetes requires successThreshold 1 on liveness probes; any other value makes the API server " +
			"refuse the Deployment, so the install or upgrade fails.",
		Remediation: "Remove successThreshold from the liveness probe or set it to 1.",
		Check:       checkLivenessSuccessThreshold,
	},
	{
		ID:       "probe-hostname-loopback",
		Severity: finding.Error,
		Category: Probes,
		Summary:  "A HOSTNAME entry in additionalEnv makes the server listen on loopback only.",
		Rationale: "The chart sets HOSTNAME=0.0.0.0 so that the servers listen on every interface, unless HOSTNAME " +
			"appears in additionalEnv. A loopback address there (localhost, 127.0.0.1, ::1) makes the server listen " +
			"inside the pod only: the kubelet's probes and the Service reach the pod IP, fail, and the pod restarts forever.",
		Remediation: "Remove HOSTNAME from additionalEnv (the chart sets 0.0.0.0) or set it to 0.0.0.0.",
		Check:       checkProbeHostnameLoopback,
	},
}

// probe is one probe the chart renders, as the checked version's facts
// describe it.
type probe struct {
	*model.ProbeFact
	comp string
	// path is the values key of the probe, e.g. langfuse.web.livenessProbe.
	path string
	// name is how messages call it.
	name     string
	liveness bool
}

// probes lists the chart's probes, component by component.
func (c *Context) probes() []probe {
	var out []probe
	for _, comp := range c.facts().Components {
		for _, p := range comp.Probes {
			out = append(out, probe{ProbeFact: p, comp: comp.Name, path: p.Values,
				name: comp.Name + " " + p.Kind + " probe", liveness: p.Liveness()})
		}
	}
	return out
}

// probeOf returns a component's probe of a kind; ok is false when the chart
// renders none.
func (c *Context) probeOf(comp, kind string) (probe, bool) {
	for _, p := range c.probes() {
		if p.comp == comp && p.Kind == kind {
			return p, true
		}
	}
	return probe{}, false
}

// probeNum is the number a probe field renders as, with the chart's fallback.
func (c *Context) probeNum(p probe, field string) int {
	return c.facts().ProbeNumber(&c.Reader, p.ProbeFact, field)
}

// atFirstSet reports at the first of paths the user wrote, else at the first
// path (its nearest written parent, with the key to add).
func (c *Context) atFirstSet(paths ...string) Where {
	for _, p := range paths {
		if c.SetByUser(p) {
			return c.At(p)
		}
	}
	return c.At(paths[0])
}

// envFromSet reports whether a component loads whole Secrets or ConfigMaps
// as env (which may set any name the chart itself does not set).
func (c *Context) envFromSet(comp string) bool {
	return Truthy(c.Get("langfuse.additionalEnvFrom")) || Truthy(c.Get(c.Comp(comp)+".pod.additionalEnvFrom"))
}

// literalPort reads a literal port number from an env entry; ok is false
// for valueFrom entries and values that are not numbers.
func literalPort(e EnvVar) (int, bool) {
	v, ok := e.Value()
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, false
	}
	return n, true
}

func checkWorkerProbePort(c *Context) {
	worker := c.facts().Component("worker")
	path := worker.Port.Path
	probed, _ := c.facts().ContainerPort(&c.Reader, worker.Name)
	listen, how := worker.ImagePort, "the image's default PORT, as no PORT is set in additionalEnv"
	e, hasEnv := LastEnv(c.ComponentEnv("worker"), "PORT")
	switch {
	case hasEnv:
		n, ok := literalPort(e)
		if !ok {
			return // valueFrom or not a number: the port is not knowable here
		}
		listen, how = n, "PORT from "+e.Path
	case c.envFromSet("worker"):
		return // an envFrom source may set PORT
	}
	if listen == probed {
		return
	}
	where := c.At(path)
	if !c.SetByUser(path) && hasEnv {
		where = c.AtNode(e.Node, e.Path)
	}
	c.Report(where, "the worker's container port and liveness probe use %d, but the worker listens on %d (%s): "+
		"every probe fails and the worker restarts forever", probed, listen, how)
}

func checkWebProbePort(c *Context) {
	web := c.facts().Component("web")
	port, _ := c.facts().ContainerPort(&c.Reader, web.Name)
	e, ok := LastEnv(c.ComponentEnv(web.Name), "PORT")
	if !ok {
		return
	}
	n, ok := literalPort(e)
	if !ok || n == port {
		return
	}
	c.Report(c.AtNode(e.Node, e.Path), "PORT=%d here overrides the chart's PORT=%d (%s): the web "+
		"server listens on %d while the container port, the probes and the Service use %d", n, port, web.Port.Path, n, port)
}

// probePath is the path a probe calls, with the template's fallback.
func (c *Context) probePath(p probe) string { return c.facts().ProbePath(&c.Reader, p.ProbeFact) }

// dependencyChecks are the health endpoint's query parameters that make it
// query a database.
var dependencyChecks = []struct{ param, what string }{
	{"failIfDatabaseUnavailable", "runs a Postgres query"},
	{"failIfNoRecentEvents", "fails when ClickHouse has no trace or observation from the last 3 minutes"},
}

func checkLivenessChecksDependencies(c *Context) {
	p, ok := c.probeOf("web", "liveness")
	if !ok {
		return
	}
	path := c.probePath(p)
	_, rawQuery, ok := strings.Cut(path, "?")
	if !ok {
		return
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return
	}
	var found []string
	for _, d := range dependencyChecks {
		if strings.EqualFold(q.Get(d.param), "true") {
			found = append(found, fmt.Sprintf("%s (%s)", d.param, d.what))
		}
	}
	if len(found) == 0 {
		return
	}
	c.Report(c.At(p.PathKey), "the web liveness probe sets %s: when the database is slow or down, every web pod "+
		"is restarted at once", strings.Join(found, " and "))
}

func checkReadinessSameAsLiveness(c *Context) {
	live, ok1 := c.probeOf("web", "liveness")
	ready, ok2 := c.probeOf("web", "readiness")
	if !ok1 || !ok2 {
		return
	}
	lp, rp := c.probePath(live), c.probePath(ready)
	if rp == "" || lp != rp {
		return
	}
	c.Report(c.atFirstSet(ready.PathKey, live.PathKey), "the web readiness and liveness probes both call %s", rp)
}

func checkProbeTimeoutShort(c *Context) {
	for _, p := range c.probes() {
		if t := c.probeNum(p, "timeoutSeconds"); t < 3 {
			c.Report(c.At(p.path+".timeoutSeconds"), "the %s gives up after %d s, so a slow database moment counts as a failure", p.name, t)
		}
	}
}

func checkProbeFailureThresholdLow(c *Context) {
	for _, p := range c.probes() {
		f := c.probeNum(p, "failureThreshold")
		if f >= 3 {
			continue
		}
		effect := "restarts the container"
		if !p.liveness {
			effect = "takes the pod out of the Service"
		}
		c.Report(c.At(p.path+".failureThreshold"), "the %s %s after %s", p.name, effect, countNoun(f, "failed call", "failed calls in a row"))
	}
}

// migrationsAtStart reports whether the web entrypoint runs migrations
// before it listens: autoMigrate maps to LANGFUSE_AUTO_*_MIGRATION_DISABLED,
// which a later additionalEnv entry of the same name overrides. A valueFrom
// override is not knowable; it counts as disabled (no finding).
func (c *Context) migrationsAtStart() bool {
	env := c.ComponentEnv("web")
	for _, m := range []struct{ key, env string }{
		{"postgresql.migration.autoMigrate", "LANGFUSE_AUTO_POSTGRES_MIGRATION_DISABLED"},
		{"clickhouse.migration.autoMigrate", "LANGFUSE_AUTO_CLICKHOUSE_MIGRATION_DISABLED"},
	} {
		runs := c.Bool(m.key)
		if e, ok := LastEnv(env, m.env); ok {
			v, lit := e.Value()
			runs = lit && !strings.EqualFold(strings.TrimSpace(v), "true")
		}
		if runs {
			return true
		}
	}
	return false
}

// livenessWindow is how long a container may go without answering before
// liveness restarts it: initialDelay + failureThreshold x period.
func (c *Context) livenessWindow(p probe) (window, delay, failures, period int) {
	delay = c.probeNum(p, "initialDelaySeconds")
	failures = c.probeNum(p, "failureThreshold")
	period = c.probeNum(p, "periodSeconds")
	return delay + failures*period, delay, failures, period
}

// startupBudget is how long the web container may take before it listens,
// and why; ok is false when no budget applies.
func (c *Context) startupBudget() (budget int, why string, ok bool) {
	switch {
	case c.Settings.StartupSecondsSet:
		return c.Settings.StartupSeconds, "the configured startupSeconds", true
	case c.migrationsAtStart():
		return DefaultStartupSeconds, "the default budget while migrations run at start", true
	}
	return 0, "", false
}

func checkLivenessBudgetShort(c *Context) {
	budget, why, ok := c.startupBudget()
	if !ok {
		return
	}
	for _, p := range c.probes() {
		// The worker runs no migrations: only an explicit budget applies.
		if !p.liveness || p.comp == "worker" && !c.Settings.StartupSecondsSet {
			continue
		}
		window, delay, failures, period := c.livenessWindow(p)
		if window >= budget {
			continue
		}
		c.Report(c.At(p.path+".initialDelaySeconds"), "the %s restarts a container that does not answer within %d s "+
			"(%d + %d x %d), less than the %d s start-up budget (%s)", p.name, window, delay, failures, period, budget, why)
	}
}

func checkReadinessAfterLiveness(c *Context) {
	live, ok1 := c.probeOf("web", "liveness")
	ready, ok2 := c.probeOf("web", "readiness")
	if !ok1 || !ok2 {
		return
	}
	ld, rd := c.probeNum(live, "initialDelaySeconds"), c.probeNum(ready, "initialDelaySeconds")
	if rd > ld {
		c.Report(c.atFirstSet(ready.path+".initialDelaySeconds", live.path+".initialDelaySeconds"),
			"the web readiness probe first runs after %d s, liveness already after %d s: readiness reacts later than liveness", rd, ld)
	}
	lf, lp := c.probeNum(live, "failureThreshold"), c.probeNum(live, "periodSeconds")
	rf, rp := c.probeNum(ready, "failureThreshold"), c.probeNum(ready, "periodSeconds")
	if rf*rp > lf*lp {
		c.Report(c.atFirstSet(ready.path+".failureThreshold", ready.path+".periodSeconds",
			live.path+".failureThreshold", live.path+".periodSeconds"),
			"the web readiness probe needs %d s (%d x %d) to take a failing pod out of the Service, but liveness "+
				"restarts it after %d s (%d x %d): requests keep reaching a container that is being restarted",
			rf*rp, rf, rp, lf*lp, lf, lp)
	}
}

func checkProbeZeroIgnored(c *Context) {
	for _, p := range c.probes() {
		for _, f := range c.facts().ProbeFields {
			path := p.path + "." + f
			n := c.Get(path)
			if !n.FromUser() || !c.SetByUser(path) {
				continue
			}
			if i, ok := Int(n); !ok || i != 0 {
				continue
			}
			c.Report(c.At(path), "%s: 0 is empty to the chart, so the %s renders %s: %d", f, p.name, f, c.facts().ProbeFallbacks[f])
		}
	}
}

func checkWorkerLivenessOutageRestarts(c *Context) {
	p, ok := c.probeOf("worker", "liveness")
	if !ok {
		return
	}
	failures, period := c.probeNum(p, "failureThreshold"), c.probeNum(p, "periodSeconds")
	if failures*period >= 60 {
		return
	}
	c.Report(c.atFirstSet(p.path+".failureThreshold", p.path+".periodSeconds"), "the worker liveness probe restarts a "+
		"worker after %d s of failed %s calls (%d x %d s); %s pings Postgres and Redis, so a "+
		"longer outage of either restarts every worker", failures*period, p.Path, failures, period, p.Path)
}

func checkLivenessSuccessThreshold(c *Context) {
	for _, p := range c.probes() {
		if !p.liveness {
			continue
		}
		if s := c.probeNum(p, "successThreshold"); s != 1 {
			c.Report(c.At(p.path+".successThreshold"), "the %s has successThreshold %d; Kubernetes accepts only 1 on a "+
				"liveness probe and rejects the Deployment", p.name, s)
		}
	}
}

// loopbackHost reports whether a listen address only accepts connections
// from inside the pod.
func loopbackHost(h string) bool {
	h = strings.ToLower(strings.Trim(strings.TrimSpace(h), "[]"))
	return h == "localhost" || h == "ip6-localhost" || h == "::1" || strings.HasPrefix(h, "127.")
}

func checkProbeHostnameLoopback(c *Context) {
	// A global entry reaches both components: report it once.
	var order []string
	byPath := map[string][]string{}
	entries := map[string]EnvVar{}
	for _, comp := range c.Components() {
		e, ok := LastEnv(c.ComponentEnv(comp), "HOSTNAME")
		if !ok {
			continue
		}
		if v, lit := e.Value(); !lit || !loopbackHost(v) {
			continue
		}
		if _, seen := entries[e.Path]; !seen {
			order = append(order, e.Path)
			entries[e.Path] = e
		}
		byPath[e.Path] = append(byPath[e.Path], comp)
	}
	for _, path := range order {
		e := entries[path]
		v, _ := e.Value()
		who := "the " + byPath[path][0] + " server listens"
		if len(byPath[path]) > 1 {
			who = "the web and worker servers listen"
		}
		c.Report(c.AtNode(e.Node, e.Path), "HOSTNAME=%s replaces the chart's 0.0.0.0, so %s inside the pod only and "+
			"the probes fail", strings.TrimSpace(v), who)
	}
}

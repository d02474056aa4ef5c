package wizard

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
)

// ProfileKey is the key of the profile question (not a flag: generate
// takes it as --profile).
const ProfileKey = "profile"

// Answers are what the wizard was told: a profile and the flags
// valuesmith generate would take for the same Spec.
type Answers struct {
	Profile string
	// Flags maps generate's flag names (without dashes) to values, as the
	// generate command builds them from its command line.
	Flags map[string]string
	// Asked lists the answers keys that were asked, in order.
	Asked []string
}

// Inputs are the answers as generate's inputs.
func (a *Answers) Inputs() spec.Inputs {
	return spec.Inputs{Profile: a.Profile, Flags: a.Flags}
}

// Ask walks the questions, starting from profile's defaults (asking for
// the profile when it is ""), and returns the answers once they assemble
// into a Spec that passes spec's Missing and Validate. Each reply is
// checked as it is typed with the checks generate applies to its flags; a
// problem only the whole set reveals sends the walk back to the question
// that answers it.
func Ask(p Prompter, out io.Writer, profile string) (*Answers, *spec.Assembled, error) {
	w := &walk{p: p, out: out, profile: profile, flags: map[string]string{}, again: map[string]func() error{}}
	if err := w.questions(); err != nil {
		return nil, nil, err
	}
	a, err := w.settle()
	if err != nil {
		return nil, nil, err
	}
	return &Answers{Profile: w.profile, Flags: w.flags, Asked: w.asked}, a, nil
}

type walk struct {
	p       Prompter
	out     io.Writer
	profile string
	flags   map[string]string
	asked   []string
	// again re-asks the question of an answers key.
	again map[string]func() error
	cache *spec.Assembled
}

// The questions, in an order where each answer's checks depend only on
// answers given before it: stores before the scaling that reads their
// queues, replicas before the disruption budget, the release before the
// Secret names.
func (w *walk) questions() error {
	if w.profile == "" {
		if err := w.chooseProfile(); err != nil {
			return err
		}
	}
	if _, err := profiles.Load(w.profile); err != nil {
		return err
	}
	fmt.Fprintf(w.out, "Starting from the %s profile's defaults.\nEnter keeps a default, ? explains the question, Ctrl-C stops without writing.\n", w.profile)

	w.section("Installation")
	if err := w.inputs(
		q("host", "Public host name", "The DNS name people open in the browser, without https:// or a port, for example langfuse.example.com; the Ingress and NEXTAUTH_URL use it."),
		q("release", "Helm release name", "The name you will give helm install; it is part of resource names and of the topology spread selectors, so it must match."),
		q("namespace", "Namespace", "The namespace the release goes into; the Secrets it references must be created there."),
		q("appVersion", "Langfuse version", "A full release version such as 4.4.0: tags like latest move under you and make upgrades unreviewable."),
	); err != nil {
		return err
	}
	ingress, err := w.confirm(q("ingress.enabled", "Create an Ingress for the web UI and API?", "Say no if something else (a Gateway, a cloud load balancer) routes traffic to the web Service."))
	if err != nil {
		return err
	}
	if ingress {
		if err := w.inputs(
			q("ingress.className", "IngressClass", "The IngressClass of your ingress controller, for example nginx; with nginx the body size limit is set for large prompts and media."),
			q("ingress.tlsSecret", "Secret holding the TLS certificate", "A kubernetes.io/tls Secret in the namespace; cert-manager fills it when you name an issuer next."),
			q("ingress.certManagerIssuer", "cert-manager ClusterIssuer (empty if you manage the certificate yourself)", "When set, cert-manager issues the certificate into the Secret above; leave empty if you create the Secret yourself."),
		); err != nil {
			return err
		}
	}

	for _, store := range []func() error{w.postgres, w.redis, w.clickhouse, w.s3} {
		if err := store(); err != nil {
			return err
		}
	}

	if err := w.component("web"); err != nil {
		return err
	}
	if err := w.component("worker"); err != nil {
		return err
	}

	w.section("Availability")
	pdbMode := w.value("pdb.mode")
	if err := w.input(q("pdb.value", "PodDisruptionBudget "+pdbMode+" (a count such as 1, or a percentage such as 25%)",
		"How many pods of each component a node drain may take down at once ("+pdbMode+"); it must leave drains possible.")); err != nil {
		return err
	}
	spread := []Option{{"soft", "prefer to spread (ScheduleAnyway)"}, {"hard", "never share, wait instead (DoNotSchedule)"}, {"off", "no constraint"}}
	if _, err := w.choose(q("spread.zone", "Spread across zones", "How replicas spread over topology.kubernetes.io/zone, so that a zone outage cannot take every replica."), spread); err != nil {
		return err
	}
	if _, err := w.choose(q("spread.host", "Spread across nodes", "How replicas spread over kubernetes.io/hostname, so that one node cannot take every replica."), spread); err != nil {
		return err
	}
	if err := w.input(q("startupSeconds", "Expected web start-up time in seconds (P99, database migrations included)",
		"The liveness probe waits about 1.3 times this long, so a slow start with migrations is not killed and restarted in a loop.")); err != nil {
		return err
	}

	w.section("Access")
	if err := w.input(q("appSecret.name", "Secret for Langfuse's salt, encryption key and NextAuth secret",
		"Create it once before installing (valuesmith wizard --secrets-out FILE writes one with random values); it must not be named <release>-langfuse-app, which the chart renders itself.")); err != nil {
		return err
	}
	if _, err := w.confirm(q("signUpDisabled", "Disable self sign-up?", "With sign-up open, anyone who reaches the host can create an account.")); err != nil {
		return err
	}
	return nil
}

func (w *walk) chooseProfile() error {
	var opts []Option
	for _, p := range profiles.List() {
		opts = append(opts, Option{Value: p.Name, Note: p.Summary})
	}
	question := q(ProfileKey, "Profile to start from", "Each profile is a set of defaults and of the warnings it accepts; the questions below start from its answers (valuesmith profiles lists them).")
	w.asked = append(w.asked, question.Key)
	for {
		v, err := w.p.Select(question, opts, profiles.Default)
		if err != nil {
			return err
		}
		if _, err := profiles.Load(v); err == nil {
			w.profile = v
			return nil
		}
		fmt.Fprintf(w.out, "✗ %q is not a profile\n", v)
	}
}

func (w *walk) postgres() error {
	w.section("PostgreSQL")
	mode, err := w.choose(q("postgres.mode", "PostgreSQL", "Langfuse keeps users, projects, prompts and settings in PostgreSQL."), storeModes("PostgreSQL"))
	if err != nil || mode != "external" {
		return err
	}
	return w.inputs(
		q("postgres.host", "PostgreSQL host, with :port unless 5432", "Host name of the database server, with :port when it is not 5432 (Langfuse ignores a separate port setting)."),
		q("postgres.database", "PostgreSQL database", "The database Langfuse owns; its migrations create the tables."),
		q("postgres.user", "PostgreSQL user", "The user Langfuse connects as; it must own the database."),
		q("postgres.password.name", "Secret holding the PostgreSQL password", "A Secret in the namespace with the user's password under the key "+w.value("postgres.password.key")+"."),
	)
}

func (w *walk) redis() error {
	w.section("Redis")
	mode, err := w.choose(q("redis.mode", "Redis (or Valkey)", "Langfuse queues ingestion work and caches in Redis or Valkey."), storeModes("Valkey"))
	if err != nil || mode != "external" {
		return err
	}
	topology, err := w.choose(q("redis.topology", "Redis topology", "How Langfuse finds Redis: one endpoint, the nodes of a Redis Cluster, or Sentinels that name the primary."), []Option{
		{"standalone", "one endpoint (also managed Redis with a single address)"},
		{"cluster", "Redis Cluster nodes"},
		{"sentinel", "Redis Sentinel"},
	})
	if err != nil {
		return err
	}
	switch topology {
	case "cluster":
		err = w.input(q("redis.nodes", "Redis Cluster nodes, comma-separated host:port", "Some or all of the cluster's nodes as host:port, for example redis-0.example.internal:6379,redis-1.example.internal:6379."))
	case "sentinel":
		err = w.inputs(
			q("redis.sentinel.masterName", "Name of the primary the Sentinels monitor", "The master name in the Sentinels' configuration, for example mymaster."),
			q("redis.sentinel.nodes", "Sentinel nodes, comma-separated host:port", "The Sentinels as host:port, usually on port 26379."),
		)
	default:
		err = w.inputs(
			q("redis.host", "Redis host", "Host name of the Redis endpoint, without the port."),
			q("redis.port", "Redis port", "The TCP port of the Redis endpoint, 6379 unless changed."),
		)
	}
	if err != nil {
		return err
	}
	if err := w.input(q("redis.password.name", "Secret holding the Redis password", "A Secret in the namespace with the password under the key "+w.value("redis.password.key")+".")); err != nil {
		return err
	}
	_, err = w.confirm(q("redis.tls", "Connect to Redis with TLS?", "Without TLS, passwords and trace data cross the network in clear text."))
	return err
}

func (w *walk) clickhouse() error {
	w.section("ClickHouse")
	mode, err := w.choose(q("clickhouse.mode", "ClickHouse", "Langfuse stores traces, observations and scores in ClickHouse."), storeModes("ClickHouse (needs the ClickHouse operator)"))
	if err != nil || mode != "external" {
		return err
	}
	if err := w.inputs(
		q("clickhouse.host", "ClickHouse URL, without port", "The scheme and host, for example https://clickhouse.example.internal; https turns TLS on for both protocols."),
		q("clickhouse.httpPort", "ClickHouse HTTP(S) port", "The HTTP interface's port: 8123, or 8443 with TLS."),
		q("clickhouse.nativePort", "ClickHouse native protocol port", "The native protocol's port, used by migrations: 9000, or 9440 with TLS."),
		q("clickhouse.password.name", "Secret holding the ClickHouse password", "A Secret in the namespace with the password under the key "+w.value("clickhouse.password.key")+"."),
	); err != nil {
		return err
	}
	_, err = w.confirm(q("clickhouse.cluster", "Is ClickHouse a cluster named \"default\"?", "Yes runs the migrations ON CLUSTER default (replicated tables); no for a single server."))
	return err
}

func (w *walk) s3() error {
	w.section("Object storage")
	mode, err := w.choose(q("s3.mode", "Object storage", "Langfuse keeps raw events, exports and media uploads in an S3-compatible bucket."), storeModes("SeaweedFS"))
	if err != nil || mode != "external" {
		return err
	}
	if err := w.inputs(
		q("s3.endpoint", "S3 endpoint URL (empty for AWS S3)", "The URL of an S3-compatible store (MinIO, R2, GCS), for example https://minio.example.internal; leave empty for AWS S3."),
		q("s3.region", "S3 region", "The bucket's region, for example eu-west-1; stores without regions can leave it empty (auto)."),
		q("s3.bucket", "S3 bucket", "The bucket for events, exports and media; it must exist."),
	); err != nil {
		return err
	}
	if _, err := w.confirm(q("s3.pathStyle", "Use path-style S3 URLs?", "Path-style URLs (endpoint/bucket/key) are what MinIO and most non-AWS stores need; AWS S3 wants virtual-hosted URLs.")); err != nil {
		return err
	}
	creds, err := w.choose(q("s3.credentials", "S3 credentials", "Access keys from a Secret, or the pod's cloud identity (IRSA, GKE workload identity) with no keys at all."), []Option{
		{"secret", "access keys from a Secret"},
		{"workload-identity", "the ServiceAccount's cloud identity; annotate it in the answers file (serviceAccountAnnotations)"},
	})
	if err != nil || creds != "secret" {
		return err
	}
	return w.input(q("s3.secret.name", "Secret holding the S3 access keys", fmt.Sprintf("A Secret in the namespace with the access key ID under %s and the secret key under %s.",
		w.value("s3.secret.accessKeyIdKey"), w.value("s3.secret.secretAccessKeyKey"))))
}

// component asks for the scaling and size of web or worker.
func (w *walk) component(name string) error {
	title := map[string]string{"web": "Web (UI and API)", "worker": "Worker (queue processing)"}[name]
	w.section(title)
	modes := []Option{
		{"none", "a fixed number of replicas"},
		{"hpa", "a HorizontalPodAutoscaler on CPU"},
		{"keda", "KEDA on CPU, through the chart's ScaledObject"},
	}
	if name == "worker" {
		modes = append(modes, Option{"keda-queue", "KEDA on the length of the Redis ingestion queues"})
	}
	mode, err := w.choose(q(name+".autoscaling.mode", "Autoscaling of the "+name, "Whether an autoscaler sets the "+name+"'s replica count, and which."), modes)
	if err != nil {
		return err
	}
	if mode == "none" {
		err = w.input(q(name+".replicas", "Replicas of the "+name, "How many "+name+" pods run; two or more let one fail or move without an outage."))
	} else {
		err = w.inputs(
			q(name+".autoscaling.minReplicas", "Fewest "+name+" replicas", "The autoscaler never goes below this; two or more let one fail or move without an outage."),
			q(name+".autoscaling.maxReplicas", "Most "+name+" replicas", "The autoscaler never goes above this; it must be above the fewest."),
			q(name+".autoscaling.cpuPercent", "Target CPU use in percent of the request", "The autoscaler adds replicas when average CPU use passes this share of the CPU request."),
		)
	}
	if err != nil {
		return err
	}
	if mode == "keda-queue" {
		if err := w.inputs(
			q("worker.queue.listLength", "Waiting ingestion jobs per worker replica", "KEDA adds workers until each has about this many jobs waiting."),
			q("worker.queue.pollingInterval", "Seconds between queue length checks", "How often KEDA reads the queue lengths."),
		); err != nil {
			return err
		}
		// Shards split the ingestion queue in Redis Cluster mode only.
		if w.value("redis.topology") == "cluster" {
			if err := w.input(q("worker.queue.shards", "Ingestion queue shards", "LANGFUSE_INGESTION_QUEUE_SHARD_COUNT: how many slots the ingestion queue is spread over in Redis Cluster; KEDA watches each.")); err != nil {
				return err
			}
		}
	}
	return w.inputs(
		q(name+".cpu", "CPU request of each "+name+" pod", "A Kubernetes CPU quantity such as 1 or 500m; autoscaling targets are shares of it."),
		q(name+".memory", "Memory request and limit of each "+name+" pod", "A Kubernetes memory quantity such as 2Gi or 512Mi; it is also the limit."),
	)
}

// storeModes are the choices of a store; bundled is offered only where
// the profile accepts it.
func storeModes(bundled string) []Option {
	return []Option{
		{"external", "a managed or self-run service you connect to"},
		{"bundled", "the chart's single in-cluster " + bundled + ", without backups"},
	}
}

func q(key, message, help string) Question { return Question{Key: key, Message: message, Help: help} }

func (w *walk) section(title string) { fmt.Fprintf(w.out, "\n%s\n", title) }

// assembled returns the Spec of the profile and the answers so far.
func (w *walk) assembled() (*spec.Assembled, error) {
	if w.cache == nil {
		a, err := spec.Assemble(spec.Inputs{Profile: w.profile, Flags: w.flags})
		if err != nil {
			return nil, err
		}
		w.cache = a
	}
	return w.cache, nil
}

// value returns the current value of an answers key as its flag takes it.
func (w *walk) value(key string) string {
	a, err := w.assembled()
	if err != nil {
		// Each answer was checked as it was given; a set that does not
		// assemble is a bug in the walk.
		panic(fmt.Sprintf("wizard: the answers so far do not assemble: %v", err))
	}
	n := a.Merged.Follow(strings.Split(key, ".")).Node
	if n != nil && n.Kind == values.List {
		items := make([]string, len(n.Items))
		for i, it := range n.Items {
			items[i] = it.Text()
		}
		return strings.Join(items, ",")
	}
	return n.Text()
}

func (w *walk) set(key, v string) {
	w.flags[flagOf(key)] = v
	w.cache = nil
}

func flagOf(key string) string {
	f := spec.FlagFor(key)
	if f == "" {
		panic("wizard: no flag sets " + key)
	}
	return f
}

// check checks one answer the way generate checks its flags: on its own
// (spec.CheckAnswer), then in the Spec it makes with the answers so far
// (spec's Assemble, Missing and Validate), keeping the problems of this
// key. Problems of other keys are theirs to report.
func (w *walk) check(key, raw string) error {
	raw = strings.TrimSpace(raw)
	if err := spec.CheckAnswer(key, raw); err != nil {
		return err
	}
	flags := maps.Clone(w.flags)
	flags[flagOf(key)] = raw
	a, err := spec.Assemble(spec.Inputs{Profile: w.profile, Flags: flags})
	var ps spec.Problems
	switch {
	case errors.As(err, &ps):
	case err != nil:
		return err
	default:
		ps = append(a.Missing(), a.Validate()...)
	}
	var msgs []string
	for _, p := range ps {
		if baseKey(p.Key) == key && !slices.Contains(msgs, p.Msg) {
			msgs = append(msgs, p.Msg)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	if len(msgs) == 1 && msgs[0] == "required" {
		return errors.New("an answer is required here")
	}
	return errors.New(strings.Join(msgs, "; "))
}

// baseKey strips list indexes: redis.nodes[1] is about redis.nodes.
func baseKey(k string) string {
	if i := strings.IndexByte(k, '['); i >= 0 {
		return k[:i]
	}
	return k
}

func (w *walk) inputs(qs ...Question) error {
	for _, question := range qs {
		if err := w.input(question); err != nil {
			return err
		}
	}
	return nil
}

// input asks for a line of text, checked as it is typed.
func (w *walk) input(question Question) error {
	ask := func() error {
		v, err := w.p.Input(question, w.value(question.Key), func(s string) error { return w.check(question.Key, s) })
		if err != nil {
			return err
		}
		w.set(question.Key, strings.TrimSpace(v))
		return nil
	}
	w.again[question.Key] = ask
	w.asked = append(w.asked, question.Key)
	return ask()
}

// choose asks for one of options, offering only those that pass the
// checks with the answers so far. A single one left is taken without
// asking (bundled stores in a production profile, for one).
func (w *walk) choose(question Question, options []Option) (string, error) {
	var ok []Option
	var rejected []string
	for _, o := range options {
		if err := w.check(question.Key, o.Value); err == nil {
			ok = append(ok, o)
		} else {
			rejected = append(rejected, err.Error())
		}
	}
	switch len(ok) {
	case 0:
		return "", spec.Problems{{Key: question.Key, Msg: "no choice fits the answers so far: " + strings.Join(rejected, "; ")}}
	case 1:
		w.decide(question, ok[0].Value, rejected)
		return ok[0].Value, nil
	}
	def := w.value(question.Key)
	if !slices.ContainsFunc(ok, func(o Option) bool { return o.Value == def }) {
		def = ok[0].Value
	}
	ask := func() error {
		for {
			v, err := w.p.Select(question, ok, def)
			if err != nil {
				return err
			}
			if err := w.check(question.Key, v); err != nil {
				fmt.Fprintf(w.out, "✗ %s\n", err)
				continue
			}
			w.set(question.Key, v)
			return nil
		}
	}
	w.again[question.Key] = ask
	w.asked = append(w.asked, question.Key)
	if err := ask(); err != nil {
		return "", err
	}
	return w.value(question.Key), nil
}

// confirm asks a yes/no question when both answers pass the checks.
func (w *walk) confirm(question Question) (bool, error) {
	var ok []string
	var rejected []string
	for _, v := range []string{"true", "false"} {
		if err := w.check(question.Key, v); err == nil {
			ok = append(ok, v)
		} else {
			rejected = append(rejected, err.Error())
		}
	}
	switch len(ok) {
	case 0:
		return false, spec.Problems{{Key: question.Key, Msg: "neither answer fits the answers so far: " + strings.Join(rejected, "; ")}}
	case 1:
		w.decide(question, ok[0], rejected)
		return ok[0] == "true", nil
	}
	ask := func() error {
		def, _ := strconv.ParseBool(w.value(question.Key))
		for {
			b, err := w.p.Confirm(question, def)
			if err != nil {
				return err
			}
			v := strconv.FormatBool(b)
			if err := w.check(question.Key, v); err != nil {
				fmt.Fprintf(w.out, "✗ %s\n", err)
				continue
			}
			w.set(question.Key, v)
			return nil
		}
	}
	w.again[question.Key] = ask
	w.asked = append(w.asked, question.Key)
	if err := ask(); err != nil {
		return false, err
	}
	return w.value(question.Key) == "true", nil
}

// decide takes the only acceptable answer of a question without asking,
// and says so when it differs from the default.
func (w *walk) decide(question Question, v string, rejected []string) {
	if w.value(question.Key) == v {
		return
	}
	w.set(question.Key, v)
	shown := v
	switch v {
	case "true":
		shown = "yes"
	case "false":
		shown = "no"
	}
	fmt.Fprintf(w.out, "  %s %s (the only answer that fits: %s)\n", question.Message, shown, strings.Join(rejected, "; "))
}

// settle checks the whole set; a problem of an asked key sends the walk
// back to that question, a few rounds at most.
func (w *walk) settle() (*spec.Assembled, error) {
	for round := 0; ; round++ {
		w.cache = nil
		a, err := w.assembled()
		var ps spec.Problems
		switch {
		case errors.As(err, &ps):
		case err != nil:
			return nil, err
		default:
			ps = append(a.Missing(), a.Validate()...)
		}
		if len(ps) == 0 {
			return a, nil
		}
		if round == 3 {
			return nil, ps
		}
		redo := map[string]bool{}
		for _, p := range ps {
			k := baseKey(p.Key)
			if w.again[k] == nil {
				return nil, ps
			}
			if !redo[k] {
				redo[k] = true
				fmt.Fprintf(w.out, "✗ %s: %s\n", k, p.Msg)
				if err := w.again[k](); err != nil {
					return nil, err
				}
			}
		}
	}
}

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

// acceptKeyPrefix starts the key of a question that asks why a warning is
// acceptable: accept.<rule>.
const acceptKeyPrefix = "accept."

// Answers are what the wizard was told: a profile, the flags valuesmith
// generate would take for the same Spec, and the warnings accepted.
type Answers struct {
	Profile string
	// Flags maps generate's flag names (without dashes) to values, as the
	// generate command builds them from its command line.
	Flags map[string]string
	// Accept are the warnings accepted, as generate's --accept takes them
	// (RULE=REASON), in the order they were accepted.
	Accept []string
	// Asked lists the answers keys that were asked, in order, and
	// accept.<rule> for each reason asked.
	Asked []string
}

// Inputs are the answers as generate's inputs.
func (a *Answers) Inputs() spec.Inputs {
	return spec.Inputs{Profile: a.Profile, Flags: a.Flags, Accept: a.Accept}
}

// Ask walks the questions, starting from profile's defaults (asking for
// the profile when it is ""), and returns the answers once they assemble
// into a Spec that passes spec's checks. Each reply is checked as it is
// typed with the checks generate applies to its flags; a reply that raises
// a warning is taken once the person gives a reason to accept it; a
// problem only the whole set reveals sends the walk back to the question
// that answers it.
func Ask(p Prompter, out io.Writer, profile string) (*Answers, *spec.Assembled, error) {
	w := newWalk(p, out, profile)
	if err := w.questions(); err != nil {
		return nil, nil, err
	}
	a, err := w.settle()
	if err != nil {
		return nil, nil, err
	}
	return w.answers(), a, nil
}

type walk struct {
	p       Prompter
	out     io.Writer
	profile string
	flags   map[string]string
	// accepted are the warnings accepted so far, each with its reason.
	accepted []profiles.Accepted
	asked    []string
	// again re-asks the question of an answers key.
	again map[string]func() error
	// sectionOf is the section each asked key belongs to.
	sectionOf map[string]int
	current   int
	// redo, while a section is walked again to change one answer, is the
	// key being changed: other questions asked before keep their answers.
	redo  string
	cache *spec.Assembled
}

func newWalk(p Prompter, out io.Writer, profile string) *walk {
	return &walk{p: p, out: out, profile: profile, flags: map[string]string{}, again: map[string]func() error{}, sectionOf: map[string]int{}}
}

func (w *walk) answers() *Answers {
	return &Answers{Profile: w.profile, Flags: maps.Clone(w.flags), Accept: w.acceptFlags(w.accepted), Asked: slices.Clone(w.asked)}
}

func (w *walk) acceptFlags(acc []profiles.Accepted) []string {
	out := make([]string, len(acc))
	for i, a := range acc {
		out[i] = a.Rule + "=" + a.Reason
	}
	return out
}

func (w *walk) inputs(flags map[string]string, accepted []profiles.Accepted) spec.Inputs {
	return spec.Inputs{Profile: w.profile, Flags: flags, Accept: w.acceptFlags(accepted)}
}

// section is one group of questions.
type section struct {
	title string
	ask   func() error
}

// The sections, in an order where each answer's checks depend only on
// answers given before it: stores before the scaling that reads their
// queues, replicas before the disruption budget, the release before the
// Secret names.
func (w *walk) sections() []section {
	return []section{
		{"Installation", w.installation},
		{"PostgreSQL", w.postgres},
		{"Redis", w.redis},
		{"ClickHouse", w.clickhouse},
		{"Object storage", w.s3},
		{"Web (UI and API)", func() error { return w.component("web") }},
		{"Worker (queue processing)", func() error { return w.component("worker") }},
		{"Availability", w.availability},
		{"Access", w.access},
	}
}

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
	for i, s := range w.sections() {
		if err := w.runSection(i, s); err != nil {
			return err
		}
	}
	return nil
}

func (w *walk) runSection(i int, s section) error {
	w.current = i
	fmt.Fprintf(w.out, "\n%s\n", s.title)
	return s.ask()
}

// change asks the question of key again, and with it the questions of its
// section that only now apply (a Redis topology's nodes, say); questions
// answered before keep their answers.
func (w *walk) change(key string) error {
	i, ok := w.sectionOf[key]
	if !ok {
		return fmt.Errorf("wizard: %s was never asked", key)
	}
	w.redo = key
	defer func() { w.redo = "" }()
	return w.runSection(i, w.sections()[i])
}

// keep reports whether a question is passed over because a section is
// walked again for another answer.
func (w *walk) keep(key string) bool {
	return w.redo != "" && key != w.redo && slices.Contains(w.asked, key)
}

func (w *walk) installation() error {
	if err := w.ask(
		q("host", "Public host name", "The DNS name people open in the browser, for example langfuse.example.com; the Ingress and NEXTAUTH_URL use it. A pasted URL such as https://langfuse.example.com/ is taken for its host."),
		q("release", "Helm release name", "The name you will give helm install; it is part of resource names and of the topology spread selectors, so it must match."),
		q("namespace", "Namespace", "The namespace the release goes into; the Secrets it references must be created there."),
		q("appVersion", "Langfuse version", "A full release version such as 4.4.0: tags like latest move under you and make upgrades unreviewable."),
	); err != nil {
		return err
	}
	ingress, err := w.confirm(q("ingress.enabled", "Create an Ingress for the web UI and API?", "Say no if something else (a Gateway, a cloud load balancer) routes traffic to the web Service."))
	if err != nil || !ingress {
		return err
	}
	return w.ask(
		q("ingress.className", "IngressClass", "The IngressClass of your ingress controller, for example nginx; with nginx the body size limit is set for large prompts and media."),
		q("ingress.tlsSecret", "Secret holding the TLS certificate", "A kubernetes.io/tls Secret in the namespace; cert-manager fills it when you name an issuer next."),
		q("ingress.certManagerIssuer", "cert-manager ClusterIssuer (empty if you manage the certificate yourself)", "When set, cert-manager issues the certificate into the Secret above; leave empty if you create the Secret yourself."),
	)
}

func (w *walk) availability() error {
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
	return w.input(q("startupSeconds", "Expected web start-up time in seconds (P99, database migrations included)",
		"The liveness probe waits about 1.3 times this long, so a slow start with migrations is not killed and restarted in a loop."))
}

func (w *walk) access() error {
	if err := w.input(q("appSecret.name", "Secret for Langfuse's salt, encryption key and NextAuth secret",
		"Create it once before installing (valuesmith wizard --secrets-out FILE writes one with random values); it must not be named <release>-langfuse-app, which the chart renders itself.")); err != nil {
		return err
	}
	_, err := w.confirm(q("signUpDisabled", "Disable self sign-up?", "With sign-up open, anyone who reaches the host can create an account."))
	return err
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
	mode, err := w.choose(q("postgres.mode", "PostgreSQL", "Langfuse keeps users, projects, prompts and settings in PostgreSQL."), storeModes("PostgreSQL"))
	if err != nil || mode != "external" {
		return err
	}
	return w.ask(
		q("postgres.host", "PostgreSQL host, with :port unless 5432", "Host name of the database server, with :port when it is not 5432 (Langfuse ignores a separate port setting)."),
		q("postgres.database", "PostgreSQL database", "The database Langfuse owns; its migrations create the tables."),
		q("postgres.user", "PostgreSQL user", "The user Langfuse connects as; it must own the database."),
		q("postgres.password.name", "Secret holding the PostgreSQL password", "A Secret in the namespace with the user's password under the key "+w.value("postgres.password.key")+"."),
	)
}

func (w *walk) redis() error {
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
		err = w.ask(
			q("redis.sentinel.masterName", "Name of the primary the Sentinels monitor", "The master name in the Sentinels' configuration, for example mymaster."),
			q("redis.sentinel.nodes", "Sentinel nodes, comma-separated host:port", "The Sentinels as host:port, usually on port 26379."),
		)
	default:
		err = w.ask(
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
	_, err = w.confirm(q("redis.tls", "Connect to Redis with TLS?", "Without TLS, passwords and trace data cross the network in clear text; managed Redis services (ElastiCache with in-transit encryption, Memorystore, Azure Cache) speak TLS."))
	return err
}

func (w *walk) clickhouse() error {
	mode, err := w.choose(q("clickhouse.mode", "ClickHouse", "Langfuse stores traces, observations and scores in ClickHouse."), storeModes("ClickHouse (needs the ClickHouse operator)"))
	if err != nil || mode != "external" {
		return err
	}
	if err := w.ask(
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
	mode, err := w.choose(q("s3.mode", "Object storage", "Langfuse keeps raw events, exports and media uploads in an S3-compatible bucket."), storeModes("SeaweedFS"))
	if err != nil || mode != "external" {
		return err
	}
	if err := w.ask(
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
		{"workload-identity", "the ServiceAccount's cloud identity: no keys in the cluster"},
	})
	if err != nil {
		return err
	}
	if creds == "workload-identity" {
		return w.input(q("serviceAccountAnnotations", "ServiceAccount annotation that names the cloud identity, key=value (empty for none)",
			"IRSA on EKS: eks.amazonaws.com/role-arn=arn:aws:iam::<account>:role/<role>; GKE: iam.gke.io/gcp-service-account=<name>@<project>.iam.gserviceaccount.com. "+
				"EKS Pod Identity needs none. Several annotations are separated by commas."))
	}
	return w.input(q("s3.secret.name", "Secret holding the S3 access keys", fmt.Sprintf("A Secret in the namespace with the access key ID under %s and the secret key under %s.",
		w.value("s3.secret.accessKeyIdKey"), w.value("s3.secret.secretAccessKeyKey"))))
}

// component asks for the scaling and size of web or worker.
func (w *walk) component(name string) error {
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
		err = w.ask(
			q(name+".autoscaling.minReplicas", "Fewest "+name+" replicas", "The autoscaler never goes below this; two or more let one fail or move without an outage."),
			q(name+".autoscaling.maxReplicas", "Most "+name+" replicas", "The autoscaler never goes above this; it must be above the fewest."),
			q(name+".autoscaling.cpuPercent", "Target CPU use in percent of the request", "The autoscaler adds replicas when average CPU use passes this share of the CPU request; Langfuse's guide calls a container above 50% saturated."),
		)
	}
	if err != nil {
		return err
	}
	if mode == "keda-queue" {
		if err := w.ask(
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
	return w.ask(
		q(name+".cpu", "CPU request of each "+name+" pod", "A Kubernetes CPU quantity such as 2 or 500m; autoscaling targets are shares of it. Langfuse documents 2 as the minimum."),
		q(name+".memory", "Memory request and limit of each "+name+" pod", "A Kubernetes memory quantity such as 4Gi or 512Mi; it is also the limit, and the heap ceiling is 75% of it. Langfuse documents 4Gi as the minimum."),
	)
}

// storeModes are the choices of a store.
func storeModes(bundled string) []Option {
	return []Option{
		{"external", "a managed or self-run service you connect to"},
		{"bundled", "the chart's single in-cluster " + bundled + ", without backups"},
	}
}

func q(key, message, help string) Question { return Question{Key: key, Message: message, Help: help} }

// assembled returns the Spec of the profile and the answers so far.
func (w *walk) assembled() (*spec.Assembled, error) {
	if w.cache == nil {
		a, err := spec.Assemble(w.inputs(w.flags, w.accepted))
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
	switch {
	case n != nil && n.Kind == values.List:
		items := make([]string, len(n.Items))
		for i, it := range n.Items {
			items[i] = it.Text()
		}
		return strings.Join(items, ",")
	case n != nil && n.Kind == values.Map:
		pairs := make([]string, len(n.Fields))
		for i, f := range n.Fields {
			pairs[i] = f.Key + "=" + f.Value.Text()
		}
		return strings.Join(pairs, ",")
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
// (spec.Resolve), keeping the problems of this key; problems of other keys
// are theirs to report. It returns the warnings the answer raises, which
// an accepted reason lets through, and an error for anything else.
func (w *walk) check(key, raw string) ([]spec.Problem, error) {
	raw = strings.TrimSpace(raw)
	if err := spec.CheckAnswer(key, raw); err != nil {
		return nil, err
	}
	flags := maps.Clone(w.flags)
	flags[flagOf(key)] = raw
	_, ps, err := spec.Resolve(w.inputs(flags, w.accepted))
	if err != nil {
		return nil, err
	}
	var msgs []string
	var warnings []spec.Problem
	for _, p := range ps {
		if spec.BaseKey(p.Key) != key {
			continue
		}
		if p.Rule != "" {
			warnings = append(warnings, p)
		} else if !slices.Contains(msgs, p.Msg) {
			msgs = append(msgs, p.Msg)
		}
	}
	switch {
	case len(msgs) == 1 && msgs[0] == spec.Required:
		return nil, errors.New("an answer is required here")
	case len(msgs) > 0:
		return nil, errors.New(strings.Join(msgs, "; "))
	}
	return warnings, nil
}

// accept asks, for each warning an answer raises, why it is acceptable;
// an empty reply declines, and then the answer is not taken.
func (w *walk) accept(warnings []spec.Problem) (bool, error) {
	var taken []profiles.Accepted
	for _, p := range warnings {
		if slices.ContainsFunc(taken, func(a profiles.Accepted) bool { return a.Rule == p.Rule }) {
			continue
		}
		msg := strings.TrimSuffix(p.Msg, spec.AcceptHint(p.Rule))
		fmt.Fprintf(w.out, "! %s: %s\n", p.Rule, msg)
		w.asked = append(w.asked, acceptKeyPrefix+p.Rule)
		reason, err := w.p.Input(Question{Key: acceptKeyPrefix + p.Rule, Message: "Why is " + p.Rule + " acceptable here? (empty: answer again)",
			Help: "The reason goes into the answers file and next to the line in values.yaml, as # valuesmith:ignore " + p.Rule + " <reason>, so that reviewers can judge it."},
			"", func(s string) error { return spec.CheckReason(s) })
		if err != nil {
			return false, err
		}
		if reason = strings.TrimSpace(reason); reason == "" {
			return false, nil
		}
		taken = append(taken, profiles.Accepted{Rule: p.Rule, Reason: reason})
	}
	w.accepted = append(w.accepted, taken...)
	w.cache = nil
	return true, nil
}

// ask asks questions in turn.
func (w *walk) ask(qs ...Question) error {
	for _, question := range qs {
		if err := w.input(question); err != nil {
			return err
		}
	}
	return nil
}

// register records a question so that it can be asked again, and
// reports whether to ask it now (false while its section is walked again
// for another answer).
func (w *walk) register(key string, ask func() error) bool {
	w.again[key] = ask
	if w.keep(key) {
		return false
	}
	if _, ok := w.sectionOf[key]; !ok {
		w.sectionOf[key] = w.current
	}
	w.asked = append(w.asked, key)
	return true
}

// input asks for a line of text, checked as it is typed. A pasted URL for
// the host is taken for its host name, and the wizard says so.
func (w *walk) input(question Question) error {
	key := question.Key
	normal := func(s string) string {
		s = strings.TrimSpace(s)
		if key == "host" {
			if h, ok := spec.HostOfURL(s); ok {
				return h
			}
		}
		return s
	}
	ask := func() error {
		for {
			var warnings []spec.Problem
			v, err := w.p.Input(question, w.value(key), func(s string) error {
				var err error
				warnings, err = w.check(key, normal(s))
				return err
			})
			if err != nil {
				return err
			}
			if n := normal(v); n != strings.TrimSpace(v) {
				fmt.Fprintf(w.out, "  kept the host name %s from %s\n", n, strings.TrimSpace(v))
				v = n
			}
			if len(warnings) > 0 {
				ok, err := w.accept(warnings)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
			}
			w.set(key, strings.TrimSpace(v))
			return nil
		}
	}
	if !w.register(key, ask) {
		return nil
	}
	return ask()
}

// offered are the options of a choice that pass the checks with the
// answers so far, each noting the warning it raises, if any; rejected
// says why the others do not.
func (w *walk) offered(key string, options []Option) (ok []Option, rejected []string) {
	for _, o := range options {
		ws, err := w.check(key, o.Value)
		if err != nil {
			rejected = append(rejected, err.Error())
			continue
		}
		if len(ws) > 0 {
			var rules []string
			for _, p := range ws {
				if !slices.Contains(rules, p.Rule) {
					rules = append(rules, p.Rule)
				}
			}
			o.Note = strings.TrimSpace(o.Note + " (warning " + strings.Join(rules, ", ") + ": accept it with a reason)")
		}
		ok = append(ok, o)
	}
	return ok, rejected
}

// choose asks for one of options, offering only those that pass the
// checks with the answers so far (those that raise a warning say so, and
// are taken once a reason accepts it). A single one left is taken without
// asking.
func (w *walk) choose(question Question, options []Option) (string, error) {
	ok, rejected := w.offered(question.Key, options)
	switch len(ok) {
	case 0:
		return "", spec.Problems{{Key: question.Key, Msg: "no choice fits the answers so far: " + strings.Join(rejected, "; ")}}
	case 1:
		w.decide(question, ok[0].Value, rejected)
		return ok[0].Value, nil
	}
	ask := func() error {
		for {
			ok, _ := w.offered(question.Key, options)
			def := w.safeDefault(question.Key, ok)
			v, err := w.p.Select(question, ok, def)
			if err != nil {
				return err
			}
			ws, err := w.check(question.Key, v)
			if err != nil {
				fmt.Fprintf(w.out, "✗ %s\n", err)
				continue
			}
			if len(ws) > 0 {
				accepted, err := w.accept(ws)
				if err != nil {
					return err
				}
				if !accepted {
					continue
				}
			}
			w.set(question.Key, v)
			return nil
		}
	}
	if w.register(question.Key, ask) {
		if err := ask(); err != nil {
			return "", err
		}
	}
	return w.value(question.Key), nil
}

// confirm asks a yes/no question when both answers pass the checks (an
// answer that raises a warning is taken once a reason accepts it).
func (w *walk) confirm(question Question) (bool, error) {
	yesNo := []Option{{Value: "true"}, {Value: "false"}}
	ok, rejected := w.offered(question.Key, yesNo)
	switch len(ok) {
	case 0:
		return false, spec.Problems{{Key: question.Key, Msg: "neither answer fits the answers so far: " + strings.Join(rejected, "; ")}}
	case 1:
		w.decide(question, ok[0].Value, rejected)
		return ok[0].Value == "true", nil
	}
	ask := func() error {
		for {
			def, _ := strconv.ParseBool(w.safeDefault(question.Key, ok))
			b, err := w.p.Confirm(question, def)
			if err != nil {
				return err
			}
			v := strconv.FormatBool(b)
			ws, err := w.check(question.Key, v)
			if err != nil {
				fmt.Fprintf(w.out, "✗ %s\n", err)
				continue
			}
			if len(ws) > 0 {
				accepted, err := w.accept(ws)
				if err != nil {
					return err
				}
				if !accepted {
					continue
				}
			}
			w.set(question.Key, v)
			return nil
		}
	}
	if w.register(question.Key, ask) {
		if err := ask(); err != nil {
			return false, err
		}
	}
	return w.value(question.Key) == "true", nil
}

// safeDefault is the answer Enter gives: the current one, unless it raises
// a warning that another offered answer does not.
func (w *walk) safeDefault(key string, offered []Option) string {
	cur := w.value(key)
	if !slices.ContainsFunc(offered, func(o Option) bool { return o.Value == cur }) {
		cur = offered[0].Value
	}
	if ws, err := w.check(key, cur); err == nil && len(ws) == 0 {
		return cur
	}
	for _, o := range offered {
		if ws, err := w.check(key, o.Value); err == nil && len(ws) == 0 {
			return o.Value
		}
	}
	return cur
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
		a, ps, err := spec.Resolve(w.inputs(w.flags, w.accepted))
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			w.cache = a
			return a, nil
		}
		if round == 3 {
			return nil, ps
		}
		redo := map[string]bool{}
		for _, p := range ps {
			k := spec.BaseKey(p.Key)
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

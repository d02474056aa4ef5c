// Package templates renders the generator's output: a commented values.yaml
// for the Langfuse chart, from an assembled Spec. The text lives in embedded
// text/template files; this file computes what they print (probe timings,
// names, label selectors, queue triggers) so the templates stay declarative.
package templates

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

//go:embed *.tmpl
var files embed.FS

// parsed holds the templates, parsed on first use rather than at start-up
// (most commands never render).
var parsed = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"q":          quote,
		"join":       strings.Join,
		"dict":       dict,
		"sortedKeys": SortedKeys,
		"bound":      bound,
		"inc":        func(i int) int { return i + 1 },
	}).ParseFS(files, "*.tmpl"))
})

// Warm parses the templates ahead of the first render, on a core that
// would otherwise wait.
func Warm() { parsed() }

// dict builds a map from key/value pairs, to pass several values to a
// nested template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key/value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// bound prints a PDB bound: a count as a number, a percentage quoted.
func bound(s string) string {
	if strings.HasSuffix(s, "%") {
		return quote(s)
	}
	return s
}

// Probe is one probe's timing.
type Probe struct {
	InitialDelaySeconds, PeriodSeconds, TimeoutSeconds, FailureThreshold int
}

// Window is how long a failing container is probed before it is restarted
// or marked unready.
func (p Probe) Window() int { return p.FailureThreshold * p.PeriodSeconds }

// Secret is a Secret the release needs before it is installed.
type Secret struct {
	Name string
	Keys []string
	Note string
}

// Trigger is one KEDA queue trigger.
type Trigger struct {
	Type     string
	ListName string
}

// View is everything the values template prints.
type View struct {
	S        *spec.Spec
	Profile  *profiles.Profile
	Accepted []profiles.Accepted

	Fullname string
	Name     string
	// Chart is the chart release the values are for: its facts (ports,
	// probe paths, labels) are printed from there.
	Chart *schema.Version
	// WorkerPort is the port the worker image listens on, which its
	// container port and liveness probe use.
	WorkerPort int
	// WorkerLivenessPath is the worker liveness probe's fixed path.
	WorkerLivenessPath string

	WebLiveness, WebReadiness, WorkerLiveness Probe
	// LivenessFactor is the multiple of the start-up time the liveness delay
	// allows.
	LivenessFactor float64

	WebTag, WorkerTag string
	Secrets           []Secret
	QueueTriggers     []Trigger
	QueueAddress      string
	ClickHouseSSL     bool
	S3Region          string
	BodySizeNginx     bool
	// ExampleHosts are the hosts in the file that are placeholders (example
	// names), listed in the header so nobody installs them by mistake.
	ExampleHosts []string

	// Minimum is Langfuse's documented minimum size of a container.
	Minimum model.Sizing
	// HeapPercent is the share of the memory limit given to the V8 heap;
	// WebHeapMiB and WorkerHeapMiB are that share of each limit.
	HeapPercent               int
	WebHeapMiB, WorkerHeapMiB int64
	// RenderAPIs are the API versions helm template must be given to render
	// these values without a cluster.
	RenderAPIs []string
}

// livenessFactor is how many times the expected start-up time the web
// liveness probe waits (the rules ask for 1.2 to 1.5).
const livenessFactor = 1.3

// NewView computes the template's view of an assembled spec.
func NewView(a *spec.Assembled) *View {
	s := a.Spec
	v := &View{
		S:              s,
		Profile:        a.Profile,
		Accepted:       a.Accepted(),
		Fullname:       spec.Fullname(s.Release),
		Chart:          schema.Newest(),
		LivenessFactor: livenessFactor,
		ClickHouseSSL:  strings.HasPrefix(s.ClickHouse.Host, "https://"),
		S3Region:       s.S3.Region,
		BodySizeNginx:  s.Ingress.ClassName == "nginx",
		Minimum:        model.DocumentedMinimum,
		HeapPercent:    rules.HeapPercent,
		WebHeapMiB:     heapMiB(s.Web.Memory),
		WorkerHeapMiB:  heapMiB(s.Worker.Memory),
	}
	w := v.Chart.Workloads
	v.Name = w.ChartName
	worker := w.Component("worker")
	v.WorkerPort = worker.ImagePort
	v.WorkerLivenessPath = worker.Probes[0].Path
	if v.S3Region == "" {
		v.S3Region = "auto"
	}
	delay := int(math.Ceil(float64(s.StartupSeconds) * livenessFactor))
	v.WebLiveness = Probe{InitialDelaySeconds: delay, PeriodSeconds: 10, TimeoutSeconds: 5, FailureThreshold: 3}
	v.WebReadiness = Probe{InitialDelaySeconds: min(10, delay), PeriodSeconds: 5, TimeoutSeconds: 5, FailureThreshold: 3}
	v.WorkerLiveness = Probe{InitialDelaySeconds: delay, PeriodSeconds: 10, TimeoutSeconds: 5, FailureThreshold: 6}

	v.WebTag, v.WorkerTag = s.AppVersion, s.AppVersion
	if s.Images.WebDigest != "" {
		v.WebTag = s.AppVersion + "@" + s.Images.WebDigest
	}
	if s.Images.WorkerDigest != "" {
		v.WorkerTag = s.AppVersion + "@" + s.Images.WorkerDigest
	}

	v.Secrets = append(v.Secrets, Secret{Name: s.AppSecret.Name, Keys: []string{s.AppSecret.SaltKey, s.AppSecret.EncryptionKeyKey, s.AppSecret.NextAuthSecretKey},
		Note: "valuesmith generate --secrets-out FILE writes it with fresh random values"})
	if s.Ingress.Enabled && s.Ingress.CertManagerIssuer == "" {
		v.Secrets = append(v.Secrets, Secret{Name: s.Ingress.TLSSecret, Keys: []string{"tls.crt", "tls.key"}, Note: "the TLS certificate of " + s.Host})
	}
	if s.Postgres.Mode == "external" {
		v.Secrets = append(v.Secrets, Secret{Name: s.Postgres.Password.Name, Keys: []string{s.Postgres.Password.Key}, Note: "PostgreSQL password of user " + s.Postgres.User})
	}
	if s.Redis.Mode == "external" {
		v.Secrets = append(v.Secrets, Secret{Name: s.Redis.Password.Name, Keys: []string{s.Redis.Password.Key}, Note: "Redis password"})
		if s.Redis.Topology == "sentinel" && s.Redis.Sentinel.Password.Name != "" {
			v.Secrets = append(v.Secrets, Secret{Name: s.Redis.Sentinel.Password.Name, Keys: []string{s.Redis.Sentinel.Password.Key}, Note: "Redis Sentinel password"})
		}
	}
	if s.ClickHouse.Mode == "external" {
		v.Secrets = append(v.Secrets, Secret{Name: s.ClickHouse.Password.Name, Keys: []string{s.ClickHouse.Password.Key}, Note: "ClickHouse password of user " + s.ClickHouse.User})
	}
	if s.S3.Mode == "external" && s.S3.Credentials == "secret" {
		v.Secrets = append(v.Secrets, Secret{Name: s.S3.Secret.Name, Keys: []string{s.S3.Secret.AccessKeyIDKey, s.S3.Secret.SecretAccessKeyKey}, Note: "S3 access keys"})
	}
	v.Secrets = mergeSecrets(v.Secrets)
	v.ExampleHosts = exampleHosts(s)

	if s.Worker.Autoscaling.Mode == "keda-queue" {
		v.QueueTriggers, v.QueueAddress = queueTriggers(s)
	}
	return v
}

// heapMiB is the V8 heap ceiling for a memory limit (a valid quantity, as
// Validate ensures; 0 otherwise).
func heapMiB(memory string) int64 {
	q, err := resource.ParseQuantity(memory)
	if err != nil {
		return 0
	}
	return rules.HeapMiB(q)
}

// mergeSecrets joins entries that name the same Secret.
func mergeSecrets(in []Secret) []Secret {
	var out []Secret
	index := map[string]int{}
	for _, s := range in {
		if i, ok := index[s.Name]; ok {
			for _, k := range s.Keys {
				if !contains(out[i].Keys, k) {
					out[i].Keys = append(out[i].Keys, k)
				}
			}
			out[i].Note += "; " + s.Note
			continue
		}
		index[s.Name] = len(out)
		out = append(out, s)
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// queueTriggers lists the Redis lists that hold waiting ingestion jobs
// (BullMQ's <prefix>:<queue>:wait) for the chosen Redis topology.
func queueTriggers(s *spec.Spec) ([]Trigger, string) {
	queues := []string{"ingestion-queue", "otel-ingestion-queue"}
	var names []string
	for _, q := range queues {
		names = append(names, q)
		// Shards are used in cluster mode only; shard i > 0 is <queue>-<i>.
		if s.Redis.Topology == "cluster" && q == "ingestion-queue" {
			for i := 1; i < s.Worker.Queue.Shards; i++ {
				names = append(names, fmt.Sprintf("%s-%d", q, i))
			}
		}
	}
	var out []Trigger
	for _, n := range names {
		switch s.Redis.Topology {
		case "cluster":
			out = append(out, Trigger{Type: "redis-cluster", ListName: "{" + n + "}:" + n + ":wait"})
		case "sentinel":
			out = append(out, Trigger{Type: "redis-sentinel", ListName: "bull:" + n + ":wait"})
		default:
			out = append(out, Trigger{Type: "redis", ListName: "bull:" + n + ":wait"})
		}
	}
	addr := fmt.Sprintf("%s:%d", s.Redis.Host, s.Redis.Port)
	switch s.Redis.Topology {
	case "cluster":
		addr = strings.Join(s.Redis.Nodes, ",")
	case "sentinel":
		addr = strings.Join(s.Redis.Sentinel.Nodes, ",")
	}
	return out, addr
}

// exampleHosts lists, in file order, the hosts of s that are placeholders.
func exampleHosts(s *spec.Spec) []string {
	hosts := []string{s.Host}
	if s.Postgres.Mode == "external" {
		hosts = append(hosts, s.Postgres.Host)
	}
	if s.Redis.Mode == "external" {
		switch s.Redis.Topology {
		case "cluster":
			hosts = append(hosts, s.Redis.Nodes...)
		case "sentinel":
			hosts = append(hosts, s.Redis.Sentinel.Nodes...)
		default:
			hosts = append(hosts, s.Redis.Host)
		}
	}
	if s.ClickHouse.Mode == "external" {
		hosts = append(hosts, s.ClickHouse.Host)
	}
	if s.S3.Mode == "external" {
		hosts = append(hosts, s.S3.Endpoint)
	}
	var out []string
	for _, h := range hosts {
		if IsExampleHost(h) && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// IsExampleHost reports whether a host (optionally with a scheme and a port)
// is a placeholder: a name under the reserved example domains and top-level
// domains (RFC 2606: example.com, .net, .org, .example, .test, .invalid) or
// with a label "example", as in the embedded example answers'
// postgres.example.internal.
func IsExampleHost(h string) bool {
	if _, rest, ok := strings.Cut(h, "://"); ok {
		h = rest
	}
	h, _, _ = strings.Cut(h, "/")
	if i := strings.LastIndexByte(h, ':'); i >= 0 {
		h = h[:i]
	}
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	if h == "" {
		return false
	}
	labels := strings.Split(h, ".")
	switch labels[len(labels)-1] {
	case "example", "test", "invalid":
		return true
	}
	return slices.Contains(labels, "example")
}

// Render writes the values file of an assembled spec. renderAPIs are the
// API versions an offline helm template needs for these values (the
// generator reads them from the rendered values), printed in the header.
func Render(a *spec.Assembled, renderAPIs []string) ([]byte, error) {
	// Inputs are printed into comments, which a line break would end.
	// Validate refuses such inputs; this guards callers that skip it.
	if err := a.CheckText(); err != nil {
		return nil, fmt.Errorf("render values: %w", err)
	}
	v := NewView(a)
	v.RenderAPIs = renderAPIs
	var b bytes.Buffer
	if err := parsed().ExecuteTemplate(&b, "values.yaml.tmpl", v); err != nil {
		return nil, fmt.Errorf("render values: %w", err)
	}
	return tidy(b.Bytes()), nil
}

// tidy removes trailing spaces and runs of blank lines left by template
// actions, so output is clean and stable.
func tidy(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return []byte(strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n")
}

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// SortedKeys returns a map's keys in order, for stable output.
func SortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

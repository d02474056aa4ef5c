package chart

import (
	"fmt"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/kubevalidate"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
)

// SecretRef is a Secret the release's pods (or Ingress, or autoscalers)
// read and the release does not create itself.
type SecretRef struct {
	Name   string   `json:"name"`
	Keys   []string `json:"keys,omitempty"`
	UsedBy []string `json:"usedBy"`
}

// Result is what rendering and checking a release found.
type Result struct {
	Findings []finding.Finding
	// Objects are the rendered objects (nil when the chart refused).
	Objects []*Object
	// Secrets lists the Secrets to create before helm install.
	Secrets []SecretRef
	// Offered are the API versions valuesmith offered because the values
	// use them.
	Offered []string
}

// Check renders c with the user's values and checks the manifests. ctx holds
// the same release's effective values with positions, to trace findings
// back to the values lines.
func Check(opts Options, c *chart.Chart, ctx *rules.Context, userVals map[string]any) (*Result, error) {
	res := &Result{}
	emit := func(rule string, w rules.Where, format string, args ...any) {
		res.Findings = append(res.Findings, ctx.Emit(rule, w, format, args...))
	}
	file := func(name string) string { return chartFile(opts.Path, name) }
	objectAt := func(o *Object, field string) rules.Where {
		p := o.ID()
		if field != "" {
			p += " " + field
		}
		return rules.Where{Pos: values.Pos{File: file(o.Template)}, Path: p}
	}

	// What the values need from the (absent) cluster.
	apis := append([]string{}, opts.APIVersions...)
	for _, need := range neededAPIs(ctx) {
		if contains(apis, need.api) {
			continue
		}
		if opts.AutoAPIVersions {
			apis = append(apis, need.api)
			res.Offered = append(res.Offered, need.api)
			continue
		}
		if need.silent {
			emit("chart-api-missing", ctx.At(need.key), "%s is on, but the API %s was not offered: the chart renders nothing for it (pass --api-versions %s)", need.key, need.api, need.api)
		}
	}
	caps, err := capabilities(opts.KubeVersion, apis)
	if err != nil {
		return nil, err
	}

	rc := withoutMissing(c)
	if err := chartutil.ProcessDependenciesWithMerge(rc, userVals); err != nil {
		return nil, fmt.Errorf("process dependencies: %w", err)
	}
	vals, err := chartutil.ToRenderValues(rc, userVals, chartutil.ReleaseOptions{
		Name: opts.Release, Namespace: opts.Namespace, Revision: 1, IsInstall: true,
	}, caps)
	if err != nil {
		emit("chart-render", rules.Where{Pos: values.Pos{File: file(path.Join(c.Name(), "values.schema.json"))}, Path: "values"}, "%s", oneLine(err.Error()))
		return res, nil
	}
	coalesced, _ := vals["Values"].(chartutil.Values)
	for _, d := range missingDependencies(c, coalesced) {
		w := rules.Where{Pos: values.Pos{File: file(path.Join(c.Name(), "Chart.yaml"))}, Path: "dependencies." + d.Alias}
		if d.Condition != "" {
			w = ctx.At(d.Condition)
		}
		emit("chart-dependency-missing", w, "sub-chart %s (%s %s) is enabled%s but missing from the chart's charts/ directory: helm install fails", d.Alias, d.Name, d.Version, conditionNote(d))
	}
	rendered, errs := renderBounded(opts, rc, vals, userVals, apis)
	objs, parseErrs := splitObjects(rendered)
	errs = append(errs, parseErrs...)
	for _, e := range errs {
		if chartBug(e) {
			// No value makes a broken template work: the finding is at
			// the template, under a rule of its own.
			tpl := e.Template
			if tpl == "" {
				tpl = path.Join(c.Name(), "templates")
			}
			emit("chart-template-error", rules.Where{Pos: values.Pos{File: file(tpl)}, Path: "template"}, "%s", oneLine(e.Message))
			continue
		}
		w := locateMessage(ctx, c.Name(), e)
		if w.Path == "template" {
			w.Pos.File = file(w.Pos.File)
		}
		emit("chart-render", w, "%s", oneLine(e.Message))
	}
	if rendered == nil {
		return res, nil
	}
	res.Objects = objs

	checkProbes(ctx, objs, emit, objectAt)
	if len(parseErrs) == 0 {
		// Checks across objects need all of them: with a template whose
		// output did not parse, a PDB or Service would seem to select
		// nothing.
		checkSelectors(ctx, objs, emit, objectAt)
		checkTargets(ctx, objs, emit, objectAt)
		checkRouting(ctx, objs, emit, objectAt)
	}
	checkEnv(ctx, objs, emit, objectAt)
	res.Secrets = neededSecrets(objs)

	// Strict decoding of each object is independent work: spread it over
	// the machine's cores, then report in object order.
	results := make([]kubevalidate.Result, len(objs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(objs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = kubevalidate.Validate(objs[i].Obj)
			}
		}()
	}
	for i := range objs {
		next <- i
	}
	close(next)
	wg.Wait()
	notValidated := map[string][]string{}
	for i, o := range objs {
		r := results[i]
		if !r.Validated {
			if strings.HasSuffix(o.Template, "extra-manifests.yaml") {
				emit("manifest-not-validated", extraWhere(ctx, o, "", objectAt), "%s (%s %s): no schema, not validated", o.ID(), o.APIVersion, o.Kind)
				continue
			}
			key := o.APIVersion + " " + o.Kind
			notValidated[key] = append(notValidated[key], o.Name)
			continue
		}
		for _, p := range r.Problems {
			emit("manifest-invalid", traceObject(ctx, o, p.Path, objectAt), "%s %s: %s", o.ID(), p.Path, p.Message)
		}
	}
	kinds := make([]string, 0, len(notValidated))
	for k := range notValidated {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		names := notValidated[k]
		emit("manifest-not-validated", rules.Where{Pos: values.Pos{File: file(path.Join(c.Name(), "templates"))}, Path: k}, "%s (%s): no schema, not validated", k, strings.Join(names, ", "))
	}
	return res, nil
}

func conditionNote(d dependency) string {
	if d.Condition == "" {
		return ""
	}
	return " by " + d.Condition
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

type neededAPI struct {
	key    string
	api    string
	silent bool // the chart drops the object silently without the API
}

// neededAPIs lists the API versions the values use.
func neededAPIs(ctx *rules.Context) []neededAPI {
	var out []neededAPI
	for _, comp := range ctx.Components() {
		p := ctx.Comp(comp)
		if ctx.Bool(p + ".vpa.enabled") {
			out = append(out, neededAPI{key: p + ".vpa.enabled", api: "autoscaling.k8s.io/v1", silent: true})
		}
		if ctx.Bool(p + ".keda.enabled") {
			out = append(out, neededAPI{key: p + ".keda.enabled", api: "keda.sh/v1alpha1"})
		}
	}
	if ctx.Bool("clickhouse.deploy") {
		for _, api := range ctx.Chart.Stores.ClickHouseAPIs {
			out = append(out, neededAPI{key: "clickhouse.deploy", api: api})
		}
	}
	if em := ctx.Get("extraManifests"); em != nil {
		for _, it := range em.Items {
			if av := it.Get("apiVersion").Text(); strings.HasPrefix(av, "keda.sh/") {
				out = append(out, neededAPI{key: "extraManifests", api: av})
			}
		}
	}
	return out
}

// chartBugRE matches what Helm and text/template say of a template that
// is broken whatever the values: a parse error, a template that does not
// exist, recursion past Helm's or Go's limit.
var chartBugRE = lazyre.New(`^parse error|no such template|no template "[^"]*" associated|function "[^"]*" not defined|nested reference name|exceeded maximum template depth`)

// chartBug reports a failure that is the chart's, not the values': a
// broken template, or a limit of time or memory reached.
func chartBug(e RenderError) bool {
	return e.Limit || e.Chart
}

// valuesPathRE finds a values key path in a chart message.
var valuesPathRE = lazyre.New(`\b((?:langfuse|postgresql|redis|clickhouse|s3|extraManifests|global)(?:\.[A-Za-z0-9_-]+)+)`)

// chartFile names a file of the chart (as Helm names it, starting with the
// chart's name) where the user can find it: under the chart directory they
// gave, or inside the archive.
func chartFile(chartPath, name string) string {
	if chartPath == "" {
		return name
	}
	_, rest, ok := strings.Cut(name, "/")
	if !ok {
		return chartPath
	}
	if strings.HasSuffix(chartPath, ".tgz") || strings.HasSuffix(chartPath, ".tar.gz") {
		return chartPath + ":" + name
	}
	return filepath.Join(chartPath, filepath.FromSlash(rest))
}

// locateMessage finds the values key a chart failure names, or points at
// the template.
func locateMessage(ctx *rules.Context, chartName string, e renderError) rules.Where {
	// Metadata Helm could not parse: the values key that wrote it, where
	// the model says a value that is not a map breaks it.
	if strings.Contains(e.Message, "YAML parse error") && strings.Contains(e.Message, "metadata.annotations") {
		for _, r := range ctx.Chart.SchemaRefusals {
			if f := ctx.UserField(r.Path); r.Object != "" && f != nil && f.Value.Kind != values.Map && f.Value.Kind != values.Null {
				return rules.Where{Pos: f.KeyPos, Path: r.Path}
			}
		}
	}
	for _, m := range valuesPathRE.FindAllStringSubmatch(e.Message, -1) {
		p := strings.TrimRight(m[1], ".")
		w := ctx.At(p)
		if !w.Pos.IsZero() || w.Missing != p {
			return w
		}
	}
	file := e.Template
	if file == "" {
		file = chartName
	}
	return rules.Where{Pos: values.Pos{File: file}, Path: "template"}
}

type emitFunc func(rule string, w rules.Where, format string, args ...any)
type objectAtFunc func(o *Object, field string) rules.Where

// component is the Langfuse component of a workload, from its pod labels.
func component(labels map[string]string) string {
	if c := labels["app.kubernetes.io/component"]; c != "" {
		return c
	}
	return labels["app"]
}

func containers(spec map[string]any) []map[string]any {
	var out []map[string]any
	for _, c := range list(spec["containers"]) {
		if m, ok := c.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func checkProbes(ctx *rules.Context, objs []*Object, emit emitFunc, objectAt objectAtFunc) {
	for _, o := range objs {
		spec, labels, ok := podTemplate(o)
		if !ok {
			continue
		}
		comp := component(labels)
		for i, ctr := range containers(spec) {
			ports := map[string]int{}
			var numbers []int
			for _, p := range list(ctr["ports"]) {
				pm, _ := p.(map[string]any)
				n, _ := strconv.Atoi(str(pm["containerPort"]))
				numbers = append(numbers, n)
				if name := str(pm["name"]); name != "" {
					ports[name] = n
				}
			}
			listen := 0
			if cf := ctx.Chart.Workloads.Component(comp); cf != nil && i == 0 {
				listen = cf.ImagePort
				for _, e := range list(ctr["env"]) {
					em, _ := e.(map[string]any)
					if str(em["name"]) == "PORT" {
						if n, err := strconv.Atoi(str(em["value"])); err == nil {
							listen = n
						} else {
							listen = 0 // from a Secret or ConfigMap: unknown
						}
					}
				}
			}
			for _, kind := range []string{"livenessProbe", "readinessProbe", "startupProbe"} {
				pr, _ := ctr[kind].(map[string]any)
				if pr == nil {
					continue
				}
				var port any
				for _, h := range []string{"httpGet", "tcpSocket", "grpc"} {
					if hm, ok := pr[h].(map[string]any); ok {
						port = hm["port"]
					}
				}
				if port == nil {
					continue
				}
				field := fmt.Sprintf("spec.template.spec.containers[%d].%s", i, kind)
				target := 0
				if name, isName := port.(string); isName {
					n, declared := ports[name]
					if !declared {
						emit("manifest-probe-port", probeWhere(ctx, comp, o, field, objectAt), "%s %s of container %s targets port %q, which the container does not declare", o.ID(), kind, str(ctr["name"]), name)
						continue
					}
					target = n
				} else {
					target, _ = strconv.Atoi(str(port))
					if !containsInt(numbers, target) {
						emit("manifest-probe-port", probeWhere(ctx, comp, o, field, objectAt), "%s %s of container %s targets port %d, which the container does not declare", o.ID(), kind, str(ctr["name"]), target)
						continue
					}
				}
				if listen != 0 && target != listen {
					emit("manifest-probe-port", probeWhere(ctx, comp, o, field, objectAt), "%s %s calls port %d, but the %s process listens on %d (its PORT): every probe fails and the container restarts forever", o.ID(), kind, target, comp, listen)
				}
			}
		}
	}
}

func containsInt(l []int, n int) bool {
	for _, x := range l {
		if x == n {
			return true
		}
	}
	return false
}

// probeWhere traces a probe finding to the values key of the port.
func probeWhere(ctx *rules.Context, comp string, o *Object, field string, objectAt objectAtFunc) rules.Where {
	key := ""
	switch comp {
	case "worker":
		key = "langfuse.worker.port"
	case "web":
		key = "langfuse.web.service.port"
	}
	if key != "" && ctx.SetByUser(key) {
		return ctx.At(key)
	}
	for _, e := range ctx.ComponentEnv(comp) {
		if e.Name == "PORT" {
			return ctx.AtNode(e.Node, e.Path)
		}
	}
	if key != "" {
		return ctx.At(key)
	}
	return objectAt(o, field)
}

type pod struct {
	obj    *Object
	comp   string
	labels map[string]string
}

func pods(objs []*Object) []pod {
	var out []pod
	for _, o := range objs {
		if _, labels, ok := podTemplate(o); ok {
			out = append(out, pod{obj: o, comp: component(labels), labels: labels})
		}
	}
	return out
}

func checkSelectors(ctx *rules.Context, objs []*Object, emit emitFunc, objectAt objectAtFunc) {
	ps := pods(objs)
	for _, o := range objs {
		if o.Kind != "PodDisruptionBudget" {
			continue
		}
		var comps []string
		for _, p := range ps {
			if matches(get(o.Obj, "spec", "selector"), p.labels) && !contains(comps, p.comp) {
				comps = append(comps, p.comp)
			}
		}
		where := pdbWhere(ctx, o, objectAt)
		switch {
		case len(comps) == 0:
			emit("manifest-pdb-selector", where, "%s selects no pod of this release: it protects nothing during drains", o.ID())
		case len(comps) > 1:
			emit("manifest-pdb-selector", where, "%s selects pods of %s together: a drain can take every pod of one of them", o.ID(), strings.Join(comps, " and "))
		}
	}
	for _, p := range ps {
		spec, _, _ := podTemplate(p.obj)
		for i, t := range list(spec["topologySpreadConstraints"]) {
			tm, _ := t.(map[string]any)
			sel := tm["labelSelector"]
			var matched []string
			for _, q := range ps {
				if matches(sel, q.labels) && !contains(matched, q.comp) {
					matched = append(matched, q.comp)
				}
			}
			where := spreadWhere(ctx, p, i, objectAt)
			hash := false
			for _, k := range list(tm["matchLabelKeys"]) {
				if str(k) == "pod-template-hash" {
					hash = true
				}
			}
			switch {
			case !contains(matched, p.comp):
				emit("manifest-spread-selector", where, "%s topology spread constraint %d (%s) selects none of its own pods: it spreads nothing", p.obj.ID(), i, str(tm["topologyKey"]))
			case len(matched) > 1 && !hash:
				emit("manifest-spread-selector", where, "%s topology spread constraint %d (%s) counts %s pods together", p.obj.ID(), i, str(tm["topologyKey"]), strings.Join(matched, " and "))
			case !hash && !pinsInstance(sel, p.labels["app.kubernetes.io/instance"]):
				emit("manifest-spread-selector", where, "%s topology spread constraint %d (%s) does not select app.kubernetes.io/instance %q: it also counts pods of other releases in the namespace", p.obj.ID(), i, str(tm["topologyKey"]), p.labels["app.kubernetes.io/instance"])
			}
		}
	}
}

// pinsInstance reports whether a selector requires this release's
// instance label.
func pinsInstance(sel any, release string) bool {
	m, _ := sel.(map[string]any)
	if labelsOf(m["matchLabels"])["app.kubernetes.io/instance"] == release && release != "" {
		return true
	}
	for _, e := range list(m["matchExpressions"]) {
		em, _ := e.(map[string]any)
		vals := list(em["values"])
		if str(em["key"]) == "app.kubernetes.io/instance" && str(em["operator"]) == "In" && len(vals) == 1 && str(vals[0]) == release {
			return true
		}
	}
	return false
}

func pdbWhere(ctx *rules.Context, o *Object, objectAt objectAtFunc) rules.Where {
	for _, comp := range ctx.Components() {
		if strings.HasSuffix(o.Name, "-"+comp+"-pdb") {
			for _, k := range []string{ctx.Comp(comp) + ".pod.labels", "langfuse.pod.labels", ctx.Comp(comp) + ".pdb"} {
				if ctx.SetByUser(k) {
					return ctx.At(k)
				}
			}
			return ctx.At(ctx.Comp(comp) + ".pdb")
		}
	}
	return objectAt(o, "spec.selector")
}

// spreadWhere traces constraint i of a component's pod spec to the values
// list it came from (the component's own list, else the global one).
func spreadWhere(ctx *rules.Context, p pod, i int, objectAt objectAtFunc) rules.Where {
	if p.comp == "web" || p.comp == "worker" {
		src := ctx.Coalesce(ctx.Comp(p.comp)+".pod.topologySpreadConstraints", "langfuse.pod.topologySpreadConstraints")
		if src.Node != nil && i < len(src.Node.Items) {
			return ctx.AtNode(src.Node.Items[i], fmt.Sprintf("%s[%d]", src.Path, i))
		}
	}
	return objectAt(p.obj, fmt.Sprintf("spec.template.spec.topologySpreadConstraints[%d]", i))
}

func checkTargets(ctx *rules.Context, objs []*Object, emit emitFunc, objectAt objectAtFunc) {
	workloads := map[string]bool{}
	for _, o := range objs {
		workloads[o.Kind+"/"+o.Name] = true
	}
	for _, o := range objs {
		var ref any
		switch {
		case o.Kind == "HorizontalPodAutoscaler":
			ref = get(o.Obj, "spec", "scaleTargetRef")
		case o.Kind == "ScaledObject" && strings.HasPrefix(o.APIVersion, "keda.sh/"):
			ref = get(o.Obj, "spec", "scaleTargetRef")
		default:
			continue
		}
		kind := str(get(ref, "kind"))
		if kind == "" {
			kind = "Deployment"
		}
		name := str(get(ref, "name"))
		if !workloads[kind+"/"+name] {
			emit("manifest-scale-target", extraWhere(ctx, o, "spec.scaleTargetRef", objectAt), "%s scales %s/%s, which this release does not render", o.ID(), kind, name)
		}
	}
}

func checkRouting(ctx *rules.Context, objs []*Object, emit emitFunc, objectAt objectAtFunc) {
	ps := pods(objs)
	services := map[string]*Object{}
	for _, o := range objs {
		if o.Kind != "Service" {
			continue
		}
		services[o.Name] = o
		sel := labelsOf(get(o.Obj, "spec", "selector"))
		if len(sel) == 0 {
			continue // a Service without selector is managed by hand
		}
		var comps []string
		for _, p := range ps {
			if matchesSet(sel, p.labels) && !contains(comps, p.comp) {
				comps = append(comps, p.comp)
			}
		}
		web := strings.HasSuffix(o.Name, "-web")
		switch {
		case len(comps) == 0:
			emit("manifest-service-routing", serviceWhere(ctx, o, objectAt), "%s selects no pod of this release: it routes traffic nowhere", o.ID())
		case web && (len(comps) != 1 || comps[0] != "web"):
			emit("manifest-service-routing", serviceWhere(ctx, o, objectAt), "%s selects %s pods; it must select the web pods only", o.ID(), strings.Join(comps, " and "))
		}
	}
	fullname := ctx.Fullname()
	for _, o := range objs {
		if o.Kind != "Ingress" {
			continue
		}
		for hi, h := range list(get(o.Obj, "spec", "rules")) {
			for pi, p := range list(get(h, "http", "paths")) {
				svc := get(p, "backend", "service")
				if svc == nil {
					continue
				}
				name := str(get(svc, "name"))
				target, exists := services[name]
				where := ingressWhere(ctx, o, hi, pi, objectAt)
				if !exists {
					if strings.HasPrefix(name, fullname) {
						emit("manifest-service-routing", where, "%s routes %s to Service %s, which this release does not render", o.ID(), str(get(p, "path")), name)
					}
					continue
				}
				port := get(svc, "port")
				if !servicePort(target, port) {
					emit("manifest-service-routing", where, "%s routes to port %s of %s, which that Service does not expose", o.ID(), describePort(port), target.ID())
				}
			}
		}
	}
}

func describePort(p any) string {
	if n := str(get(p, "name")); n != "" {
		return strconv.Quote(n)
	}
	return str(get(p, "number"))
}

func servicePort(svc *Object, port any) bool {
	name, number := str(get(port, "name")), str(get(port, "number"))
	for _, sp := range list(get(svc.Obj, "spec", "ports")) {
		if (name != "" && str(get(sp, "name")) == name) || (number != "" && str(get(sp, "port")) == number) {
			return true
		}
	}
	return false
}

func serviceWhere(ctx *rules.Context, o *Object, objectAt objectAtFunc) rules.Where {
	for _, k := range []string{"langfuse.web.pod.labels", "langfuse.pod.labels"} {
		if ctx.SetByUser(k) {
			return ctx.At(k)
		}
	}
	return objectAt(o, "spec.selector")
}

func ingressWhere(ctx *rules.Context, o *Object, host, p int, objectAt objectAtFunc) rules.Where {
	key := "langfuse.ingress.hosts"
	if hosts := ctx.Get(key); hosts != nil && host < len(hosts.Items) {
		paths := hosts.Items[host].Get("paths")
		if paths != nil && p < len(paths.Items) {
			item := paths.Items[p]
			if f := item.Field("backend"); f != nil && !f.KeyPos.IsZero() {
				return rules.Where{Pos: f.KeyPos, Path: fmt.Sprintf("%s[%d].paths[%d].backend", key, host, p)}
			}
			return ctx.AtNode(item, fmt.Sprintf("%s[%d].paths[%d]", key, host, p))
		}
	}
	return objectAt(o, fmt.Sprintf("spec.rules[%d].http.paths[%d]", host, p))
}

func checkEnv(ctx *rules.Context, objs []*Object, emit emitFunc, objectAt objectAtFunc) {
	for _, o := range objs {
		spec, labels, ok := podTemplate(o)
		if !ok {
			continue
		}
		comp := component(labels)
		for ci, ctr := range containers(spec) {
			seen := map[string]bool{}
			for _, e := range list(ctr["env"]) {
				name := str(get(e, "name"))
				if !seen[name] {
					seen[name] = true
					continue
				}
				where := objectAt(o, fmt.Sprintf("spec.template.spec.containers[%d].env", ci))
				if ev, ok := rules.LastEnv(ctx.ComponentEnv(comp), name); ok {
					where = ctx.AtNode(ev.Node, ev.Path)
				}
				emit("manifest-env-duplicate", where, "%s container %s sets %s more than once; Kubernetes keeps the last value", o.ID(), str(ctr["name"]), name)
			}
		}
	}
}

// extraWhere traces an object rendered from extraManifests to its item.
func extraWhere(ctx *rules.Context, o *Object, field string, objectAt objectAtFunc) rules.Where {
	if em := ctx.Get("extraManifests"); em != nil {
		for i, it := range em.Items {
			if it.Get("kind").Text() == o.Kind && it.Lookup("metadata.name").Text() == o.Name && it.Get("apiVersion").Text() == o.APIVersion {
				w := ctx.AtNode(it, fmt.Sprintf("extraManifests[%d]", i))
				if field != "" {
					w.Path += " " + field
				}
				return w
			}
		}
	}
	return objectAt(o, field)
}

// traceObject locates a validation problem: extraManifests items at their
// values item, the chart's own workloads at the values key the field comes
// from when it is recognisable, anything else at the rendered object.
func traceObject(ctx *rules.Context, o *Object, field string, objectAt objectAtFunc) rules.Where {
	if strings.HasSuffix(o.Template, "extra-manifests.yaml") {
		return extraWhere(ctx, o, field, objectAt)
	}
	if _, labels, ok := podTemplate(o); ok {
		comp := component(labels)
		if comp == "web" || comp == "worker" {
			if key := workloadKey(ctx, comp, field); key != "" {
				w := ctx.At(key)
				return w
			}
		}
	}
	return objectAt(o, field)
}

// workloadKey maps a field of a chart Deployment to the values key it is
// rendered from.
func workloadKey(ctx *rules.Context, comp, field string) string {
	keys := ctx.Chart.Workloads.RenderedFrom(comp, field)
	for _, k := range keys {
		if rules.Truthy(ctx.Get(k)) {
			return k
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return keys[0]
}

package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

// pdbVersions are the chart versions with PodDisruptionBudgets (added in
// chart 1.5.27).
const pdbVersions = ">= 1.5.27-0"

var availabilityRules = []*Rule{
	{
		ID:       "replicas-single",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "A component runs with fewer than 2 replicas (static count, or the HPA or KEDA minimum).",
		Rationale: "With one pod, every rollout, node drain, eviction or crash takes the component down: the web UI " +
			"and ingestion API stop answering, or queued events stop being processed. The chart's default is " +
			"langfuse.replicas: 1 for both components.",
		Remediation: "Set langfuse.web.replicas and langfuse.worker.replicas (or hpa/keda minReplicas when autoscaling) to 2 or more.",
		Check:       checkReplicasSingle,
	},
	{
		ID:       "pdb-disabled",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "A component's PodDisruptionBudget is turned off (pdb.create: false).",
		Rationale: "Without a PodDisruptionBudget a node drain or cluster upgrade may evict every pod of the component " +
			"at the same time. The chart creates one by default (maxUnavailable: 1).",
		Remediation: "Set pdb.create: true for the component (and keep maxUnavailable: 1, or a minAvailable below the minimum replica count).",
		Check:       checkPDBDisabled,
		Versions:    pdbVersions,
	},
	{
		ID:       "pdb-blocks-drain",
		Severity: finding.Error,
		Category: Availability,
		Summary:  "The PodDisruptionBudget allows no disruption at the component's minimum replica count.",
		Rationale: "When minAvailable reaches the replica count (or maxUnavailable is 0%), the eviction API refuses " +
			"every eviction: kubectl drain, node auto-repair and cluster upgrades hang on these pods until someone " +
			"deletes the budget. Percentages round up, so minAvailable: 50% of 1 replica is 1.",
		Remediation: "Use maxUnavailable: 1 (the chart's default when neither bound is set), or run more replicas than minAvailable.",
		Check:       checkPDBBlocksDrain,
		Versions:    pdbVersions,
	},
	{
		ID:       "pdb-both-bounds",
		Severity: finding.Error,
		Category: Availability,
		Summary:  "A PodDisruptionBudget sets both minAvailable and maxUnavailable; the chart refuses to render.",
		Rationale: "The chart's validation fails when pdb.create is on and both bounds are set (present, not \"\" and " +
			"not null; 0 counts as set), and Kubernetes accepts only one of them anyway.",
		Remediation: "Keep one of pdb.minAvailable and pdb.maxUnavailable and remove the other (or set it to \"\").",
		Check:       reportRefusals,
		Versions:    pdbVersions,
	},
	{
		ID:       "pdb-zero-ignored",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "A PodDisruptionBudget bound is 0, which the chart does not render as written.",
		Rationale: "The chart treats 0 as empty: maxUnavailable: 0 renders maxUnavailable: 1, and minAvailable: 0 is " +
			"dropped in favour of maxUnavailable (1 by default). The budget then differs from what the values say.",
		Remediation: "Remove the 0 bound; to forbid evictions write \"0%\" as maxUnavailable (rarely wise), to allow them all use pdb.create: false.",
		Check:       checkPDBZeroIgnored,
		Versions:    pdbVersions,
	},
	{
		ID:       "topology-spread-missing",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "A component that runs 2 or more replicas has no spread across zones.",
		Rationale: "Without a topology spread constraint on topology.kubernetes.io/zone (or pod anti-affinity on the " +
			"zone key) the scheduler may put every replica in one zone, and a zone outage takes the component down " +
			"although it has several replicas. The chart adds no spread of its own.",
		Remediation: "Add a constraint with topologyKey: topology.kubernetes.io/zone and a labelSelector of name, instance and component labels under langfuse.<component>.pod.topologySpreadConstraints.",
		Check:       checkTopologySpreadMissing,
	},
	{
		ID:       "topology-spread-selector",
		Severity: finding.Error,
		Category: Availability,
		Summary:  "A topology spread constraint's labelSelector counts the wrong pods.",
		Rationale: "The chart copies constraints verbatim and adds no labelSelector. A constraint without one counts no " +
			"pods and spreads nothing; one that misses the component's own pods spreads nothing either; one that " +
			"matches web and worker pods balances them together; and one without the release's " +
			"app.kubernetes.io/instance label (the README's `app: web`) also counts pods of other releases. A global " +
			"constraint applies to both components.",
		Remediation: "Select exactly one component of this release: matchLabels app.kubernetes.io/name, app.kubernetes.io/instance: <release> and app.kubernetes.io/component: web (or worker), in each component's own list; or add matchLabelKeys: [pod-template-hash].",
		Check:       checkTopologySpreadSelector,
	},
	{
		ID:       "autoscaler-conflict",
		Severity: finding.Error,
		Category: Availability,
		Summary:  "KEDA is enabled together with the HPA or the VPA on one component; the chart refuses to render.",
		Rationale: "KEDA creates its own HorizontalPodAutoscaler, so the chart's validation rejects keda.enabled " +
			"together with hpa.enabled or vpa.enabled for the same component.",
		Remediation: "Enable only one of keda and hpa for the component, and turn vpa off while keda is on.",
		Check:       reportRefusals,
	},
	{
		ID:       "autoscaler-range",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "An autoscaler's maxReplicas is not above its minReplicas.",
		Rationale: "With maxReplicas equal to minReplicas the autoscaler can never scale; below it the autoscaler " +
			"object is invalid. The chart's defaults are 1 and 2, so raising only minReplicas easily produces this.",
		Remediation: "Set maxReplicas above minReplicas under the component's hpa or keda.",
		Check:       checkAutoscalerRange,
	},
	{
		ID:       "keda-trigger-unsupported",
		Severity: finding.Error,
		Category: Availability,
		Summary:  "keda.triggerType is not cpu or memory, the only scalers the chart can configure.",
		Rationale: "The chart's ScaledObject has exactly one trigger whose metadata holds only value and " +
			"containerName. Other scalers (redis, prometheus, ...) need an address, a query or a list name that cannot " +
			"be given, so the ScaledObject is broken (extra keda keys such as listName are ignored).",
		Remediation: "Use triggerType cpu or memory, or keep keda.enabled: false and ship your own ScaledObject in extraManifests (then see autoscaler-replicas-fight).",
		Check:       checkKedaTriggerUnsupported,
	},
	{
		ID:       "autoscaler-replicas-fight",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "An extraManifests autoscaler targets a Deployment whose chart-side hpa and keda are off.",
		Rationale: "With hpa.enabled and keda.enabled both false the chart still renders `replicas:` on the " +
			"Deployment, so every helm upgrade resets the replica count that your own ScaledObject or " +
			"HorizontalPodAutoscaler chose, and pods are killed and started again.",
		Remediation: "Prefer the chart's hpa or keda; otherwise make the upgrade keep the live count (for example server-side apply that ignores spec.replicas, or Argo CD ignoreDifferences on /spec/replicas).",
		Check:       checkAutoscalerReplicasFight,
	},
	{
		ID:       "resources-missing",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "The web or worker container has no CPU or memory request, or no memory limit.",
		Rationale: "Without requests the scheduler packs pods onto nodes that cannot carry them, and the pods are the " +
			"first evicted under pressure; without a memory limit a leak eats the node. The chart takes " +
			"<component>.resources whole when it is set, else langfuse.resources (no merge), and both are empty by default.",
		Remediation: "Set requests.cpu, requests.memory and limits.memory under langfuse.web.resources and langfuse.worker.resources (each replaces langfuse.resources as a whole).",
		Check:       checkResourcesMissing,
	},
	{
		ID:       "vpa-hpa-conflict",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "The VPA and the HPA of one component both act on CPU or memory.",
		Rationale: "The HPA scales on utilisation relative to the pods' requests, and the VPA keeps changing those " +
			"requests: each VPA change moves the HPA's measure, and the two loops fight (replica counts and requests " +
			"oscillate). The chart renders the VPA only when the cluster serves autoscaling.k8s.io/v1.",
		Remediation: "Turn one of them off, set vpa.updatePolicy.updateMode: Off to keep recommendations only, or limit vpa.controlledResources to a resource the HPA does not target.",
		Check:       checkVPAHPAConflict,
	},
}

// describeScaling says how a component's minimum replica count is decided.
func describeScaling(s Scaling) string {
	switch s.Mode {
	case "hpa":
		return "HPA minReplicas"
	case "keda":
		return "KEDA minReplicas"
	}
	return "static replicas"
}

// orJoined joins words as "a, b or c".
func orJoined(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func checkReplicasSingle(c *Context) {
	// Components whose count comes from one key (langfuse.replicas) share
	// its root cause: one finding there, naming both.
	type single struct {
		where Where
		s     Scaling
		comps []string
	}
	var found []*single
	for _, comp := range c.Components() {
		s := c.ScalingOf(comp)
		if s.Min >= 2 {
			continue
		}
		where := c.At(s.MinFrom)
		i := slices.IndexFunc(found, func(f *single) bool { return f.where == where && f.s.Mode == s.Mode && f.s.Min == s.Min })
		if i < 0 {
			found = append(found, &single{where: where, s: s})
			i = len(found) - 1
		}
		found[i].comps = append(found[i].comps, comp)
	}
	for _, f := range found {
		comps := strings.Join(f.comps, " and ")
		what := fmt.Sprintf("the %s Deployment runs %s", comps, countNoun(f.s.Min, "replica", "replicas"))
		if len(f.comps) > 1 {
			what = fmt.Sprintf("the %s Deployments each run %s", comps, countNoun(f.s.Min, "replica", "replicas"))
		}
		if f.s.Mode != "static" {
			what = fmt.Sprintf("the %s %s may scale down to %s", comps, strings.ToUpper(f.s.Mode), countNoun(f.s.Min, "replica", "replicas"))
		}
		c.Report(f.where, "%s: a rollout, node drain or crash leaves no %s pod running", what, strings.Join(f.comps, " or "))
	}
}

func checkPDBDisabled(c *Context) {
	for _, comp := range c.Components() {
		path := c.Comp(comp) + ".pdb.create"
		if !c.Bool(path) {
			c.Report(c.At(path), "the %s pods have no PodDisruptionBudget: a drain may evict all of them at once", comp)
		}
	}
}

// pdbBothSet reports whether the chart refuses to render a component's PDB.
func (c *Context) pdbBothSet(comp string) bool { return c.facts().PDBBothSet(&c.Reader, comp) }

// scaledBound resolves a PDB bound against a replica count the way the
// disruption controller does: a count as it is, a percentage rounded up.
func scaledBound(n *values.Node, replicas int) (int, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind == values.String {
		if pct, ok := strings.CutSuffix(strings.TrimSpace(n.Str), "%"); ok {
			p, err := strconv.Atoi(pct)
			if err != nil || p < 0 {
				return 0, false
			}
			return (p*replicas + 99) / 100, true // rounded up
		}
	}
	return Int(n)
}

func checkPDBBlocksDrain(c *Context) {
	for _, comp := range c.Components() {
		p := c.Comp(comp) + ".pdb."
		if !c.Bool(p+"create") || c.pdbBothSet(comp) {
			continue
		}
		s := c.ScalingOf(comp)
		if s.Min < 1 {
			continue // nothing to drain at zero replicas
		}
		field := "minAvailable"
		n := c.Get(p + field)
		if Empty(n) {
			field = "maxUnavailable"
			n = c.Get(p + field)
			if Empty(n) {
				continue // renders maxUnavailable: 1
			}
		}
		v, ok := scaledBound(n, s.Min)
		if !ok {
			continue
		}
		allowed := v
		if field == "minAvailable" {
			allowed = s.Min - v
		}
		if allowed > 0 {
			continue
		}
		c.Report(c.At(p+field), "the %s PodDisruptionBudget (%s: %s) allows no eviction at the minimum of %s (%s): "+
			"node drains and cluster upgrades wait on these pods forever", comp, field, n.Text(),
			countNoun(s.Min, "replica", "replicas"), describeScaling(s))
	}
}

// userZero reports whether the user wrote the number 0 at path.
func (c *Context) userZero(path string) bool {
	n := c.Get(path)
	if !n.FromUser() {
		return false
	}
	i, ok := Int(n)
	return ok && i == 0 && n.Kind != values.String
}

func checkPDBZeroIgnored(c *Context) {
	for _, comp := range c.Components() {
		p := c.Comp(comp) + ".pdb."
		if !c.Bool(p+"create") || c.pdbBothSet(comp) {
			continue
		}
		if c.userZero(p + "maxUnavailable") {
			c.Report(c.At(p+"maxUnavailable"), "maxUnavailable: 0 is empty to the chart: the %s PodDisruptionBudget renders maxUnavailable: 1", comp)
		}
		if c.userZero(p + "minAvailable") {
			maxU := "1"
			if n := c.Get(p + "maxUnavailable"); Truthy(n) {
				maxU = n.Text()
			}
			c.Report(c.At(p+"minAvailable"), "minAvailable: 0 is dropped by the chart: the %s PodDisruptionBudget renders maxUnavailable: %s instead", comp, maxU)
		}
	}
}

// zoneKeys are the node labels that name a zone.
var zoneKeys = []string{"topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"}

// spreadList is a component's effective topology spread constraints:
// `coalesce <comp>.pod.topologySpreadConstraints langfuse.pod.topologySpreadConstraints`.
func (c *Context) spreadList(comp string) Source {
	return c.ListFallback(c.Comp(comp)+".pod.topologySpreadConstraints", "langfuse.pod.topologySpreadConstraints")
}

// antiAffinityOnZone reports whether the component's effective affinity has
// a pod anti-affinity term on a zone key.
func (c *Context) antiAffinityOnZone(comp string) bool {
	aff := c.Coalesce(c.Comp(comp)+".pod.affinity", "langfuse.affinity").Node
	anti := aff.Get("podAntiAffinity")
	var terms []*values.Node
	if l := anti.Get("requiredDuringSchedulingIgnoredDuringExecution"); l != nil {
		terms = append(terms, l.Items...)
	}
	if l := anti.Get("preferredDuringSchedulingIgnoredDuringExecution"); l != nil {
		for _, w := range l.Items {
			terms = append(terms, w.Get("podAffinityTerm"))
		}
	}
	for _, t := range terms {
		if slices.Contains(zoneKeys, t.Get("topologyKey").Text()) {
			return true
		}
	}
	return false
}

func checkTopologySpreadMissing(c *Context) {
	for _, comp := range c.Components() {
		s := c.ScalingOf(comp)
		if s.Max < 2 {
			continue
		}
		src := c.spreadList(comp)
		if src.Node != nil {
			if slices.ContainsFunc(src.Node.Items, func(it *values.Node) bool {
				return slices.Contains(zoneKeys, it.Get("topologyKey").Text())
			}) {
				continue
			}
		}
		if c.antiAffinityOnZone(comp) {
			continue
		}
		upTo := countNoun(s.Max, "replica", "replicas")
		if s.Mode != "static" {
			upTo = fmt.Sprintf("up to %s (%s maxReplicas)", upTo, strings.ToUpper(s.Mode))
		}
		where := c.At(c.Comp(comp) + ".pod.topologySpreadConstraints")
		if src.Node != nil {
			where = c.At(src.Path)
		}
		c.Report(where, "%s runs %s but has no topology spread constraint on topology.kubernetes.io/zone: "+
			"all of them may land in one zone", comp, upTo)
	}
}

// selectorMatches evaluates a labelSelector against pod labels. ok is false
// when the selector uses an operator this tool does not know.
func selectorMatches(sel *values.Node, labels map[string]string) (match, ok bool) {
	if ml := sel.Get("matchLabels"); ml != nil && ml.Kind == values.Map {
		for _, f := range ml.Fields {
			if v, has := labels[f.Key]; !has || v != f.Value.Text() {
				return false, true
			}
		}
	}
	if me := sel.Get("matchExpressions"); me != nil && me.Kind == values.List {
		for _, e := range me.Items {
			key := e.Get("key").Text()
			var vals []string
			if l := e.Get("values"); l != nil {
				for _, v := range l.Items {
					vals = append(vals, v.Text())
				}
			}
			v, has := labels[key]
			var hold bool
			switch e.Get("operator").Text() {
			case "In":
				hold = has && slices.Contains(vals, v)
			case "NotIn":
				hold = !has || !slices.Contains(vals, v)
			case "Exists":
				hold = has
			case "DoesNotExist":
				hold = !has
			default:
				return false, false
			}
			if !hold {
				return false, true
			}
		}
	}
	return true, true
}

// scalarTexts reads a list of scalars.
func scalarTexts(n *values.Node) []string {
	if n == nil || n.Kind != values.List {
		return nil
	}
	var out []string
	for _, it := range n.Items {
		out = append(out, it.Text())
	}
	return out
}

// spreadCounts reports whether a constraint placed on a pod of comp counts
// the pods of target (comp itself or the other component), with
// matchLabelKeys applied: each listed key adds "key = the placed pod's value";
// pod-template-hash pins to the placed pod's own ReplicaSet.
func (c *Context) spreadCounts(item *values.Node, comp, target string) (bool, bool) {
	own, labels := c.PodLabels(comp), c.PodLabels(target)
	match, ok := selectorMatches(item.Get("labelSelector"), labels)
	if !ok || !match {
		return match, ok
	}
	for _, k := range scalarTexts(item.Get("matchLabelKeys")) {
		if k == "pod-template-hash" {
			if target != comp {
				return false, true
			}
			continue
		}
		if ov, has := own[k]; has && labels[k] != ov {
			return false, true
		}
	}
	return true, true
}

// pinnedToRelease reports whether a constraint only counts pods of this
// release (the instance label, or matchLabelKeys taking it from the pod).
func (c *Context) pinnedToRelease(item *values.Node) bool {
	const inst = "app.kubernetes.io/instance"
	keys := scalarTexts(item.Get("matchLabelKeys"))
	if slices.Contains(keys, "pod-template-hash") || slices.Contains(keys, inst) {
		return true
	}
	sel := item.Get("labelSelector")
	if v := sel.Lookup("matchLabels"); v != nil && v.Get(inst) != nil && v.Get(inst).Text() == c.Settings.Release {
		return true
	}
	if me := sel.Get("matchExpressions"); me != nil {
		for _, e := range me.Items {
			if e.Get("key").Text() == inst && e.Get("operator").Text() == "In" &&
				slices.Equal(scalarTexts(e.Get("values")), []string{c.Settings.Release}) {
				return true
			}
		}
	}
	return false
}

// spreadProblems lists what is wrong with one constraint placed on comp's pods.
func (c *Context) spreadProblems(item *values.Node, comp string) []string {
	if sel := item.Get("labelSelector"); sel == nil || sel.Kind != values.Map {
		return []string{"it has no labelSelector, so it counts no pods and spreads nothing"}
	}
	other := "worker"
	if comp == "worker" {
		other = "web"
	}
	ownMatch, ok := c.spreadCounts(item, comp, comp)
	if !ok {
		return nil
	}
	if !ownMatch {
		return []string{fmt.Sprintf("its labelSelector matches none of the %s pods of release %q, so it spreads nothing for %s",
			comp, c.Settings.Release, comp)}
	}
	var out []string
	if otherMatch, ok := c.spreadCounts(item, comp, other); ok && otherMatch {
		out = append(out, "its labelSelector matches web and worker pods alike, so the two are balanced together as one group")
	}
	if !c.pinnedToRelease(item) {
		out = append(out, fmt.Sprintf("its labelSelector does not pin app.kubernetes.io/instance to %q, so it also counts pods of other releases", c.Settings.Release))
	}
	return out
}

func checkTopologySpreadSelector(c *Context) {
	type use struct {
		item    *values.Node
		path    string
		comps   []string
		reasons []string
	}
	var order []string
	uses := map[string]*use{}
	for _, comp := range c.Components() {
		src := c.spreadList(comp)
		if src.Node == nil || src.Node.Kind != values.List {
			continue
		}
		for i, it := range src.Node.Items {
			path := fmt.Sprintf("%s[%d]", src.Path, i)
			u := uses[path]
			if u == nil {
				u = &use{item: it, path: path}
				uses[path] = u
				order = append(order, path)
			}
			u.comps = append(u.comps, comp)
			for _, r := range c.spreadProblems(it, comp) {
				if !slices.Contains(u.reasons, r) {
					u.reasons = append(u.reasons, r)
				}
			}
		}
	}
	for _, path := range order {
		u := uses[path]
		if len(u.reasons) == 0 {
			continue
		}
		c.Report(c.AtNode(u.item, u.path), "this topology spread constraint (on the %s pods): %s",
			strings.Join(u.comps, " and "), strings.Join(u.reasons, "; "))
	}
}

func checkAutoscalerRange(c *Context) {
	for _, comp := range c.Components() {
		for _, a := range []struct{ key, name, object string }{
			{"hpa", "HPA", "Kubernetes rejects the HorizontalPodAutoscaler"},
			{"keda", "KEDA", "KEDA rejects the ScaledObject"},
		} {
			p := c.Comp(comp) + "." + a.key
			if !c.Bool(p + ".enabled") {
				continue
			}
			lo, ok1 := Int(c.Get(p + ".minReplicas"))
			hi, ok2 := Int(c.Get(p + ".maxReplicas"))
			if !ok1 || !ok2 || hi > lo {
				continue
			}
			where := c.atFirstSet(p+".maxReplicas", p+".minReplicas")
			if hi < lo {
				c.Report(where, "the %s %s maxReplicas (%d) is below minReplicas (%d): %s", comp, a.name, hi, lo, a.object)
				continue
			}
			c.Report(where, "the %s %s maxReplicas equals minReplicas (%d): it can never scale", comp, a.name, lo)
		}
	}
}

func checkKedaTriggerUnsupported(c *Context) {
	for _, comp := range c.Components() {
		p := c.Comp(comp) + ".keda"
		if !c.Bool(p + ".enabled") {
			continue
		}
		t := c.Str(p + ".triggerType")
		if t == "cpu" || t == "memory" {
			continue
		}
		if t == "" {
			c.Report(c.At(p+".triggerType"), "the %s ScaledObject gets an empty trigger type, which KEDA cannot run", comp)
			continue
		}
		c.Report(c.At(p+".triggerType"), "the chart can only fill a trigger's value and containerName, so a %q trigger on %s "+
			"lacks the settings it needs and the ScaledObject is broken (cpu and memory work)", t, comp)
	}
}

func checkAutoscalerReplicasFight(c *Context) {
	list := c.Get("extraManifests")
	if list == nil || list.Kind != values.List {
		return
	}
	full := c.Fullname()
	for i, it := range list.Items {
		kind, api := it.Get("kind").Text(), it.Get("apiVersion").Text()
		scaled := kind == "ScaledObject" && strings.HasPrefix(api, "keda.sh/")
		if !scaled && kind != "HorizontalPodAutoscaler" {
			continue
		}
		ref := it.Lookup("spec.scaleTargetRef")
		if ref == nil {
			continue
		}
		if k := ref.Get("kind").Text(); k != "" && k != "Deployment" {
			continue
		}
		name := ref.Get("name").Text()
		for _, comp := range c.Components() {
			p := c.Comp(comp)
			if name != full+"-"+comp || c.Bool(p+".hpa.enabled") || c.Bool(p+".keda.enabled") {
				continue
			}
			c.Report(c.AtNode(it, fmt.Sprintf("extraManifests[%d]", i)), "this %s scales the %s Deployment %s, but %s.hpa "+
				"and %s.keda are off, so the chart still renders replicas: %d and every helm upgrade resets the count "+
				"the autoscaler chose", kind, comp, name, p, p, c.ScalingOf(comp).Min)
		}
	}
}

// autoscaledResources lists the resources whose requests a component's
// autoscaler measures utilisation against.
func (c *Context) autoscaledResources(comp string) []string {
	p := c.Comp(comp)
	var out []string
	switch {
	case c.Bool(p + ".keda.enabled"):
		t := c.Str(p + ".keda.triggerType")
		if (t == "cpu" || t == "memory") && c.Str(p+".keda.metricType") == "Utilization" {
			out = append(out, t)
		}
	case c.Bool(p + ".hpa.enabled"):
		if c.Bool(p + ".hpa.targetCPUUtilizationPercentage") {
			out = append(out, "cpu")
		}
		if c.Bool(p + ".hpa.targetMemoryUtilizationPercentage") {
			out = append(out, "memory")
		}
	}
	return out
}

func checkResourcesMissing(c *Context) {
	for _, comp := range c.Components() {
		src := c.Coalesce(c.Comp(comp)+".resources", "langfuse.resources")
		var missing []string
		for _, k := range []string{"requests.cpu", "requests.memory", "limits.memory"} {
			if Empty(src.Node.Lookup(k)) {
				missing = append(missing, k)
			}
		}
		if len(missing) == 0 {
			continue
		}
		where, from := c.At(c.Comp(comp)+".resources"), ""
		if src.Node != nil {
			where = c.At(src.Path)
			switch {
			case src.Path == "langfuse.resources":
				from = " (it takes langfuse.resources whole)"
			case Truthy(c.Get("langfuse.resources")):
				from = " (" + src.Path + " replaces langfuse.resources whole; the two are not merged)"
			}
		}
		msg := fmt.Sprintf("the %s container has no %s%s", comp, orJoined(missing), from)
		for _, r := range c.autoscaledResources(comp) {
			if slices.Contains(missing, "requests."+r) {
				msg += fmt.Sprintf("; its autoscaler's %s utilisation target has no request to measure against", r)
			}
		}
		c.Report(where, "%s", msg)
	}
}

func checkVPAHPAConflict(c *Context) {
	for _, comp := range c.Components() {
		p := c.Comp(comp)
		if !c.Bool(p+".vpa.enabled") || !c.Bool(p+".hpa.enabled") || c.Bool(p+".keda.enabled") {
			continue
		}
		if c.Str(p+".vpa.updatePolicy.updateMode") == "Off" {
			continue
		}
		vpaRes := scalarTexts(c.Get(p + ".vpa.controlledResources"))
		if len(vpaRes) == 0 {
			vpaRes = []string{"cpu", "memory"} // the VPA's default
		}
		hpaRes := c.autoscaledResources(comp)
		if len(hpaRes) == 0 {
			hpaRes = []string{"cpu"} // an HPA without metrics targets CPU
		}
		var both []string
		for _, r := range hpaRes {
			if slices.Contains(vpaRes, r) {
				both = append(both, r)
			}
		}
		if len(both) == 0 {
			continue
		}
		c.Report(c.At(p+".vpa.enabled"), "the %s VPA changes the %s requests that the HPA's utilisation target is measured "+
			"against: the two autoscalers fight", comp, strings.Join(both, " and "))
	}
}

package rules

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

var renderRules = []*Rule{
	{
		ID:       "chart-refuses-values",
		Severity: finding.Error,
		Category: Rendering,
		Summary:  "The values trip one of the chart's own fail or required checks, so helm refuses to render the release.",
		Rationale: "The chart validates its values while rendering (validations.yaml and the required fields of its " +
			"helpers) and aborts helm install, upgrade or template with an error. What it checks depends on the chart " +
			"version: chart 1.x requires salt, nextauth.secret and the PostgreSQL and bundled ClickHouse passwords and " +
			"exactly one ClickHouse shard; chart 2.x generates those secrets but checks the bucket and Secret names of its " +
			"bundled stores. These checks can be predicted from the values alone, so they are reported here before helm " +
			"runs, at the key that causes them, with the checked chart version's own conditions.",
		Remediation: "Change the reported key as the message says; each message names the combination the chart rejects.",
		Check:       reportRefusals,
	},
	{
		ID:       "extra-manifest-templated",
		Severity: finding.Warning,
		Category: Rendering,
		Summary:  "An extraManifests item contains a Helm template expression, which the chart does not evaluate.",
		Rationale: "The chart emits each extraManifests item with toYaml and never runs it through tpl: a " +
			"{{ .Release.Namespace }} or {{ include ... }} reaches Kubernetes as literal text, where it is an invalid " +
			"name or a wrong value.",
		Remediation: "Write the final value (the namespace, the release's resource names) into the extraManifests item, or generate the manifest outside the chart.",
		Check:       checkExtraManifestTemplated,
	},
	{
		ID:       "clickhouse-crd-check-offline",
		Severity: finding.Info,
		Category: Rendering,
		Summary:  "The bundled ClickHouse's CRD check makes offline renders (helm template, GitOps) fail unless both operator API versions are passed.",
		Rationale: "With clickhouse.deploy and clickhouse.crdCheck, the chart fails when the API " +
			"clickhouse.com/v1alpha1/ClickHouseCluster is not available, and separately when " +
			"clickhouse.com/v1alpha1/KeeperCluster is not. Without a cluster to ask, helm template knows neither. The " +
			"chart's hint names only the ClickHouseCluster API, so following it fails again on the KeeperCluster check. " +
			"Against a live cluster with the ClickHouse operator installed the check passes and is useful, hence info.",
		Remediation: "For offline renders pass --api-versions clickhouse.com/v1alpha1/ClickHouseCluster --api-versions clickhouse.com/v1alpha1/KeeperCluster, or set clickhouse.crdCheck: false once the operator is known to be installed.",
		Versions:    ">= 2.0.0-0",
		Check:       checkClickHouseCRDCheckOffline,
	},
	{
		ID:       "v1-upgrade-guard-off",
		Severity: finding.Warning,
		Category: Rendering,
		Summary:  "langfuse.allowV1Upgrade is true: the chart's guard against replacing chart 1.x stores with empty ones is off.",
		Rationale: "On helm upgrade, chart 2.0.0 looks for the stores chart 1.x left behind (the ClickHouse StatefulSet, " +
			"the PostgreSQL PVC, the MinIO Deployment) and refuses to continue, because the bundled 2.x stores start " +
			"on new, empty volumes. allowV1Upgrade switches that guard off; an upgrade then silently leaves the old " +
			"data behind.",
		Remediation: "Remove langfuse.allowV1Upgrade (false is the default) and follow the chart's v1-to-v2 upgrade guide: a sibling v2 release and a data copy, unless all stores are external.",
		Check:       checkV1UpgradeGuardOff,
		Versions:    ">= 2.0.0-0",
	},
}

// reportRefusals reports the refusals of the checked chart version that
// belong to the running rule.
func reportRefusals(c *Context) {
	for _, r := range c.refusals() {
		if r.Rule != c.rule.ID {
			continue
		}
		w := c.At(r.Path)
		if r.Node != nil {
			w = c.AtNode(r.Node, r.Path)
		}
		if r.Advice != "" {
			c.Report(w, "%s; the chart refuses to render; %s", r.Message, r.Advice)
			continue
		}
		c.Report(w, "%s; the chart refuses to render", r.Message)
	}
}

// joinAnd lists words as "a, b and c".
func joinAnd(words []string) string { return model.JoinAnd(words) }

// joinOr lists words as "a, b or c".
func joinOr(words []string) string { return model.JoinOr(words) }

// helmExprRE matches a template action that uses Helm's own objects or
// functions, as opposed to braces meant for another tool (Prometheus
// alert templates, Argo Workflows parameters) that must stay literal.
var (
	actionRE   = lazyre.New(`\{\{-?\s*(.*?)\s*-?\}\}`)
	helmExprRE = lazyre.New(`(^|[\s($])\$?\.(Release|Values|Chart|Capabilities|Template|Files)\b|(^|[\s(])(include|tpl|template|required|lookup|toYaml)\s`)
)

// helmAction returns the first Helm template action in s, or "".
func helmAction(s string) string {
	if !strings.Contains(s, "{{") {
		return ""
	}
	for _, m := range actionRE.FindAllStringSubmatch(s, -1) {
		if helmExprRE.MatchString(m[1]) {
			a := m[0]
			if len(a) > 60 {
				a = a[:57] + "..."
			}
			return a
		}
	}
	return ""
}

func checkExtraManifestTemplated(c *Context) {
	list := c.Get("extraManifests")
	if list == nil || list.Kind != values.List {
		return
	}
	for i, it := range list.Items {
		walkTemplated(c, it, values.JoinIndex("extraManifests", i), i)
	}
}

func walkTemplated(c *Context, n *values.Node, path string, item int) {
	switch n.Kind {
	case values.Map:
		for _, f := range n.Fields {
			p := values.JoinKey(path, f.Key)
			if a := helmAction(f.Key); a != "" {
				c.Report(Where{Pos: f.KeyPos, Path: p}, "extraManifests[%d] has the key %s, but the chart does not template extraManifests: it reaches Kubernetes literally", item, a)
			}
			walkTemplated(c, f.Value, p, item)
		}
	case values.List:
		for j, x := range n.Items {
			walkTemplated(c, x, values.JoinIndex(path, j), item)
		}
	case values.String:
		if a := helmAction(n.Str); a != "" {
			c.Report(c.AtNode(n, path), "extraManifests[%d] contains %s, but the chart does not template extraManifests: it reaches Kubernetes literally", item, a)
		}
	}
}

func checkClickHouseCRDCheckOffline(c *Context) {
	apis := c.OfflineAPIVersions()
	if len(apis) == 0 {
		return
	}
	var flags []string
	for _, a := range apis {
		flags = append(flags, "--api-versions "+a)
	}
	c.Report(c.At("clickhouse.crdCheck"), "clickhouse.crdCheck is on: helm template and GitOps renders without a cluster fail unless given %s (the chart's hint names only the first)",
		strings.Join(flags, " "))
}

func checkV1UpgradeGuardOff(c *Context) {
	if !c.Bool("langfuse.allowV1Upgrade") {
		return
	}
	// The guard only looks for stores the chart bundles.
	var bundled []string
	for _, s := range []struct{ key, name string }{
		{"clickhouse.deploy", "the ClickHouse StatefulSet"}, {"postgresql.deploy", "the PostgreSQL PVC"}, {"s3.deploy", "the MinIO Deployment"},
	} {
		if c.Bool(s.key) {
			bundled = append(bundled, s.name)
		}
	}
	if len(bundled) == 0 {
		return
	}
	c.Report(c.At("langfuse.allowV1Upgrade"), "langfuse.allowV1Upgrade is true: a helm upgrade from chart 1.x no longer stops when it finds %s of chart 1.x; the bundled 2.x stores start on new, empty volumes and the old data is left behind",
		joinOr(bundled))
}

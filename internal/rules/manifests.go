package rules

import "github.com/valuesmith/valuesmith/internal/finding"

// Manifests is the category of rules checked on the rendered chart
// (check --chart); internal/chart reports them.
const Manifests Category = "Rendered manifests (--chart)"

// manifestRules have no values check: they need the chart rendered, which
// internal/chart does with Helm's engine. They are catalogued here for
// listings, documentation, severities and suppressions.
var manifestRules = []*Rule{
	{
		ID:          "chart-render",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "The chart refuses to render these values (its fail or required checks), or renders something that is not YAML.",
		Rationale:   "helm install would stop with the same message. valuesmith renders every template on its own when the chart fails, so every refusal is reported at once, each at the values key it names.",
		Remediation: "Change the values key named in the message; valuesmith explain chart-refuses-values lists the usual causes.",
	},
	{
		ID:          "chart-template-error",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A template of the chart is broken whatever the values (a parse error, an undefined or endlessly recursive template), or rendering reached its limit of time or memory.",
		Rationale:   "helm install would fail the same way with any values. Rendering runs with a time limit and, in a process of its own, a memory limit, so that a hostile or broken chart ends in this one finding instead of a hang or a crash.",
		Remediation: "Fix the template named (or report it to the chart's maintainers); no values change helps. If the chart is trusted and only large, raise --render-timeout or --render-memory.",
	},
	{
		ID:          "chart-dependency-missing",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A sub-chart that the values enable is not in the chart's charts/ directory.",
		Rationale:   "The chart's git tree carries no sub-charts. helm template and helm install fail for an enabled sub-chart that is absent; a disabled one is never needed.",
		Remediation: "Run helm dependency build on the chart (or use the packaged chart), or turn the store's deploy off and use an external one.",
	},
	{
		ID:       "chart-api-missing",
		Severity: finding.Warning,
		Category: Manifests,
		Summary:  "The values enable an object that the chart renders only when the cluster serves its API, and that API was not offered.",
		Rationale: "The chart checks .Capabilities.APIVersions before rendering a VerticalPodAutoscaler; without the API it renders nothing and says nothing. " +
			"By default valuesmith offers the KEDA, VPA and ClickHouse operator APIs when the values use them; with --auto-api-versions=false it reports what would be silently dropped.",
		Remediation: "Pass --api-versions for the API (for example autoscaling.k8s.io/v1), or install its operator in the cluster.",
	},
	{
		ID:          "manifest-probe-port",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A rendered probe targets a port the container does not declare.",
		Rationale:   "A probe on an undeclared named port fails at admission; on a number nobody listens on, every probe fails and the container restarts forever.",
		Remediation: "Keep the probe, the container port and the process's PORT on the same number (langfuse.worker.port with a PORT env for the worker, langfuse.web.service.port for web).",
		Echoes:      []string{"web-probe-port", "worker-probe-port"},
	},
	{
		ID:          "manifest-pdb-selector",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A rendered PodDisruptionBudget selects no pod, or pods of both components.",
		Rationale:   "A budget that selects nothing protects nothing; one that spans web and worker lets a drain take every pod of one component.",
		Remediation: "Do not override the app.kubernetes.io/* labels in pod.labels; the chart's PDB selectors rely on them.",
	},
	{
		ID:          "manifest-spread-selector",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A rendered topology spread constraint selects none of its own pods, or pods of both components or of other releases.",
		Rationale:   "The scheduler counts the pods the selector matches. Matching nothing spreads nothing; matching web and worker together, or other releases, balances the wrong set.",
		Remediation: "Select app.kubernetes.io/name, app.kubernetes.io/instance (the release) and app.kubernetes.io/component in labelSelector.matchLabels.",
		Echoes:      []string{"topology-spread-selector"},
	},
	{
		ID:          "manifest-scale-target",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A HorizontalPodAutoscaler or ScaledObject targets a workload the release does not render.",
		Rationale:   "An autoscaler pointing at a missing Deployment does nothing, usually because of a typo or a release-name change in an extraManifests item.",
		Remediation: "Point scaleTargetRef at <fullname>-web or <fullname>-worker (kind Deployment).",
	},
	{
		ID:          "manifest-service-routing",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "The web Service selects no web pod, or an Ingress backend names a Service or port the release does not render.",
		Rationale:   "Traffic reaches Langfuse only if the Ingress backend names an existing Service port and that Service selects the web pods.",
		Remediation: "Use the default backend (the web Service's http port), or name a Service and port that exist.",
	},
	{
		ID:          "manifest-env-duplicate",
		Severity:    finding.Warning,
		Category:    Manifests,
		Summary:     "A rendered container sets the same environment variable twice.",
		Rationale:   "additionalEnv entries come after the chart's own; Kubernetes keeps the last, so a duplicate silently overrides a value the chart derived from a structured key.",
		Remediation: "Set the structured values key instead of the env var, or remove the duplicate.",
	},
	{
		ID:          "manifest-invalid",
		Severity:    finding.Error,
		Category:    Manifests,
		Summary:     "A rendered object is not valid for Kubernetes: an unknown field, a wrong type, a bad quantity, an API version no longer served.",
		Rationale:   "Each object is decoded strictly into the Kubernetes API types (and KEDA objects validated against KEDA's CRD schema), as the API server would, so helm install does not fail halfway.",
		Remediation: "Fix the field named in the message; for extraManifests items, write the object as the API documents it.",
	},
	{
		ID:          "manifest-not-validated",
		Severity:    finding.Info,
		Category:    Manifests,
		Summary:     "A rendered object has a kind valuesmith has no schema for, so it was not validated.",
		Rationale:   "Unknown kinds (operator resources such as ClickHouseCluster) are reported rather than passed silently.",
		Remediation: "Validate it against its operator's CRD, for example with kubectl apply --dry-run=server.",
	},
}
